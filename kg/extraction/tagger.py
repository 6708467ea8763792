"""The trained layer: a linear-chain CRF over kg's tokens that reads the words, their shapes
and neighbours *and what every rule layer said about them*, and tags the entity spans.

Stacking the rules under a statistical model is the point: the catalogue, the cues and the
orthography are strong evidence but blind to context ("attention" in "draws attention to",
"BERT" inside "Sparse-Token BERT"), while a model trained on annotated abstracts learns when
to believe them and finds what no rule covers (lower-case techniques such as "label
propagation", names recognisable only from context). The weights (python-crfsuite, a C
library) are trained by ``scripts/train_tagger.py`` on ``annotations/`` and ship in
``data/tagger.crfsuite``.
"""
from __future__ import annotations

import re
from pathlib import Path

from .annotated_names import AnnotatedNames
from .candidates import TAGGER, Candidate
from .entities import select_mentions

DATA = Path(__file__).parent / "data"
#: Word clusters learned from unannotated abstracts by ``scripts/train_clusters.py``.
CLUSTER_FILE = DATA / "word_clusters.tsv"
#: The shipped CRF weights (``scripts/train_tagger.py`` installs them).
MODEL_FILE = DATA / "tagger.crfsuite"
COMPONENT = TAGGER
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


def _mark(tags: list[str | None], c: Candidate, starts: dict, ends: dict, label: str) -> None:
    """Write ``B-label``/``I-label`` of candidate ``c`` into ``tags`` (first writer wins)."""
    i, j = starts.get(c.start), ends.get(c.end)
    if i is None or j is None or j < i:
        return
    for k in range(i, j + 1):
        if tags[k] is None:
            tags[k] = ("B-" if k == i else "I-") + label


def token_offsets(words: list[str], spaces: list[bool]) -> list[int]:
    """Character offset of each token (tokens and single spaces tile the text)."""
    out, pos = [], 0
    for w, sp in zip(words, spaces):
        out.append(pos)
        pos += len(w) + (1 if sp else 0)
    return out


def token_features(words: list[str], spaces: list[bool], candidates: list[Candidate],
                   word_features: WordFeatures, names: AnnotatedNames | None = None) -> list[list[str]]:
    """One feature list per token: the word and its neighbours, each rule layer's tag, and
    the training annotations' tag of a phrase it is part of (``names``).

    Examples
    --------
    >>> f = token_features(["we", "use", "BERT", "here"], [True, True, True, False],
    ...                    [Candidate(7, 11, "MODEL", "kg_gazetteer", 0.9)], WordFeatures())
    >>> "kg_gazetteer=B-MODEL" in f[2], "rules=B-MODEL" in f[2], "-1:w=use" in f[2]
    (True, True, True)
    """
    n = len(words)
    offsets = token_offsets(words, spaces)
    starts = {o: i for i, o in enumerate(offsets)}
    ends = {o + len(w): i for i, (o, w) in enumerate(zip(offsets, words))}
    low = [w.lower() for w in words]
    rule_feats: list[list[str] | None] = [None] * n  # each rule layer's tag, "layer=B-TYPE"
    for layer in RULE_LAYERS:
        tags: list[str | None] = [None] * n
        for c in candidates:
            if c.component == layer:
                _mark(tags, c, starts, ends, c.label or "NONE")
        for i, tag in enumerate(tags):
            if tag:
                if rule_feats[i] is None:
                    rule_feats[i] = []
                rule_feats[i].append(layer + "=" + tag)
    chosen = [None] * n
    for c in select_mentions(candidates):
        _mark(chosen, c, starts, ends, c.label)
    # what the rules said about the same word elsewhere in the abstract (names recur)
    elsewhere: dict[str, set[str]] = {}
    for i, tag in enumerate(chosen):
        if tag and low[i].isalnum():
            elsewhere.setdefault(low[i], set()).add(tag[2:])
    padded = ["<pad>", "<pad>"] + low + ["<pad>", "<pad>"]
    annotated = names.tags(low) if names is not None else [None] * n
    kinds = [k for k in range(n) if low[k] in KIND_WORDS]  # positions, in order
    first_kind = 0  # the first of them within the window of token i
    ctx = [word_features.context(w) for w in words]
    feats = []
    for i in range(n):
        f = ["bias", *ctx[i][0]]
        if elsewhere:
            seen = elsewhere.get(low[i])
            if seen:
                f += ["doc=" + label for label in sorted(seen)]
        while first_kind < len(kinds) and kinds[first_kind] < i - KIND_WINDOW:
            first_kind += 1
        for k in kinds[first_kind:first_kind + 2 * KIND_WINDOW + 1]:
            if k > i + KIND_WINDOW:
                break
            if k != i:
                f.append(("kind<" if k < i else "kind>") + low[k])
        if i + 1 < n:
            f += ctx[i + 1][1]
        if i:
            f += ctx[i - 1][2]
        if i == 0 or words[i - 1] in (".", "!", "?"):
            f.append("first")
        f += ["-2:w=" + padded[i], "-1:w=" + padded[i + 1], "1:w=" + padded[i + 3], "2:w=" + padded[i + 4],
              "-1|0=" + padded[i + 1] + "|" + low[i], "0|1=" + low[i] + "|" + padded[i + 3]]
        if not spaces[i] and i + 1 < n:
            f.append("glued")
        if rule_feats[i]:
            f += rule_feats[i]
        if i and chosen[i - 1]:
            f.append("-1:rules=" + chosen[i - 1])
        if i + 1 < n and chosen[i + 1]:
            f.append("1:rules=" + chosen[i + 1])
        f.append("rules=" + (chosen[i] or "O"))
        if annotated[i]:
            f += ["names=" + annotated[i], "names=" + annotated[i].split("|", 1)[0]]
        feats.append(f)
    return feats


def spans_from_tags(words: list[str], offsets: list[int], tags: list[str], marginal=None) -> list[Candidate]:
    """``B-X I-X …`` runs as candidates; the confidence is the run's lowest tag marginal.

    Examples
    --------
    >>> words = ["we", "use", "label", "propagation"]
    >>> [(c.start, c.end, c.label) for c in spans_from_tags(words, [0, 3, 7, 13], ["O", "O", "B-METHOD", "I-METHOD"])]
    [(7, 24, 'METHOD')]
    """
    out, i, n = [], 0, len(tags)
    while i < n:
        tag = tags[i]
        if tag == "O" or tag[:2] not in ("B-", "I-"):
            i += 1
            continue
        label = tag[2:]
        j = i + 1
        while j < n and tags[j] == "I-" + label:
            j += 1
        conf = min(marginal(tags[k], k) for k in range(i, j)) if marginal else 1.0
        out.append(Candidate(offsets[i], offsets[j - 1] + len(words[j - 1]), label, COMPONENT, round(conf, 4)))
        i = j
    return out


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
MAX_WORDS = 10


def well_formed(name: str) -> bool:
    """Whether a tagged span can be a name at all: it starts and ends with a letter, digit or
    closing bracket, its brackets balance, it holds no CJK character, URL or sentence stop and
    at most :data:`MAX_WORDS` words. A sequence model can run a tag across such material;
    no name does.

    Examples
    --------
    >>> [well_formed(s) for s in ["label propagation", "BERT (base)", "True) + D_KL", "https://x.org"]]
    [True, True, False, False]
    """
    if not name or not name[0].isalnum() or not (name[-1].isalnum() or name[-1] in ")]}+'"):
        return False
    if _CJK.search(name) or "://" in name or "www." in name or ". " in name or "; " in name:
        return False
    if name.count(" ") >= MAX_WORDS:
        return False
    depth = []
    for ch in name:
        if ch in _BRACKETS:
            depth.append(_BRACKETS[ch])
        elif ch in ")]}":
            if not depth or depth.pop() != ch:
                return False
    return not depth


class Tagger:
    """Tag a doc's entity spans with the trained CRF; ``model`` is a crfsuite file's bytes,
    ``lexicon`` and ``clusters`` the :func:`catalogue_lexicon` and :func:`read_clusters` it was
    trained with, ``names`` the :class:`AnnotatedNames` written beside the weights."""

    def __init__(self, model: bytes | None, lexicon: dict[str, tuple[str, ...]] | None = None,
                 clusters: dict[str, tuple[str, ...]] | None = None, names: AnnotatedNames | None = None):
        self.words = WordFeatures(lexicon, clusters)
        self.names = names
        self.crf = None
        self.model = model  # crfsuite reads the weights in place: they must outlive the tagger
        if model is not None:
            import pycrfsuite

            self.crf = pycrfsuite.Tagger()
            self.crf.open_inmemory(model)

    def __call__(self, text: str, words: list[str], spaces: list[bool], candidates: list[Candidate],
                 min_confidence: float) -> list[Candidate]:
        """The spans tagged with at least ``min_confidence`` that can be names at all."""
        return self.tag(text, words, spaces, candidates, min_confidence)[0]

    def tag(self, text: str, words: list[str], spaces: list[bool], candidates: list[Candidate],
            min_confidence: float, outside_confidence: float | None = None) -> tuple[list[Candidate], bytearray | None]:
        """The spans, as :meth:`__call__`, and, given ``outside_confidence``, a mask over the
        text's characters: 1 where a token lies that the tagger leaves outside every name with
        at least that marginal probability (the word is everyday language here: the
        linker lets no rule span stand on such words alone)."""
        if self.crf is None or not words:
            return [], None
        tags = self.crf.tag(token_features(words, spaces, candidates, self.words, self.names))
        offsets = token_offsets(words, spaces)
        spans = spans_from_tags(words, offsets, tags, self.crf.marginal)
        spans = [c for c in spans if c.confidence >= min_confidence and well_formed(text[c.start:c.end])]
        if outside_confidence is None:
            return spans, None
        outside = bytearray(len(text) + 1)
        ruled = bytearray(len(text) + 1)  # only words under a rule span can matter
        for c in candidates:
            ruled[c.start:c.end] = b"\x01" * (c.end - c.start)
        marginal = self.crf.marginal
        for i, tag in enumerate(tags):
            if tag == "O" and ruled[offsets[i]] and marginal("O", i) >= outside_confidence:
                end = offsets[i] + len(words[i]) + (1 if spaces[i] else 0)  # with its space
                outside[offsets[i]:end] = b"\x01" * (end - offsets[i])
        return spans, outside


def read_tagger_model(path: str | Path | None = None) -> bytes | None:
    """The shipped (or given) CRF weights; ``None`` if missing (the layer then passes through)."""
    path = Path(path) if path else MODEL_FILE
    return path.read_bytes() if path.exists() else None


def names_path(weights: str | Path | None = None) -> Path:
    """Where the annotated-names lexicon of a set of weights lies: beside them, same stem."""
    weights = Path(weights) if weights else MODEL_FILE
    return weights.with_suffix(".names.tsv")
