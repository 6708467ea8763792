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

    def __init__(self, tail: str, anchor: str, window: int = 120, last_words: int = 1):
        self.tail = re.compile(rf"(?<![\w'’^$+*.-])(?:{tail})$")
        self.anchor = re.compile(anchor)
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


def _comma_word_starts(text: str):
    """The start of the word just before each comma (a type noun must end at the comma)."""
    pos = text.find(",")
    while pos >= 0:
        start = pos
        while start > 0 and text[start - 1].isalpha():  # type nouns are letters only
            start -= 1
        yield start
        pos = text.find(",", pos + 1)


_NEW = re.compile(r"\b(?:we|our|new|novel|propose[sd]?|introduce[sd]?|present(?:s|ed)?|resulting|this paper|this work)\b", re.I)

PATTERNS = [
    # we introduce tsGT, a stochastic time series model
    ("verb_appos", Triggered(rf"\b(?i:{_INTRO_VERB})\s+(?P<name>{NAME})\s*(?:,|:|\(|–|—)\s*(?P<desc>[^.;]{{0,100}})", _verb_starts)),
    # a new task, called NameGuess / a system called GamePad
    ("called", re.compile(rf"\b(?:called|named|dubbed|termed|coined)\s+(?:as\s+)?(?P<name>{NAME})")),
    # we call this model X
    ("we_call", re.compile(rf"\b[Ww]e\s+(?:call|name|dub|term)\s+(?P<pre>(?:(?:this|it|our|the|them)\b\s*(?:[a-z-]+\s+){{0,3}})?)(?P<name>{NAME})")),
    # the resulting model, the Universal Transformer, ... / method, MONTROSE, is proposed
    ("noun_appos", Triggered(rf"\b(?P<noun>{_TYPE_WORDS}),\s+(?:the\s+)?(?P<name>{NAME})(?=\s*[,.(;:]|\s+(?:is|was|which|that|to|for|with|achieves|outperforms|improves)\b)", _comma_word_starts)),
    # Verbenet is a French lexicon / X is a benchmark for ...
    ("copula", Anchored(rf"(?P<name>{NAME})", rf"\s+(?:is|are)\s+(?:a|an|the)\s+(?P<desc>(?:[\w-]+\s+){{0,4}}?(?:{_TYPE_WORDS})\b)")),
    # Jukebox, a model that generates music
    ("name_appos", Anchored(rf"(?P<name>{NAME})", rf",\s+(?:a|an)\s+(?P<desc>[^.;,]{{0,60}}?\b(?:{_TYPE_WORDS})\b)")),
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
            intro = kind in ("verb_appos", "we_call") or bool(_NEW.search(d.get("pre") or ""))
            if kind in ("name_appos", "copula"):
                intro = bool(re.search(rf"(?i:{_INTRO_VERB})\s*$", text[max(0, m.start() - 20):m.start()]))
            out.append(Candidate(start, start + len(name), label, "kg_intro_cues", 0.8 if label else 0.5,
                                 cue="introduces" if intro else None))
    return sorted(set(out), key=lambda c: (c.start, c.end, c.label or "", c.cue or ""))


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
                         rf"\b(?P<head>{_DATA_HEAD})\b", last_words=2)),
    ("METHOD", Anchored(rf"(?P<name>{NAME})(?P<poss>['’]s)?(?P<mid>(?:\s+[a-z][a-z-]+){{0,2}})\s+",
                        r"\b(?P<head>algorithms?|estimators?|method|loss|regularizer|trick|optimizer|sampler|heuristic)\b",
                        last_words=3)),
    ("MODEL", Anchored(rf"(?P<name>{NAME})", r"\s+(?P<head>(?:language\s+)?models?|networks?|architectures?|LMs?)\b")),
    ("METRIC", Anchored(rf"(?P<name>{NAME})", r"\s+(?P<head>scores?|metrics?)\b")),
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
    return sorted(set(out), key=lambda c: (c.start, c.end, c.label))


def _namelike(name: str) -> bool:
    return bool(re.search(r"\d|[a-z][A-Z]|[A-Z]{2}", name)) or sum(w[:1].isupper() for w in name.split()) >= 2


def _group_spans(m: re.Match, group: str) -> list[tuple[int, int]]:
    # Python's re keeps only the last repetition of a group; that is enough for "A, B and C".
    return [m.span(group)] if m.group(group) else []
