"""Union-find grouping, with and without one item per key."""

from __future__ import annotations

from newsprism.common.grouping import connected_groups


def test_linked_items_form_one_group_in_order() -> None:
    assert connected_groups(4, [(2, 0), (3, 1)]) == [[0, 2], [1, 3]]


def test_an_item_with_no_link_is_a_group_of_its_own() -> None:
    assert connected_groups(3, [(0, 1)]) == [[0, 1], [2]]


def test_exclusive_keys_keep_two_items_of_one_article_apart() -> None:
    # a1 - b1 (strongest), then b1 - a2 would put a1 and a2 together: skipped.
    groups = connected_groups(3, [(0, 1), (1, 2)], exclusive=["a", "b", "a"])
    assert groups == [[0, 1], [2]]


def test_a_join_test_stops_a_chain_from_gathering_unrelated_items() -> None:
    # 0-1 and 2-3 are close pairs; the weak link 1-2 would chain all four into one group.
    close = {frozenset({0, 1}), frozenset({2, 3}), frozenset({1, 2})}

    def mostly_close(first: list[int], second: list[int]) -> bool:
        pairs = [frozenset({a, b}) for a in first for b in second]
        return sum(pair in close for pair in pairs) * 2 >= len(pairs)

    groups = connected_groups(4, [(0, 1), (2, 3), (1, 2)], may_join=mostly_close)
    assert groups == [[0, 1], [2, 3]]
    assert connected_groups(4, [(0, 1), (2, 3), (1, 2)]) == [[0, 1, 2, 3]]
