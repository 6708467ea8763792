"""Learn word clusters from unannotated abstracts, for the CRF tagger's features.

    python scripts/train_clusters.py             # learn and install kg/extraction/data/word_clusters.tsv
    python scripts/train_clusters.py --output c.tsv

Why: the tagger learns from ~2,000 annotated abstracts, so most technique names it meets on
new text hold words it never saw in training. Words that occur in the same contexts
("propagation", "diffusion", "smoothing") fall into the same cluster, and a cluster seen
in training carries to its unseen members — the classic semi-supervised gain for linear
sequence models (Brown clusters, Turian et al. 2010), learned here from the ACL corpus and
the SciREX abstracts, with the held-back evaluation abstracts left out.

How: each word of at least ``--min-count`` occurrences is described by the words right
before and right after it (two count vectors over the most frequent context words),
weighted by positive pointwise mutual information and reduced to ``--dims`` dimensions by
an eigen-decomposition of the context Gram matrix; k-means on the unit vectors then cuts
the words into clusters at several granularities (coarse clusters generalise, fine ones
discriminate). numpy only; a fixed seed gives the same clusters on the same machine.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from kg.extraction.tagger import CLUSTER_FILE  # noqa: E402
from kg.extraction.tokenizer import FastTokenizer  # noqa: E402
from train_tagger import heldout_ids  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "corpus" / "acl-2016-2025.jsonl.gz", SHARED / "external" / "scirex" / "abstracts.jsonl"]


def abstracts(paths: list[Path], skip: set[str]):
    """The abstract of every record outside ``skip``, in file order."""
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                text = rec.get("abstract") or ""
                if text and str(rec.get("id")) not in skip:
                    yield text


def tokens(texts) -> list[list[str]]:
    """Lower-cased words of each text, cut by kg's own tokenizer (so clusters key its tokens)."""
    import spacy

    split = FastTokenizer(spacy.blank("en").vocab)
    out = []
    for text in texts:
        words = [w.lower() for w in split(text).user_data["kg_words"][0]]
        out.append([w for w in words if not w.isspace()])
    return out


def embed(docs: list[list[str]], min_count: int, contexts: int, dims: int) -> tuple[list[str], np.ndarray]:
    """Unit vectors of the words seen ``min_count`` times, from their left/right neighbours."""
    counts = Counter(w for d in docs for w in d)
    vocab = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
    ctx = vocab[:contexts]
    row = {w: i for i, w in enumerate(vocab)}
    col = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(vocab), 2 * len(ctx)), dtype=np.float64)
    for d in docs:
        padded = ["<s>"] + d + ["</s>"]
        for k in range(1, len(padded) - 1):
            i = row.get(padded[k])
            if i is None:
                continue
            left, right = col.get(padded[k - 1]), col.get(padded[k + 1])
            if left is not None:
                m[i, left] += 1
            if right is not None:
                m[i, len(ctx) + right] += 1
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    ppmi = np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0.0)
    values, vectors = np.linalg.eigh(ppmi.T @ ppmi)
    top = vectors[:, np.argsort(values)[::-1][:dims]]
    emb = ppmi @ top
    emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    return vocab, emb


def kmeans(x: np.ndarray, k: int, seed: int, iterations: int = 30) -> np.ndarray:
    """Spherical k-means (cosine); the first centres are drawn with a fixed seed."""
    rng = np.random.RandomState(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)]
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(np.linalg.norm(centre), 1e-12)
    return assign


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", type=Path, default=CLUSTER_FILE)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--contexts", type=int, default=2000, help="context words on each side")
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--sizes", default="64,256", help="cluster counts, coarse to fine")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    docs = tokens(abstracts(CORPORA, heldout_ids()))
    vocab, emb = embed(docs, a.min_count, a.contexts, a.dims)
    sizes = [int(s) for s in a.sizes.split(",")]
    columns = [kmeans(emb, k, a.seed) for k in sizes]
    with open(a.output, "w", encoding="utf-8") as out:
        out.write("# word\t" + "\t".join(f"c{k}" for k in sizes) + "\n")
        for i in sorted(range(len(vocab)), key=lambda i: vocab[i]):
            out.write(vocab[i] + "\t" + "\t".join(str(c[i]) for c in columns) + "\n")
    print(f"{len(docs)} abstracts, {len(vocab)} words clustered into {sizes}: {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
