"""Which nodes stand for groups of papers (hubs), and how often papers name two together.

Plain functions over the networkx model (``kg.graph.model``): the big-graph overview,
the communities and the insights all start from the same counts.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

#: Node kinds a paper links to that can stand for a group of papers.
HUB_KINDS: tuple[str, ...] = ("entity", "author")


def paper_counts(graph: nx.DiGraph) -> Counter:
    """Number of papers linking each non-paper node (entity, author, code …).

    Examples
    --------
    >>> g = nx.DiGraph([("paper/1", "model/a"), ("paper/2", "model/a")])
    >>> for n in g: g.nodes[n]["kind"] = n.split("/")[0].replace("model", "entity")
    >>> paper_counts(g)["model/a"]
    2
    """
    counts: Counter = Counter()
    for node, kind in graph.nodes(data="kind"):
        if kind == "paper":
            counts.update(graph.successors(node))
    return counts


def select_hubs(graph: nx.DiGraph, top: int, counts: Counter | None = None) -> list[str]:
    """The ``top`` hubs: most-linked entities, then the most prolific authors.

    Entities come first, ranked by how many papers name them (ties broken by key);
    when the graph has fewer than ``top`` entities linked to a paper, authors fill the
    remaining places, so a corpus without extracted entities still gets structure (its
    co-authorship core).

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("paper/1", kind="paper"); g.add_node("paper/2", kind="paper")
    >>> g.add_node("task/qa", kind="entity"); g.add_node("author/x", kind="author")
    >>> g.add_edges_from([("paper/1", "task/qa"), ("paper/1", "author/x"), ("paper/2", "author/x")])
    >>> select_hubs(g, 1), select_hubs(g, 5)
    (['task/qa'], ['task/qa', 'author/x'])
    """
    counts = paper_counts(graph) if counts is None else counts
    hubs: list[str] = []
    for kind in HUB_KINDS:
        ranked = sorted(
            (n for n, k in graph.nodes(data="kind") if k == kind and counts[n]),
            key=lambda n: (-counts[n], n),
        )
        hubs.extend(ranked[: top - len(hubs)])
    return hubs


def cooccurrence(graph: nx.DiGraph, hubs: list[str]) -> Counter:
    """``(a, b)`` → number of papers linking both hubs (``a < b``).

    >>> g = nx.DiGraph([("paper/1", "a"), ("paper/1", "b"), ("paper/2", "a")])
    >>> for n in g: g.nodes[n]["kind"] = "paper" if n.startswith("paper") else "entity"
    >>> dict(cooccurrence(g, ["a", "b"]))
    {('a', 'b'): 1}
    """
    hub_set = set(hubs)
    weights: Counter = Counter()
    for paper, kind in graph.nodes(data="kind"):
        if kind == "paper":
            weights.update(combinations(sorted(n for n in graph.successors(paper) if n in hub_set), 2))
    return weights


def strongest_links(weights: Counter, hubs: list[str], neighbours: int) -> list[tuple[str, str, int]]:
    """The edges kept when each hub keeps its ``neighbours`` heaviest (either end suffices).

    Sorted, so the drawing is the same for the same graph.

    >>> strongest_links({("a", "b"): 3, ("a", "c"): 1, ("b", "c"): 2}, ["a", "b", "c"], 1)
    [('a', 'b', 3), ('b', 'c', 2)]
    """
    best: dict[str, list[tuple[int, str]]] = {hub: [] for hub in hubs}
    for (a, b), weight in weights.items():
        if a in best and b in best:
            best[a].append((-weight, b))
            best[b].append((-weight, a))
    kept: set[tuple[str, str]] = set()
    for hub, candidates in best.items():
        for _, other in sorted(candidates)[:neighbours]:
            kept.add((min(hub, other), max(hub, other)))
    return [(a, b, weights[(a, b)]) for a, b in sorted(kept)]


def build_overview(graph: nx.DiGraph, *, top: int = 300, neighbours: int = 8) -> nx.Graph:
    """Co-occurrence graph of the ``top`` hubs of ``graph`` (a new graph).

    Two hubs are joined when a paper links both; ``weight`` is the number of such
    papers, and each hub keeps its ``neighbours`` heaviest edges. Nodes carry ``papers``.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> for p, ents in {"1": ["a", "b"], "2": ["a", "b"], "3": ["b", "c"]}.items():
    ...     g.add_node("paper/" + p, kind="paper")
    ...     for e in ents:
    ...         g.add_node("task/" + e, kind="entity"); g.add_edge("paper/" + p, "task/" + e)
    >>> ov = build_overview(g, top=3)
    >>> ov.number_of_edges(), ov["task/a"]["task/b"]["weight"], ov.nodes["task/b"]["papers"]
    (2, 2, 3)
    """
    counts = paper_counts(graph)
    hubs = select_hubs(graph, top, counts)
    overview = nx.Graph()
    for hub in hubs:
        overview.add_node(hub, papers=counts[hub])
    for a, b, weight in strongest_links(cooccurrence(graph, hubs), hubs, neighbours):
        overview.add_edge(a, b, weight=weight)
    return overview
