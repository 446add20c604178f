"""The one union-find: connected groups of linked items, shared by every stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

JoinTest = Callable[[list[int], list[int]], bool]
"""Whether two groups (their members) may become one."""


class Groups:
    """Union-find over indexes 0..size-1; a group's root is its smallest member."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        """The root of ``index``'s group."""
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, one: int, other: int) -> int:
        """Put ``one`` and ``other`` in one group; return the group's root."""
        first, second = sorted((self.find(one), self.find(other)))
        self.parent[second] = first
        return first

    def members(self) -> dict[int, list[int]]:
        """Each root with the indexes of its group, in increasing order."""
        grouped: dict[int, list[int]] = {}
        for index in range(len(self.parent)):
            grouped.setdefault(self.find(index), []).append(index)
        return grouped


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
    groups = Groups(count)
    keys: dict[int, set[str]] = {i: {exclusive[i]} if exclusive else set() for i in range(count)}
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    for first, second in links:
        a, b = groups.find(first), groups.find(second)
        if a == b or (exclusive and keys[a] & keys[b]):
            continue
        if may_join and not may_join(members[a], members[b]):
            continue
        root = groups.join(a, b)
        other = b if root == a else a
        keys[root] |= keys.pop(other)
        members[root].extend(members.pop(other))
    return sorted(groups.members().values(), key=lambda group: group[0])
