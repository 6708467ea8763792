"""Measure cross-paper entity resolution on the first N ACL corpus records.

Usage::

    .venv/bin/python benchmarks/bench_resolution.py                  # first 2,000 records
    .venv/bin/python benchmarks/bench_resolution.py --records 0      # the whole corpus
    .venv/bin/python benchmarks/bench_resolution.py --show fine-tuning --show PT

Steps: ``kg.read`` over the first N records of the corpus; per-abstract extraction
(``kg.extraction.extract_entities``, cached under ``benchmarks/out/`` because it is the slow
part and resolution is what is measured); then ``kg.resolution.resolve_entities``, timed, and
the counts issue 10 names, over the resolved entities (one per key):

* ``x_based``: entities named "X-based", "X-style" or "X-like";
* ``multi_type``: names (folded by case and punctuation) under more than one type;
* ``fold_split``: spellings that fold alike (case, hyphen, apostrophe, spacing) but are
  separate entities of one type;
* ``acronym_collisions``: entities whose papers define one acronym with long forms that do
  not fold alike (PT = pre-training and PT = prompt tuning in one entity);
* ``acronym_named``: entities named by an acronym although a long form is written in more
  of their papers (fine-tuning named "FT");
* ``generic_datasets``: DATASET entities whose name most of its mentions across the build
  type otherwise ("QA" as a dataset beside "QA" the task).

``--resolver FILE`` measures another ``resolve_entities`` (e.g. the previous commit's:
``git show HEAD~1:kg/resolution/merge.py > /tmp/merge_before.py``).

It also checks that resolving the papers in two halves' order (reversed) gives the same
names and keys, the property chunked extraction relies on.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_CORPUS = HERE.resolve().parents[1] / "shared" / "corpus" / "acl-2016-2025.jsonl.gz"
SUFFIXED = re.compile(r"[\s-](?:based|style|like)$", re.I)
DEFAULT_SHOW = ["fine-tuning", "FT", "attention", "AM", "pre-training", "PT", "prompt tuning", "word embeddings",
                "WE", "FrameNet", "FN", "WordNet", "WN18", "BERT", "BERT-based", "NAT", "NMT", "KG",
                "knowledge graph", "keyphrase generation", "COVID-19", "QA", "BoW", "OpenIE", "WMT'16"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def raw_papers(corpus: Path, records: int, cache: Path, rebuild: bool) -> list[dict]:
    """The first ``records`` papers with per-abstract (unresolved) entities, cached."""
    if cache.exists() and not rebuild:
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    import kg
    from kg.extraction import extract_entities

    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "slice.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            dst.writelines(itertools.islice(src, records or None))
        papers = kg.read(str(part)).papers
    started = time.perf_counter()
    found = list(extract_entities((p["abstract"][:100_000] for p in papers), n_process=2))
    log(f"extracted {len(papers)} papers in {time.perf_counter() - started:.1f} s")
    keep = ("id", "title")
    papers = [{**{k: p.get(k) for k in keep}, "entities": ents} for p, ents in zip(papers, found)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as handle:
        for paper in papers:
            handle.write(json.dumps(paper, ensure_ascii=False) + "\n")
    return papers


def fold(name: str) -> str:
    """Case, punctuation, apostrophe and spacing folded away (what users see as one name)."""
    import unicodedata

    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def measure(raw: list[dict], resolved: list[dict]) -> dict:
    """The counts of the module docstring, and the entities behind each."""
    from kg.resolution.spelling import clean_spelling, fold as kg_fold, is_acronym, spells

    entities: dict[str, dict] = {}
    papers_of: Counter = Counter()
    long_forms: dict[tuple[str, str], set[str]] = defaultdict(set)  # (key, acronym) -> folded long forms
    written: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))  # key -> spelling -> papers
    for number, paper in enumerate(resolved):
        for e in paper["entities"]:
            entities.setdefault(e["key"], e)
            papers_of[e["key"]] += 1
            texts = {clean_spelling(m["text"]) for m in e.get("mentions", [])}
            for text in texts:
                written[e["key"]][text].add(number)
            for short in filter(is_acronym, texts):
                long_forms[(e["key"], short)] |= {kg_fold(t) for t in texts if not is_acronym(t) and spells(short, t)}
    raw_types: dict[str, Counter] = defaultdict(Counter)
    for paper in raw:
        for e in paper["entities"]:
            raw_types[fold(e["name"])][e["type"]] += len(e.get("mentions", [])) or 1
    x_based = sorted(e["name"] for e in entities.values() if SUFFIXED.search(e["name"]))
    by_fold: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for e in entities.values():
        by_fold[fold(e["name"])].add((e["type"], e["key"]))
    multi_type = sorted(f for f, members in by_fold.items() if len({t for t, _ in members}) > 1)
    fold_split = sorted(f for f, members in by_fold.items() if len(members) > len({t for t, _ in members}))
    collisions = sorted((key, short, sorted(longs)) for (key, short), longs in long_forms.items() if len(longs) > 1)
    acronym_named = []
    for key, e in entities.items():
        if is_acronym(e["name"]) and written[key]:
            top = max(written[key], key=lambda t: (len(written[key][t]), t))
            if not is_acronym(top) and len(written[key][top]) > len(written[key].get(e["name"], ())):
                acronym_named.append((e["name"], top))
    generic = sorted(e["name"] for e in entities.values() if e["type"] == "DATASET"
                     and raw_types[fold(e["name"])]["DATASET"] * 2 < sum(raw_types[fold(e["name"])].values()))
    return {"entities": len(entities), "x_based": x_based, "multi_type": multi_type, "fold_split": fold_split,
            "acronym_collisions": collisions, "acronym_named": sorted(acronym_named),
            "generic_datasets": generic, "papers_of": papers_of, "by_key": entities}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--records", type=int, default=2000, help="first N records (0: all)")
    parser.add_argument("--rebuild", action="store_true", help="extract again instead of reading the cache")
    parser.add_argument("--show", action="append", help="names to look up after resolution")
    parser.add_argument("--resolver", type=Path, help="a module file whose resolve_entities to measure")
    parser.add_argument("--examples", type=int, default=8, help="examples printed per count")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from kg.extraction.normalize import norm_name
    from kg.resolution import resolve_entities

    if args.resolver:
        import importlib.util

        spec = importlib.util.spec_from_file_location("resolver_under_test", args.resolver)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
        resolve_entities = module.resolve_entities
    cache = HERE / "out" / f"resolution-raw-{args.records or 'all'}.jsonl.gz"
    raw = raw_papers(args.corpus, args.records, cache, args.rebuild)
    started = time.perf_counter()
    resolved = resolve_entities(raw)
    seconds = time.perf_counter() - started
    again = resolve_entities(raw[len(raw) // 2:] + raw[:len(raw) // 2])
    again = again[len(raw) - len(raw) // 2:] + again[:len(raw) - len(raw) // 2]
    same = all([(e["key"], e["name"]) for e in a["entities"]] == [(e["key"], e["name"]) for e in b["entities"]]
               for a, b in zip(resolved, again))
    found = measure(raw, resolved)
    print(f"{len(raw)} papers, {found['entities']} entities, resolution {seconds:.2f} s, "
          f"order-independent: {same}")
    for count in ("x_based", "multi_type", "fold_split", "acronym_collisions", "acronym_named", "generic_datasets"):
        items = found[count]
        print(f"{count}: {len(items)}   e.g. {items[:args.examples]}")
    wanted = {norm_name(n) for n in (args.show or DEFAULT_SHOW)}
    rows = []
    for key, e in found["by_key"].items():
        hits = wanted & {norm_name(x) for x in [e["name"], *e.get("aliases", [])]}
        if hits and found["papers_of"][key] >= 2:
            rows.append((-found["papers_of"][key], key, e["name"], sorted(e.get("aliases", []))[:6]))
    for n, key, name, aliases in sorted(rows)[:60]:
        print(f"  {-n:5d} papers  {key:40s} {name!r:30s} aliases {aliases}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
