"""Positions and the big-corpus overview that the interactive HTML page draws.

Plain functions over the networkx model (see ``kg.graph.model``): ``compute_positions``
lays a graph out once, in Python, so the browser never has to run a physics
simulation on thousands of nodes; ``build_overview`` condenses a large graph into the
co-occurrence graph of its most-linked entities (topped up with the most prolific
authors when entities are scarce), the view the page opens with on a big corpus.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np

#: Node kinds a paper links to that can stand for a group of papers in the overview.
HUB_KINDS: tuple[str, ...] = ("entity", "author")


def compute_positions(
    graph: nx.Graph, *, seed: int = 7, spacing: float = 70.0
) -> dict[str, tuple[int, int]]:
    """Lay ``graph`` out with networkx's spring layout, in whole pixels.

    Each connected component is laid out on its own (a spring layout of a disconnected
    graph flings small components far away, and the page would open zoomed out on
    nothing); the components are then packed in rows, biggest first. The layout is
    seeded and nodes are fed in a fixed order, so the same graph always gets the same
    positions; rounding to integers keeps float noise out of the exported page. Nodes
    sit about ``spacing`` pixels apart whatever their number.

    Parameters
    ----------
    graph : networkx.Graph
        Any graph; direction is ignored.
    seed : int
        Seed of the layout's random start.
    spacing : float
        Typical distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node → ``(x, y)``.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"]); g.add_node("lonely")
    >>> pos = compute_positions(g)
    >>> sorted(pos) == ["a", "b", "c", "lonely"] and pos == compute_positions(g)
    True
    >>> compute_positions(nx.Graph())
    {}
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from(graph.edges)
    order = {node: i for i, node in enumerate(graph.nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(undirected)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    boxes = [_component_layout(undirected.subgraph(c), c, seed, spacing) for c in components]
    total_area = sum((w + spacing) * (h + spacing) for _, w, h in boxes)
    row_width = max([total_area ** 0.5] + [w for _, w, _ in boxes[:1]])
    positions: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for layout, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (nx_, ny_) in layout.items():
            positions[node] = (round(x + nx_), round(y + ny_))
        x += width + spacing
        row_height = max(row_height, height)
    return {node: positions[node] for node in graph.nodes}


#: From this many nodes up a component is laid out by :func:`force_layout`: networkx's
#: ``spring_layout`` switches to its scipy-only sparse solver there.
DENSE_LIMIT = 500


def force_layout(graph: nx.Graph, nodes: list, *, seed: int = 7, iterations: int = 50) -> dict:
    """Fruchterman–Reingold layout of ``graph`` in vectorised numpy (no scipy), in ``[-1, 1]``.

    Each step computes all pairwise repulsions at once (an n×n array: fine for the few
    thousand nodes the page draws in full), pulls linked nodes together and moves every
    node by at most a temperature that cools linearly. ``nodes`` fixes the order.

    Examples
    --------
    >>> pos = force_layout(nx.path_graph(3), [0, 1, 2])
    >>> sorted(pos), all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    ([0, 1, 2], True)
    """
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    pos = np.random.default_rng(seed).random((n, 2))
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges if a != b], dtype=int).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    k = 1.0 / np.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        force = dx * dx
        force += dy * dy
        np.maximum(force, 1e-6, out=force)
        np.fill_diagonal(force, np.inf)
        np.divide(k * k, force, out=force)
        move = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        pull = pos[src] - pos[dst]
        pull *= (np.hypot(pull[:, 0], pull[:, 1]) / k)[:, None]
        np.subtract.at(move, src, pull)
        np.add.at(move, dst, pull)
        length = np.maximum(np.hypot(move[:, 0], move[:, 1]), 1e-9)
        pos += move * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    pos /= max(np.abs(pos).max(), 1e-9)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}


def _component_layout(
    component: nx.Graph, nodes: list, seed: int, spacing: float
) -> tuple[dict, float, float]:
    """Spring layout of one component, shifted to start at (0, 0); with its width and height."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}, 0.0, 0.0
    if len(nodes) < DENSE_LIMIT:
        ordered = nx.Graph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(component.edges)
        raw = nx.spring_layout(ordered, seed=seed, iterations=50)
    else:
        raw = force_layout(component, nodes, seed=seed)
    scale = spacing * len(nodes) ** 0.5 / 2
    xs = [p[0] * scale for p in raw.values()]
    ys = [p[1] * scale for p in raw.values()]
    x0, y0 = min(xs), min(ys)
    layout = {n: (p[0] * scale - x0, p[1] * scale - y0) for n, p in raw.items()}
    return layout, max(xs) - x0, max(ys) - y0


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


def select_hubs(graph: nx.DiGraph, top: int) -> list[str]:
    """The ``top`` nodes the overview shows: most-linked entities, then authors.

    Entities come first, ranked by how many papers mention them (ties broken by key);
    when the graph has fewer than ``top`` entities linked to a paper, the most prolific
    authors fill the remaining places, so a corpus without extracted entities still gets
    a useful overview (its co-authorship core).

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("paper/1", kind="paper"); g.add_node("paper/2", kind="paper")
    >>> g.add_node("task/qa", kind="entity"); g.add_node("author/x", kind="author")
    >>> g.add_edges_from([("paper/1", "task/qa"), ("paper/1", "author/x"), ("paper/2", "author/x")])
    >>> select_hubs(g, 1), select_hubs(g, 5)
    (['task/qa'], ['task/qa', 'author/x'])
    """
    counts = paper_counts(graph)
    hubs: list[str] = []
    for kind in HUB_KINDS:
        ranked = sorted(
            (n for n, k in graph.nodes(data="kind") if k == kind and counts[n]),
            key=lambda n: (-counts[n], n),
        )
        hubs.extend(ranked[: top - len(hubs)])
    return hubs


def build_overview(
    graph: nx.DiGraph, *, top: int = 300, neighbours: int = 8, min_weight: int = 1
) -> nx.Graph:
    """Co-occurrence graph of the ``top`` hubs of ``graph`` (a new graph).

    Two hubs (see :func:`select_hubs`) are joined when at least ``min_weight`` papers link
    both; ``weight`` is that number of papers. To keep the drawing readable each hub
    keeps only its ``neighbours`` heaviest edges (an edge stays when either end keeps it).
    Nodes carry ``papers``, the number of papers linking them.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> for p, ents in {"1": ["a", "b"], "2": ["a", "b"], "3": ["b", "c"]}.items():
    ...     g.add_node("paper/" + p, kind="paper")
    ...     for e in ents:
    ...         g.add_node("task/" + e, kind="entity"); g.add_edge("paper/" + p, "task/" + e)
    >>> ov = build_overview(g, top=3)
    >>> ov.number_of_edges(), ov["task/a"]["task/b"]["weight"], ov["task/b"]["task/c"]["weight"]
    (2, 2, 1)
    >>> ov.nodes["task/b"]["papers"]
    3
    """
    hubs = select_hubs(graph, top)
    hub_set = set(hubs)
    counts = paper_counts(graph)
    weights: Counter = Counter()
    for paper, kind in graph.nodes(data="kind"):
        if kind != "paper":
            continue
        linked = sorted(n for n in graph.successors(paper) if n in hub_set)
        weights.update(combinations(linked, 2))
    best: dict[str, list[tuple[int, str]]] = {hub: [] for hub in hubs}
    for (a, b), weight in weights.items():
        if weight >= min_weight:
            best[a].append((-weight, b))
            best[b].append((-weight, a))
    kept: set[tuple[str, str]] = set()
    for hub, candidates in best.items():
        for _, other in sorted(candidates)[:neighbours]:
            kept.add((min(hub, other), max(hub, other)))
    overview = nx.Graph()
    for hub in hubs:
        overview.add_node(hub, papers=counts[hub])
    for a, b in sorted(kept):
        overview.add_edge(a, b, weight=weights[(a, b)])
    return overview
