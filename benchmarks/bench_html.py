"""Benchmark the interactive HTML export: generation time, page size, and load in Chromium.

Examples (from the repository root)::

    .venv/bin/python benchmarks/bench_html.py --input seeds        # read + extract, then the page
    .venv/bin/python benchmarks/bench_html.py --input ../shared/corpus/acl-2016-2025.jsonl.gz
    .venv/bin/python benchmarks/bench_html.py --records /tmp/acl.jsonl   # `kg extract` output
    .venv/bin/python benchmarks/bench_html.py --records /tmp/acl.jsonl --limit 2000
    .venv/bin/python benchmarks/bench_html.py --pyvis 1000,2000,5000,10000

Pages are written to ``benchmarks/out/`` (git-ignored) and, when Chromium is installed,
opened from disk with networking off (the helper of ``tests/browser/conftest.py``): the
report gives the time until the page has drawn and the number of nodes it holds.
``--pyvis`` compares pyvis's ``Network.from_nx`` with kg's linear path on synthetic graphs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import networkx as nx

from kg.exports.html import generate_html, new_network
from kg.exports.atomic import write_atomic
from kg.exports.insights import write_insights
from kg.graph.model import build_graph

ROOT = Path(__file__).resolve().parent.parent


def read_papers(args: argparse.Namespace) -> tuple[str, list[dict], float]:
    start = time.perf_counter()
    if args.records:
        name = Path(args.records).name.split(".")[0]
        with open(args.records, encoding="utf-8") as handle:
            papers = [json.loads(line) for line in handle if line.strip()]
        if args.limit:
            papers = papers[: args.limit]
            name += f"-{args.limit}"
    else:
        import kg

        name = Path(args.input).name.split(".")[0]
        papers = kg.extract(kg.read(args.input).papers)
    return name, papers, time.perf_counter() - start


def bench_page(args: argparse.Namespace) -> dict:
    name, papers, read_s = read_papers(args)
    start = time.perf_counter()
    graph = build_graph(papers)
    build_s = time.perf_counter() - start
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        page = generate_html(graph, title=f"kg: {name}")
        timings.append(time.perf_counter() - start)
    out = write_atomic(Path(args.out) / f"{name}.html", page)
    start = time.perf_counter()
    insights = write_insights(graph, Path(args.out) / f"{name}-insights")[0]
    insights_s = time.perf_counter() - start
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    report = {
        "input": args.records or args.input,
        "papers": len(papers),
        "graph_nodes": graph.number_of_nodes(),
        "graph_edges": graph.number_of_edges(),
        "kinds": dict(Counter(kind for _, kind in graph.nodes(data="kind"))),
        "entities": sum(1 for _, kind in graph.nodes(data="kind") if kind == "entity"),
        "read_s": round(read_s, 2),
        "build_graph_s": round(build_s, 2),
        "generate_html_s": round(min(timings), 2),
        "page_mode": data["meta"]["mode"],
        "page_nodes": len(data["nodes"]),
        "page_edges": len(data["edges"]),
        "page_on_demand_papers": sum(1 for d in data["details"].values() if "links" in d),
        "page_mb": round(out.stat().st_size / 1e6, 2),
        "page": str(out),
    }
    report["insights_s"] = round(insights_s, 2)
    report["insights_mb"] = round(insights.stat().st_size / 1e6, 2)
    if not args.no_browser:
        report.update(open_in_chromium(out))
        report.update({"insights_" + k: v for k, v in open_in_chromium(insights).items()})
    return report


def open_in_chromium(page: Path) -> dict:
    spec = importlib.util.spec_from_file_location("kg_browser", ROOT / "tests" / "browser" / "conftest.py")
    helper = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helper)
    binary = helper.find_chromium()
    if binary is None:
        return {"chromium": "not installed"}
    browser = helper.Browser(binary, timeout=120)
    try:
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        start = time.perf_counter()
        browser.open(page, wait=120)  # until the page's own marker: data-kg-drawn
        drawn_s = time.perf_counter() - start
        body = json.loads(browser.evaluate("JSON.stringify(document.body.dataset)"))
        requests = [u for u in browser.requested_urls() if u != page.resolve().as_uri()]
        return {"chromium_drawn_s": round(drawn_s, 2), "chromium_nodes": int(body.get("kgNodes", 0)),
                "chromium_visible_nodes": int(body.get("kgVisibleNodes", 0)),
                "chromium_edges": int(body.get("kgEdges", 0)), "chromium_other_requests": requests,
                "chromium_errors": browser.errors()}
    finally:
        browser.close()


def synthetic_graph(n_nodes: int, seed: int = 1) -> nx.DiGraph:
    """A paper-like graph: a third papers, each linked to ~3 of the other nodes."""
    rng = random.Random(seed)
    papers = n_nodes // 3
    graph = nx.DiGraph()
    for i in range(n_nodes):
        graph.add_node(f"n{i}", kind="paper" if i < papers else "author", label=f"node {i}")
    for p in range(papers):
        for t in rng.sample(range(papers, n_nodes), 3):
            graph.add_edge(f"n{p}", f"n{t}", kind="creator")
    return graph


def bench_pyvis(sizes: list[int], limit_s: float) -> list[dict]:
    from pyvis.network import Network

    rows = []
    skip_from_nx = False
    for n in sizes:
        graph = synthetic_graph(n)
        start = time.perf_counter()
        net = new_network()
        for node, attrs in graph.nodes(data=True):
            net.add_node(node, label=attrs["label"])
        for u, v in graph.edges:
            net.add_edge(u, v)
        linear_s = time.perf_counter() - start
        row = {"nodes": n, "edges": graph.number_of_edges(), "kg_add_node_edge_s": round(linear_s, 3)}
        if not skip_from_nx:
            start = time.perf_counter()
            Network().from_nx(graph)
            row["pyvis_from_nx_s"] = round(time.perf_counter() - start, 3)
            skip_from_nx = row["pyvis_from_nx_s"] > limit_s
        start = time.perf_counter()
        generate_html(graph)
        row["kg_generate_html_s"] = round(time.perf_counter() - start, 3)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--input", help="file or folder kg can read (seeds, the ACL corpus …)")
    source.add_argument("--records", help="JSON Lines of paper records (`kg extract` output)")
    parser.add_argument("--pyvis", default="", help="comma-separated graph sizes for the pyvis comparison")
    parser.add_argument("--pyvis-limit", type=float, default=60.0,
                        help="stop timing from_nx once one run exceeds this many seconds")
    parser.add_argument("--limit", type=int, default=0, help="only the first N records (e.g. 2000)")
    parser.add_argument("--repeat", type=int, default=1, help="generation runs; the best is reported")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    parser.add_argument("--no-browser", action="store_true", help="do not open the page in Chromium")
    args = parser.parse_args(argv)
    reports = {}
    if args.input or args.records:
        reports["page"] = bench_page(args)
        print(json.dumps(reports["page"], indent=2))
    if args.pyvis:
        reports["pyvis"] = bench_pyvis([int(s) for s in args.pyvis.split(",")], args.pyvis_limit)
        print(json.dumps(reports["pyvis"], indent=2))
    if not reports:
        parser.error("give --input, --records or --pyvis")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
