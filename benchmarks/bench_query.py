"""Time every cookbook query on the graph of a large corpus (default: the ACL abstracts).

Usage::

    .venv/bin/python benchmarks/bench_query.py                 # build (cached) and time
    .venv/bin/python benchmarks/bench_query.py --repeat 50 --rebuild
    .venv/bin/python benchmarks/bench_query.py --store /tmp/acl-store   # a store from kg load

Steps: read the corpus with ``kg.read``; extract entities with ``kg.extract``; build the networkx
graph; write it as N-Triples; load it into an Oxigraph store (warm, in memory); then run
each cookbook query with its parameters bound to real values, at most 100 rows, rows
built as plain Python values (``run_named_query``), and report the median and worst time.
The extracted records and the N-Triples are cached under ``benchmarks/out/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_CORPUS = HERE.resolve().parents[1] / "shared" / "corpus" / "acl-2016-2025.jsonl.gz"
TARGET_MS = 200.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def extracted_papers(corpus: Path, cache: Path, rebuild: bool) -> tuple[list[dict], str]:
    """The corpus's records with entities, from ``cache`` when it exists."""
    if cache.exists() and not rebuild:
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            first = json.loads(handle.readline())
            papers = [json.loads(line) for line in handle]
        return papers, first["extraction"]
    import kg

    started = time.perf_counter()
    papers = kg.read(str(corpus)).papers
    log(f"read {len(papers)} papers in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    papers, how = kg.extract(papers), "kg.extract (extraction + resolution)"
    log(f"extraction: {how}, {time.perf_counter() - started:.1f} s")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"extraction": how}) + "\n")
        for paper in papers:
            handle.write(json.dumps(paper, ensure_ascii=False) + "\n")
    return papers, how


def export(papers: list[dict], path: Path, rebuild: bool, inputs: list[str]) -> dict:
    """Write the graph's N-Triples to ``path`` (unless cached); return build timings."""
    from kg.exports.rdf import write_rdf
    from kg.graph import build_graph

    if path.exists() and not rebuild:
        return {}
    started = time.perf_counter()
    graph = build_graph(papers)
    built = time.perf_counter()
    write_rdf(graph, path, format="nt", inputs=inputs)
    written = time.perf_counter()
    return {"build_graph_s": round(built - started, 2), "write_nt_s": round(written - built, 2),
            "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def first(store, sparql: str, default=None):
    from kg.sparql import run_query

    rows = run_query(store, sparql, limit=1).rows
    return rows[0][0] if rows else default


def choose_parameters(store) -> dict[str, dict]:
    """Bind each query to values that exist and are popular in the graph (not timed)."""
    top = """SELECT ?name WHERE { ?e kg:entityType "%s" ; skos:prefLabel ?name .
             ?l kg:linkedEntity ?e } GROUP BY ?name ORDER BY DESC(COUNT(?l)) ?name"""
    dataset = first(store, top % "DATASET", "ImageNet")
    model = first(store, top % "MODEL", "Transformer")
    author = first(store, """SELECT ?name WHERE { ?p dcterms:creator ?a . ?a foaf:name ?name }
                             GROUP BY ?name ORDER BY DESC(COUNT(?p)) ?name""", "")
    introducing = first(store, """SELECT ?id WHERE { ?p kg:introduces ?m . ?m a kg:Model .
                                  ?p dcterms:identifier ?id } ORDER BY ?id""", "")
    link = run_query_rows(store, """SELECT ?id ?name WHERE { ?l kg:linkedPaper ?p ;
        kg:linkedEntity ?e ; kg:support ?s . ?p dcterms:identifier ?id .
        ?e skos:prefLabel ?name } ORDER BY DESC(?s) ?id ?name""")
    paper, entity = link[0] if link else ("", "")
    return {
        "papers_mentioning": {"entity": dataset},
        "papers_using_dataset": {"dataset": dataset},
        "models_introduced_by": {"paper": introducing},
        "author_methods": {"author": author},
        "datasets_with_model": {"model": model},
        "evidence_for_link": {"paper": paper, "entity": entity},
        "list_only_creators": {},
        "coauthors": {"author": author},
        "top_entities": {"entity_type": "DATASET"},
    }


def run_query_rows(store, sparql: str) -> list[tuple]:
    from kg.sparql import run_query

    return run_query(store, sparql, limit=1).rows


def time_queries(store, params: dict[str, dict], repeat: int, limit: int) -> list[dict]:
    from kg.sparql import list_queries, run_named_query

    results = []
    for query in list_queries():
        bound = params.get(query.name, {})
        for _ in range(2):  # warm up
            rows = run_named_query(store, query.name, limit=limit, **bound).rows
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows = run_named_query(store, query.name, limit=limit, **bound).rows
            times.append((time.perf_counter() - started) * 1000)
        results.append({
            "query": query.name, "params": bound, "rows": len(rows),
            "median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2),
        })
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--limit", type=int, default=100, help="rows read per query")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached build")
    parser.add_argument("--store", type=Path,
                        help="time the queries on this on-disk store (kg load) instead of building")
    args = parser.parse_args(argv)

    from kg.sparql import open_store

    if args.store:
        return report_store(args)

    stem = args.corpus.name.split(".")[0]
    papers, how = extracted_papers(args.corpus, args.out / f"{stem}-papers.jsonl.gz", args.rebuild)
    nt = args.out / f"{stem}.nt"
    build = export(papers, nt, args.rebuild, [args.corpus.name])
    started = time.perf_counter()
    store = open_store(nt)
    load_s = time.perf_counter() - started
    report = {
        "corpus": str(args.corpus), "papers": len(papers), "extraction": how,
        "entities": sum(len(p.get("entities") or []) for p in papers),
        "triples": len(store), "nt_bytes": nt.stat().st_size,
        "load_s": round(load_s, 2), **build, "repeat": args.repeat, "limit": args.limit,
    }
    report["queries"] = time_queries(store, choose_parameters(store), args.repeat, args.limit)
    (args.out / "bench_query.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))

    print(f"{report['papers']} papers, {report['entities']} entity links, "
          f"{report['triples']:,} triples (incl. ontology); store load {report['load_s']} s")
    print(f"extraction: {how}")
    print(f"{'query':24} {'median ms':>10} {'max ms':>8} {'rows':>5}  params")
    for row in report["queries"]:
        flag = "" if row["median_ms"] <= TARGET_MS else "  (over target)"
        print(f"{row['query']:24} {row['median_ms']:>10.2f} {row['max_ms']:>8.2f} "
              f"{row['rows']:>5}  {json.dumps(row['params'], ensure_ascii=False)}{flag}")
    return 0


def report_store(args) -> int:
    """Time every cookbook query on a persistent store: opened read-only, nothing parsed."""
    from kg.sparql import open_store

    started = time.perf_counter()
    store = open_store(args.store)
    open_ms = (time.perf_counter() - started) * 1000
    first_ms = None
    started = time.perf_counter()
    run_query_rows(store, "SELECT ?p WHERE { ?p a kg:Paper } LIMIT 1")
    first_ms = (time.perf_counter() - started) * 1000
    queries = time_queries(store, choose_parameters(store), args.repeat, args.limit)
    report = {"store": str(args.store), "triples": len(store), "open_ms": round(open_ms, 1),
              "first_query_ms": round(first_ms, 1), "repeat": args.repeat, "queries": queries}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_query_store.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"store {args.store}: {report['triples']:,} triples; opened in {open_ms:.0f} ms, "
          f"first query {first_ms:.0f} ms")
    print(f"{'query':24} {'median ms':>10} {'max ms':>8} {'rows':>5}  params")
    for row in queries:
        flag = "" if row["max_ms"] <= TARGET_MS else "  (over target)"
        print(f"{row['query']:24} {row['median_ms']:>10.2f} {row['max_ms']:>8.2f} "
              f"{row['rows']:>5}  {json.dumps(row['params'], ensure_ascii=False)}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
