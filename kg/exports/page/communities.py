"""Communities of the graph: groups of entities papers name together, named by their top entities.

Louvain (networkx, seeded) runs on the co-occurrence graph of the most-linked hubs, not
on the whole graph: a 34k-paper corpus has 100k nodes, but what makes a community is
which entities papers name together, and a thousand hubs carry that. Every other node
then joins the community most of its papers (or, for a paper, most of its hubs) are in,
so the graph page, its overview and the insights page all share one grouping.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.exports.page.hubs import cooccurrence, paper_counts, select_hubs, strongest_links
from kg.exports.page.style import community_color
from kg.exports.page.text import short, text

#: Hubs Louvain groups, links each keeps, and the most communities a page names.
COMMUNITY_HUBS = 1500
COMMUNITY_NEIGHBOURS = 15
MAX_COMMUNITIES = 40
#: Entities whose names make a community's name.
NAME_PARTS = 3


def detect_communities(
    graph: nx.DiGraph,
    *,
    hubs: int = COMMUNITY_HUBS,
    neighbours: int = COMMUNITY_NEIGHBOURS,
    max_communities: int = MAX_COMMUNITIES,
    seed: int = 7,
) -> dict:
    """Group ``graph`` into communities; return plain data.

    Parameters
    ----------
    graph : networkx.DiGraph
        The knowledge graph (``kg.graph.model.build_graph``).
    hubs, neighbours : int
        Louvain runs on the ``hubs`` most-linked entities (authors when the graph has no
        entity), each keeping its ``neighbours`` strongest co-occurrence links.
    max_communities : int
        Communities of two hubs or more, largest first, up to this many; hubs of the
        rest belong to none.
    seed : int
        Seed of Louvain: the same graph always gives the same communities.

    Returns
    -------
    dict
        ``communities``: a list (largest first) of ``{"id", "rank", "name", "color",
        "hubs", "papers"}`` where ``hubs`` are ranked by papers and ``papers`` counts the
        papers in the community; ``of``: node → community rank, for papers, entities and
        authors that belong to one.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> for p, ents in {"1": "ab", "2": "ab", "3": "cd", "4": "cd"}.items():
    ...     g.add_node("paper/" + p, kind="paper")
    ...     for e in ents:
    ...         g.add_node("task/" + e, kind="entity", label=e.upper())
    ...         g.add_edge("paper/" + p, "task/" + e)
    >>> result = detect_communities(g)
    >>> [c["name"] for c in result["communities"]], result["of"]["paper/3"]
    (['A · B', 'C · D'], 1)
    """
    counts = paper_counts(graph)
    ranked = select_hubs(graph, hubs, counts)
    entities = [h for h in ranked if graph.nodes[h].get("kind") == "entity"]
    ranked = entities or ranked  # authors group only a graph without entities
    weights = cooccurrence(graph, ranked)
    hub_graph = nx.Graph()
    hub_graph.add_nodes_from(ranked)
    hub_graph.add_weighted_edges_from(strongest_links(weights, ranked, neighbours))
    groups = nx.community.louvain_communities(hub_graph, weight="weight", seed=seed) if ranked else []
    order = {hub: i for i, hub in enumerate(ranked)}
    groups = [sorted(g, key=order.__getitem__) for g in groups if len(g) >= 2]
    groups.sort(key=lambda g: (-sum(counts[h] for h in g), order[g[0]]))
    groups = groups[:max_communities]
    of = {hub: rank for rank, group in enumerate(groups) for hub in group}
    papers = [n for n, kind in graph.nodes(data="kind") if kind == "paper"]
    for paper in papers:
        rank = _majority(of.get(n) for n in graph.successors(paper))
        if rank is not None:
            of[paper] = rank
    for node, kind in graph.nodes(data="kind"):
        if kind in ("entity", "author") and node not in of:
            rank = _majority(of.get(p) for p in graph.predecessors(node))
            if rank is not None:
                of[node] = rank
    sizes = Counter(of[p] for p in papers if p in of)
    communities = [
        {"id": f"community/{rank}", "rank": rank, "name": community_name(graph, group),
         "color": community_color(rank), "hubs": group, "papers": sizes[rank]}
        for rank, group in enumerate(groups)
    ]
    return {"communities": communities, "of": of}


def community_name(graph: nx.DiGraph, hubs: list[str], parts: int = NAME_PARTS) -> str:
    """Name of a community: its ``parts`` top entities (authors when it has none), joined."""
    entities = [h for h in hubs if graph.nodes[h].get("kind") == "entity"] or hubs
    names = [short(text(graph.nodes[h].get("name") or graph.nodes[h].get("label")) or h, 32)
             for h in entities[:parts]]
    return " · ".join(names)


def _majority(ranks) -> int | None:
    """Most common community among ``ranks`` (``None`` ignored); ties go to the larger one."""
    tally: dict[int, int] = {}
    for r in ranks:
        if r is not None:
            tally[r] = tally.get(r, 0) + 1
    if len(tally) < 2:  # most nodes: no community, or one
        return next(iter(tally), None)
    return min(tally, key=lambda r: (-tally[r], r))
