"""Names the dictionary lacks, found by what the sentence says about them: introduction cues
("we introduce X, a … model", "called X", "the resulting model, the X") and head nouns
("the X dataset", "X's algorithm")."""
from __future__ import annotations

import re

from .candidates import Candidate
from .heads import HEAD_TYPE, first_type_noun, is_generic_phrase
from .names import NAME, clean_name, looks_like_name

class _Joined:
    """A match of ``tail`` (ending where ``anchor`` starts) and ``anchor``, read as one match."""

    def __init__(self, tail: re.Match, anchor: re.Match):
        self.tail, self.anchor = tail, anchor

    def _owner(self, g):
        return self.tail if g in self.tail.re.groupindex else self.anchor

    def group(self, g=0):
        if g == 0:
            return self.tail.string[self.tail.start():self.anchor.end()]
        return self._owner(g).group(g)

    def start(self, g=0):
        return self.tail.start() if g == 0 else self._owner(g).start(g)

    def end(self, g=0):
        return self.anchor.end() if g == 0 else self._owner(g).end(g)

    def span(self, g=0):
        return self.start(g), self.end(g)

    def groupdict(self):
        return {**self.anchor.groupdict(), **self.tail.groupdict()}


class Anchored:
    """Find the rare ``anchor`` first, then a name ending right before it: much faster than a
    regex that tries a name at every position of the text.

    ``last_words``: the name's last word lies within this many whitespace-separated words
    before the anchor, and a name word holds a capital or a digit, so windows whose last words
    have neither (nor a closing bracket) are skipped without running the tail regex.
    """

    def __init__(self, tail: str, anchor: str, window: int = 120, last_words: int = 1, anchor_starts=None):
        self.tail = re.compile(rf"(?<![\w'’^$+*.-])(?:{tail})$")
        self.anchor = Triggered(anchor, anchor_starts) if anchor_starts else re.compile(anchor)
        self.window = window
        self.last_words = last_words

    def finditer(self, text: str):
        for a in self.anchor.finditer(text):
            lo, hi = max(0, a.start() - self.window), a.start()
            if not _NAME_HINT.search(" ".join(text[lo:hi].split()[-self.last_words:])):
                continue
            t = self.tail.search(text, lo, hi)
            if t:
                yield _Joined(t, a)


_NAME_HINT = re.compile(r"[A-Z0-9)]")


class Triggered:
    """``pattern.finditer`` run only at the start positions a cheap ``trigger`` proposes.

    ``starts(text)`` must yield, in increasing order, every position where ``pattern`` could
    match; the matches (leftmost, non-overlapping) are then those of ``pattern.finditer``.
    """

    def __init__(self, pattern: str, starts):
        self.pattern = re.compile(pattern)
        self.starts = starts

    def finditer(self, text: str):
        end = 0
        for p in self.starts(text):
            if p < end:
                continue
            m = self.pattern.match(text, p)
            if m:
                end = m.end()
                yield m


_TYPE_WORDS = "|".join(sorted(HEAD_TYPE, key=len, reverse=True))
_INTRO_VERB = (r"(?:introduce[sd]?|introducing|present(?:s|ed|ing)?|propose[sd]?|proposing|release[sd]?|"
               r"describe[sd]?|describing|develop(?:s|ed)?|build|builds|construct(?:s|ed)?|create[sd]?)")
_VERB_STEM = re.compile(r"introduc|present|propos|releas|describ|develop|build|construct|creat")
_FOLD_TRAPS = re.compile("[\u017f\u212a\u0130\u0131]")  # ſ K İ ı: case-insensitively equal to ASCII letters


def _verb_starts(text: str):
    """Where an introduction verb (any case) may start; every position when lower-casing the
    text would not keep offsets or could miss a case-insensitive match."""
    low = text.lower()
    if len(low) != len(text) or _FOLD_TRAPS.search(text):
        yield from range(len(text))
        return
    for m in _VERB_STEM.finditer(low):  # a stem hidden inside another follows a letter: no \b
        yield m.start()


_WORD_START = re.compile(r"\b[a-z]")


def literal_starts(literals: str, shift: int = 0, after_space: bool = False, back_words: bool = False):
    """A ``starts`` function for :class:`Triggered`: the positions of ``literals`` (a regex of
    plain words) moved ``shift`` characters, or to the start of the whitespace run before them
    when ``after_space``, or every lower-case word start up to 80 characters before it when
    ``back_words`` (for patterns that open with a type noun some way before the hit).

    Hits do not overlap, but a hit hidden inside another follows a letter, so it could start no
    pattern that needs a word boundary or a space before it (with ``shift=-1``: no literal may
    begin with another's tail from its second letter).

    Examples
    --------
    >>> list(literal_starts("model|network", after_space=True)("a  model, network"))
    [1, 9]
    """
    hits = re.compile(literals)

    def starts(text: str):
        if back_words:  # every word start in the window before each hit
            last = 0
            for h in hits.finditer(text):
                for w in _WORD_START.finditer(text, max(last, h.start() - 80), h.start()):
                    yield w.start()
                last = h.start()
            return
        for h in hits.finditer(text):
            p = h.start() + shift
            if after_space:
                if p == 0 or not text[p - 1].isspace():
                    continue
                while p > 0 and text[p - 1].isspace():
                    p -= 1
            if p >= 0:
                yield p
    return starts


_DASH = re.compile("[-–—]")


def _appos_starts(text: str):
    """Each comma, and each whitespace character right before a dash, in text order."""
    dashes = [m.start() - 1 for m in _DASH.finditer(text, 1) if text[m.start() - 1].isspace()]
    comma = text.find(",")
    i = 0
    while comma >= 0 or i < len(dashes):
        if i < len(dashes) and (comma < 0 or dashes[i] < comma):
            yield dashes[i]
            i += 1
        else:
            yield comma
            comma = text.find(",", comma + 1)


def _comma_word_starts(text: str):
    """The start of the word just before each comma (a type noun must end at the comma)."""
    pos = text.find(",")
    while pos >= 0:
        start = pos
        while start > 0 and text[start - 1].isalpha():  # type nouns are letters only
            start -= 1
        yield start
        pos = text.find(",", pos + 1)


_WE_CALL = r"e\s+(?:call|name|dub|term)\b"  # "[Ww]e call" less its first letter: a plain-literal scan

_NEW = re.compile(r"\b(?:we|our|new|novel|propose[sd]?|introduce[sd]?|present(?:s|ed)?|resulting|this paper|this work)\b", re.I)

# NAME's two word loops overlap, so a failing match retries every split of a run of capitalised
# words (quadratic: 1 s at 2,000 words, endless at 60,000). Where what follows the name cannot
# start inside one (a comma, colon, bracket, dash), matching it atomically finds the same names
# in linear time; noun_appos alone loses the rare name cut short before a "." inside a word.
_ATOMIC_NAME = rf"(?>{NAME})"

PATTERNS = [
    # we introduce tsGT, a stochastic time series model
    ("verb_appos", Triggered(rf"\b(?i:{_INTRO_VERB})\s+(?P<name>{_ATOMIC_NAME})\s*(?:,|:|\(|–|—)\s*(?P<desc>[^.;]{{0,100}})", _verb_starts)),
    # a new task, called NameGuess / a system called GamePad
    ("called", Triggered(rf"\b(?:called|named|dubbed|termed|coined)\s+(?:as\s+)?(?P<name>{NAME})",
                         literal_starts("called|named|dubbed|termed|coined"))),
    # we call this model X
    ("we_call", Triggered(rf"\b[Ww]e\s+(?:call|name|dub|term)\s+(?P<pre>(?:(?:this|it|our|the|them)\b\s*(?:[a-z-]+\s+){{0,3}})?)[`'‘\"“]?(?P<name>{NAME})", literal_starts(_WE_CALL, shift=-1))),
    # which we call active memory, ... (a lower-case name the sentence itself coins)
    ("we_call_lower", Triggered(r"\b(?:which|that|what)\s+we\s+(?:call|name|dub|term)\s+(?P<name>[a-z][a-z-]+(?:\s[a-z][a-z-]+){0,2})(?=\s*[,.;:)])",
                                literal_starts(_WE_CALL, shift=-1, back_words=True))),
    # the resulting model, the Universal Transformer, ... / method, MONTROSE, is proposed
    ("noun_appos", Triggered(rf"\b(?P<noun>{_TYPE_WORDS}),\s+(?:the\s+)?(?P<name>{_ATOMIC_NAME})(?=\s*[,.(;:]|\s+(?:is|was|which|that|to|for|with|achieves|outperforms|improves)\b)", _comma_word_starts)),
    # Verbenet is a French lexicon / X is a benchmark for ...
    ("copula", Anchored(rf"(?P<name>{NAME})", rf"(?<!\s)\s+(?:is|are)\s+(?:a|an|the)\s+(?P<desc>(?:[\w-]+\s+){{0,4}}?(?:{_TYPE_WORDS})\b)",
                        )),
    # Jukebox, a model that generates music
    ("name_appos", Anchored(rf"(?P<name>{NAME})", rf"(?:,|\s[-–—])\s+(?:a|an)\s+(?P<desc>[^.;,]{{0,60}}?\b(?:{_TYPE_WORDS})\b)",
                            anchor_starts=_appos_starts)),
    # two new algorithms are suggested: E-MAML and E-RL^2. / an architecture ...: the Neural GPU.
    ("colon_list", Triggered(rf"\b(?P<noun>{_TYPE_WORDS})\b(?:[ ][\w-]+){{0,4}}:\s+(?P<list>(?:the\s+)?{NAME}(?:\s*,\s*{NAME})*(?:,?\s+and\s+{NAME})?)(?=\s*[.;]|$)",
                             literal_starts(":", after_space=False, back_words=True))),
]


def find_intro_cues(text: str) -> list[Candidate]:
    """Candidates named by introduction cues; ``cue="introduces"`` when the paper presents them.

    Examples
    --------
    >>> t = "In this paper we introduce tsGT, a stochastic time series model."
    >>> [(t[c.start:c.end], c.label, c.cue) for c in find_intro_cues(t)]
    [('tsGT', 'MODEL', 'introduces')]
    """
    out = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            if kind == "colon_list":
                head = text[m.start():m.start("list")].rstrip()
                before = text[max(0, m.start() - 40):m.start()].lower().split()[-4:]
                # "criteria for our new protocol:" (the noun is not the head), "Task 4: <title>"
                if not _PREPOSITIONS.intersection(before) and not head[-2:-1].isdigit():
                    out += _list_names(m, _last_type_noun(head) or HEAD_TYPE[m.group("noun").lower()])
                continue
            if kind == "we_call_lower":
                name = m.group("name")
                label = _last_type_noun(re.split(r"[.;]", text[max(0, m.start() - 80):m.start()])[-1])
                if label and not is_generic_phrase(name) and not _LOWER_STOP.intersection(name.split()):
                    out.append(Candidate(m.start("name"), m.end("name"), label, "kg_intro_cues", 0.7, cue="introduces"))
                continue
            name, skip = clean_name(m.group("name"))
            if not looks_like_name(name) or is_generic_phrase(name):
                continue
            start = m.start("name") + skip
            d = m.groupdict()
            if kind in ("called", "noun_appos"):  # the clause before the match: cheap to slice, slow to regex
                d["pre"] = re.split(r"[.;]", text[max(0, m.start() - 80):m.start()])[-1]
            if kind in ("verb_appos", "name_appos", "copula"):
                label = first_type_noun(d["desc"])
            elif kind == "noun_appos":
                label = HEAD_TYPE[d["noun"].lower()]
            else:
                label = _last_type_noun(d.get("pre") or "")
                if label is None and kind == "we_call":  # "a novel environment we call X"
                    label = _last_type_noun(re.split(r"[.;]", text[max(0, m.start() - 80):m.start()])[-1])
            intro = kind in ("verb_appos", "we_call") or bool(_NEW.search(d.get("pre") or ""))
            if kind in ("name_appos", "copula"):
                intro = bool(re.search(rf"(?i:{_INTRO_VERB})\s*$", text[max(0, m.start() - 20):m.start()]))
            out.append(Candidate(start, start + len(name), label, "kg_intro_cues", 0.8 if label else 0.5,
                                 cue="introduces" if intro else None))
    return sorted(set(out), key=lambda c: (c.start, c.end, c.label or "", c.cue or ""))


_LOWER_STOP = {"it", "this", "that", "these", "them", "the", "a", "an", "our", "its", "their", "which", "such", "and", "or"}
_NAME_RE = re.compile(NAME)
_PREPOSITIONS = {"for", "of", "in", "on", "with", "to", "from", "by", "about", "into", "over", "at"}


def _list_names(m: re.Match, label: str) -> list[Candidate]:
    """One candidate per name of a list introduced by a colon after a type noun."""
    out = []
    lst = m.group("list")
    base = m.start("list")
    for n in _NAME_RE.finditer(lst):
        if n.group() == "and":
            continue
        name, skip = n.group().rstrip(".,;:'’-"), 0
        first = name.split(" ", 1)[0]
        if first in ("The", "A", "An", "Our") and " " in name:  # not clean_name: "Neural GPU" keeps "Neural"
            name, skip = name[len(first) + 1:], len(first) + 1
        if looks_like_name(name) and not is_generic_phrase(name):
            s = base + n.start() + skip
            out.append(Candidate(s, s + len(name), label, "kg_intro_cues", 0.7))
    return out


def _last_type_noun(pre: str) -> str | None:
    words = re.findall(r"[A-Za-z][A-Za-z-]*", pre.lower())
    for w in reversed(words[-6:]):
        if w in HEAD_TYPE:
            return HEAD_TYPE[w]
    return None


_DATA_MOD = r"(?:\s*\([^()]{0,40}\))?(?:\s+(?:multilingual|parallel|public|large-scale|standard|popular|annotated|evaluation|test|training|benchmark|QA|NLI))?"
_DATA_HEAD = r"(?:[Dd]atasets?|[Dd]ata [Ss]ets?|[Bb]enchmarks?|[Cc]orpus|[Cc]orpora|[Tt]reebanks?|[Ss]hared [Tt]asks?|[Ll]exicon|[Ss]uite|[Cc]hallenge)"
HEAD_PATTERNS = [
    ("DATASET", Anchored(rf"(?P<name>{NAME})(?:\s*,\s*(?P<more>{NAME}))*(?:,?\s+and\s+(?P<last>{NAME}))?{_DATA_MOD}\s+",
                         rf"\b(?P<head>{_DATA_HEAD})\b", last_words=2,
                         anchor_starts=literal_starts("ata|enchmark|orp|reebank|hared|exicon|uite|hallenge", shift=-1))),
    ("METHOD", Anchored(rf"(?P<name>{NAME})(?P<poss>['’]s)?(?P<mid>(?:\s+[a-z][a-z-]+){{0,2}})\s+",
                        r"\b(?P<head>algorithms?|estimators?|method|loss|regularizer|trick|optimizer|sampler|heuristic)\b",
                        last_words=3, anchor_starts=literal_starts(
                            "algorithm|estimator|method|loss|regularizer|trick|optimizer|sampler|heuristic"))),
    ("MODEL", Anchored(rf"(?P<name>{NAME})", r"\s+(?P<head>(?:language\s+)?models?|networks?|architectures?|LMs?)\b",
                       anchor_starts=literal_starts("language|model|network|architecture|LM", after_space=True))),
    ("METRIC", Anchored(rf"(?P<name>{NAME})", r"\s+(?P<head>scores?|metrics?)\b",
                        anchor_starts=literal_starts("score|metric", after_space=True))),
]


def find_head_nouns(text: str) -> list[Candidate]:
    """Candidates typed by the noun they modify ("the Krazy World benchmark", "Lang's algorithm").

    Examples
    --------
    >>> t = "We evaluate on the TOP and TOPv2 datasets and use Lang's algorithm."
    >>> [(t[c.start:c.end], c.label) for c in find_head_nouns(t)]
    [('TOP', 'DATASET'), ('TOPv2', 'DATASET'), ("Lang's algorithm", 'METHOD')]
    """
    out = []
    for label, pat in HEAD_PATTERNS:
        for m in pat.finditer(text):
            spans = [(m.start("name"), m.group("name"))]
            if label == "DATASET" and m.group("last"):
                spans += [(s, text[s:e]) for s, e in _group_spans(m, "more")] + [(m.start("last"), m.group("last"))]
            for s, raw in spans:
                name, skip = clean_name(raw)
                s += skip
                if not looks_like_name(name) or is_generic_phrase(name):
                    continue
                end = s + len(name)
                if "'s " in name or "’s " in name:
                    continue  # "LSTM's BLEU score": a possessive inside is no name
                with_head = text[s:m.end("head")]
                if label == "METHOD" and (m.group("poss") or raw.endswith(("'s", "’s")) or m.group("mid")):
                    end = m.end("head")  # "Lang's algorithm", "N-pair training loss" are the names
                elif label == "DATASET" and m.group("head")[0].isupper() and s == m.start("name") + skip and not m.group("last"):
                    end = m.end("head")  # "Penn Treebank", "Content Types Dataset"
                elif label == "MODEL" and m.group("head").startswith("network") and len(name.split()) >= 2:
                    end = m.end("head")  # "Knowledge-aware Video Description network"
                elif label in ("MODEL", "METRIC") and not _namelike(name):
                    continue  # "Transformer model" is the gazetteer's job; plain words are not names
                alias = with_head if end != m.end("head") else text[s:s + len(name)]
                out.append(Candidate(s, end, label, "kg_head_nouns", 0.75, aliases=(alias,)))
    out += find_technique_phrases(text)
    return sorted(set(out), key=lambda c: (c.start, c.end, c.label, c.aliases))  # total order: sets are unordered


# Lower-case technique names are compounds whose head says "technique": "coverage penalty",
# "length normalization", "semantic hashing". Modifiers that only describe ("strong", "the")
# make a description, not a name.
_TECHNIQUE_HEAD = r"penalty|penalties|normali[sz]ation|smoothing|regulari[sz]ation|relaxation|hashing"
_TECHNIQUE = Triggered(rf"(?<![\w-])(?P<mods>[a-z][a-z]+(?:[ -][a-z][a-z]+)?)[ -](?P<head>{_TECHNIQUE_HEAD})\b",
                       literal_starts(_TECHNIQUE_HEAD, back_words=True))
_DESCRIPTIVE = set("""a an the this that these those our their its his her any some each every no such other
    another same different new novel simple strong weak large small big high low good better best more most
    less least additional further extra proper standard typical usual common general specific various several
    many much few little strict soft hard full partial explicit implicit effective efficient appropriate
    adaptive optimal existing previous traditional conventional popular classical
    and or of for to in on with by from as at via using use uses used apply applies applied applying
    without than into over under between through is are was were be been being has have had do does
    not also which that can may might should would could will must what when where how why both either
    neither one two three four five art level understand understands include includes introduce
    introduces propose proposes investigate investigates add adds employ employs explore explores study
    studies show shows adopt adopts present presents achieve achieves improve improves call calls useful
    excessive simpler alternative moderate heavy slight significant substantial careful naive""".split())


def _describes(word: str) -> bool:
    """A word that describes or acts rather than names: function words, verbs, -ed/-ing/-ly forms."""
    return word in _DESCRIPTIVE or word.endswith(("ed", "ing", "ly"))


def find_technique_phrases(text: str) -> list[Candidate]:
    """Lower-case technique compounds (METHOD) the dictionary may lack.

    Examples
    --------
    >>> t = "It employs a length-normalization procedure and uses a coverage penalty, not a strong penalty."
    >>> [(t[c.start:c.end], c.label) for c in find_technique_phrases(t)]
    [('length-normalization', 'METHOD'), ('coverage penalty', 'METHOD')]
    """
    out = []
    for m in _TECHNIQUE.finditer(text):
        mods = re.split(r"[ -]", m.group("mods"))
        start = m.start("mods")
        while mods and _describes(mods[0]):  # "proposed confidence penalty" -> "confidence penalty"
            start += len(mods[0]) + 1
            mods = mods[1:]
        if not mods or any(_describes(w) for w in mods):
            continue
        out.append(Candidate(start, m.end("head"), "METHOD", "kg_head_nouns", 0.55))
    return out


def _namelike(name: str) -> bool:
    return bool(re.search(r"\d|[a-z][A-Z]|[A-Z]{2}", name)) or sum(w[:1].isupper() for w in name.split()) >= 2


def _group_spans(m: re.Match, group: str) -> list[tuple[int, int]]:
    # Python's re keeps only the last repetition of a group; that is enough for "A, B and C".
    return [m.span(group)] if m.group(group) else []
