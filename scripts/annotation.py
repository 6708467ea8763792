"""Check and compile the project's entity annotations (annotations/README.md).

An annotator writes one JSON object a line per abstract::

    {"id": "2023.acl-long.455",
     "entities": [{"type": "METHOD", "forms": ["label propagation", "LP"], "alt": [], "optional": false}]}

`forms` are spellings exactly as they occur in the abstract (case-sensitive); `alt` are
further accepted spellings that do not occur (a canonical long form, a plural-free form).
`check` validates a file against its input texts; `compile` turns annotations into the
seeds-gold format plus the character span of every mention.

usage:
    python scripts/annotation.py check OUT.jsonl [--input IN.jsonl]
    python scripts/annotation.py compile OUT.jsonl --input IN.jsonl -o GOLD.jsonl
    python scripts/annotation.py build      # every batch -> annotations/gold/{acl,scirex}.jsonl
    python scripts/annotation.py agreement  # second passes (D*) against the first, by score.py

`build` reads each batch of annotations/raw/ with its texts in annotations/texts/; a second,
independent pass (batches named D*) is only used for agreement, and an adjudicated record
(annotations/adjudicated/*.jsonl) replaces the first pass's.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TYPES = ("MODEL", "DATASET", "METHOD", "TASK", "METRIC")
ROOT = Path(__file__).resolve().parent.parent


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def texts_for(out_path: Path, input_path: Path | None) -> dict[str, dict]:
    """The input records (id, title, abstract) an annotation file refers to."""
    if input_path is None:
        input_path = ROOT / "annotations" / "texts" / out_path.name.split(".")[0]
        input_path = input_path.with_suffix(".jsonl")
    return {r["id"]: r for r in load_jsonl(input_path)}


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where `form` occurs in `text` as a whole name: not glued to a longer word on either
    side, nor preceded by a hyphen ("co-attention" is not "attention"); a following plural
    "s"/"es" joins the span ("Transformers" for "Transformer")."""
    spans, start = [], 0
    while form:
        i = text.find(form, start)
        if i < 0:
            break
        start = i + 1
        j = i + len(form)
        if i > 0 and (_is_word(text[i - 1]) and _is_word(form[0]) or text[i - 1] == "-" and _is_word(form[0])):
            continue
        for plural in ("es", "s", ""):
            k = j + len(plural)
            if text.startswith(plural, j) and (k >= len(text) or not _is_word(text[k]) or not _is_word(form[-1])):
                spans.append((i, k))
                break
    return spans


def mentions_of(text: str, entities: list[dict]) -> list[dict]:
    """Non-overlapping mention spans of every entity, longest first."""
    found = []
    for index, ent in enumerate(entities):
        for form in ent["forms"]:
            for s, e in occurrences(text, form):
                found.append((s, e, index))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, index in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        ent = entities[index]
        out.append({"start": s, "end": e, "text": text[s:e], "type": ent["type"],
                    "entity": index, "optional": bool(ent.get("optional"))})
    return sorted(out, key=lambda m: m["start"])


def check(records: list[dict], texts: dict[str, dict]) -> list[str]:
    problems = []
    seen = set()
    for n, rec in enumerate(records, 1):
        rid = rec.get("id")
        if rid not in texts:
            problems.append(f"line {n}: unknown id {rid!r}")
            continue
        if rid in seen:
            problems.append(f"line {n}: {rid}: annotated twice")
        seen.add(rid)
        text = texts[rid]["abstract"]
        for ent in rec.get("entities", []):
            if ent.get("type") not in TYPES:
                problems.append(f"line {n}: {rid}: bad type {ent.get('type')!r}")
            if not ent.get("forms"):
                problems.append(f"line {n}: {rid}: entity without forms: {ent}")
            for form in ent.get("forms", []):
                if not occurrences(text, form):
                    problems.append(f"line {n}: {rid}: form {form!r} does not occur verbatim as a whole name "
                                    f"(move it to 'alt' or fix the spelling)")
            extra = set(ent) - {"type", "forms", "alt", "optional", "note"}
            if extra:
                problems.append(f"line {n}: {rid}: unknown keys {sorted(extra)}")
    missing = [i for i in texts if i not in seen]
    if missing:
        problems.append(f"{len(missing)} input ids not annotated yet, first: {missing[0]}")
    return problems


def compile_record(rec: dict, source: dict) -> dict:
    """The seeds-gold shape (entities and optional, each a list of spelling lists per type)
    plus `id`, `abstract` and the character spans of every mention."""
    text = source["abstract"]
    gold: dict = {"id": rec["id"], "source": rec["id"], "key": text[:50], "entities": {}, "optional": {}}
    ents = rec.get("entities", [])
    for ent in ents:
        spellings = list(dict.fromkeys(ent["forms"] + ent.get("alt", [])))
        gold["optional" if ent.get("optional") else "entities"].setdefault(ent["type"], []).append(spellings)
    gold["mentions"] = mentions_of(text, ents)
    gold["abstract"] = text
    return gold


def build(root: Path = ROOT / "annotations") -> dict[str, int]:
    """Compile every first-pass batch (adjudicated records win) into one gold file per corpus,
    records in batch-name then line order."""
    adjudicated = {}
    for path in sorted((root / "adjudicated").glob("*.jsonl")):
        adjudicated.update({r["id"]: r for r in load_jsonl(path)})
    by_corpus: dict[str, list[dict]] = {"acl": [], "scirex": []}
    batches = sorted((p for p in (root / "raw").glob("*.jsonl") if not p.name.startswith("D")),
                     key=lambda p: (p.name[0], int(p.stem[1:])))
    for path in batches:
        texts = {r["id"]: r for r in load_jsonl(root / "texts" / path.name)}
        for rec in load_jsonl(path):
            rec = adjudicated.get(rec["id"], rec)
            corpus = "scirex" if rec["id"].startswith("scirex:") else "acl"
            by_corpus[corpus].append(compile_record(rec, texts[rec["id"]]))
    (root / "gold").mkdir(exist_ok=True)
    for corpus, recs in by_corpus.items():
        with open(root / "gold" / f"{corpus}.jsonl", "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    return {c: len(r) for c, r in by_corpus.items()}


SECOND_PASSES = {"D1": "A1", "D2": "S1"}  # second pass -> the batch holding the first pass


def as_prediction(rec: dict, text: str) -> dict:
    """A pass's required entities in the scorer's prediction shape."""
    return {"abstract": text, "entities": [
        {"name": e["forms"][0], "type": e["type"], "aliases": e["forms"] + e.get("alt", [])}
        for e in rec.get("entities", []) if not e.get("optional") and e.get("forms")]}


def agreement(root: Path = ROOT / "annotations", score_py: Path = ROOT.parent / "shared" / "eval" / "score.py"):
    """Headline and per-type F1 of each second pass scored against the first pass (and the
    reverse), with the shared scorer; optional entities count as the guidelines say, and once
    more as if no entity were optional (the second pass's required entities against the first's)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", score_py)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    first_all, second_all, texts = [], [], {}
    for second, first in SECOND_PASSES.items():
        texts.update({r["id"]: r for r in load_jsonl(root / "texts" / f"{second}.jsonl")})
        ids = set(texts)
        second_all += [r for r in load_jsonl(root / "raw" / f"{second}.jsonl") if r["id"] in ids]
        first_all += [r for r in load_jsonl(root / "raw" / f"{first}.jsonl") if r["id"] in ids]
    results = {}
    for direction, (gold, pred, strict) in {"pass 1 as gold": (first_all, second_all, False),
                                            "pass 2 as gold": (second_all, first_all, False),
                                            "pass 1 as gold, optional entities ignored": (first_all, second_all, True)
                                            }.items():
        golds = [compile_record(r, texts[r["id"]]) for r in gold]
        if strict:
            golds = [{**g, "optional": {}} for g in golds]
        preds = [as_prediction(r, texts[r["id"]]["abstract"]) for r in pred]
        counts, _, _ = scorer.score(golds, preds)
        row = {t: scorer.prf(*counts[t]) for t in scorer.TYPES}
        row["HEADLINE"] = scorer.prf(*(sum(counts[t][i] for t in scorer.HEADLINE) for i in range(3)))
        results[direction] = row
    return len(second_all), results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["check", "compile", "build", "agreement"])
    ap.add_argument("annotations", type=Path, nargs="?")
    ap.add_argument("--input", type=Path)
    ap.add_argument("-o", "--output", type=Path)
    a = ap.parse_args(argv)
    if a.command == "build":
        print(build())
        return 0
    if a.command == "agreement":
        n, results = agreement()
        print(f"{n} abstracts annotated twice, independently")
        for direction, row in results.items():
            print(f"{direction}: " + ", ".join(f"{t} F1 {row[t][2]:.3f}" for t in row)
                  + f" (headline P {row['HEADLINE'][0]:.3f} R {row['HEADLINE'][1]:.3f})")
        return 0
    records = load_jsonl(a.annotations)
    texts = texts_for(a.annotations, a.input)
    problems = check(records, texts)
    for p in problems:
        print(p)
    if a.command == "check":
        print(f"{len(records)} records, {sum(len(r.get('entities', [])) for r in records)} entities, "
              f"{len(problems)} problems")
        return 1 if problems else 0
    with open(a.output, "w", encoding="utf-8") as f:
        for rec in records:
            if rec.get("id") in texts:
                f.write(json.dumps(compile_record(rec, texts[rec["id"]]), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
