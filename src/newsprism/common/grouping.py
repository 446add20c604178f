"""Connected groups of linked items (union-find), shared by every matcher."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

JoinTest = Callable[[list[int], list[int]], bool]
"""Whether two groups (their members) may become one."""


def connected_groups(
    count: int,
    links: Iterable[tuple[int, int]],
    exclusive: Sequence[str] | None = None,
    may_join: JoinTest | None = None,
) -> list[list[int]]:
    """Partition items ``0..count-1`` into groups joined by ``links``.

    With ``exclusive`` (a key per item, such as the article it comes from), links are taken
    in the order given and a link that would put two items with the same key in one group is
    skipped: give the strongest links first. With ``may_join``, a link joins two groups only
    when it approves of their members together. Groups are ordered by their first item and
    list their items in ascending order.
    """
    parent = list(range(count))
    keys: list[set[str]] = [{exclusive[i]} if exclusive else set() for i in range(count)]
    members: list[list[int]] = [[i] for i in range(count)]

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first, second in links:
        a, b = root(first), root(second)
        if a == b or (exclusive and keys[a] & keys[b]):
            continue
        if may_join and not may_join(members[a], members[b]):
            continue
        parent[a] = b
        keys[b] |= keys[a]
        members[b].extend(members[a])
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(root(index), []).append(index)
    return sorted(groups.values(), key=lambda members: members[0])
