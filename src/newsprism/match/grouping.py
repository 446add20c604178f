"""Connected groups of linked items (union-find), shared by every matcher."""

from __future__ import annotations

from collections.abc import Iterable


def connected_groups(count: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Partition items ``0..count-1`` into groups joined by ``links``.

    Groups are ordered by their first item and list their items in ascending order.
    """
    parent = list(range(count))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first, second in links:
        parent[root(first)] = root(second)
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(root(index), []).append(index)
    return sorted(groups.values(), key=lambda members: members[0])
