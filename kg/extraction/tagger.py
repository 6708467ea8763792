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

from .candidates import Candidate
from .entities import select_mentions

DATA = Path(__file__).parent / "data"
COMPONENT = "kg_tagger"
RULE_LAYERS = ("kg_gazetteer", "kg_acronyms", "kg_intro_cues", "kg_head_nouns", "kg_orthography", "kg_span_scorer")
_SHAPE_UPPER, _SHAPE_LOWER, _SHAPE_DIGIT = re.compile(r"[A-Z]+"), re.compile(r"[a-z]+"), re.compile(r"\d+")
_WORD_CACHE_SIZE = 200_000


def _shape(word: str) -> str:
    return _SHAPE_DIGIT.sub("d", _SHAPE_LOWER.sub("x", _SHAPE_UPPER.sub("X", word)))


class WordFeatures:
    """The context-free features of a word, computed once per distinct word (most recur)."""

    def __init__(self):
        self.cache: dict[str, list[str]] = {}

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
            self.cache[word] = hit
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
                   word_features: WordFeatures) -> list[list[str]]:
    """One feature list per token: the word and its neighbours, and each rule layer's tag.

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
    layer_tags = {layer: [None] * n for layer in RULE_LAYERS}
    for c in candidates:
        tags = layer_tags.get(c.component)
        if tags is not None:
            _mark(tags, c, starts, ends, c.label or "NONE")
    chosen = [None] * n
    for c in select_mentions(candidates):
        _mark(chosen, c, starts, ends, c.label)
    padded = ["<pad>", "<pad>"] + low + ["<pad>", "<pad>"]
    feats = []
    for i in range(n):
        f = ["bias"] + word_features(words[i])
        if i == 0 or words[i - 1] in (".", "!", "?"):
            f.append("first")
        f += ["-2:w=" + padded[i], "-1:w=" + padded[i + 1], "1:w=" + padded[i + 3], "2:w=" + padded[i + 4],
              "-1|0=" + padded[i + 1] + "|" + low[i], "0|1=" + low[i] + "|" + padded[i + 3]]
        if not spaces[i] and i + 1 < n:
            f.append("glued")
        for layer, tags in layer_tags.items():
            if tags[i]:
                f.append(layer + "=" + tags[i])
        if i and chosen[i - 1]:
            f.append("-1:rules=" + chosen[i - 1])
        if i + 1 < n and chosen[i + 1]:
            f.append("1:rules=" + chosen[i + 1])
        f.append("rules=" + (chosen[i] or "O"))
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
    """Tag a doc's entity spans with the trained CRF; ``model`` is a crfsuite file's bytes."""

    def __init__(self, model: bytes | None):
        self.words = WordFeatures()
        self.crf = None
        self.model = model  # crfsuite reads the weights in place: they must outlive the tagger
        if model is not None:
            import pycrfsuite

            self.crf = pycrfsuite.Tagger()
            self.crf.open_inmemory(model)

    def __call__(self, words: list[str], spaces: list[bool], candidates: list[Candidate],
                 min_confidence: float, veto: float) -> tuple[list[Candidate], list[Candidate]]:
        """The tagged spans with at least ``min_confidence``, and the rule ``candidates`` left
        after the veto: a rule span is dropped when the model puts every one of its tokens
        outside any entity with probability ``veto`` or more (``veto`` > 1: never)."""
        if self.crf is None or not words:
            return [], candidates
        tags = self.crf.tag(token_features(words, spaces, candidates, self.words))
        offsets = token_offsets(words, spaces)
        spans = spans_from_tags(words, offsets, tags, self.crf.marginal)
        text = "".join(w + (" " if sp else "") for w, sp in zip(words, spaces))
        spans = [c for c in spans if c.confidence >= min_confidence and well_formed(text[c.start:c.end])]
        if veto <= 1:
            starts = {o: i for i, o in enumerate(offsets)}
            ends = {o + len(w): i for i, (o, w) in enumerate(zip(offsets, words))}
            outside = self.crf.marginal
            kept = []
            for c in candidates:
                i, j = starts.get(c.start), ends.get(c.end)
                if i is None or j is None or min(outside("O", k) for k in range(i, j + 1)) < veto:
                    kept.append(c)
            candidates = kept
        return spans, candidates


def read_tagger_model(path: str | Path | None = None) -> bytes | None:
    """The shipped (or given) CRF weights; ``None`` if missing (the layer then passes through)."""
    path = Path(path) if path else DATA / "tagger.crfsuite"
    return path.read_bytes() if path.exists() else None
