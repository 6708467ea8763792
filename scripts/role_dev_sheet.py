"""The role development set (annotations/roles/README.md, "Development set").

Selection, fixed and not by content: the ACL entity-gold records that are not held out
(annotations/heldout_ids.txt), in file order, every 25th from the first (``[0::25]``), and the
SciREX ones, every 12th from the first (``[0::12]``); records whose required entity list is
empty are skipped. Of those (71 ACL, 20 SciREX) the first ``ANNOTATED`` (60) are annotated,
the corpora in the selection's proportion: the first 47 ACL and the first 13 SciREX
(``round(60 * 71 / 91)``). This script never runs kg.

    python scripts/role_dev_sheet.py            # print id, abstract, required entities (to annotate)
    python scripts/role_dev_sheet.py --compile  # annotations/roles/dev_sheet.txt -> dev.jsonl
    python scripts/role_dev_sheet.py --set dev2 [--compile]   # the second development set

The second set (``dev2``), drawn when the first had been read through, takes the same rule
half a step on (``acl[12::25]``, ``sx[6::12]``), so it shares no abstract with the first: a
development set whose errors nobody has yet read.

The sheet (same layout as sheet.txt) has one line per abstract id, then one line per
required entity: two spaces, the role padded to 14, the type padded to 9, the name. The
compiled JSON gives each pair the entity gold's accepted spellings as ``forms``.
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "annotations" / "gold"
HELDOUT = ROOT / "annotations" / "heldout_ids.txt"
ROLES = ("introduces", "evaluates", "compares", "uses", "mentions")
#: corpus, entity-gold file, step of the slice
CORPORA = (("acl", "acl.jsonl", 25), ("scirex", "scirex.jsonl", 12))
#: name of each development set -> (start of the ACL slice, start of the SciREX slice)
SETS = {"dev": (0, 0), "dev2": (12, 6)}
#: how many of the selection are annotated, split over the corpora in proportion
ANNOTATED = 60


def heldout_ids() -> set[str]:
    lines = HELDOUT.read_text(encoding="utf-8").splitlines()
    return {s.strip() for s in lines if s.strip() and not s.startswith("#")}


def required(record: dict) -> list[tuple[str, list[str]]]:
    """(type, forms) of each required entity, types in sorted order, entities in gold order."""
    ents = record.get("entities") or {}
    return [(t, forms) for t in sorted(ents) for forms in ents[t] if forms]


def selection(which: str = "dev") -> list[tuple[str, dict]]:
    """(corpus, record) of each selected abstract, in the order of the dev set."""
    held = heldout_ids()
    out = []
    for (corpus, name, step), start in zip(CORPORA, SETS[which]):
        with open(GOLD / name, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        for r in [r for r in records if r["id"] not in held][start::step]:
            if required(r):
                out.append((corpus, r))
    return out


def annotated(which: str = "dev") -> list[tuple[str, dict]]:
    """The first ``ANNOTATED`` of the selection, each corpus its proportional share (in order)."""
    sel = selection(which)
    by_corpus = {c: [x for x in sel if x[0] == c] for c, _, _ in CORPORA}
    out, left = [], ANNOTATED
    for i, (c, _, _) in enumerate(CORPORA):
        share = left if i == len(CORPORA) - 1 else round(ANNOTATED * len(by_corpus[c]) / len(sel))
        out += by_corpus[c][:share]
        left -= share
    return out


def show(which: str) -> None:
    for i, (corpus, r) in enumerate(annotated(which)):
        print(f"=== [{i}] {r['id']} ({corpus})")
        print(textwrap.fill(r["abstract"], 100))
        for t, forms in required(r):
            print(f"  {t:<9}{forms[0]}")
        print()


def compile_sheet(which: str) -> None:
    sheet = ROOT / "annotations" / "roles" / f"{which}_sheet.txt"
    out = ROOT / "annotations" / "roles" / f"{which}.jsonl"
    chosen = {r["id"]: (corpus, r) for corpus, r in annotated(which)}
    done: dict[str, dict[tuple[str, str], str]] = {}
    order: list[str] = []
    current = None
    for n, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if not line.startswith("  "):
            current = line.strip()
            if current not in chosen or current in done:
                sys.exit(f"{sheet.name}:{n}: unknown or repeated id {current!r}")
            done[current] = {}
            order.append(current)
            continue
        role, etype, name = line[2:16].strip(), line[16:25].strip(), line[25:]
        if role not in ROLES or current is None:
            sys.exit(f"{sheet.name}:{n}: bad line {line!r}")
        done[current][(etype, name)] = role
    missing = [i for i in chosen if i not in done]
    if missing:
        sys.exit(f"not annotated: {', '.join(missing)}")
    with open(out, "w", encoding="utf-8") as f:
        for pid in chosen:
            corpus, r = chosen[pid]
            roles = done[pid]
            items = []
            for t, forms in required(r):
                if (t, forms[0]) not in roles:
                    sys.exit(f"{pid}: no role for {t} {forms[0]!r}")
                items.append({"forms": forms, "name": forms[0], "role": roles.pop((t, forms[0])), "type": t})
            if roles:
                sys.exit(f"{pid}: not in the entity gold: {sorted(roles)}")
            f.write(json.dumps({"corpus": corpus, "id": pid, "roles": items}, ensure_ascii=False,
                               sort_keys=True) + "\n")
    print(f"{len(chosen)} abstracts -> {out.relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), default="dev", help="which development set (default dev)")
    ap.add_argument("--compile", action="store_true", help="write SET.jsonl from SET_sheet.txt")
    args = ap.parse_args()
    compile_sheet(args.set) if args.compile else show(args.set)


if __name__ == "__main__":
    main()
