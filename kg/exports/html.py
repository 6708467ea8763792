"""Generate the interactive graph page: one offline, self-contained, script-safe HTML file.

The page is drawn by vis-network, the library pyvis wraps; nodes and edges are collected
in a pyvis :class:`~pyvis.network.Network`, but kg owns the page template
(``kg/exports/templates/graph.html``) because pyvis's own template loads Bootstrap from a
CDN and writes tooltips with ``innerHTML``. Here:

* every asset is inlined (vis-network's JS and CSS come from the pyvis package), and a
  Content-Security-Policy allows only those exact inline scripts and styles (by SHA-256)
  and no network source at all;
* the graph travels as JSON inside ``<script type="application/json">`` with ``<``, ``>``,
  ``&`` and every non-ASCII character escaped, so no scraped string can close the element;
  the page script reads it with ``JSON.parse`` and builds all text with ``textContent``;
* positions are computed once with networkx, and physics only runs on small graphs;
  above ``overview_threshold`` nodes the page opens on the co-occurrence graph of the
  top entities (see :mod:`kg.exports.layout`) and adds papers on demand;
* the output depends on the graph only: the same graph gives a byte-identical page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.exports.atomic import write_atomic
from kg.exports.layout import build_overview, compute_positions, paper_counts

TEMPLATES = Path(__file__).parent / "templates"
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

#: Legend of the page: group id → label, colour and vis-network shape, in legend order.
#: A node's group is its entity ``type`` for entities and its ``kind`` otherwise.
GROUPS: dict[str, dict[str, str]] = {
    "paper": {"label": "Paper", "color": "#4e79a7", "shape": "square"},
    "MODEL": {"label": "Model", "color": "#e15759", "shape": "diamond"},
    "DATASET": {"label": "Dataset", "color": "#59a14f", "shape": "triangle"},
    "METHOD": {"label": "Method", "color": "#f28e2b", "shape": "star"},
    "TASK": {"label": "Task", "color": "#b07aa1", "shape": "hexagon"},
    "METRIC": {"label": "Metric", "color": "#edc948", "shape": "triangleDown"},
    "author": {"label": "Author", "color": "#9c755f", "shape": "dot"},
    "organization": {"label": "Organization", "color": "#bab0ac", "shape": "dot"},
    "code": {"label": "Code", "color": "#76b7b2", "shape": "square"},
}
EDGE_COLORS = {
    "mentions": "#8da0cb", "creator": "#c9b8a8", "affiliation": "#d5d5d5",
    "code": "#9fd0cc", "cooccurs": "#b8b8c8",
}
#: Longest label drawn on the canvas; the full text is in the tooltip and the panel.
LABEL_CHARS = 48
#: Evidence sentences kept per paper–entity link, and their length.
EVIDENCE_SENTENCES = 3
EVIDENCE_CHARS = 500
#: Authors listed per paper in tooltips and panels.
AUTHORS_SHOWN = 12

_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)


def generate_html(
    graph: nx.DiGraph,
    *,
    title: str = "kg",
    overview_threshold: int = 2000,
    physics_threshold: int = 500,
    overview_top: int = 300,
    papers_per_hub: int = 25,
) -> str:
    """Return the interactive page of ``graph`` as one self-contained HTML string.

    Parameters
    ----------
    graph : networkx.DiGraph
        The knowledge graph (:func:`kg.graph.model.build_graph`).
    title : str
        Page title and heading (escaped like every other string).
    overview_threshold : int
        Graphs with more nodes than this open on the overview: the co-occurrence graph of
        the ``overview_top`` most-linked entities (authors fill in when entities are
        scarce), each with up to ``papers_per_hub`` of its papers a click away.
    physics_threshold : int
        Graphs with more nodes than this are drawn at their precomputed positions with
        physics off; smaller ones start there and settle with vis-network's physics.
    overview_top, papers_per_hub : int
        Size of the overview (see ``overview_threshold``).

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
    if graph.number_of_nodes() > overview_threshold:
        data = _overview_data(graph, top=overview_top, papers_per_hub=papers_per_hub)
    else:
        data = _full_data(graph, physics=graph.number_of_nodes() <= physics_threshold)
    return render_page(data, title=title)


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


# --------------------------------------------------------------------------- network


class _NodeIndex(list):
    """pyvis's list of node ids, with set-speed membership tests.

    ``Network.add_node`` and ``Network.add_edge`` check ``id in self.node_ids`` (a list)
    on every call, which makes building a network quadratic; this list answers those
    checks from a set, so adding N nodes and E edges is O(N + E).
    """

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item: Any) -> None:
        self._members.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def new_network() -> Network:
    """An empty directed pyvis ``Network`` whose add_node/add_edge run in O(1).

    Directed, so pyvis skips its O(E) duplicate-edge scan (the DiGraph has no duplicates).

    Examples
    --------
    >>> net = new_network()
    >>> net.add_node("a", label="A"); net.add_node("b"); net.add_edge("a", "b")
    >>> len(net.nodes), net.edges[0]["from"], "a" in net.get_nodes()
    (2, 'a', True)
    """
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _NodeIndex()
    return net


def node_group(attrs: dict) -> str:
    """Legend group of a node: its entity type, else its kind (``paper``, ``author`` …).

    Examples
    --------
    >>> node_group({"kind": "entity", "type": "MODEL"}), node_group({"kind": "author"})
    ('MODEL', 'author')
    """
    kind = attrs.get("kind")
    if kind == "entity" and attrs.get("type") in GROUPS:
        return attrs["type"]
    return kind if kind in GROUPS else "code"


def _add_node(net: Network, graph: nx.DiGraph, node: str, pos: tuple[int, int], value: int) -> None:
    attrs = graph.nodes[node]
    group = node_group(attrs)
    style = GROUPS[group]
    net.add_node(
        node, label=_short(_text(attrs.get("label")) or node, LABEL_CHARS),
        shape=style["shape"], color=style["color"], value=value,
        x=pos[0], y=pos[1], kg_group=group,
    )


def _full_data(graph: nx.DiGraph, *, physics: bool) -> dict:
    net = new_network()
    positions = compute_positions(graph)
    for node in graph.nodes:
        _add_node(net, graph, node, positions[node], graph.degree(node))
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        kind = attrs.get("kind", "")
        net.add_edge(source, target, **_edge_fields(f"e{index}", kind, attrs))
    counts = paper_counts(graph)
    details = {node: _details(graph, node, counts) for node in graph.nodes}
    return _payload(graph, net, details, mode="full", physics=physics, more={})


def _overview_data(graph: nx.DiGraph, *, top: int, papers_per_hub: int) -> dict:
    overview = build_overview(graph, top=top)
    positions = compute_positions(overview, spacing=110.0)
    counts = paper_counts(graph)
    net = new_network()
    for hub, papers in overview.nodes(data="papers"):
        _add_node(net, graph, hub, positions[hub], papers)
    for index, (a, b, weight) in enumerate(overview.edges(data="weight")):
        net.add_edge(
            a, b, id=f"c{index}", kind="cooccurs", value=weight, weight=weight,
            color=EDGE_COLORS["cooccurs"], arrows={"to": {"enabled": False}},
        )
    hubs = list(overview.nodes)
    hub_set = set(hubs)
    more: dict[str, list[str]] = {}
    details = {hub: _details(graph, hub, counts) for hub in hubs}
    for hub in hubs:
        papers = [p for p in graph.predecessors(hub) if graph.nodes[p].get("kind") == "paper"]
        papers.sort(key=lambda p: (-graph.edges[p, hub].get("support", 0),
                                   -(graph.nodes[p].get("year") or 0), p))
        more[hub] = papers[:papers_per_hub]
        for paper in more[hub]:
            if paper not in details:
                entry = _details(graph, paper, counts)
                entry["links"] = [
                    {"to": t, **_edge_fields("", graph.edges[paper, t].get("kind", ""),
                                             graph.edges[paper, t], plain=True)}
                    for t in graph.successors(paper) if t in hub_set
                ]
                details[paper] = entry
    return _payload(graph, net, details, mode="overview", physics=False, more=more)


def _edge_fields(edge_id: str, kind: str, attrs: dict, plain: bool = False) -> dict:
    fields: dict[str, Any] = {} if plain else {"id": edge_id, "color": EDGE_COLORS.get(kind, "#cccccc")}
    fields["kind"] = kind
    if kind == "mentions":
        fields["role"] = _text(attrs.get("role"))
        fields["support"] = int(attrs.get("support") or 0)
        fields["evidence"] = _evidence(attrs.get("evidence") or [])
    elif kind == "creator":
        fields["position"] = int(attrs.get("position") or 0)
    return fields


def _evidence(mentions: list) -> list[str]:
    sentences: list[str] = []
    for mention in mentions:
        sentence = _text(mention.get("sentence") if isinstance(mention, dict) else "")
        if sentence and sentence not in sentences:
            sentences.append(_short(sentence, EVIDENCE_CHARS))
        if len(sentences) == EVIDENCE_SENTENCES:
            break
    return sentences


def _details(graph: nx.DiGraph, node: str, counts) -> dict:
    """What the tooltip, panel and search show about ``node`` (plain JSON data)."""
    attrs = graph.nodes[node]
    group = node_group(attrs)
    entry: dict[str, Any] = {"group": group, "label": _short(_text(attrs.get("label")) or node, LABEL_CHARS)}
    years = _years(graph, node)
    if years:
        entry["years"] = [min(years), max(years)]
    kind = attrs.get("kind")
    if kind == "paper":
        authors = sorted(
            (graph.edges[node, t].get("position", 0), graph.nodes[t].get("label", t))
            for t in graph.successors(node) if graph.edges[node, t].get("kind") == "creator"
        )
        entry.update(
            name=_text(attrs.get("title") or attrs.get("label")),
            year=attrs.get("year") if isinstance(attrs.get("year"), int) else None,
            venue=_text(attrs.get("venue")),
            authors=[_text(name) for _, name in authors[:AUTHORS_SHOWN]],
            more_authors=max(0, len(authors) - AUTHORS_SHOWN),
            urls=_paper_urls(attrs),
        )
    elif kind == "entity":
        entry.update(
            name=_text(attrs.get("name") or attrs.get("label")),
            type=_text(attrs.get("type")),
            aliases=[_text(a) for a in attrs.get("aliases", [])][:20],
            papers=counts[node],
        )
    elif kind == "author":
        entry.update(
            name=_text(attrs.get("name") or attrs.get("label")), papers=counts[node],
            affiliations=[_text(graph.nodes[o].get("label", o)) for o in graph.successors(node)][:10],
        )
    elif kind == "code":
        url = _text(attrs.get("url") or attrs.get("label"))
        entry.update(name=url, urls=[url] if _is_web_url(url) else [], papers=counts[node])
    else:
        entry["name"] = _text(attrs.get("label")) or node
    return entry


def _years(graph: nx.DiGraph, node: str) -> list[int]:
    attrs = graph.nodes[node]
    if attrs.get("kind") == "paper":
        year = attrs.get("year")
        return [year] if isinstance(year, int) else []
    return [
        year for p in graph.predecessors(node)
        if isinstance(year := graph.nodes[p].get("year"), int) and graph.nodes[p].get("kind") == "paper"
    ]


def _paper_urls(attrs: dict) -> list[str]:
    urls: list[str] = []
    if attrs.get("arxiv_id"):
        urls.append("https://arxiv.org/abs/" + _text(attrs["arxiv_id"]))
    if attrs.get("doi"):
        urls.append("https://doi.org/" + _text(attrs["doi"]))
    urls.extend(_text(u) for u in attrs.get("urls") or [])
    return [u for u in dict.fromkeys(urls) if _is_web_url(u)][:5]


def _is_web_url(url: str) -> bool:
    """Only ``http(s)`` links become clickable (never ``javascript:`` or ``data:``).

    >>> _is_web_url("https://github.com/x/y"), _is_web_url(" javascript:alert(1)")
    (True, False)
    """
    return re.match(r"https?://[^\s<>\"']+$", url) is not None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> _short("a  b\\nc", 10), _short("abcdefgh", 5)
    ('a b c', 'abcd…')
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _payload(graph: nx.DiGraph, net: Network, details: dict, *, mode: str,
             physics: bool, more: dict) -> dict:
    nodes, edges, *_ = net.get_network_data()
    totals: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        group = node_group(attrs)
        totals[group] = totals.get(group, 0) + 1
    years = sorted({y for _, y in graph.nodes(data="year") if isinstance(y, int)})
    shown: dict[str, int] = {}
    for node in nodes:
        shown[node["kg_group"]] = shown.get(node["kg_group"], 0) + 1
    return {
        "meta": {
            "mode": mode,
            "physics": physics,
            "graph_nodes": graph.number_of_nodes(),
            "graph_edges": graph.number_of_edges(),
            "totals": totals,
            "shown": shown,
            "years": [years[0], years[-1]] if years else None,
        },
        "groups": [{"id": gid, **style} for gid, style in GROUPS.items()],
        "options": _vis_options(physics=physics, big=len(nodes) > 1000 or mode == "overview"),
        "nodes": nodes,
        "edges": edges,
        "details": details,
        "more": more,
    }


def _vis_options(*, physics: bool, big: bool) -> dict:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 13, "face": "sans-serif", "color": "#222222"},
            "scaling": {"min": 6, "max": 28, "label": {"enabled": False}},
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "scaling": {"min": 1, "max": 8},
        },
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "tooltipDelay": 120,
            "multiselect": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 90, "damping": 0.3},
            "stabilization": {"enabled": True, "iterations": 250, "fit": True},
        },
    }


# --------------------------------------------------------------------------- page


def script_json(data: Any) -> str:
    """JSON of ``data`` that is safe as the text of a ``<script>`` element.

    Everything outside ASCII is ``\\u``-escaped (U+2028/2029 included) and so are
    ``<``, ``>`` and ``&``, so no string can end the element or start a comment.

    Examples
    --------
    >>> script_json({"t": "</script><img src=x>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(script_json({"t": "</script>"}))["t"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(data: dict, *, title: str) -> str:
    """Fill the page template with ``data`` (see :func:`generate_html`)."""
    assets = _assets()
    return _template().render(
        title=title,
        csp=assets["csp"],
        vis_css=assets["vis_css"],
        page_css=assets["page_css"],
        vis_js=assets["vis_js"],
        page_js=assets["page_js"],
        data_json=Markup(script_json(data)),
    )


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("graph.html")


@lru_cache(maxsize=1)
def _assets() -> dict[str, Any]:
    """The inlined scripts and styles and the CSP that admits exactly them."""
    texts = {
        "vis_js": (VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (VIS_LIB / "vis-network.css").read_text(encoding="utf-8"),
        "page_js": (TEMPLATES / "graph.js").read_text(encoding="utf-8"),
        "page_css": (TEMPLATES / "graph.css").read_text(encoding="utf-8"),
    }
    for name, text in texts.items():
        if _CLOSING_TAG.search(text):
            raise ValueError(f"{name} cannot be inlined: it contains a closing script/style tag")
    scripts = " ".join(_sha256(texts[k]) for k in ("vis_js", "page_js"))
    styles = " ".join(_sha256(texts[k]) for k in ("vis_css", "page_css"))
    csp = (
        "default-src 'none'; "
        f"script-src {scripts}; style-src {styles}; img-src data:; "
        "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    return {**{k: Markup(v) for k, v in texts.items()}, "csp": Markup(csp)}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
