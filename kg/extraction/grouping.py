"""Group items that share any key: spellings of one thing, within a paper or across papers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence


def group_by_shared_keys(keys_of_items: Sequence[Iterable[Hashable]]) -> list[list[int]]:
    """Indices of the items, grouped so that items sharing a key (directly or through
    other items) are together; groups and their members come in first-seen order.

    Examples
    --------
    >>> group_by_shared_keys([{"lstm"}, {"gpt-3"}, {"long short-term memory", "lstm"},
    ...                       {"long short-term memory"}])
    [[0, 2, 3], [1]]
    """
    parent = list(range(len(keys_of_items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[Hashable, int] = {}
    for i, keys in enumerate(keys_of_items):
        for key in keys:
            if key in first:
                a, b = find(i), find(first[key])
                parent[max(a, b)] = min(a, b)  # the earliest item roots its group
            else:
                first[key] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(parent)):
        groups[find(i)].append(i)
    return list(groups.values())
