"""F1 (seeds and the held-out ACL sample) and speed as each extraction layer is added.

usage: ablation.py [--seeds-dir seeds | --seeds SEEDS.jsonl] [--n 2000]

Scores with the shared scorer (../shared/eval/score.py) and prints a markdown table.
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
from bench_extract import read_texts  # noqa: E402

from kg.extraction.pipeline import build_pipeline, entities_of  # noqa: E402

# The workplace keeps shared material beside the repository: ../shared/
SHARED = Path(__file__).resolve().parents[2] / "shared"

LAYERS = ["kg_gazetteer", "kg_acronyms", "kg_intro_cues+kg_head_nouns", "kg_orthography", "kg_span_scorer"]
ALL = [p for layer in LAYERS for p in layer.split("+")]


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def headline(scorer, gold_path: str, rows: list[dict], nlp) -> tuple[float, float, float]:
    preds = [{"abstract": r["abstract"], "entities": entities_of(d)}
             for r, d in zip(rows, nlp.pipe(r["abstract"] for r in rows))]
    counts, _, _ = scorer.score(scorer.load(gold_path), preds)
    tp, fp, fn = (sum(counts[t][i] for t in scorer.HEADLINE) for i in range(3))
    return scorer.prf(tp, fp, fn)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds-dir", default=str(ROOT / "seeds"), help="seed papers, read with kg.sources.read")
    ap.add_argument("--seeds", default=None, help="seed abstracts JSONL (instead of --seeds-dir)")
    ap.add_argument("--seeds-gold", default=str(SHARED / "eval" / "seeds_gold.jsonl"))
    ap.add_argument("--acl", default=str(ROOT / "tests/extraction/fixtures/acl_sample_abstracts.jsonl"))
    ap.add_argument("--acl-gold", default=str(ROOT / "tests/extraction/fixtures/acl_sample_gold.jsonl"))
    ap.add_argument("--score-py", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "acl-2016-2025.jsonl.gz"))
    ap.add_argument("--n", type=int, default=2000, help="corpus abstracts for the speed column")
    a = ap.parse_args(argv)
    scorer = load_scorer(a.score_py)
    if a.seeds:
        seeds = [json.loads(x) for x in open(a.seeds, encoding="utf-8")]
    else:
        from kg.sources import read
        seeds = [{"abstract": p.get("abstract") or ""} for p in read([a.seeds_dir]).papers]
    acl = [json.loads(x) for x in open(a.acl, encoding="utf-8")]
    texts = read_texts(a.corpus, a.n)
    print("| layers | seeds P | seeds R | seeds F1 | ACL sample P | ACL sample R | ACL sample F1 | abstracts/s |")
    print("|---|---|---|---|---|---|---|---|")
    for i in range(1, len(LAYERS) + 1):
        keep = {p for layer in LAYERS[:i] for p in layer.split("+")}
        nlp = build_pipeline(exclude=[p for p in ALL if p not in keep])
        sp, sr, sf = headline(scorer, a.seeds_gold, seeds, nlp)
        ap_, ar, af = headline(scorer, a.acl_gold, acl, nlp)
        list(nlp.pipe(texts[:50]))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        speed = len(texts) / (time.perf_counter() - t0)  # first pass: includes new-word (lexeme) costs
        name = " + ".join(LAYERS[:i]) if i == 1 else "+ " + LAYERS[i - 1].replace("+", " + ")
        print(f"| {name} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {ap_:.3f} | {ar:.3f} | {af:.3f} | {speed:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
