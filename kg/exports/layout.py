"""Node positions for the graph page, computed once in Python (seeded, in whole pixels).

Plain functions over any networkx graph, knowing nothing of kg's node kinds:
``compute_positions`` lays a graph out so the browser never runs a physics simulation
on thousands of nodes, and with ``groups`` keeps each group (a community) together in
a box of its own, so a community is a region of the drawing.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

def compute_positions(
    graph: nx.Graph, *, seed: int = 7, spacing: float = 70.0, groups: list[list] | None = None
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
    groups : list of lists, optional
        Node groups laid out apart: each group (its own components packed together) gets
        a box, the boxes are packed in rows, largest first; nodes in no group form one
        last group.

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
    >>> pos = compute_positions(nx.path_graph(4), groups=[[0, 1], [2, 3]])
    >>> apart = lambda axis: max(pos[0][axis], pos[1][axis]) < min(pos[2][axis], pos[3][axis])
    >>> apart(0) or apart(1)
    True
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from(graph.edges)
    if groups is None:
        positions = _pack_components(undirected, list(graph.nodes), seed, spacing)
    else:
        placed = {node for group in groups for node in group}
        rest = [node for node in graph.nodes if node not in placed]
        boxes = []
        for group in [g for g in groups if g] + ([rest] if rest else []):
            layout = _pack_components(undirected.subgraph(group), group, seed, spacing)
            boxes.append(_box(layout))
        positions = _pack(boxes, spacing * 2)
    return {node: positions[node] for node in graph.nodes}


def _pack_components(graph: nx.Graph, nodes: list, seed: int, spacing: float) -> dict:
    """Lay out each connected component of ``graph`` and pack them in rows, biggest first."""
    order = {node: i for i, node in enumerate(nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph.subgraph(nodes))),
        key=lambda c: (-len(c), order[c[0]]),
    )
    return _pack([_component_layout(graph.subgraph(c), c, seed, spacing) for c in components], spacing)


def _box(layout: dict) -> tuple[dict, float, float]:
    """``layout`` shifted to start at (0, 0), with its width and height."""
    if not layout:
        return {}, 0.0, 0.0
    x0 = min(p[0] for p in layout.values())
    y0 = min(p[1] for p in layout.values())
    shifted = {n: (p[0] - x0, p[1] - y0) for n, p in layout.items()}
    return shifted, max(p[0] for p in shifted.values()), max(p[1] for p in shifted.values())


def _pack(boxes: list[tuple[dict, float, float]], spacing: float) -> dict:
    """Place boxes left to right in rows about as wide as the square root of their area."""
    total_area = sum((w + spacing) * (h + spacing) for _, w, h in boxes)
    row_width = max([total_area ** 0.5] + [w for _, w, _ in boxes[:1]])
    positions: dict = {}
    x = y = row_height = 0.0
    for layout, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (nx_, ny_) in layout.items():
            positions[node] = (round(x + nx_), round(y + ny_))
        x += width + spacing
        row_height = max(row_height, height)
    return positions


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
