"""The tagger's features: what the CRF reads of each token.

A token's features are its word's (spelling, shape, affixes, what the catalogue's names say
about the word, its clusters), its neighbours' words, and what depends on its place: what
every rule layer said about it, kind words nearby ("a framework", "the corpus"), the
annotated names it is part of. :func:`token_features` writes them as crfsuite's strings,
for training; :func:`word_parts` and :func:`placed_features` give the same features in two
groups, so that inference can sum a word's weights once for all its occurrences
(:class:`~kg.extraction.tagger.Tagger`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .annotated_names import AnnotatedNames
from .candidates import Candidate
from .entities import select_mentions

DATA = Path(__file__).parent / "data"
#: Word clusters learned from unannotated abstracts by ``scripts/train_clusters.py``.
CLUSTER_FILE = DATA / "word_clusters.tsv"
RULE_LAYERS = ("kg_gazetteer", "kg_acronyms", "kg_intro_cues", "kg_head_nouns", "kg_orthography", "kg_span_scorer")
_SHAPE_UPPER, _SHAPE_LOWER, _SHAPE_DIGIT = re.compile(r"[A-Z]+"), re.compile(r"[a-z]+"), re.compile(r"\d+")
_WORD_CACHE_SIZE = 200_000


def _shape(word: str) -> str:
    return _SHAPE_DIGIT.sub("d", _SHAPE_LOWER.sub("x", _SHAPE_UPPER.sub("X", word)))


_WORD = re.compile(r"[^\W_]+")
# Words that say what kind of thing a nearby name is ("X, a framework for …", "the X corpus").
KIND_WORDS = frozenset("""model models network networks architecture architectures system systems framework
frameworks method methods approach approaches algorithm algorithms technique techniques strategy strategies
mechanism mechanisms module modules layer layers loss objective dataset datasets corpus corpora benchmark
benchmarks treebank task tasks challenge metric metrics measure score scores toolkit library tool
encoder decoder classifier parser tagger embeddings representation representations learning training""".split())
KIND_WINDOW = 6
_STOPS = frozenset(".!?")
_RULES_O = "rules=O"


def catalogue_lexicon(gazetteer, min_count: int = 3) -> dict[str, tuple[str, ...]]:
    """For each word of the catalogue's names, the types of the names it ends (``head=``) and
    the types of the names it occurs in (``in=``), where at least ``min_count`` names agree.

    What a word tends to name carries to names no catalogue holds: "propagation" ends method
    names, "detection" task names, so "label propagation" and "toxic span detection" look typed.

    Examples
    --------
    >>> from kg.extraction.gazetteer import Entry, Gazetteer
    >>> g = Gazetteer([Entry(n, "METHOD", (), ((n, "lower"),)) for n in ["belief propagation", "back propagation"]])
    >>> catalogue_lexicon(g, min_count=2)["propagation"]
    ('head=METHOD', 'in=METHOD')
    """
    heads: dict[str, dict[str, int]] = {}
    inside: dict[str, dict[str, int]] = {}
    for entry in gazetteer.entries:
        names = {a.lower() for a, _ in entry.aliases} | {entry.name.lower()}
        seen_head, seen_in = set(), set()
        for name in names:
            words = _WORD.findall(name)
            if not words:
                continue
            seen_head.add(words[-1])
            seen_in.update(words)
        for w in seen_head:
            heads.setdefault(w, {}).setdefault(entry.type, 0)
            heads[w][entry.type] += 1
        for w in seen_in:
            inside.setdefault(w, {}).setdefault(entry.type, 0)
            inside[w][entry.type] += 1
    out: dict[str, tuple[str, ...]] = {}
    for w in sorted(set(heads) | set(inside)):
        feats = [f"head={t}" for t, n in sorted(heads.get(w, {}).items()) if n >= min_count]
        feats += [f"in={t}" for t, n in sorted(inside.get(w, {}).items()) if n >= min_count]
        if feats:
            out[w] = tuple(feats)
    return out


def read_clusters(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Each clustered word's features (``c64=17``, ``c256=…``, coarse to fine); ``{}`` if the
    file is missing. Words in one cluster share contexts, so what the tagger learned of one
    member carries to the others it never saw annotated."""
    path = Path(path) if path else CLUSTER_FILE
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8") as f:
        names = f.readline().rstrip("\n").split("\t")[1:]
        for line in f:
            word, *ids = line.rstrip("\n").split("\t")
            out[word] = tuple(f"{n}={i}" for n, i in zip(names, ids))
    return out


class WordFeatures:
    """The context-free features of a word, computed once per distinct word (most recur):
    spelling, shape, affixes, what the catalogue's names say about the word and its clusters."""

    def __init__(self, lexicon: dict[str, tuple[str, ...]] | None = None,
                 clusters: dict[str, tuple[str, ...]] | None = None):
        self.cache: dict[str, list[str]] = {}
        self.contexts: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self.lexicon = lexicon or {}
        self.clusters = clusters or {}

    def __call__(self, word: str) -> list[str]:
        hit = self.cache.get(word)
        if hit is None:
            if len(self.cache) >= _WORD_CACHE_SIZE:
                self.cache.clear()
            low = word.lower()
            hit = ["w=" + low, "shape=" + _shape(word), "p2=" + low[:2], "p3=" + low[:3],
                   "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:]]
            if word[:1].isupper():
                hit.append("cap")
                if word.isupper() and len(word) > 1:
                    hit.append("allcaps")
            if word != low and not word[:1].isupper():
                hit.append("innercap")
            if any(c.isdigit() for c in word):
                hit.append("digit")
            hit += self.lexicon.get(low, ())
            hit += self.clusters.get(low, ())
            self.cache[word] = hit
        return hit

    def context(self, word: str) -> tuple[list[str], list[str], list[str]]:
        """The word's features; and its lexical ones (after the word's own spelling and
        affixes) as the next word's (``1:``) and the previous word's (``-1:``), made once."""
        hit = self.contexts.get(word)
        if hit is None:
            if len(self.contexts) >= _WORD_CACHE_SIZE:
                self.contexts.clear()
            own = self(word)
            hit = own, ["1:" + x for x in own[7:]], ["-1:" + x for x in own[7:]]
            self.contexts[word] = hit
        return hit


def _mark(tags: dict[int, str], c: Candidate, starts: dict, ends: dict, label: str) -> None:
    """Write ``B-label``/``I-label`` of candidate ``c`` into ``tags`` (token → tag; the
    first writer wins)."""
    i, j = starts.get(c.start), ends.get(c.end)
    if i is None or j is None or j < i:
        return
    for k in range(i, j + 1):
        if k not in tags:
            tags[k] = ("B-" if k == i else "I-") + label


def token_offsets(words: list[str], spaces: list[bool]) -> list[int]:
    """Character offset of each token (tokens and single spaces tile the text)."""
    out, pos = [], 0
    for w, sp in zip(words, spaces):
        out.append(pos)
        pos += len(w) + (1 if sp else 0)
    return out


@dataclass
class PlacedFeatures:
    """What each token's place says, beyond its word and its neighbours' words, one entry
    per token: ``heads``, the types the rules gave the same word elsewhere in the abstract
    and the kind words within :data:`KIND_WINDOW` tokens; ``first``, whether it starts a
    sentence; ``lefts`` and ``rights``, the word pairs it is in; ``middles`` (only tokens
    that have them), whether it is glued to the next token, each rule layer's tag and the tag
    of the rules' chosen spans either side; ``rules``, the chosen spans' tag on it; ``names``
    (only tokens that have them), the annotated names it is part of. Kept by kind rather
    than by token, so the tagger can score each kind over a whole text at once."""

    heads: list[list[str]]
    first: list[bool]
    lefts: list[str]
    rights: list[str]
    middles: dict[int, list[str]]
    rules: list[str]
    names: dict[int, list[str]]

    def tail(self, i: int) -> list[str]:
        """Token ``i``'s features after its words', in :func:`token_features`' order."""
        return [self.lefts[i], self.rights[i], *self.middles.get(i, ()), self.rules[i], *self.names.get(i, ())]


def placed_features(words: list[str], spaces: list[bool], candidates: list[Candidate],
                    names: AnnotatedNames | None = None) -> PlacedFeatures:
    """The :class:`PlacedFeatures` of a text's tokens.

    Examples
    --------
    >>> placed = placed_features(["BERT", "!"], [False, False], [Candidate(0, 4, "MODEL", "kg_gazetteer", 0.9)])
    >>> placed.heads[0], placed.first, placed.tail(0)
    (['doc=MODEL'], [True, False], ['-1|0=<pad>|bert', '0|1=bert|!', 'glued', 'kg_gazetteer=B-MODEL', 'rules=B-MODEL'])
    """
    n = len(words)
    offsets = token_offsets(words, spaces)
    starts = {o: i for i, o in enumerate(offsets)}
    ends = {o + len(w): i for i, (o, w) in enumerate(zip(offsets, words))}
    low = [w.lower() for w in words]
    rule_feats: dict[int, list[str]] = {}  # each rule layer's tag, "layer=B-TYPE"
    for layer in RULE_LAYERS:
        tags: dict[int, str] = {}
        for c in candidates:
            if c.component == layer:
                _mark(tags, c, starts, ends, c.label or "NONE")
        for i, tag in tags.items():
            rule_feats.setdefault(i, []).append(layer + "=" + tag)
    chosen: dict[int, str] = {}
    for c in select_mentions(candidates):
        _mark(chosen, c, starts, ends, c.label)
    # what the rules said about the same word elsewhere in the abstract (names recur)
    elsewhere: dict[str, set[str]] = {}
    for i, tag in chosen.items():
        if low[i].isalnum():
            elsewhere.setdefault(low[i], set()).add(tag[2:])
    heads: list[list[str]] = [[] for _ in range(n)]
    if elsewhere:
        for i, word in enumerate(low):
            seen = elsewhere.get(word)
            if seen:
                heads[i] += ["doc=" + label for label in sorted(seen)]
    for k, word in enumerate(low):  # kind words, in order, into the window either side
        if word in KIND_WORDS:
            before, after = "kind>" + word, "kind<" + word
            for i in range(max(0, k - KIND_WINDOW), k):
                heads[i].append(before)
            for i in range(k + 1, min(n, k + KIND_WINDOW + 1)):
                heads[i].append(after)
    padded = ["<pad>", *low, "<pad>"]
    pairs = ["|" + b for b in padded[1:]]
    lefts = ["-1|0=" + a + b for a, b in zip(padded[:-2], pairs)]
    rights = ["0|1=" + a + b for a, b in zip(low, pairs[1:])]
    middles: dict[int, list[str]] = {}  # filled kind by kind, so each list is in that order
    for i in range(n - 1):
        if not spaces[i]:
            middles[i] = ["glued"]
    for i, feats in rule_feats.items():
        middles.setdefault(i, []).extend(feats)
    for i, tag in chosen.items():  # the tag of the chosen span on the token before, then after
        if i + 1 < n:
            middles.setdefault(i + 1, []).append("-1:rules=" + tag)
    for i, tag in chosen.items():
        if i:
            middles.setdefault(i - 1, []).append("1:rules=" + tag)
    rules = [_RULES_O] * n
    for i, tag in chosen.items():
        rules[i] = "rules=" + tag
    tagged = names.tags(low) if names is not None else [None] * n
    annotated = {i: ["names=" + tag, "names=" + tag.split("|", 1)[0]] for i, tag in enumerate(tagged) if tag}
    first = [i == 0 or words[i - 1] in _STOPS for i in range(n)]
    return PlacedFeatures(heads, first, lefts, rights, middles, rules, annotated)


#: Where the words lie whose features a token reads, relative to the token: its own, the
#: next and previous (their spelling and their other features, :meth:`WordFeatures.context`),
#: two after and two before (their spelling). Past the ends of the text the word is ``<pad>``.
WORD_OFFSETS = (0, 1, -1, 2, -2)


def word_parts(word_features: WordFeatures, word: str | None) -> tuple[list[str], ...]:
    """The features ``word`` (``None``: the padding past either end) gives a token for each
    of :data:`WORD_OFFSETS` at which it lies from the token; ``bias`` goes with its own word.

    Examples
    --------
    >>> own, as_next, as_previous, two_after, two_before = word_parts(WordFeatures(), "BERT")
    >>> own[:3], as_next, as_previous[-1], two_after, two_before
    (['bias', 'w=bert', 'shape=X'], ['1:cap', '1:allcaps', '1:w=bert'], '-1:w=bert', ['2:w=bert'], ['-2:w=bert'])
    """
    if word is None:
        return [], ["1:w=<pad>"], ["-1:w=<pad>"], ["2:w=<pad>"], ["-2:w=<pad>"]
    own, as_next, as_previous = word_features.context(word)
    low = word.lower()
    return ["bias", *own], [*as_next, "1:w=" + low], [*as_previous, "-1:w=" + low], ["2:w=" + low], ["-2:w=" + low]


def token_features(words: list[str], spaces: list[bool], candidates: list[Candidate],
                   word_features: WordFeatures, names: AnnotatedNames | None = None) -> list[list[str]]:
    """One feature list per token, as crfsuite trains on them: the word and its neighbours,
    each rule layer's tag, and the training annotations' tag of a phrase it is part of
    (``names``); :func:`placed_features` and :func:`word_parts` hold the same features.

    Examples
    --------
    >>> f = token_features(["we", "use", "BERT", "here"], [True, True, True, False],
    ...                    [Candidate(7, 11, "MODEL", "kg_gazetteer", 0.9)], WordFeatures())
    >>> "kg_gazetteer=B-MODEL" in f[2], "rules=B-MODEL" in f[2], "-1:w=use" in f[2]
    (True, True, True)
    """
    n = len(words)
    padded = ["<pad>", "<pad>"] + [w.lower() for w in words] + ["<pad>", "<pad>"]
    ctx = [word_features.context(w) for w in words]
    feats = []
    placed = placed_features(words, spaces, candidates, names)
    for i in range(n):
        f = ["bias", *ctx[i][0], *placed.heads[i]]
        if i + 1 < n:
            f += ctx[i + 1][1]
        if i:
            f += ctx[i - 1][2]
        if placed.first[i]:
            f.append("first")
        f += ["-2:w=" + padded[i], "-1:w=" + padded[i + 1], "1:w=" + padded[i + 3], "2:w=" + padded[i + 4]]
        f += placed.tail(i)
        feats.append(f)
    return feats
