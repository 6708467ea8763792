"""Disjoint sets (union-find): which records, mentions or entities are one thing.

Shared by the stages that merge: paper copies in ``kg.sources``, spellings within an
abstract in ``kg.extraction`` and entities across papers in ``kg.resolution``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence


class DisjointSets:
    """Items ``0 … n-1`` in sets; the earliest item of a set is its root.

    Examples
    --------
    >>> sets = DisjointSets(4); sets.union(3, 1); sets.union(1, 2)
    1
    1
    >>> sets.groups()
    [[0], [1, 2, 3]]
    """

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """The root of ``item``'s set."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the root of the joined set."""
        root_a, root_b = self.find(a), self.find(b)
        root, other = min(root_a, root_b), max(root_a, root_b)
        self.parent[other] = root
        return root

    def groups(self) -> list[list[int]]:
        """Every set as a list of items, sets and items in first-seen order."""
        groups: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            groups[self.find(item)].append(item)
        return list(groups.values())


def group_by_shared_keys(keys_of_items: Sequence[Iterable[Hashable]]) -> list[list[int]]:
    """Indices of the items, grouped so that items sharing a key (directly or through
    other items) are together; groups and their members come in first-seen order.

    Examples
    --------
    >>> group_by_shared_keys([{"lstm"}, {"gpt-3"}, {"long short-term memory", "lstm"},
    ...                       {"long short-term memory"}])
    [[0, 2, 3], [1]]
    """
    sets = DisjointSets(len(keys_of_items))
    first: dict[Hashable, int] = {}
    for i, keys in enumerate(keys_of_items):
        for key in keys:
            if key in first:
                sets.union(i, first[key])
            else:
                first[key] = i
    return sets.groups()
