"""F1 of the default profile as the tagger trains on 25 %, 50 % and 100 % of the training split.

usage: learning_curve.py [--fractions 0.25,0.5,1.0]

Each point retrains the tagger (scripts/train_tagger.py --fraction F, into a temporary file,
the package's weights untouched) and scores the default pipeline with it on every gold set
of eval_extraction.py. Takes about 2 minutes per point on this 2-core machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
import eval_extraction  # noqa: E402
import train_tagger  # noqa: E402

from kg.extraction.pipeline import build_pipeline  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fractions", default="0.25,0.5,1.0")
    a = ap.parse_args(argv)
    scorer = eval_extraction.load_scorer(eval_extraction.SHARED / "eval" / "score.py")
    sets = eval_extraction.gold_sets(ROOT / "seeds")
    total = len(train_tagger.training_records())
    print("| training abstracts | " + " | ".join(f"{n} F1" for n in sets) + " |")
    print("|---|" + "---|" * len(sets))
    for fraction in map(float, a.fractions.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            weights = Path(tmp) / "tagger.crfsuite"
            train_tagger.main(["--fraction", str(fraction), "--output", str(weights), "--no-install"])
            nlp = build_pipeline(overrides={"components.kg_tagger.model.path": str(weights)})
            f1 = [eval_extraction.evaluate(scorer, nlp, g, t)["HEADLINE"][2] for g, t in sets.values()]
        print(f"| {round(total * fraction)} ({fraction:.0%}) | " + " | ".join(f"{x:.3f}" for x in f1) + " |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
