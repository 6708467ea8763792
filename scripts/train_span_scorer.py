"""Train the span scorer (kg/extraction/data/span_scorer.npz) from weak labels over the ACL corpus.

The rule layers and the dictionary label the name-shaped spans they recognise (type from the
gazetteer, an acronym definition, an introduction cue, a head noun or a known family stem); every
other name-shaped span is NONE. A multinomial logistic regression over hashed spelling and
context features learns from these labels to type name-shaped spans no rule covers. The exact
surface is hidden from half the examples so the scorer has to learn from context and spelling.

usage: train_span_scorer.py [--corpus GZ] [--n 8000] [--exclude FIXTURE.jsonl] [-o OUT.npz]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # the workplace's shared material, beside the repository
sys.path.insert(0, str(ROOT))
from kg.extraction.extensions import candidates_of  # noqa: E402
from kg.extraction.pipeline import build_pipeline  # noqa: E402
from kg.extraction.scorer import LABELS, SpanScorer, span_features  # noqa: E402


def weak_examples(texts, seed: int = 0, none_keep: float = 0.15):
    """(features, label index) for every name-shaped span, labelled by the other layers."""
    nlp = build_pipeline(exclude=["kg_span_scorer", "kg_linker"])
    rng = random.Random(seed)
    for doc in nlp.pipe(texts, batch_size=256):
        cands = candidates_of(doc)
        typed = {}
        for c in cands:
            if c.label and c.component != "kg_orthography":
                typed.setdefault((c.start, c.end), c.label)
        for c in cands:
            if c.component != "kg_orthography" and not (c.component == "kg_intro_cues" and c.label is None):
                continue
            label = typed.get((c.start, c.end)) or c.label or "NONE"
            # Unlabelled camelCase/alphanumeric spans are mostly names no rule knows (positive-
            # unlabelled data): keep few of them as NONE; keep all unlabelled all-caps (NLP, AI).
            if label == "NONE" and c.extra.get("shape") != "caps" and rng.random() > none_keep:
                continue
            feats = span_features(doc.text, c.start, c.end, keep_identity=rng.random() < 0.5)
            yield feats, LABELS.index(label)


def train(examples, n_buckets: int, epochs: int, lr: float, l2: float, seed: int = 0) -> SpanScorer:
    """Multinomial logistic regression by SGD with AdaGrad step sizes on sparse hashed features."""
    k = len(LABELS)
    W = np.zeros((n_buckets, k), np.float32)
    G = np.full((n_buckets, k), 1e-6, np.float32)
    b = np.zeros(k, np.float32)
    rows = [(np.array(sorted({zlib.crc32(f.encode()) % n_buckets for f in feats}), np.int64), y)
            for feats, y in examples]
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(rows)
        loss = 0.0
        for idx, y in rows:
            z = W[idx].sum(axis=0) + b
            z -= z.max()
            p = np.exp(z)
            p /= p.sum()
            loss -= float(np.log(p[y] + 1e-12))
            g = p
            g[y] -= 1.0
            grad = g[None, :] + l2 * W[idx]
            G[idx] += grad * grad
            W[idx] -= lr * grad / np.sqrt(G[idx])
            b -= lr * 0.1 * g
        print(f"epoch {epoch + 1}: mean loss {loss / max(1, len(rows)):.4f}", file=sys.stderr)
    return SpanScorer(W, b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "acl-2016-2025.jsonl.gz"))
    ap.add_argument("--n", type=int, default=8000, help="abstracts to sample")
    ap.add_argument("--exclude", default=str(ROOT / "tests/extraction/fixtures/acl_sample_abstracts.jsonl"),
                    help="JSONL whose abstracts are held out (the hand-annotated sample)")
    ap.add_argument("--buckets", type=int, default=2**16)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=0.2)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("-o", "--out", default=str(ROOT / "kg/extraction/data/span_scorer.npz"))
    a = ap.parse_args(argv)
    held = set()
    if a.exclude and Path(a.exclude).exists():
        held = {json.loads(line)["abstract"] for line in open(a.exclude, encoding="utf-8")}
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        texts = [r["abstract"] for r in map(json.loads, f) if r.get("abstract") and r["abstract"] not in held]
    random.Random(a.seed).shuffle(texts)
    examples = list(weak_examples(texts[:a.n], a.seed))
    counts = Counter(LABELS[y] for _, y in examples)
    print(f"{len(examples)} weakly labelled spans: {dict(sorted(counts.items()))}", file=sys.stderr)
    scorer = train(examples, a.buckets, a.epochs, a.lr, a.l2, a.seed)
    scorer.save(a.out)
    print(f"wrote {a.out} ({Path(a.out).stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
