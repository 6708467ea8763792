"""What the tooltip, side panel and search of the graph page show about each node and link.

Plain JSON data per node: full names (the canvas shows a short label, hover the full
text), authors, years, links that are safe to click, and a folded search key.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.exports.page.style import GROUPS
from kg.exports.page.text import fold, is_web_url, short, text

#: Longest label drawn on the canvas; the full text is in the tooltip and the panel.
LABEL_CHARS = 28
#: Evidence sentences kept per paper–entity link, and their length.
EVIDENCE_SENTENCES = 3
EVIDENCE_CHARS = 500
#: Authors listed per paper in tooltips and panels; aliases and affiliations kept.
AUTHORS_SHOWN = 12
ALIASES_SHOWN = 20


def node_group(attrs: dict) -> str:
    """Legend group of a node: its entity type, else its kind (``paper``, ``author`` …).

    >>> node_group({"kind": "entity", "type": "MODEL"}), node_group({"kind": "author"})
    ('MODEL', 'author')
    """
    kind = attrs.get("kind")
    if kind == "entity" and attrs.get("type") in GROUPS:
        return attrs["type"]
    return kind if kind in GROUPS else "code"


def node_label(graph: nx.DiGraph, node: str) -> str:
    """The short label drawn on the canvas."""
    return short(text(graph.nodes[node].get("label")) or node, LABEL_CHARS)


def node_details(graph: nx.DiGraph, node: str, counts: Counter, community: int | None = None) -> dict:
    """Panel, tooltip and search data of ``node`` (``counts``: papers per node)."""
    attrs = graph.nodes[node]
    group = node_group(attrs)
    entry: dict[str, Any] = {"group": group, "label": node_label(graph, node)}
    if community is not None:
        entry["c"] = community
    years = _years(graph, node)
    if years:
        entry["years"] = [min(years), max(years)]
    kind = attrs.get("kind")
    names: list[str] = []
    if kind == "paper":
        authors = sorted(
            (graph.edges[node, t].get("position", 0), graph.nodes[t].get("label", t))
            for t in graph.successors(node) if graph.edges[node, t].get("kind") == "creator"
        )
        entry.update(
            name=text(attrs.get("title") or attrs.get("label")),
            year=attrs.get("year") if isinstance(attrs.get("year"), int) else None,
            venue=text(attrs.get("venue")),
            authors=[text(name) for _, name in authors[:AUTHORS_SHOWN]],
            more_authors=max(0, len(authors) - AUTHORS_SHOWN),
            urls=_paper_urls(attrs),
        )
    elif kind == "entity":
        entry.update(
            name=text(attrs.get("name") or attrs.get("label")),
            type=text(attrs.get("type")),
            aliases=[text(a) for a in attrs.get("aliases", [])][:ALIASES_SHOWN],
            papers=counts[node],
        )
        names = entry["aliases"]
    elif kind == "author":
        entry.update(
            name=text(attrs.get("name") or attrs.get("label")), papers=counts[node],
            affiliations=[text(graph.nodes[o].get("label", o)) for o in graph.successors(node)][:10],
        )
        names = sorted(text(s) for s in (attrs.get("spellings") or {}))
    elif kind == "code":
        url = text(attrs.get("url") or attrs.get("label"))
        entry.update(name=url, urls=[url] if is_web_url(url) else [], papers=counts[node])
    else:
        entry["name"] = text(attrs.get("label")) or node
    entry["fold"] = "\n".join(dict.fromkeys(fold(n) for n in [entry["name"], *names] if n))
    return entry


def edge_fields(kind: str, attrs: dict) -> dict:
    """What a link's tooltip shows: its role, support and evidence sentences."""
    fields: dict[str, Any] = {"kind": kind}
    if kind == "mentions":
        fields["role"] = text(attrs.get("role"))
        fields["support"] = int(attrs.get("support") or 0)
        fields["evidence"] = _evidence(attrs.get("evidence") or [])
    elif kind == "creator":
        fields["position"] = int(attrs.get("position") or 0)
    return fields


def _evidence(mentions: list) -> list[str]:
    sentences: list[str] = []
    for mention in mentions:
        sentence = text(mention.get("sentence") if isinstance(mention, dict) else "")
        if sentence and sentence not in sentences:
            sentences.append(short(sentence, EVIDENCE_CHARS))
        if len(sentences) == EVIDENCE_SENTENCES:
            break
    return sentences


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
        urls.append("https://arxiv.org/abs/" + text(attrs["arxiv_id"]))
    if attrs.get("doi"):
        urls.append("https://doi.org/" + text(attrs["doi"]))
    urls.extend(text(u) for u in attrs.get("urls") or [])
    return [u for u in dict.fromkeys(urls) if is_web_url(u)][:5]
