"""Colours and shapes of the pages: one legend for node types, one palette for communities."""

from __future__ import annotations

#: Legend of the graph page: group id → label, colour and vis-network shape, in legend order.
#: A node's group is its entity ``type`` for entities and its ``kind`` otherwise.
GROUPS: dict[str, dict[str, str]] = {
    "community": {"label": "Community", "color": "#666666", "shape": "dot"},
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
EDGE_COLORS: dict[str, str] = {
    "mentions": "#8da0cb", "creator": "#c9b8a8", "affiliation": "#d5d5d5",
    "code": "#9fd0cc", "cooccurs": "#b8b8c8", "organization": "#d5d5d5",
}
#: Colours of the largest communities, in rank order (colour-blind-safe Tableau 10, then
#: Paul Tol's muted set); smaller communities share :data:`OTHER_COLOR`.
COMMUNITY_COLORS: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#332288", "#117733", "#44aa99", "#88ccee",
    "#ddcc77", "#cc6677", "#aa4499", "#882255",
)
OTHER_COLOR = "#b0b0b0"


def community_color(rank: int) -> str:
    """Colour of the community of rank ``rank`` (0 = largest).

    >>> community_color(0), community_color(10_000) == OTHER_COLOR
    ('#1f77b4', True)
    """
    return COMMUNITY_COLORS[rank] if rank < len(COMMUNITY_COLORS) else OTHER_COLOR
