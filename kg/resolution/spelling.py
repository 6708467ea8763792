"""What a spelling says across papers: its folded form, whether it is an acronym, what it expands."""
from __future__ import annotations

import re
import unicodedata

from kg.extraction.normalize import norm_name, spelling_matches, strip_generic_head

# Typographic variants of one character that papers type interchangeably (WMT’16 = WMT'16).
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00a0": " "})
# "BERT-based", "PropBank-style", "human-like": a name used as a modifier, not a name of its own.
_SUFFIXED = re.compile(r"^(?P<base>.*?\w)[\s-]+(?:based|style|like)$", re.I)
# What can surround a mention's text without being part of the name ("neural machine translation~").
_EDGE = " \t~.,;:!?*"
# Punctuation that is part of a name's identity (C++, C#); any other is spelling.
_NOT_NAME = re.compile(r"[^\w+#]+")
_PIECES = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")


def clean_spelling(text: str) -> str:
    """A spelling with typographic variants unified, edge punctuation and an "-based" suffix gone.

    Examples
    --------
    >>> clean_spelling("WMT\u201916"), clean_spelling("BERT-based method"), clean_spelling("neural machine translation~")
    ("WMT'16", 'BERT', 'neural machine translation')
    """
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    text = " ".join(text.split()).strip(_EDGE)
    match = _SUFFIXED.match(strip_generic_head(text))  # "BERT-based method" is BERT too
    return match.group("base") if match else text


def fold(text: str) -> str:
    """The comparison key of a spelling across papers: case, punctuation, spacing, plural and a
    generic head ("dataset", "mechanism") folded away, as extraction folds within an abstract.

    Examples
    --------
    >>> fold("Open IE") == fold("OpenIE"), fold("BoW") == fold("BOW"), fold("attention mechanism")
    (True, True, 'attention')
    >>> fold("WMT14 English\u2192German") == fold("WMT 14 English-German"), fold("C++") == fold("C")
    (True, False)
    """
    return _NOT_NAME.sub("", norm_name(strip_generic_head(clean_spelling(text)))).replace("_", "")


def is_acronym(text: str) -> bool:
    """True for a short, mostly upper-case single word (FT, KG, BoW, GPT-3, SQuAD): a spelling
    whose meaning depends on the paper, so it never joins papers on its own.

    Examples
    --------
    >>> is_acronym("FT"), is_acronym("BoW"), is_acronym("fine-tuning"), is_acronym("FrameNet")
    (True, True, False, False)
    """
    text = strip_generic_head(text)
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 12 or " " in text.strip():
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= max(2, len(letters) - 2)


def spells(short: str, long: str) -> bool:
    """True when ``short`` abbreviates ``long``: each capital or digit of ``short`` starts a word,
    a camel-case part or a number of ``long`` in order (small words may be skipped), and its
    lower-case letters continue the part just matched ("CoNLL", "BiLSTM"), as capitals continue
    an acronym inside the long form.

    Stricter than the Schwartz–Hearst test extraction uses, which accepts any letters in order
    ("NAT" in "neural machine translation"); only an acronym that spells its long form is taken
    as a definition that can join papers.

    Examples
    --------
    >>> spells("FT", "fine-tuning"), spells("FN", "FrameNet"), spells("BiLSTM", "Bidirectional LSTM")
    (True, True, True)
    >>> spells("NAT", "neural machine translation"), spells("KG", "keyphrase generation")
    (False, True)
    """
    chars = [c for c in short if c.isalnum()]
    if len(chars) > 1 and chars[-1] == "s" and chars[-2].isupper():
        chars = chars[:-1]  # plural acronym: "LLMs"
    parts = _PIECES.findall(long)
    if len(chars) < 2 or len(parts) < 2:
        return False
    i, rest = 0, ""
    for c in chars:
        at = rest.lower().find(c) if c.islower() else -1
        if at >= 0:  # a lower-case letter continues the part just matched
            rest = rest[at + 1:]
            continue
        if rest[:1] == c and rest.isupper():  # an acronym inside the long form: "LSTM"
            rest = rest[1:]
            continue
        while i < len(parts) and not parts[i].lower().startswith(c.lower()):
            i += 1
        if i == len(parts):
            return False
        rest, i = parts[i][1:], i + 1
    return chars[0].lower() == parts[0][0].lower()


class _Memo(dict):
    """``function``'s results by argument; the function runs once per distinct argument."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, argument):
        value = self[argument] = self.function(argument)
        return value


class Spellings:
    """The functions above (and ``spelling_matches``, ``strip_generic_head``) memoised for one resolution run.

    Why: across a corpus the same few spellings recur in thousands of papers ("BERT", "the
    model", "SQuAD"), and each call runs Unicode normalisation and several regular
    expressions; a run calls them millions of times on a few hundred thousand distinct
    strings. Plain dicts (``clean[text]``, ``spells[short, long]``) answer a repeat with
    one lookup, are dropped with the run (a long-lived process keeps no corpus in memory)
    and, unlike a bounded ``lru_cache``, never evict what the next paper needs. The values
    are those of the pure functions, so results are unchanged.
    """

    def __init__(self) -> None:
        self.clean = _Memo(clean_spelling)
        self.fold = _Memo(fold)
        self.acronym = _Memo(is_acronym)
        self.headless = _Memo(strip_generic_head)
        self.spells = _Memo(lambda pair: spells(*pair))
        self.matches = _Memo(lambda pair: spelling_matches(*pair))
