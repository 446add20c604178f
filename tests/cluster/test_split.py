"""The seam inside a story: two events of one kind come apart, one event stays whole."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.cluster.split import _affinity, similarities, split_members


def test_a_member_is_not_counted_as_resembling_itself() -> None:
    similarity = np.array(
        [
            [1.0, 0.2, 0.6],
            [0.2, 1.0, 0.4],
            [0.6, 0.4, 1.0],
        ]
    )
    group = np.array([True, True, False])
    affinity = _affinity(similarity, group)
    assert affinity[0] == pytest.approx(0.2)  # its one fellow member, not itself
    assert affinity[2] == pytest.approx(0.5)  # outside the group: mean over its members


def test_two_groups_of_three_come_apart_at_the_seam() -> None:
    first = [{"w:quake": 0.8, "n:iquique": 0.6}] * 3
    second = [{"w:quake": 0.8, "n:van": 0.6}] * 3
    seam = split_members(first + second)
    assert seam is not None
    assert len(set(seam.labels[:3])) == len(set(seam.labels[3:])) == 1
    assert seam.labels[0] != seam.labels[3]
    assert seam.separation < 0.75


def test_a_second_group_needs_the_minimum_number_of_members() -> None:
    first = [{"w:quake": 0.8, "n:iquique": 0.6}] * 4
    second = [{"w:quake": 0.8, "n:van": 0.6}] * 2
    assert split_members(first + second) is None
    assert split_members(first + second, min_group=2) is not None


def test_similarities_match_full_dot_products() -> None:
    vectors = [
        {"w:quake": 0.6, "n:van": 0.8},
        {"w:quake": 0.8, "w:school": 0.6},
        {"n:van": 0.6, "w:harbour": 0.8},
    ]
    similarity = similarities(vectors)
    for row, first in enumerate(vectors):
        for column, second in enumerate(vectors):
            dot = sum(value * second.get(term, 0.0) for term, value in first.items())
            assert similarity[row, column] == pytest.approx(dot)
