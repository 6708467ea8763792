"""Decoding a trained crfsuite model in numpy, many abstracts at a time.

crfsuite trains the tagger (``scripts/train_tagger.py``) and its C tagger decodes one
sequence per call, from feature *strings*: most of its time per abstract went into
handing it some 45 strings a token. Here the weights are read once into a matrix (one row
of label scores per attribute), so a caller can sum a word's rows once and reuse the sum
wherever the word recurs (:class:`~kg.extraction.tagger.Tagger` does), and Viterbi and
forward–backward run over a whole batch of abstracts in each numpy step.

The result is crfsuite's: the same best path (ties go to the lower label index, as in
crfsuite's strict ``<``) and the same marginal probabilities up to float rounding
(``tests/extraction/test_crf.py`` checks both against the C tagger).
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_HEADER = struct.Struct("<4sI4s8I")  # magic, size, type, version, num_features, num_labels, num_attrs, offsets…
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
#: Sequences decoded together in one numpy step: similar lengths, little padding.
GROUP = 128


@dataclass
class CRFWeights:
    """A linear-chain CRF: ``labels``; ``attributes`` (feature string → row of ``state``);
    ``state`` (one row of label scores per attribute, and a last row of zeros for features
    the model never kept); ``transitions[i, j]``, the score of label ``j`` after ``i``."""

    labels: list[str]
    attributes: dict[str, int]
    state: np.ndarray
    transitions: np.ndarray

    @property
    def zero(self) -> int:
        """The row of zeros: the index of any feature the model does not know."""
        return len(self.state) - 1

    @classmethod
    def from_crfsuite(cls, model: bytes) -> "CRFWeights":
        """Read a crfsuite model file's bytes: the names of labels and attributes through
        pycrfsuite's own dump, the weights from the file's feature block (exact doubles; the
        dump prints six decimals)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(model)
        info = tagger.info()
        labels = [name for name, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
        attributes = {name: int(i) for name, i in info.attributes.items()}
        magic, _, kind, _, _, n_labels, n_attrs, off_features, *_ = _HEADER.unpack_from(model)
        if magic != b"lCRF" or kind != b"FOMC" or model[off_features:off_features + 4] != b"FEAT":
            raise ValueError("not a crfsuite CRF1d model")
        (count,) = struct.unpack_from("<I", model, off_features + 8)
        features = np.frombuffer(model, _FEATURE, count, off_features + 12)
        state = np.zeros((n_attrs + 1, n_labels))
        transitions = np.zeros((n_labels, n_labels))
        kept = features[features["type"] == _STATE]
        np.add.at(state, (kept["src"], kept["dst"]), kept["weight"])
        moves = features[features["type"] == _TRANSITION]
        np.add.at(transitions, (moves["src"], moves["dst"]), moves["weight"])
        return cls(labels, attributes, state, transitions)

    def rows(self, features: Sequence[str]) -> list[int]:
        """The state rows of feature strings (the zero row for those the model dropped)."""
        get, zero = self.attributes.get, self.zero
        return [get(f, zero) for f in features]

    def decode(self, emissions: Sequence[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each ``(n, labels)`` array of state scores, the best label path (label
        indices) and the ``(n, labels)`` marginal probability of each label at each token.

        Examples
        --------
        >>> crf = CRFWeights(["O", "B"], {}, np.zeros((1, 2)), np.array([[0.0, 0.0], [0.0, -9.0]]))
        >>> [(p.tolist(), m.round(2).tolist()) for p, m in crf.decode([np.array([[0.0, 1.0], [0.0, 1.0]])])]
        [([1, 0], [[0.58, 0.42], [0.58, 0.42]])]
        """
        out: list = [None] * len(emissions)
        order = sorted(range(len(emissions)), key=lambda k: len(emissions[k]))
        for g in range(0, len(order), GROUP):
            group = [k for k in order[g:g + GROUP] if len(emissions[k])]
            for k in order[g:g + GROUP]:
                if not len(emissions[k]):
                    out[k] = (np.zeros(0, dtype=np.intp), np.zeros((0, len(self.labels))))
            if group:
                for k, result in zip(group, self._decode_group([emissions[k] for k in group])):
                    out[k] = result
        return out

    def _decode_group(self, emissions: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        lengths = np.array([len(e) for e in emissions])
        n, width, labels = len(emissions), int(lengths.max()), len(self.labels)
        # [token, label, sequence]: each step reads one slab, its inner loops run over the batch
        scores = np.zeros((width, labels, n))
        for b, e in enumerate(emissions):
            scores[: len(e), :, b] = e
        last = lengths - 1
        paths = self._viterbi(scores, last)
        marginals = self._marginals(scores, last)
        return [(paths[: lengths[b], b], marginals[: lengths[b], :, b]) for b in range(n)]

    def _viterbi(self, scores: np.ndarray, last: np.ndarray) -> np.ndarray:
        """The best paths. Only each step's best scores are kept; the way back is found again
        from them, one label per sequence and step, rather than stored for every label."""
        width, labels, n = scores.shape
        into = self.transitions[:, :, None]  # [from, to, 1]
        best = np.empty_like(scores)
        best[0] = scores[0]
        step = np.empty((labels, labels, n))
        for t in range(1, width):
            np.add(best[t - 1][:, None, :], into, out=step)
            best[t] = np.where(t <= last, step.max(axis=0) + scores[t], best[t - 1])  # past its end: stays
        path = np.empty((width, n), dtype=np.intp)
        path[-1] = best[-1].argmax(axis=0)
        for t in range(width - 1, 0, -1):
            # the first best predecessor of the label chosen at t, as crfsuite's strict <
            came = (best[t - 1] + self.transitions[:, path[t]]).argmax(axis=0)
            path[t - 1] = np.where(t <= last, came, path[t])
        return path

    def _marginals(self, scores: np.ndarray, last: np.ndarray) -> np.ndarray:
        """Forward–backward in probabilities, each step rescaled to sum 1 (the scale cancels
        in the normalised product); each token's scores are shifted by their maximum first."""
        width, labels, n = scores.shape
        odds = np.exp(scores - scores.max(axis=1, keepdims=True))
        moves = np.exp(self.transitions)
        alpha = np.empty_like(odds)
        alpha[0] = odds[0] / odds[0].sum(axis=0)
        for t in range(1, width):
            a = (moves.T @ alpha[t - 1]) * odds[t]
            alpha[t] = a / a.sum(axis=0)
        beta = np.empty_like(odds)
        beta[-1] = 1.0
        for t in range(width - 2, -1, -1):
            b = moves @ (odds[t + 1] * beta[t + 1])
            beta[t] = np.where(t >= last, 1.0, b / b.sum(axis=0))  # a sequence's last token, or past it
        product = alpha * beta
        return product / product.sum(axis=1, keepdims=True)
