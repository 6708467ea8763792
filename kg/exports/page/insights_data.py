"""The numbers of the insights page: trends per year, rising and falling names, model × dataset, authors per community.

Plain data from the graph and its communities (:mod:`communities`); each chart's
numbers are also a table (:func:`insight_tables`) that is written as CSV beside the page.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from kg.exports.page.hubs import paper_counts
from kg.exports.page.text import short, text

#: Entity types with a trend chart, in page order.
TREND_TYPES: tuple[str, ...] = ("DATASET", "MODEL", "METHOD", "TASK")
TREND_TOP = 6
#: Names per list of rising or falling names, and the papers a name needs to be ranked.
MOVERS_TOP = 8
MOVERS_MIN_PAPERS = 3
#: The last this many years are "recent" against all the years before them.
RECENT_YEARS = 2
MATRIX_TOP = 10
AUTHORS_PER_COMMUNITY = 5
COMMUNITIES_SHOWN = 12
NAME_CHARS = 60


def build_insights(graph: nx.DiGraph, communities: dict) -> dict:
    """Every chart's data for ``graph``; ``communities`` from ``detect_communities``.

    Examples
    --------
    >>> from kg.exports.page.communities import detect_communities
    >>> g = nx.DiGraph()
    >>> for pid, year, ents in [("1", 2020, ["model/m", "dataset/d"]), ("2", 2021, ["model/m"])]:
    ...     g.add_node("paper/" + pid, kind="paper", year=year)
    ...     for e in ents:
    ...         g.add_node(e, kind="entity", type=e.split("/")[0].upper(), name=e[-1].upper())
    ...         g.add_edge("paper/" + pid, e, kind="mentions")
    >>> ins = build_insights(g, detect_communities(g))
    >>> ins["years"], ins["trends"][1]["series"][0]["counts"], ins["matrix"]["cells"]
    ([2020, 2021], [1, 1], [[1]])
    """
    counts = paper_counts(graph)
    year_of = {n: y for n, y in graph.nodes(data="year")
               if graph.nodes[n].get("kind") == "paper" and isinstance(y, int)}
    years = sorted(set(year_of.values()))
    per_year = Counter(year_of.values())
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == "entity" and counts[node]:
            by_type[attrs.get("type")].append(node)
    for nodes in by_type.values():
        nodes.sort(key=lambda n: (-counts[n], n))
    yearly = {n: Counter(year_of[p] for p in graph.predecessors(n) if p in year_of)
              for t in TREND_TYPES for n in by_type.get(t, [])}
    return {
        "years": years,
        "papers_per_year": [per_year[y] for y in years],
        "trends": [
            {"type": t, "series": [{"key": n, "name": _name(graph, n), "counts": [yearly[n][y] for y in years]}
                                   for n in by_type.get(t, [])[:TREND_TOP]]}
            for t in TREND_TYPES
        ],
        "movers": _movers(graph, years, per_year, yearly),
        "matrix": _matrix(graph, by_type.get("MODEL", [])[:MATRIX_TOP], by_type.get("DATASET", [])[:MATRIX_TOP]),
        "community_authors": _community_authors(graph, communities),
    }


def _name(graph: nx.DiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    return short(text(attrs.get("name") or attrs.get("label")) or node, NAME_CHARS)


def _movers(graph, years, per_year, yearly) -> dict:
    """Names whose share of papers grew (or shrank) most in the recent years, in points."""
    if len(years) <= RECENT_YEARS:
        return {"recent": [], "before": [], "rising": [], "falling": []}
    recent, before = years[-RECENT_YEARS:], years[:-RECENT_YEARS]
    recent_total = sum(per_year[y] for y in recent) or 1
    before_total = sum(per_year[y] for y in before) or 1
    rows = []
    for node, by_year in yearly.items():
        total = sum(by_year.values())
        if total < MOVERS_MIN_PAPERS:
            continue
        share_recent = 100 * sum(by_year[y] for y in recent) / recent_total
        share_before = 100 * sum(by_year[y] for y in before) / before_total
        rows.append({"key": node, "name": _name(graph, node), "type": graph.nodes[node].get("type"),
                     "papers": total, "before": round(share_before, 2), "recent": round(share_recent, 2),
                     "change": round(share_recent - share_before, 2)})
    rising = sorted((r for r in rows if r["change"] > 0), key=lambda r: (-r["change"], r["key"]))
    falling = sorted((r for r in rows if r["change"] < 0), key=lambda r: (r["change"], r["key"]))
    return {"recent": [recent[0], recent[-1]], "before": [before[0], before[-1]],
            "rising": rising[:MOVERS_TOP], "falling": falling[:MOVERS_TOP]}


def _matrix(graph, models: list[str], datasets: list[str]) -> dict:
    """Papers naming each top model together with each top dataset."""
    papers = {n: set(graph.predecessors(n)) for n in models + datasets}
    return {
        "models": [_name(graph, m) for m in models],
        "datasets": [_name(graph, d) for d in datasets],
        "cells": [[len(papers[m] & papers[d]) for d in datasets] for m in models],
    }


def _community_authors(graph, communities: dict) -> list[dict]:
    """The most prolific authors of each community's papers."""
    of = communities["of"]
    tally: dict[int, Counter] = defaultdict(Counter)
    for paper, kind in graph.nodes(data="kind"):
        if kind == "paper" and paper in of:
            for t in graph.successors(paper):
                if graph.nodes[t].get("kind") == "author":
                    tally[of[paper]][t] += 1
    out = []
    for c in communities["communities"][:COMMUNITIES_SHOWN]:
        ranked = sorted(tally[c["rank"]].items(), key=lambda kv: (-kv[1], kv[0]))[:AUTHORS_PER_COMMUNITY]
        out.append({"rank": c["rank"], "name": c["name"], "color": c["color"], "papers": c["papers"],
                    "authors": [{"name": _name(graph, a), "papers": n} for a, n in ranked]})
    return out


def insight_tables(insights: dict) -> dict[str, list[list]]:
    """Each chart's numbers as rows (header first): file name → table.

    >>> tables = insight_tables({"years": [2020], "trends": [{"type": "MODEL", "series": [
    ...     {"key": "model/m", "name": "M", "counts": [3]}]}], "movers": {"rising": [], "falling": []},
    ...     "matrix": {"models": [], "datasets": [], "cells": []}, "community_authors": []})
    >>> tables["insights-trends.csv"]
    [['type', 'name', 'year', 'papers'], ['MODEL', 'M', 2020, 3]]
    """
    trends = [["type", "name", "year", "papers"]]
    for chart in insights["trends"]:
        for series in chart["series"]:
            trends.extend([chart["type"], series["name"], y, n] for y, n in zip(insights["years"], series["counts"]))
    movers = [["direction", "type", "name", "papers", "share_before_pct", "share_recent_pct", "change_points"]]
    for direction in ("rising", "falling"):
        movers.extend([direction, r["type"], r["name"], r["papers"], r["before"], r["recent"], r["change"]]
                      for r in insights["movers"][direction])
    matrix = [["model", "dataset", "papers"]]
    m = insights["matrix"]
    for model, row in zip(m["models"], m["cells"]):
        matrix.extend([model, dataset, n] for dataset, n in zip(m["datasets"], row))
    authors = [["community", "community_name", "author", "papers"]]
    for c in insights["community_authors"]:
        authors.extend([c["rank"], c["name"], a["name"], a["papers"]] for a in c["authors"])
    return {"insights-trends.csv": trends, "insights-movers.csv": movers,
            "insights-model-dataset.csv": matrix, "insights-community-authors.csv": authors}
