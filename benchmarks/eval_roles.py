"""Score kg's paper–entity roles against the role gold (annotations/roles/roles.jsonl).

Each gold entity is matched to the kg entity of the same abstract that names it (any accepted
spelling, compared by kg's name folding); roles are scored over the matched ("found") entities:
per-role precision and recall, and accuracy.

    .venv/bin/python benchmarks/eval_roles.py [--show-errors] [--gold PATH] [--half even|odd] [--ids FILE]

``--gold annotations/roles/dev.jsonl`` scores the development set, the one to tune rules on;
the default is the held-out gold. ``--half even`` (``odd``) scores only the gold records at
even (odd) positions of the file: one half to read errors on, the other to check a rule on.
``--ids FILE`` (one abstract id a line) scores only the abstracts listed.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from kg.extraction import extract_entities
from kg.extraction.normalize import norm_name
from kg.extraction.roles import ROLES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "roles" / "roles.jsonl"
TEXTS = ROOT / "annotations" / "gold"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="role gold to score against (default: the held-out annotations/roles/roles.jsonl)")
    ap.add_argument("--half", choices=("even", "odd"), help="score only the gold records at even/odd positions")
    ap.add_argument("--ids", type=Path, help="score only the gold abstracts whose id is listed, one a line")
    args = ap.parse_args()
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    if args.half:
        gold = gold[args.half == "odd"::2]
    if args.ids:
        keep = set(args.ids.read_text(encoding="utf-8").split())
        gold = [g for g in gold if g["id"] in keep]
    abstracts = {}
    for name in ("acl.jsonl", "scirex.jsonl"):
        for line in (TEXTS / name).open(encoding="utf-8"):
            r = json.loads(line)
            abstracts[r["id"]] = r["abstract"]
    found = extract_entities([abstracts[g["id"]] for g in gold])
    pairs, missed = [], 0
    for g, ents in zip(gold, found):
        spellings = {}
        for e in ents:
            for s in [e["name"], *e["aliases"], *(m["text"] for m in e["mentions"])]:
                spellings.setdefault(norm_name(s), e)
        for item in g["roles"]:
            e = next((spellings[k] for k in map(norm_name, item["forms"]) if k in spellings), None)
            if e is None:
                missed += 1
                continue
            pairs.append((item["role"], e["role"], g["id"], item["name"], e.get("role_evidence", "")))
    tp = Counter(gr for gr, pr, *_ in pairs if gr == pr)
    gold_n = Counter(gr for gr, *_ in pairs)
    pred_n = Counter(pr for _, pr, *_ in pairs)
    total = sum(len(g["roles"]) for g in gold)
    print(f"{len(gold)} abstracts, {total} gold pairs, {len(pairs)} found by kg ({missed} not found)")
    print(f"{'role':<11} {'gold':>5} {'kg':>5} {'P':>6} {'R':>6}")
    for role in ROLES:
        p = tp[role] / pred_n[role] if pred_n[role] else 0.0
        r = tp[role] / gold_n[role] if gold_n[role] else 0.0
        print(f"{role:<11} {gold_n[role]:>5} {pred_n[role]:>5} {p:>6.3f} {r:>6.3f}")
    print(f"accuracy over found entities: {sum(tp.values()) / len(pairs):.3f}")
    if args.show_errors:
        for gr, pr, pid, name, ev in pairs:
            if gr != pr:
                print(f"{pid}\t{name}\tgold={gr}\tkg={pr}\t{ev}")


if __name__ == "__main__":
    main()
