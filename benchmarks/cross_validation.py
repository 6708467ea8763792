"""Cross-validation over the training annotations: the bench to decide a change on, so the
held-out abstracts are scored once per change rather than tuned on.

usage: cross_validation.py [--folds 5] [--only 0,1] [--set KEY=VALUE ...] [--pipeline-set DOTTED.KEY=VALUE ...]
                           [--weights-dir DIR] [--dump-dir DIR]

Fold k holds the training-split abstracts at positions i with i % folds == k; the tagger is
retrained (``scripts/train_tagger.py`` settings, ``--set`` overrides) on the other folds and
the default pipeline (``--pipeline-set`` overrides) scored on fold k, ACL and ML abstracts
apart, with the shared scorer. About 3 minutes a fold on this 2-core machine; the package's
weights are untouched. Prints one line per fold and set: headline P / R / F1, typed F1 over
all five types, F1 with types ignored (the gap between the two is typing errors) and F1 per type.

A change after the tagger (the linker, arbitration) needs no retraining: ``--weights-dir DIR``
keeps each fold's weights there and reuses them on the next run whose training settings are
the same (``fold{k}.json`` records them), a minute a fold instead of three. A change to the
features or to the rule layers the tagger reads does need it: use a new folder.
``--dump-dir`` writes each fold's gold and predictions as JSON Lines, for the scorer's
``--show`` or any other reading of the errors.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
from eval_extraction import SHARED, evaluate, load_scorer  # noqa: E402
from train_tagger import load_settings, train, training_records  # noqa: E402

from kg.extraction.pipeline import build_pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", default=None, help="comma-separated fold numbers (default: all)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a [training] setting")
    ap.add_argument("--pipeline-set", action="append", default=[], metavar="DOTTED.KEY=VALUE",
                    help="a pipeline setting, e.g. components.kg_tagger.min_confidence=0.7")
    ap.add_argument("--weights-dir", type=Path, default=None, help="keep and reuse each fold's weights here")
    ap.add_argument("--dump-dir", type=Path, default=None, help="write each fold's gold and predictions here")
    a = ap.parse_args(argv)
    settings = load_settings(a.set)
    overrides = {k: json.loads(v) for k, v in (item.split("=", 1) for item in a.pipeline_set)}
    scorer = load_scorer(SHARED / "eval" / "score.py")
    records = training_records()
    folds = [int(k) for k in a.only.split(",")] if a.only else range(a.folds)
    print("| fold | set | abstracts | headline P / R / F1 | F1 all types | F1 types ignored | "
          + " | ".join(scorer.TYPES) + " |")
    print("|---|---|---:|---|---|---|" + "---|" * len(scorer.TYPES))
    for k in folds:
        held = [r for i, r in enumerate(records) if i % a.folds == k]
        rest = [r for i, r in enumerate(records) if i % a.folds != k]
        with tempfile.TemporaryDirectory() as tmp:
            weights = fold_weights(k, a.folds, rest, settings, a.weights_dir or Path(tmp))
            nlp = build_pipeline(overrides={**overrides, "components.kg_tagger.model.path": str(weights)})
            for name, subset in (("ACL", [r for r in held if not r["id"].startswith("scirex:")]),
                                 ("ML", [r for r in held if r["id"].startswith("scirex:")])):
                dump = a.dump_dir / f"fold{k}_{name}" if a.dump_dir else None
                rows = evaluate(scorer, nlp, subset, [r["abstract"] for r in subset], dump=dump)
                print(f"| {k} | {name} | {len(subset)} | " + " / ".join(f"{x:.3f}" for x in rows["HEADLINE"])
                      + f" | {rows['TYPED'][2]:.3f} | {rows['UNTYPED'][2]:.3f} | "
                      + " | ".join(f"{rows[t][2]:.3f}" for t in scorer.TYPES) + " |", flush=True)
    return 0


def fold_weights(k: int, folds: int, records: list[dict], settings: dict, folder: Path) -> Path:
    """Fold ``k``'s weights in ``folder``: the ones there if trained with the same settings
    on the same number of folds, else trained now (and the settings written beside them)."""
    folder.mkdir(parents=True, exist_ok=True)
    weights, stamp = folder / f"fold{k}.crfsuite", folder / f"fold{k}.json"
    key = json.dumps({"folds": folds, "settings": settings}, sort_keys=True)
    if weights.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return weights
    train(records, weights, settings)
    stamp.write_text(key, encoding="utf-8")
    return weights


if __name__ == "__main__":
    sys.exit(main())
