"""Write the insights page (``insights.html``) and each chart's numbers as CSV beside it.

The page answers what people bring to a literature graph without SPARQL: which
datasets, models, methods and tasks rise and fall, what each model is evaluated on, who
works in each community. Charts are plain SVG drawn by the page script from the embedded
data (no charting library, nothing fetched), under the graph page's safety rules.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from kg.exports.atomic import write_atomic
from kg.exports.page.assets import render_page
from kg.exports.page.communities import detect_communities
from kg.exports.page.insights_data import build_insights, insight_tables

#: File names :func:`write_insights` writes (the export set lists them).
INSIGHTS_FILES: tuple[str, ...] = (
    "insights.html", "insights-trends.csv", "insights-movers.csv",
    "insights-model-dataset.csv", "insights-community-authors.csv",
)


def generate_insights_html(graph: nx.DiGraph, *, title: str = "kg insights",
                           communities: dict | None = None) -> str:
    """The insights page of ``graph`` as one self-contained HTML string (deterministic)."""
    found = detect_communities(graph) if communities is None else communities
    data = build_insights(graph, found)
    data["csv"] = list(insight_tables(data))
    return render_page("insights.html", data, title=title, scripts=["insights.js"], styles=["insights.css"])


def csv_text(rows: list[list]) -> str:
    """CSV of ``rows``; a cell that a spreadsheet would read as a formula gets a leading ``'``.

    >>> csv_text([["name"], ["=HYPERLINK(1)"], ["ok"]])
    "name\\r\\n'=HYPERLINK(1)\\r\\nok\\r\\n"
    """
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c
                         for c in row])
    return out.getvalue()


def write_insights(graph: nx.DiGraph, folder: str | os.PathLike, *, communities: dict | None = None) -> list[Path]:
    """Write ``insights.html`` and its CSV files into ``folder``; return their paths."""
    folder = Path(folder)
    found = detect_communities(graph) if communities is None else communities
    data = build_insights(graph, found)
    tables = insight_tables(data)
    written = [write_atomic(folder / name, csv_text(rows)) for name, rows in tables.items()]
    data["csv"] = list(tables)
    page = render_page("insights.html", data, title="kg insights", scripts=["insights.js"], styles=["insights.css"])
    return [write_atomic(folder / "insights.html", page), *written]
