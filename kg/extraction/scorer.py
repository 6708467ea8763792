"""The trained layer: a multinomial logistic scorer over hashed span features (pure numpy).

It types name-shaped spans no rule could type ("tsGT" after "we train", "LaChEBI-20" before
"dataset"), or rejects them ("NLP", "AI"). Trained by ``scripts/train_span_scorer.py`` on weak
labels the rule layers give over the ACL corpus; the weights ship in ``data/span_scorer.npz``.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .candidates import TYPES

LABELS = ("NONE",) + TYPES
DATA = Path(__file__).parent / "data"
_WORDS = re.compile(r"[A-Za-z][\w'-]*|\d[\w.]*|[^\w\s]")


def shape(word: str) -> str:
    """Collapsed character shape: "GPT-4o" -> "X-dx".

    Examples
    --------
    >>> shape("GPT-4o"), shape("tsGT"), shape("ResNet-50")
    ('X-dx', 'xX', 'XxXx-d')
    """
    s = re.sub(r"[A-Z]+", "X", word)
    s = re.sub(r"[a-z]+", "x", s)
    return re.sub(r"\d+", "d", s)


def span_features(text: str, start: int, end: int, keep_identity: bool = True) -> list[str]:
    """Features of ``text[start:end]``: its spelling and the two words either side.

    Examples
    --------
    >>> f = span_features("we train tsGT on data", 9, 13)
    >>> "shape=xX" in f and "p1=train" in f and "n1=on" in f
    True
    """
    surface = text[start:end]
    low = surface.lower()
    left = _WORDS.findall(text[max(0, start - 60):start])[-3:]
    right = _WORDS.findall(text[end:end + 60])[:3]
    left = [w.lower() for w in left]
    right = [w.lower() for w in right]
    p1, p2 = (left[-1] if left else "<s>"), (left[-2] if len(left) > 1 else "<s>")
    n1, n2 = (right[0] if right else "</s>"), (right[1] if len(right) > 1 else "</s>")
    f = ["bias", "shape=" + shape(surface), "pre3=" + low[:3], "suf3=" + low[-3:], "suf2=" + low[-2:],
         "len=" + str(min(len(surface), 12)), "words=" + str(surface.count(" ") + 1),
         "digit=" + str(any(c.isdigit() for c in surface)), "hyph=" + str("-" in surface),
         "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "p2p1=" + p2 + "_" + p1, "n1n2=" + n1 + "_" + n2,
         "p1n1=" + p1 + "_" + n1, "stem=" + re.sub(r"[^a-z]", "", low)[:4]]
    if keep_identity:
        f.append("w=" + low)
    return f


@dataclass
class SpanScorer:
    """Weights ``W`` (n_buckets × labels) and bias ``b``; features hash into buckets with CRC32."""

    W: np.ndarray
    b: np.ndarray

    @property
    def n_buckets(self) -> int:
        return self.W.shape[0]

    def indices(self, feats: list[str]) -> np.ndarray:
        return np.fromiter(map(self._bucket, feats), dtype=np.int64, count=len(feats))

    def _bucket(self, feat: str) -> int:
        cache = self.__dict__.setdefault("_buckets", {})  # features recur ("p1=the"): hash once
        b = cache.get(feat)
        if b is None:
            if len(cache) > 500_000:
                cache.clear()
            b = cache[feat] = zlib.crc32(feat.encode()) % self.n_buckets
        return b

    def probabilities(self, text: str, start: int, end: int) -> np.ndarray:
        """P(label) for one span, labels ordered as :data:`LABELS`."""
        z = self.W[self.indices(span_features(text, start, end))].sum(axis=0, dtype=np.float32) + self.b
        z = np.exp(z - z.max())
        return z / z.sum()

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, W=self.W.astype(np.float16), b=self.b.astype(np.float32))


def read_span_scorer(path: str | Path | None = None) -> SpanScorer | None:
    """Load shipped weights; ``None`` if the file is missing (the layer then passes through)."""
    path = Path(path) if path else DATA / "span_scorer.npz"
    if not path.exists():
        return None
    with np.load(path) as z:
        return SpanScorer(z["W"].astype(np.float32), z["b"].astype(np.float32))


def label_span(scorer: SpanScorer, text: str, start: int, end: int, threshold: float) -> tuple[str | None, float]:
    """The best entity type and its probability, or ``(None, p)`` when NONE wins or p < threshold.

    Examples
    --------
    >>> s = SpanScorer(np.zeros((8, len(LABELS)), np.float32), np.array([0, 2, 0, 0, 0, 0], np.float32))
    >>> label_span(s, "we train tsGT", 9, 13, 0.5)[0]
    'MODEL'
    """
    p = scorer.probabilities(text, start, end)
    k = int(p.argmax())
    if k == 0 or p[k] < threshold:
        return None, float(p[k])
    return LABELS[k], float(p[k])
