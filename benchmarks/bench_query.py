"""Time every cookbook query on the graph of a large corpus (default: the ACL abstracts).

Usage::

    .venv/bin/python benchmarks/bench_query.py                 # build (cached) and time
    .venv/bin/python benchmarks/bench_query.py --repeat 50 --rebuild
    .venv/bin/python benchmarks/bench_query.py --store /tmp/acl-store   # a store from kg load
    .venv/bin/python benchmarks/bench_query.py --store /tmp/acl-store --rows-out before.json
    .venv/bin/python benchmarks/bench_query.py --store /tmp/acl-store --rows-against before.json
    .venv/bin/python benchmarks/bench_query.py --store /tmp/acl-store --only top_entities

Steps: read the corpus with ``kg.read``; extract entities with ``kg.extract``; build the networkx
graph; write it as N-Triples; load it into an Oxigraph store (warm, in memory); then run
each cookbook query with its parameters bound to real values, at most 100 rows, rows
built as plain Python values (``run_named_query``), and report the median, p95 and worst time.
The extracted records and the N-Triples are cached under ``benchmarks/out/`` (git-ignored).

On a store (``--store``) each query is also timed with popular names (``POPULAR``: BERT,
Transformer, GLUE, SQuAD, ImageNet, the most prolific authors, every entity type), one table
per query. ``--rows-out FILE`` writes every case's complete answer (no row limit) as JSON;
``--rows-against FILE`` compares the answers with such a file (a rewrite of a query must
answer the same rows) and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_CORPUS = HERE.resolve().parents[1] / "shared" / "corpus" / "acl-2016-2025.jsonl.gz"
TARGET_MS = 200.0

#: Parameters a person would ask for on the ACL corpus, beside the bench's chosen ones:
#: the most linked model, dataset, method (BERT, Transformer, GLUE, SQuAD, ImageNet) and
#: the authors with the most papers. ``{author}`` is the store's most prolific author.
POPULAR: dict[str, list[dict]] = {
    "papers_mentioning": [{"entity": "BERT"}, {"entity": "Transformer"},
                          {"entity": "fine-tuning"}, {"entity": "ImageNet"}],
    "papers_using_dataset": [{"dataset": "SQuAD"}, {"dataset": "ImageNet"},
                             {"dataset": "Wikipedia"}],
    "author_methods": [{"author": "Graham Neubig"}, {"author": "Iryna Gurevych"}],
    "datasets_with_model": [{"model": "BERT"}, {"model": "GPT-4"}, {"model": "LSTM"}],
    "coauthors": [{"author": "Graham Neubig"}, {"author": "Iryna Gurevych"}],
    "models_introduced_by": [{"paper": "doi:10.18653/v1/2024.emnlp-main.898"}],
    "top_entities": [{"entity_type": "MODEL"}, {"entity_type": "METHOD"},
                     {"entity_type": "TASK"}, {"entity_type": "METRIC"}, {}],
}


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


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile of ``values`` (nearest rank: an observed time, never one between).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 95), percentile([5.0], 50)
    (4.0, 5.0)
    """
    ordered = sorted(values)
    rank = math.ceil(len(ordered) * q / 100)
    return ordered[max(0, min(len(ordered), rank) - 1)]


def time_case(store, name: str, bound: dict, repeat: int, limit: int) -> dict:
    """One query with one set of parameters: 2 warm-ups, then ``repeat`` timed runs."""
    from kg.sparql import run_named_query

    for _ in range(2):  # warm up
        rows = run_named_query(store, name, limit=limit, **bound).rows
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = run_named_query(store, name, limit=limit, **bound).rows
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "query": name, "params": bound, "rows": len(rows),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
        # CPU time of this process: what the query costs when other work shares the cores
        "cpu_median_ms": round(statistics.median(cpu), 2),
    }


def time_queries(store, params: dict[str, dict], repeat: int, limit: int,
                 popular: dict[str, list[dict]] | None = None,
                 only: list[str] | None = None) -> list[dict]:
    """Every cookbook query (or those named in ``only``) with its chosen parameters, then
    (``popular``) with each of its popular ones; a case repeating the chosen ones is timed once."""
    from kg.sparql import list_queries

    results = []
    for query in list_queries():
        if only and query.name not in only:
            continue
        cases = [params.get(query.name, {})]
        cases += [case for case in (popular or {}).get(query.name, []) if case not in cases]
        results += [time_case(store, query.name, bound, repeat, limit) for bound in cases]
    return results


def answers(store, cases: list[dict]) -> dict[str, list]:
    """Every case's complete answer (no row limit), keyed ``query {params}``, rows sorted."""
    from kg.sparql import run_named_query

    out = {}
    for case in cases:
        rows = run_named_query(store, case["query"], limit=10**9, **case["params"]).rows
        key = f"{case['query']} {json.dumps(case['params'], ensure_ascii=False, sort_keys=True)}"
        out[key] = sorted((list(row) for row in rows), key=lambda row: json.dumps(row, ensure_ascii=False))
    return out


def compare_answers(now: dict[str, list], before: dict[str, list]) -> list[str]:
    """Lines naming each case whose rows differ from ``before`` (empty: all the same)."""
    lines = []
    for key, rows in now.items():
        if key not in before:
            lines.append(f"{key}: not in the earlier answers")
        elif rows != before[key]:
            old = {json.dumps(r, ensure_ascii=False) for r in before[key]}
            new = {json.dumps(r, ensure_ascii=False) for r in rows}
            lines.append(f"{key}: {len(before[key])} rows before, {len(rows)} now; "
                         f"{len(old - new)} gone, {len(new - old)} new")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--limit", type=int, default=100, help="rows read per query")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached build")
    parser.add_argument("--store", type=Path,
                        help="time the queries on this on-disk store (kg load) instead of building")
    parser.add_argument("--only", action="append", metavar="QUERY",
                        help="on a store, time only this cookbook query (repeatable)")
    parser.add_argument("--chosen-only", action="store_true",
                        help="on a store, time only the chosen parameters (not POPULAR)")
    parser.add_argument("--rows-out", type=Path,
                        help="on a store, write every case's complete answer to this JSON file")
    parser.add_argument("--rows-against", type=Path,
                        help="on a store, compare every case's complete answer with this "
                             "--rows-out file; exit 1 when any differs")
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
    print(f"{'query':24} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'rows':>5}  params")
    for row in report["queries"]:
        flag = "" if row["median_ms"] <= TARGET_MS else "  (over target)"
        print(f"{row['query']:24} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} {row['max_ms']:>8.2f} "
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
    popular = None if args.chosen_only else POPULAR
    queries = time_queries(store, choose_parameters(store), args.repeat, args.limit, popular,
                           args.only)
    report = {"store": str(args.store), "triples": len(store), "open_ms": round(open_ms, 1),
              "first_query_ms": round(first_ms, 1), "repeat": args.repeat, "limit": args.limit,
              "queries": queries}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_query_store.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"store {args.store}: {report['triples']:,} triples; opened in {open_ms:.0f} ms, "
          f"first query {first_ms:.0f} ms; {args.repeat} runs per case after 2 warm-ups, "
          f"at most {args.limit} rows")
    for name in dict.fromkeys(row["query"] for row in queries):
        print(f"\n{name}")
        print(f"  {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>8} {'rows':>5}  params")
        for row in (r for r in queries if r["query"] == name):
            flag = "" if row["max_ms"] <= TARGET_MS else "  (over target)"
            print(f"  {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} {row['max_ms']:>8.2f} "
                  f"{row['cpu_median_ms']:>8.2f} {row['rows']:>5}  "
                  f"{json.dumps(row['params'], ensure_ascii=False)}{flag}")
    status = 0
    if args.rows_out or args.rows_against:
        now = answers(store, queries)
        if args.rows_out:
            args.rows_out.write_text(json.dumps(now, ensure_ascii=False, indent=0))
            print(f"\ncomplete answers of {len(now)} cases written to {args.rows_out}")
        if args.rows_against:
            differences = compare_answers(now, json.loads(args.rows_against.read_text(encoding="utf-8")))
            print(f"\nanswers against {args.rows_against}: "
                  + ("all the same" if not differences else f"{len(differences)} differ"))
            for line in differences:
                print("  " + line)
            status = 1 if differences else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
