"""Which rule layers still earn their place beside the trained tagger: for each layer, retrain
the tagger without it (it neither proposes spans nor gives features) and score the pipeline
without it, on every gold set of eval_extraction.py.

usage: layer_ablation.py [--layers kg_gazetteer,kg_acronyms,...]

About 3 minutes per layer on this 2-core machine; the package's weights are untouched.
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
from kg.extraction.tagger import RULE_LAYERS  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layers", default=",".join(RULE_LAYERS))
    a = ap.parse_args(argv)
    scorer = eval_extraction.load_scorer(eval_extraction.SHARED / "eval" / "score.py")
    sets = eval_extraction.gold_sets(ROOT / "seeds")
    print("| default profile without | " + " | ".join(f"{n} F1" for n in sets) + " |")
    print("|---|" + "---|" * len(sets))
    nlp = build_pipeline()
    print("| (nothing: the default) | " + " | ".join(
        f"{eval_extraction.evaluate(scorer, nlp, g, t)['HEADLINE'][2]:.3f}" for g, t in sets.values()) + " |")
    for layer in a.layers.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            weights = Path(tmp) / "tagger.crfsuite"
            train_tagger.main(["--exclude", layer, "--output", str(weights)])
            nlp = build_pipeline(exclude=[layer], overrides={"components.kg_tagger.model.path": str(weights)})
            f1 = [eval_extraction.evaluate(scorer, nlp, g, t)["HEADLINE"][2] for g, t in sets.values()]
        print(f"| {layer} | " + " | ".join(f"{x:.3f}" for x in f1) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
