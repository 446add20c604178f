"""How time weighs in story clustering: damping, windows, comparable dates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.cluster.dates import (
    best_date_factor,
    comparable,
    date_factor,
    follow_up_factor,
    same_days,
    within_window,
)
from newsprism.settings import StorySettings

DAY = datetime(2024, 5, 7, 9, 0)
SETTINGS = StorySettings()


@dataclass
class Span:
    first: datetime | None
    last: datetime | None


LAST = DAY + timedelta(days=2)
STORY = Span(DAY, LAST)
UNDATED = Span(None, None)


def test_a_report_within_the_grace_days_is_not_damped() -> None:
    for days in (1, 9, -7):
        published = DAY + timedelta(days=days)
        assert date_factor(SETTINGS, STORY, published) == 1.0


def test_damping_falls_by_e_every_decay_period_past_the_grace_days() -> None:
    published = LAST + timedelta(days=SETTINGS.grace_days + SETTINGS.decay_days)
    assert date_factor(SETTINGS, STORY, published) == pytest.approx(math.exp(-1))


def test_aware_and_naive_times_compare() -> None:
    aware = (DAY + timedelta(days=1)).replace(tzinfo=UTC)
    assert date_factor(SETTINGS, STORY, aware) == 1.0
    assert same_days(SETTINGS, [aware], [DAY])


def test_a_date_on_one_side_only_weighs_the_unknown_factor() -> None:
    assert date_factor(SETTINGS, UNDATED, DAY) == SETTINGS.unknown_date_factor
    assert date_factor(SETTINGS, STORY, None) == SETTINGS.unknown_date_factor
    assert date_factor(SETTINGS, UNDATED, None) == 1.0


def test_names_carry_a_match_only_within_the_follow_up_days() -> None:
    near = DAY + timedelta(days=200)
    far = DAY + timedelta(days=SETTINGS.follow_up_days + 10)
    assert follow_up_factor(SETTINGS, STORY, near) == SETTINGS.follow_up_weight
    assert follow_up_factor(SETTINGS, STORY, far) == 0.0
    assert best_date_factor(SETTINGS, STORY, near) == SETTINGS.follow_up_weight
    assert within_window(SETTINGS, STORY, near)
    assert not within_window(SETTINGS, STORY, far)


def test_only_stories_both_dated_or_both_undated_are_comparable() -> None:
    assert comparable(STORY, Span(DAY, DAY))
    assert comparable(UNDATED, Span(None, None))
    assert not comparable(STORY, UNDATED)


def test_same_days_needs_dates_on_both_sides_within_the_grace_days() -> None:
    week_later = DAY + timedelta(days=SETTINGS.grace_days + 1)
    assert same_days(SETTINGS, [DAY, None], [DAY + timedelta(days=3)])
    assert not same_days(SETTINGS, [DAY], [week_later])
    assert not same_days(SETTINGS, [DAY], [None])
