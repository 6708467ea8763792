"""Generate the interactive graph page: one offline, self-contained, script-safe HTML file.

The page is drawn by vis-network, the library pyvis wraps (its copy inside the pyvis
package is inlined); kg owns the template because pyvis's loads Bootstrap from a CDN and
writes tooltips with ``innerHTML``. Data flows one way: :func:`build_view_model`
computes the page's data once from the graph (communities, layout, labels, panels,
search keys), and :func:`render_page` turns that data into HTML, under a
Content-Security-Policy that admits exactly the inlined scripts and styles and no
network source. The same graph gives a byte-identical page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg.exports.atomic import write_atomic
from kg.exports.page.assets import TEMPLATES, script_json
from kg.exports.page.assets import render_page as _render
from kg.exports.page.details import node_group
from kg.exports.page.network import new_network
from kg.exports.page.style import EDGE_COLORS, GROUPS
from kg.exports.page.view_model import build_view_model

__all__ = ["EDGE_COLORS", "GROUPS", "TEMPLATES", "build_view_model", "generate_html", "new_network",
           "node_group", "render_page", "script_json", "write_html"]

SCRIPTS = ["vis-network.min.js", "graph.js"]
STYLES = ["vis-network.css", "graph.css"]


def generate_html(graph: nx.DiGraph, *, title: str = "kg", **thresholds: Any) -> str:
    """Return the interactive page of ``graph`` as one self-contained HTML string.

    Parameters
    ----------
    graph : networkx.DiGraph
        The knowledge graph (:func:`kg.graph.model.build_graph`).
    title : str
        Page title and heading (escaped like every other string).
    **thresholds
        Keywords of :func:`~kg.exports.page.view_model.build_view_model`:
        ``overview_threshold`` (above it, the page opens on communities),
        ``physics_threshold``, ``authors_threshold`` (above it, authors start hidden),
        ``overview_top``, ``papers_per_hub``, ``communities``.

    Returns
    -------
    str
        The page; byte-identical for the same graph and arguments.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("paper/1", kind="paper", label="<b>Hi</b>", title="<b>Hi</b>", year=2020)
    >>> page = generate_html(g, title="Demo & co")
    >>> "<title>Demo &amp; co</title>" in page, "<b>Hi" in page
    (True, False)
    >>> page == generate_html(g, title="Demo & co")
    True
    """
    return render_page(build_view_model(graph, **thresholds), title=title)


def render_page(data: dict, *, title: str) -> str:
    """The graph page of a view model (:func:`build_view_model`)."""
    return _render("graph.html", data, title=title, scripts=SCRIPTS, styles=STYLES)


def write_html(graph: nx.DiGraph, path: str | os.PathLike, **kw: Any) -> Path:
    """Write :func:`generate_html` of ``graph`` to ``path`` atomically; return the path.

    Examples
    --------
    >>> import tempfile
    >>> out = write_html(nx.DiGraph(), Path(tempfile.mkdtemp()) / "graph.html")
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    return write_atomic(path, generate_html(graph, **kw))
