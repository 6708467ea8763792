"""Train kg's entity recogniser (spaCy `ner`, config `kg/extraction/ner.cfg`) from the
project's annotations and install it into the package.

    python scripts/train_ner.py                 # train on the training split, install
    python scripts/train_ner.py --fraction 0.5  # learning curve: half the training docs
    python scripts/train_ner.py --output DIR --no-install

The held-back split (`annotations/heldout_ids.txt`) is never read here; 10 % of the training
documents (every tenth) pick the best checkpoint. Optional entities are marked *missing*, so
the model is neither taught nor punished on borderline spans. A fixed seed and a fixed
document order make retraining reproduce the shipped scores.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import kg.extraction.components  # noqa: E402,F401  (registers kg's tokenizer)
from kg.extraction.tokenizer import make_fast_tokenizer  # noqa: E402

ANNOTATIONS = ROOT / "annotations"
CONFIG = ROOT / "kg" / "extraction" / "ner.cfg"
INSTALL = ROOT / "kg" / "extraction" / "data" / "ner"


def load_gold(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]


def heldout_ids() -> set[str]:
    path = ROOT / "annotations" / "heldout_ids.txt"
    return {line.strip() for line in open(path) if line.strip() and not line.startswith("#")}


def training_records(fraction: float = 1.0, root: Path = ANNOTATIONS) -> list[dict]:
    """Annotated documents outside the held-back split, in file order; the first `fraction`."""
    held = heldout_ids()
    recs = [r for r in load_gold(sorted((root / "gold").glob("*.jsonl"))) if r["id"] not in held]
    return recs[: max(1, round(len(recs) * fraction))]


def to_doc(nlp, rec: dict):
    """A Doc with the record's mentions as entities; optional mentions are missing, not outside."""
    doc = nlp.make_doc(rec["abstract"])
    ents, missing = [], []
    for m in rec["mentions"]:
        span = doc.char_span(m["start"], m["end"], label=m["type"], alignment_mode="contract")
        if span is None or not len(span):
            continue
        (missing if m["optional"] else ents).append(span)
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def write_docbins(records: list[dict], folder: Path) -> tuple[Path, Path]:
    nlp = spacy.blank("en")
    nlp.tokenizer = make_fast_tokenizer(nlp)
    train, dev = DocBin(), DocBin()
    for i, rec in enumerate(records):
        (dev if i % 10 == 9 else train).add(to_doc(nlp, rec))
    paths = folder / "train.spacy", folder / "dev.spacy"
    train.to_disk(paths[0])
    dev.to_disk(paths[1])
    return paths


def train(fraction: float, output: Path, root: Path = ANNOTATIONS) -> Path:
    from spacy.cli.train import train as spacy_train

    records = training_records(fraction, root)
    with tempfile.TemporaryDirectory() as tmp:
        train_path, dev_path = write_docbins(records, Path(tmp))
        print(f"training on {len(records)} documents ({fraction:.0%} of the training split)")
        spacy_train(CONFIG, output, use_gpu=-1,
                    overrides={"paths.train": str(train_path), "paths.dev": str(dev_path)})
    return output / "model-best"


def install(model: Path) -> None:
    """Copy the trained pipeline into the package, without its (empty) tokenizer state."""
    if INSTALL.exists():
        shutil.rmtree(INSTALL)
    shutil.copytree(model, INSTALL)
    size = sum(p.stat().st_size for p in INSTALL.rglob("*") if p.is_file())
    print(f"installed {INSTALL.relative_to(ROOT)} ({size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fraction", type=float, default=1.0, help="share of the training documents to use")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "out" / "ner")
    ap.add_argument("--annotations", type=Path, default=ANNOTATIONS, help="folder holding gold/*.jsonl")
    ap.add_argument("--no-install", action="store_true", help="leave the package's model as it is")
    a = ap.parse_args(argv)
    best = train(a.fraction, a.output, a.annotations)
    if not a.no_install:
        install(best)
    return 0


if __name__ == "__main__":
    sys.exit(main())
