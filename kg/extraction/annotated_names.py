"""Names the project's annotators marked in the training abstracts, as a feature of the tagger.

The CRF sees one word and its neighbours at a time, so a multi-word technique annotated in
forty training abstracts ("message passing", "linear probing", "self-consistency") is still
unknown to it in the forty-first unless its words alone give it away. This lexicon carries the
training annotations across abstracts: every annotated name, the type it was most often given,
and how *reliable* the phrase is — in what share of the training abstracts that contain the
words was it annotated at all ("attention" is written in many abstracts and annotated in few;
"byte pair encoding" is annotated wherever it occurs). The tagger reads a match as a feature
and learns how far to trust each reliability band.

A lexicon built from the very abstracts a model trains on would be a perfect, and so useless,
feature: the model would learn to copy it. :func:`jackknife` therefore gives each training
abstract the lexicon of the *other* parts, as a new abstract sees the lexicon of all of them.

The file (``data/tagger.names.tsv``, written by ``scripts/train_tagger.py`` beside the
weights, see :func:`kg.extraction.tagger.names_path`) holds phrases as lower-cased tokens
joined by spaces, the type, and the two counts.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Longest phrase matched, in tokens.
MAX_TOKENS = 8
#: Reliability bands: the feature names the lowest band a phrase reaches (below the last: none).
BANDS = (0.8, 0.5, 0.2)
#: Parts of the jackknife: each training abstract sees the names of the other nine tenths.
PARTS = 10

Phrase = tuple[str, ...]


@dataclass
class AnnotatedNames:
    """Phrase → (type, abstracts annotating it, abstracts containing it).

    Examples
    --------
    >>> names = AnnotatedNames.from_counts({("message", "passing"): {"METHOD": 3}}, {("message", "passing"): 3})
    >>> names.tags(["we", "use", "message", "passing", "."])
    [None, None, 'B-METHOD|0.8', 'I-METHOD|0.8', None]
    """

    entries: dict[Phrase, tuple[str, int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # the (first, later) token tags of each phrase reliable enough to tag, made once
        self._tags: dict[Phrase, tuple[str, str]] = {}
        # the longest such phrase each first word starts: most words start none, one lookup
        self.longest: dict[str, int] = {}
        for phrase, (label, _, _) in self.entries.items():
            band = self.band(phrase)
            if band is not None:
                self._tags[phrase] = (f"B-{label}|{band}", f"I-{label}|{band}")
                self.longest[phrase[0]] = max(self.longest.get(phrase[0], 0), len(phrase))

    @classmethod
    def from_counts(cls, annotated: dict[Phrase, Counter | dict], occurring: Counter | dict) -> "AnnotatedNames":
        entries = {}
        for phrase, types in annotated.items():
            total = sum(types.values())
            seen = max(occurring.get(phrase, 0), total)
            if total <= 0:
                continue
            label = min(types, key=lambda t: (-types[t], t))  # most often given; ties by name
            entries[phrase] = (label, total, seen)
        return cls(entries)

    def band(self, phrase: Phrase) -> str | None:
        label, annotated, seen = self.entries[phrase]
        share = annotated / seen
        return next((f"{b}" for b in BANDS if share >= b), None)

    def tags(self, low: Sequence[str]) -> list[str | None]:
        """``B-TYPE|band`` / ``I-TYPE|band`` over the longest known phrases, left to right."""
        out: list[str | None] = [None] * len(low)
        known, longest, n, free = self._tags, self.longest, len(low), 0  # free: the first token no match holds
        for i in [i for i, word in enumerate(low) if word in longest]:  # most words start no phrase
            if i < free:
                continue
            for k in range(min(longest[low[i]], n - i), 0, -1):
                tags = known.get(tuple(low[i:i + k]))
                if tags is not None:
                    out[i:i + k] = [tags[0]] + [tags[1]] * (k - 1)
                    free = i + k
                    break
        return out

    def write(self, path: str | Path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write("phrase\ttype\tannotated\tseen\n")
            for phrase in sorted(self.entries):
                label, annotated, seen = self.entries[phrase]
                f.write(f"{' '.join(phrase)}\t{label}\t{annotated}\t{seen}\n")

    @classmethod
    def read(cls, path: str | Path) -> "AnnotatedNames":
        """The lexicon in ``path``; empty if there is no such file (the feature is then silent)."""
        path = Path(path)
        if not path.exists():
            return cls()
        entries = {}
        with open(path, encoding="utf-8") as f:
            next(f, None)
            for line in f:
                phrase, label, annotated, seen = line.rstrip("\n").split("\t")
                entries[tuple(phrase.split(" "))] = (label, int(annotated), int(seen))
        return cls(entries)


def _phrases_in(low: Sequence[str], known: set[Phrase]) -> set[Phrase]:
    return {tuple(low[i:i + k]) for i in range(len(low)) for k in range(1, min(MAX_TOKENS, len(low) - i) + 1)
            if tuple(low[i:i + k]) in known}


def count_names(documents: Iterable[tuple[Sequence[str], Iterable[tuple[Phrase, str]]]]) -> list[tuple[Counter, set[Phrase]]]:
    """Per abstract: the (phrase, type) pairs annotated in it and every known phrase it contains.

    ``documents`` gives each abstract's lower-cased tokens and its annotated ``(phrase, type)``s.
    """
    docs = [(list(low), Counter(dict.fromkeys(set(pairs), 1))) for low, pairs in documents]
    known = {phrase for _, pairs in docs for phrase, _ in pairs}
    return [(pairs, _phrases_in(low, known)) for low, pairs in docs]


def build(counts: Sequence[tuple[Counter, set[Phrase]]]) -> AnnotatedNames:
    """The lexicon of all the given abstracts' counts."""
    annotated: dict[Phrase, Counter] = {}
    occurring: Counter = Counter()
    for pairs, present in counts:
        for (phrase, label), n in pairs.items():
            annotated.setdefault(phrase, Counter())[label] += n
        occurring.update(present)
    return AnnotatedNames.from_counts(annotated, occurring)


def jackknife(counts: Sequence[tuple[Counter, set[Phrase]]], parts: int = PARTS) -> list[AnnotatedNames]:
    """For each abstract, the lexicon of the abstracts outside its part (abstract i is in part
    ``i % parts``): what a training abstract sees is what an unseen one would."""
    lexicons = [build([c for i, c in enumerate(counts) if i % parts != p]) for p in range(parts)]
    return [lexicons[i % parts] for i in range(len(counts))]
