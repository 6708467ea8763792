"""Name normalisation: the one place that decides when two spellings are the same name."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[\s\-_'\u2019\u2018`.$\\{}^\u2010-\u2015]+")
_THE = re.compile(r"^the\s+", re.I)


@lru_cache(maxsize=1 << 16)
def norm_name(name: str) -> str:
    """Fold case, width, hyphens, spaces, a leading "the" and a trailing plural "s".

    Two surface forms name the same thing when their ``norm_name`` is equal; this follows the
    matching rule of the evaluation guidelines so that merging and scoring agree.

    Parameters
    ----------
    name : str
        A surface form.

    Returns
    -------
    str
        The comparison key.

    Examples
    --------
    >>> norm_name("the Transformers") == norm_name("transformer")
    True
    >>> norm_name("WMT'14")
    'wmt14'
    """
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = _DROP.sub("", _THE.sub("", s))
    if len(s) > 3 and s.endswith("s") and not s.endswith("ss"):
        s = s[:-1]
    return s


@lru_cache(maxsize=1 << 16)
def slug(entity_type: str, name: str) -> str:
    """A stable, ASCII-safe key ``type/name`` for an entity, e.g. for graph node ids.

    Examples
    --------
    >>> slug("MODEL", "GPT-3")
    'model/gpt-3'
    >>> slug("DATASET", "WMT'14 English-French")
    'dataset/wmt14-english-french'
    """
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    s = re.sub(r"['\u2019`^$\\{}]", "", s)
    s = re.sub(r"[^a-z0-9.]+", "-", s).strip("-.") or "x" + format(abs(hash_text(name)) % 10**8, "08d")
    return f"{entity_type.lower()}/{s}"


def hash_text(text: str) -> int:
    """A deterministic 64-bit hash (Python's ``hash`` is salted per process).

    Examples
    --------
    >>> hash_text("abc") == hash_text("abc")
    True
    """
    h = 1469598103934665603
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


_WORD_STARTS = re.compile(r"[^\W_]+")
# A generic head a catalogue alias may add to a name ("MNIST dataset", "BLEU score").
_HEAD = re.compile(r"(?:[\s-]+(?:data ?sets?|corpus|corpora|benchmarks?|treebank|models?|networks?|nets?|"
                   r"architectures?|algorithms?|methods?|frameworks?|approach|techniques?|scores?|metrics?|"
                   r"measures?|tasks?|mechanisms?|layers?|loss|systems?|toolkit))+$", re.I)


def spelling_matches(surface: str, canonical: str) -> bool:
    """True when a catalogue's canonical name may stand for ``surface``: the same name up to
    case, hyphens, spaces and plural, or one is an acronym of the other.

    A catalogue alias alone is not enough: "WordNet" is listed under the benchmark "WN18",
    and an entity must keep the name its text gives it unless the spellings agree.

    Examples
    --------
    >>> spelling_matches("transformers", "Transformer"), spelling_matches("Long Short-Term Memory", "LSTM")
    (True, True)
    >>> spelling_matches("MNIST dataset", "MNIST"), spelling_matches("attention mechanism", "Attention")
    (True, True)
    >>> spelling_matches("WordNet", "WN18"), spelling_matches("action recognition", "Action Recognition In Videos")
    (False, False)
    """
    a, b = norm_name(strip_generic_head(surface)), norm_name(strip_generic_head(canonical))
    if a == b:
        return True
    return _is_acronym_of(surface, canonical) or _is_acronym_of(canonical, surface)


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def same_numbers(alias: str, name: str) -> bool:
    """True unless ``alias`` writes numbers and they are not ``name``'s: the numbers of a name
    are part of what it names (CIFAR-100 is not CIFAR-10, T5-11B not T5), so a catalogue
    alias that changes them is another thing, listed under this one by mistake.

    Examples
    --------
    >>> same_numbers("CIFAR 10 dataset", "CIFAR-10"), same_numbers("CIFAR 100", "CIFAR-10")
    (True, False)
    >>> same_numbers("sequence to sequence", "Seq2Seq"), same_numbers("WMT'14 En-Fr", "WMT14 English-French")
    (True, True)
    """
    numbers = _NUMBER.findall(alias)
    return not numbers or numbers == _NUMBER.findall(name)


# The heads that describe a name and are never part of one: "the SNLI dataset" is SNLI (the
# guidelines: "large Transformer models" is the entity Transformer). Narrower than _HEAD,
# which also holds heads that end names: Penn Treebank, Residual Network, Brown Corpus.
_DESCRIPTIVE_HEAD = re.compile(r"\s+(?:data ?sets?|scores?|mechanisms?)$", re.I)


def without_descriptive_head(name: str) -> str:
    """``name`` without a trailing head that only describes it, unless that is all there is.

    Examples
    --------
    >>> without_descriptive_head("DailyDialog dataset"), without_descriptive_head("F1 score")
    ('DailyDialog', 'F1')
    >>> without_descriptive_head("self-attention mechanism"), without_descriptive_head("Penn Treebank")
    ('self-attention', 'Penn Treebank')
    """
    return _DESCRIPTIVE_HEAD.sub("", name) or name


def strip_generic_head(name: str) -> str:
    """``name`` without a trailing generic head, unless that is all there is.

    Examples
    --------
    >>> strip_generic_head("self-attention mechanism"), strip_generic_head("SQuAD dataset"), strip_generic_head("model")
    ('self-attention', 'SQuAD', 'model')
    """
    return _HEAD.sub("", name) or name


def _is_acronym_of(short: str, long: str) -> bool:
    """``short`` (one word, mostly capitals) spells the initials of ``long``'s words in order."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = _WORD_STARTS.findall(long)
    if not 2 <= len(letters) <= 10 or " " in short.strip() or len(words) < 2:
        return False
    if sum(c.isupper() for c in short) * 2 < len(letters):
        return False
    if letters[-1] == "s" and len(letters) > len(words):
        letters = letters[:-1]  # plural acronym: "LLMs"
    initials = [w[0].lower() for w in words]
    # every letter of the short form starts a word of the long form (words may be skipped:
    # "of", "the"), the first letter the first word
    if not initials or letters[0] != initials[0]:
        return False
    i = 0
    for ch in letters:
        while i < len(initials) and initials[i] != ch:
            i += 1
        if i == len(initials):
            return False
        i += 1
    return True
