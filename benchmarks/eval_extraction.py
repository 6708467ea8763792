"""Extraction quality on text the model never trained on, and speed, per pipeline configuration.

usage: eval_extraction.py [--configs both,rules,trained] [--tagger-path FILE] [--speed N] [--show]

Gold sets (scored with the shared scorer, ../shared/eval/score.py):
  held-out ACL / held-out ML: annotations/gold/*.jsonl restricted to annotations/heldout_ids.txt
      (never read by scripts/train_ner.py);
  seeds: ../shared/eval/seeds_gold.jsonl over the seed papers (the development check);
  ACL sample: the 50 abstracts of tests/extraction/fixtures (annotated before any training).
Configurations:
  rules    dictionary + rule layers + linear span scorer, no trained tagger
  trained  the trained tagger alone (+ linker), weights --trained-path (a tagger trained without
           rule features: scripts/train_tagger.py --set rule_features=false)
  both     the default profile
Speed: abstracts/s over N corpus abstracts in one process (first pass, after 50 warm-up texts).
Prints markdown tables: headline P/R/F1 per gold set, F1 per type, abstracts/s.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_extract import read_texts  # noqa: E402
from train_tagger import heldout_ids  # noqa: E402

from kg.extraction.pipeline import build_pipeline, entities_of  # noqa: E402

SHARED = ROOT.parent / "shared"
RULE_LAYERS = ["kg_gazetteer", "kg_acronyms", "kg_intro_cues", "kg_head_nouns", "kg_orthography", "kg_span_scorer"]
CONFIGS = {"rules": ["kg_tagger"], "trained": RULE_LAYERS, "both": []}


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def heldout_sets() -> dict[str, list[dict]]:
    held = heldout_ids()
    sets = {}
    for name, file in (("held-out ACL", "acl.jsonl"), ("held-out ML", "scirex.jsonl")):
        path = ROOT / "annotations" / "gold" / file
        if path.exists():
            sets[name] = [r for r in map(json.loads, open(path, encoding="utf-8")) if r["id"] in held]
    return sets


def gold_sets(seeds_dir: Path) -> dict[str, tuple[list[dict], list[str]]]:
    """name -> (gold records, abstracts to extract from)."""
    out = {name: (recs, [r["abstract"] for r in recs]) for name, recs in heldout_sets().items()}
    from kg.sources import read
    seeds = [p.get("abstract") or "" for p in read([seeds_dir]).papers]
    out["seeds"] = ([json.loads(x) for x in open(SHARED / "eval" / "seeds_gold.jsonl")], seeds)
    fx = ROOT / "tests" / "extraction" / "fixtures"
    out["ACL sample"] = ([json.loads(x) for x in open(fx / "acl_sample_gold.jsonl")],
                         [json.loads(x)["abstract"] for x in open(fx / "acl_sample_abstracts.jsonl")])
    return out


def evaluate(scorer, nlp, gold: list[dict], texts: list[str], show: bool = False,
             dump: Path | None = None) -> dict[str, tuple]:
    """Score ``nlp`` on ``texts`` against ``gold``; ``dump`` (a path without suffix) keeps
    the gold and the predictions as ``dump.gold.jsonl`` and ``dump.pred.jsonl``."""
    preds = [{"abstract": t, "entities": entities_of(d)} for t, d in zip(texts, nlp.pipe(texts))]
    if dump is not None:
        dump.parent.mkdir(parents=True, exist_ok=True)
        for suffix, rows in ((".gold.jsonl", gold), (".pred.jsonl", preds)):
            with open(str(dump) + suffix, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    counts, _, details = scorer.score(gold, preds, show)
    for key, t, fps, dups, fns in details:
        print(f"    {key!r} {t}: fp={fps} dup={dups} fn={fns}")
    rows = {t: scorer.prf(*counts[t]) for t in scorer.TYPES}
    rows["HEADLINE"] = scorer.prf(*(sum(counts[t][i] for t in scorer.HEADLINE) for i in range(3)))
    rows["TYPED"] = scorer.prf(*(sum(counts[t][i] for t in scorer.TYPES) for i in range(3)))  # all five types
    rows["UNTYPED"] = scorer.prf(*counts["UNTYPED"])  # types ignored
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default="rules,both")
    ap.add_argument("--trained-path", default=None, help="tagger weights for the 'trained' configuration")
    ap.add_argument("--tagger-path", default=None, help="trained tagger weights to evaluate (default: shipped)")
    ap.add_argument("--set", action="append", default=[], metavar="DOTTED.KEY=VALUE",
                    help="override a pipeline setting, e.g. --set components.kg_tagger.min_confidence=0.6")
    ap.add_argument("--sets", default=None, help="comma-separated gold set names (default: all)")
    ap.add_argument("--speed", type=int, default=2000, help="corpus abstracts for the speed column (0: skip)")
    ap.add_argument("--show", action="store_true", help="list each set's false positives and misses")
    ap.add_argument("--seeds-dir", type=Path, default=ROOT / "seeds")
    a = ap.parse_args(argv)
    scorer = load_scorer(SHARED / "eval" / "score.py")
    sets = gold_sets(a.seeds_dir)
    if a.sets:
        sets = {k: v for k, v in sets.items() if k in a.sets.split(",")}
    texts = read_texts(str(SHARED / "corpus" / "acl-2016-2025.jsonl.gz"), a.speed) if a.speed else []
    overrides = {key: json.loads(value) for key, value in (item.split("=", 1) for item in a.set)}
    if a.tagger_path:
        overrides["components.kg_tagger.model.path"] = a.tagger_path
    results = {}
    for config in a.configs.split(","):
        if config == "trained" and a.trained_path:
            nlp = build_pipeline(exclude=CONFIGS[config], overrides={"components.kg_tagger.model.path": a.trained_path})
        else:
            nlp = build_pipeline(exclude=CONFIGS[config], overrides=overrides)
        results[config] = {name: evaluate(scorer, nlp, g, t, a.show) for name, (g, t) in sets.items()}
        speed = None
        if texts:
            list(nlp.pipe(texts[:50]))
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            speed = len(texts) / (time.perf_counter() - t0)
        results[config]["speed"] = speed
    names = list(sets)
    print("| configuration | " + " | ".join(f"{n} P / R / F1" for n in names) + " | abstracts/s (1 process) |")
    print("|---|" + "---|" * len(names) + "---|")
    for config, res in results.items():
        cells = [" / ".join(f"{x:.3f}" for x in res[n]["HEADLINE"]) for n in names]
        speed = f"{res['speed']:.0f}" if res["speed"] else "–"
        print(f"| {config} | " + " | ".join(cells) + f" | {speed} |")
    print()
    print("F1 per type (" + ", ".join(names) + "):")
    print()
    types = list(scorer.TYPES)
    print("| configuration | set | " + " | ".join(types) + " |")
    print("|---|---|" + "---|" * len(types))
    for config, res in results.items():
        for n in names:
            print(f"| {config} | {n} | " + " | ".join(f"{res[n][t][2]:.3f}" for t in types) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
