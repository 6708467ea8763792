"""The graph page's view model: everything the page draws, computed once from the graph.

``build_view_model`` reads the graph, detects communities, lays nodes out, ranks labels
and collects what panels and search show, and returns plain JSON data; rendering it
(:mod:`kg.exports.html`) never looks at the graph again.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.exports.layout import compute_positions
from kg.exports.page.communities import detect_communities
from kg.exports.page.details import edge_fields, node_details, node_group, node_label
from kg.exports.page.hubs import cooccurrence, paper_counts, select_hubs, strongest_links
from kg.exports.page.network import new_network
from kg.exports.page.style import EDGE_COLORS, GROUPS
from kg.exports.page.text import fold

#: Defaults of :func:`build_view_model`'s size thresholds, stated in the README.
OVERVIEW_THRESHOLD = 2000
PHYSICS_THRESHOLD = 0
AUTHORS_THRESHOLD = 300
OVERVIEW_TOP = 300
PAPERS_PER_HUB = 25


def build_view_model(
    graph: nx.DiGraph,
    *,
    overview_threshold: int = OVERVIEW_THRESHOLD,
    physics_threshold: int = PHYSICS_THRESHOLD,
    authors_threshold: int = AUTHORS_THRESHOLD,
    overview_top: int = OVERVIEW_TOP,
    papers_per_hub: int = PAPERS_PER_HUB,
    communities: dict | None = None,
) -> dict:
    """The data of the graph page of ``graph`` (see :func:`kg.exports.html.generate_html`).

    ``communities`` is :func:`~kg.exports.page.communities.detect_communities` of the
    graph when the caller already has it (the insights page shares it).

    Examples
    --------
    >>> g = nx.DiGraph([("paper/1", "task/qa")])
    >>> g.nodes["paper/1"].update(kind="paper", label="P", year=2020)
    >>> g.nodes["task/qa"].update(kind="entity", type="TASK", label="QA")
    >>> vm = build_view_model(g)
    >>> vm["meta"]["mode"], [n["id"] for n in vm["nodes"]], vm["details"]["task/qa"]["papers"]
    ('full', ['paper/1', 'task/qa'], 1)
    """
    found = detect_communities(graph) if communities is None else communities
    counts = paper_counts(graph)
    if graph.number_of_nodes() > overview_threshold:
        data = _overview(graph, found, counts, top=overview_top, papers_per_hub=papers_per_hub)
    else:
        data = _full(graph, found, counts)
    nodes = data["nodes"]
    totals = Counter(node_group(attrs) for _, attrs in graph.nodes(data=True))
    years = sorted({y for _, y in graph.nodes(data="year") if isinstance(y, int)})
    big = len(nodes) > 1000 or data["mode"] == "overview"
    physics = data["mode"] == "full" and graph.number_of_nodes() <= physics_threshold
    return {
        "meta": {
            "mode": data["mode"],
            "physics": physics,
            "graph_nodes": graph.number_of_nodes(),
            "graph_edges": graph.number_of_edges(),
            "totals": {g: totals[g] for g in GROUPS if totals[g]},
            "years": [years[0], years[-1]] if years else None,
            "hide_authors": data["mode"] == "full" and graph.number_of_nodes() > authors_threshold,
            "authors_threshold": authors_threshold,
        },
        "groups": [{"id": gid, **style} for gid, style in GROUPS.items()],
        "communities": [
            {k: c[k] for k in ("id", "rank", "name", "color", "papers")} for c in found["communities"]
        ],
        "options": vis_options(physics=physics, big=big),
        "nodes": nodes,
        "edges": data["edges"],
        "details": data["details"],
        "more": data["more"],
    }


def _vis_node(graph: nx.DiGraph, node: str, pos: tuple[int, int], value: int, community: int | None) -> dict:
    group = node_group(graph.nodes[node])
    style = GROUPS[group]
    return {"id": node, "kg_label": node_label(graph, node), "shape": style["shape"],
            "color": style["color"], "value": value, "x": pos[0], "y": pos[1],
            "kg_group": group, "kg_c": -1 if community is None else community}


def _collect(vis_nodes: list[dict], vis_edges: list[dict]) -> tuple[list, list]:
    """Pass the nodes and edges through a pyvis ``Network`` (its checks, its data shape)."""
    net = new_network()
    for node in vis_nodes:
        net.add_node(node.pop("id"), **node)
    for edge in vis_edges:
        net.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    nodes, edges, *_ = net.get_network_data()
    for node in nodes:  # pyvis labels every node with its id; the page script draws kg_label
        node.pop("label", None)
    return nodes, edges


def _full(graph: nx.DiGraph, found: dict, counts: Counter) -> dict:
    """Every node, each community kept together in a region of its own."""
    of = found["of"]
    members: dict[int, list[str]] = {}
    for node in graph.nodes:
        if node in of:
            members.setdefault(of[node], []).append(node)
    positions = compute_positions(graph, groups=[members[r] for r in sorted(members)])
    vis_nodes = [_vis_node(graph, n, positions[n], graph.degree(n), of.get(n)) for n in graph.nodes]
    vis_edges = []
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        kind = attrs.get("kind", "")
        vis_edges.append({"from": source, "to": target, "id": f"e{index}",
                          "color": EDGE_COLORS.get(kind, "#cccccc"), **edge_fields(kind, attrs)})
    nodes, edges = _collect(vis_nodes, vis_edges)
    details = {node: node_details(graph, node, counts, of.get(node)) for node in graph.nodes}
    return {"mode": "full", "nodes": nodes, "edges": edges, "details": details, "more": {}}


def _page_hubs(found: dict, top: int) -> list[list[str]]:
    """Hubs of each community drawn when it opens: a share of ``top`` by its papers, 3 at least."""
    communities = found["communities"]
    total = sum(c["papers"] for c in communities) or 1
    return [c["hubs"][: max(3, round(top * c["papers"] / total))] for c in communities]


def _overview(graph: nx.DiGraph, found: dict, counts: Counter, *, top: int, papers_per_hub: int) -> dict:
    """Communities first; a click opens one onto its hubs, whose papers come on demand."""
    per_community = _page_hubs(found, top)
    # No community at all: the hubs themselves, always shown.
    loose = [] if per_community else select_hubs(graph, top, counts)
    hubs = [h for group in per_community for h in group] + loose
    of = {h: rank for rank, group in enumerate(per_community) for h in group}
    weights = cooccurrence(graph, hubs)
    hub_graph = nx.Graph()
    hub_graph.add_nodes_from(hubs)
    links = strongest_links(weights, hubs, 8)
    hub_graph.add_weighted_edges_from(links)
    positions = compute_positions(hub_graph, spacing=110.0, groups=per_community + ([loose] if loose else []))
    vis_nodes, vis_edges = [], []
    details: dict[str, dict] = {}
    for rank, group in enumerate(per_community):
        community = found["communities"][rank]
        xs = [positions[h][0] for h in group]
        ys = [positions[h][1] for h in group]
        centre = (round((min(xs) + max(xs)) / 2), round((min(ys) + max(ys)) / 2))
        vis_nodes.append({"id": community["id"], "kg_label": community["name"], "shape": "dot",
                          "color": community["color"], "value": community["papers"],
                          "x": centre[0], "y": centre[1], "kg_group": "community", "kg_c": rank})
        details[community["id"]] = {
            "group": "community", "label": community["name"], "name": community["name"], "c": rank,
            "papers": community["papers"], "hubs": group,
            "fold": fold(community["name"]),
        }
    for hub in hubs:
        vis_nodes.append(_vis_node(graph, hub, positions[hub], counts[hub], of.get(hub)))
        details[hub] = node_details(graph, hub, counts, of.get(hub))
    between: Counter = Counter()
    for index, (a, b, weight) in enumerate(links):
        vis_edges.append({"from": a, "to": b, "id": f"c{index}", "kind": "cooccurs", "value": weight,
                          "weight": weight, "color": EDGE_COLORS["cooccurs"],
                          "arrows": {"to": {"enabled": False}}})
    for (a, b), weight in weights.items():
        if a in of and b in of and of[a] != of[b]:
            between[min(of[a], of[b]), max(of[a], of[b])] += weight
    for index, ((ra, rb), weight) in enumerate(sorted(between.items())):
        vis_edges.append({"from": f"community/{ra}", "to": f"community/{rb}", "id": f"k{index}",
                          "kind": "cooccurs", "value": weight, "weight": weight,
                          "color": EDGE_COLORS["cooccurs"], "arrows": {"to": {"enabled": False}}})
    nodes, edges = _collect(vis_nodes, vis_edges)
    more = _papers_on_demand(graph, hubs, details, counts, papers_per_hub, found["of"])
    return {"mode": "overview", "nodes": nodes, "edges": edges, "details": details, "more": more}


def _papers_on_demand(graph: nx.DiGraph, hubs: list[str], details: dict, counts: Counter,
                      papers_per_hub: int, of: dict) -> dict[str, list[str]]:
    """Each hub's best-supported recent papers, and their authors, for panels and search."""
    hub_set = set(hubs)
    more: dict[str, list[str]] = {}
    for hub in hubs:
        papers = [p for p in graph.predecessors(hub) if graph.nodes[p].get("kind") == "paper"]
        papers.sort(key=lambda p: (-graph.edges[p, hub].get("support", 0),
                                   -(graph.nodes[p].get("year") or 0), p))
        more[hub] = papers[:papers_per_hub]
    authors: dict[str, list[str]] = {}
    for hub in hubs:
        for paper in more[hub]:
            if paper in details:
                continue
            entry = node_details(graph, paper, counts, of.get(paper))
            entry["links"] = [{"to": t, **edge_fields(graph.edges[paper, t].get("kind", ""), graph.edges[paper, t])}
                              for t in graph.successors(paper) if t in hub_set]
            details[paper] = entry
            for t in graph.successors(paper):
                if graph.nodes[t].get("kind") == "author" and t not in hub_set:
                    authors.setdefault(t, []).append(paper)
    for author in sorted(authors):
        details[author] = node_details(graph, author, counts, of.get(author))
        more[author] = sorted(set(authors[author]))
    return more


def vis_options(*, physics: bool, big: bool) -> dict[str, Any]:
    """vis-network options: labels are drawn by the page script, not by vis-network."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "nodes": {"borderWidth": 1, "scaling": {"min": 6, "max": 28, "label": {"enabled": False}}},
        "edges": {
            "smooth": False, "width": 1, "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "scaling": {"min": 1, "max": 8},
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "tooltipDelay": 120, "multiselect": False},
        "physics": {
            "enabled": physics, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 90, "damping": 0.3},
            "stabilization": {"enabled": True, "iterations": 250, "fit": True},
        },
    }
