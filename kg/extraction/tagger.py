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
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .annotated_names import AnnotatedNames
from .candidates import TAGGER, Candidate
from .crf import CRFWeights
from .tagger_features import (CLUSTER_FILE, DATA, KIND_WINDOW, KIND_WORDS, RULE_LAYERS,  # noqa: F401
                              WORD_OFFSETS, WordFeatures, catalogue_lexicon, placed_features, read_clusters,
                              token_features, token_offsets, word_parts)

#: The shipped CRF weights (``scripts/train_tagger.py`` installs them).
MODEL_FILE = DATA / "tagger.crfsuite"
COMPONENT = TAGGER
_WORD_CACHE_SIZE = 200_000


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
    """Tag entity spans with the trained CRF; ``model`` is a crfsuite file's bytes,
    ``lexicon`` and ``clusters`` the :func:`catalogue_lexicon` and :func:`read_clusters` it was
    trained with, ``names`` the :class:`AnnotatedNames` written beside the weights.

    The features are crfsuite's (:func:`token_features`), scored without writing them out:
    a word's weights at each of its places (:func:`word_parts`) are summed once per distinct
    word and kept, and only the features of each token's place (:func:`placed_features`)
    are looked up token by token; :class:`~kg.extraction.crf.CRFWeights` decodes a batch of
    abstracts at a time.
    """

    def __init__(self, model: bytes | None, lexicon: dict[str, tuple[str, ...]] | None = None,
                 clusters: dict[str, tuple[str, ...]] | None = None, names: AnnotatedNames | None = None):
        self.words = WordFeatures(lexicon, clusters)
        self.names = names
        self.weights = CRFWeights.from_crfsuite(model) if model is not None else None
        if self.weights is not None:
            self._by_word = WordScores(self.weights, self.words)
            self._label_index = {label: k for k, label in enumerate(self.weights.labels)}

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
        return self.tag_many([(text, words, spaces, candidates)], min_confidence, outside_confidence)[0]

    def tag_many(self, docs: Sequence[tuple[str, list[str], list[bool], list[Candidate]]], min_confidence: float,
                 outside_confidence: float | None = None) -> list[tuple[list[Candidate], bytearray | None]]:
        """:meth:`tag` for each ``(text, words, spaces, candidates)``, decoded together."""
        if self.weights is None:
            return [([], None) for _ in docs]
        decoded = self.weights.decode([self.emissions(words, spaces, candidates) for _, words, spaces, candidates in docs])
        return [self._spans(*doc, path, marginals, min_confidence, outside_confidence) if doc[1] else ([], None)
                for doc, (path, marginals) in zip(docs, decoded)]

    def emissions(self, words: list[str], spaces: list[bool], candidates: list[Candidate]) -> np.ndarray:
        """The ``(tokens, labels)`` state scores: the sum of the weights of each token's
        :func:`token_features`."""
        n = len(words)
        if not n:
            return np.zeros((0, len(self.weights.labels)))
        table, rows_of_words = self._by_word.table_and_rows(words)
        by_word = table[[0, 0, *rows_of_words, 0, 0]]  # row 0: the padding past either end
        # by_word[k] holds what the word at k - 2 gives a token at each of WORD_OFFSETS from it
        scores = sum(by_word[2 + offset:2 + offset + n, part] for part, offset in enumerate(WORD_OFFSETS))
        state, rows = self.weights.state, self.weights.rows
        placed = placed_features(words, spaces, candidates, self.names)
        scores += state[rows(placed.lefts)] + state[rows(placed.rights)] + state[rows(placed.rules)]
        scores[np.flatnonzero(placed.first)] += state[rows(["first"])[0]]
        # the kinds only some tokens have, added where they are
        tokens = [i for i, feats in enumerate(placed.heads) for _ in feats]
        sparse = [f for feats in placed.heads for f in feats]
        for by_token in (placed.middles, placed.names):
            tokens += [i for i, feats in by_token.items() for _ in feats]
            sparse += [f for feats in by_token.values() for f in feats]
        np.add.at(scores, tokens, state[rows(sparse)])
        return scores

    def _spans(self, text: str, words: list[str], spaces: list[bool], candidates: list[Candidate], path: np.ndarray,
               marginals: np.ndarray, min_confidence: float, outside_confidence: float | None):
        labels, index = self.weights.labels, self._label_index
        tags = [labels[k] for k in path]
        offsets = token_offsets(words, spaces)
        spans = spans_from_tags(words, offsets, tags, lambda tag, k: float(marginals[k, index[tag]]))
        spans = [c for c in spans if c.confidence >= min_confidence and well_formed(text[c.start:c.end])]
        if outside_confidence is None:
            return spans, None
        outside = bytearray(len(text) + 1)
        ruled = bytearray(len(text) + 1)  # only words under a rule span can matter
        for c in candidates:
            ruled[c.start:c.end] = b"\x01" * (c.end - c.start)
        o = index["O"]
        for i, tag in enumerate(tags):
            if tag == "O" and ruled[offsets[i]] and marginals[i, o] >= outside_confidence:
                end = offsets[i] + len(words[i]) + (1 if spaces[i] else 0)  # with its space
                outside[offsets[i]:end] = b"\x01" * (end - offsets[i])
        return spans, outside


class WordScores:
    """For each distinct word, the summed weights of what it gives a token at each of
    :data:`WORD_OFFSETS`, kept in one table that grows with the words seen (row 0 is the
    padding past either end of a text); emptied when it reaches :data:`_WORD_CACHE_SIZE`."""

    def __init__(self, weights: CRFWeights, words: WordFeatures):
        self.weights, self.words = weights, words
        self._reset()

    def _reset(self) -> None:
        self.row: dict[str | None, int] = {}
        self.table = np.zeros((1024, len(WORD_OFFSETS), len(self.weights.labels)))
        self._add([None])

    def table_and_rows(self, words: list[str]) -> tuple[np.ndarray, list[int]]:
        """The table and the row of each word in it (words not seen before are scored first)."""
        row = self.row
        missing = [w for w in dict.fromkeys(words) if w not in row]
        if missing:
            if len(row) + len(missing) > _WORD_CACHE_SIZE:
                self._reset()
                missing = list(dict.fromkeys(words))
            self._add(missing)
        return self.table, [row[w] for w in words]

    def _add(self, words: list[str | None]) -> None:
        rows_of, zero = self.weights.rows, self.weights.zero
        rows, starts = [], []
        for word in words:
            for part in word_parts(self.words, word):
                starts.append(len(rows))
                rows.append(zero)
                rows += rows_of(part)
        scores = np.add.reduceat(self.weights.state[rows], starts).reshape(len(words), *self.table.shape[1:])
        size = len(self.row)
        if size + len(words) > len(self.table):
            grown = np.zeros((2 * (size + len(words)), *self.table.shape[1:]))
            grown[:size] = self.table[:size]
            self.table = grown
        self.table[size:size + len(words)] = scores
        self.row.update((word, size + k) for k, word in enumerate(words))


def read_tagger_model(path: str | Path | None = None) -> bytes | None:
    """The shipped (or given) CRF weights; ``None`` if missing (the layer then passes through)."""
    path = Path(path) if path else MODEL_FILE
    return path.read_bytes() if path.exists() else None


def names_path(weights: str | Path | None = None) -> Path:
    """Where the annotated-names lexicon of a set of weights lies: beside them, same stem."""
    weights = Path(weights) if weights else MODEL_FILE
    return weights.with_suffix(".names.tsv")
