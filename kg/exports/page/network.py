"""A pyvis ``Network`` that fills in linear time: the node and edge lists the page draws."""

from __future__ import annotations

from typing import Any

from pyvis.network import Network


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
