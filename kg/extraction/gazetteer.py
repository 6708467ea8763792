"""Known names: load the typed dictionary and find its aliases in a Doc."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .candidates import Candidate
from .normalize import norm_name

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity: preferred name, type, external ids and aliases with match modes."""

    name: str
    type: str
    ids: tuple
    aliases: tuple  # ((alias, mode), ...)


class Gazetteer:
    """The dictionary plus an index from normalised alias to entry, for lookups by other layers."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.alias_names = [tuple(a for a, _ in e.aliases) for e in entries]  # built once, not per match
        self.by_norm: dict[str, Entry] = {}
        for e in entries:
            for alias, _ in e.aliases:
                self.by_norm.setdefault(norm_name(alias), e)
            self.by_norm.setdefault(norm_name(e.name), e)

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form names, if any.

        Examples
        --------
        >>> g = Gazetteer([Entry("LSTM", "MODEL", (), (("Long Short-Term Memory", "lower"),))])
        >>> g.lookup("long short-term memory").name
        'LSTM'
        """
        return self.by_norm.get(norm_name(surface))


def read_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read a gazetteer JSONL file (default: the one shipped in ``kg/extraction/data``)."""
    path = Path(path) if path else DATA / "gazetteer.jsonl"
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            entries.append(Entry(r["name"], r["type"], tuple(sorted(r["ids"].items())),
                                 tuple((a, m) for a, m in r["aliases"])))
    return Gazetteer(entries)


_ACRONYM = re.compile(r"[A-Z]{2,}[0-9]?")


def build_matchers(nlp, gazetteer: Gazetteer) -> dict[str, PhraseMatcher]:
    """One PhraseMatcher per match mode; match ids are entry indices."""
    matchers = {"exact": PhraseMatcher(nlp.vocab, attr="ORTH"),
                "name": PhraseMatcher(nlp.vocab, attr="LOWER"),
                "lower": PhraseMatcher(nlp.vocab, attr="LOWER")}
    by_mode: dict[str, list[tuple[int, str]]] = {m: [] for m in matchers}
    for i, e in enumerate(gazetteer.entries):
        for alias, mode in e.aliases:
            by_mode[mode].append((i, alias if mode == "exact" else alias.lower()))
            if mode == "exact" and _ACRONYM.fullmatch(alias):
                by_mode[mode].append((i, alias + "s"))  # plural acronyms: "RNNs", "GANs"
    for mode, items in by_mode.items():
        grouped: dict[int, list] = {}
        docs = nlp.tokenizer.pipe([a for _, a in items], batch_size=1000)
        for (i, _), d in zip(items, docs):
            grouped.setdefault(i, []).append(d)
        for i, ds in grouped.items():
            matchers[mode].add(str(i), ds)
    return matchers


def shows_name(doc: Doc, start: int, end: int) -> bool:
    """True when tokens look like a name in the text: an upper-case letter (not only the
    sentence-initial capital) or a digit. Guards "name"-mode aliases such as tfds "race"."""
    text = doc[start:end].text
    if any(c.isdigit() for c in text):
        return True
    uppers = sum(c.isupper() for c in text)
    if uppers == 0:
        return False
    sentence_initial = start == 0 or doc[start - 1].text in {".", "!", "?", ":", "\n"}
    return not (uppers == 1 and text[0].isupper() and sentence_initial)


def match_gazetteer(doc: Doc, matchers: dict, gazetteer: Gazetteer, confidence: float = 0.9) -> list[Candidate]:
    """Every alias occurrence in ``doc`` as a typed candidate carrying the entry's canonical name."""
    out = []
    strings = doc.vocab.strings
    entries, alias_names = gazetteer.entries, gazetteer.alias_names
    index: dict[int, int] = {}
    for mode, matcher in matchers.items():
        for match_id, start, end in matcher(doc):
            if mode == "name" and not shows_name(doc, start, end):
                continue
            if _glued(doc, start, end):
                continue
            i = index.get(match_id)
            if i is None:
                i = index[match_id] = int(strings[match_id])
            e = entries[i]
            last = doc[end - 1]
            out.append(Candidate(doc[start].idx, last.idx + len(last), e.type, "kg_gazetteer", confidence,
                                 canonical=e.name, ids=e.ids, aliases=alias_names[i]))
    return out


def _glued(doc: Doc, start: int, end: int) -> bool:
    """A match glued by a hyphen to a neighbour ("pre-" + "training") is part of a bigger word."""
    if start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ if start > 1 else False:
        return True
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
        and doc[end + 1].text.lower() not in _HYPHEN_OK
_HYPHEN_OK = {"based", "style", "like", "level", "type", "driven", "inspired", "powered", "augmented",
              "generated", "specific", "only", "small", "base", "large", "xl", "pretrained", "trained"}
