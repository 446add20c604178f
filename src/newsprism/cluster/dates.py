"""How time weighs in story clustering (:mod:`newsprism.cluster.stories`).

Reports days apart may tell one event, reports weeks apart rarely do: a score is damped by
the distance between an article's publication time and a story's span, and an article
without a date is judged on stronger words. Times are compared as written
(:func:`newsprism.model.wall_clock`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from newsprism.model import wall_clock
from newsprism.settings import StorySettings


class Dated(Protocol):
    """A story's span of publication times (both None while it has no dated member)."""

    first: datetime | None
    last: datetime | None


def date_factor(
    settings: StorySettings, story: Dated, published: datetime | None
) -> float:
    """What a match of words is worth at this distance in time (1 within the grace days)."""
    published = wall_clock(published)
    if (published is None) != (story.first is None):
        return settings.unknown_date_factor
    if published is None or story.first is None or story.last is None:
        return 1.0
    if story.first <= published <= story.last:
        return 1.0
    nearest = story.first if published < story.first else story.last
    gap_days = abs((published - nearest).total_seconds()) / 86400
    if gap_days <= settings.grace_days:
        return 1.0
    return math.exp(-(gap_days - settings.grace_days) / settings.decay_days)


def follow_up_factor(
    settings: StorySettings, story: Dated, published: datetime | None
) -> float:
    """The weight of a names-only match: nothing beyond ``follow_up_days`` apart."""
    published = wall_clock(published)
    if published is not None and story.first is not None and story.last is not None:
        gap = max(story.first - published, published - story.last)
        if gap > timedelta(days=settings.follow_up_days):
            return 0.0
    return settings.follow_up_weight


def best_date_factor(
    settings: StorySettings, story: Dated, published: datetime | None
) -> float:
    """The most a match can be worth at this distance, by words or by names alone."""
    factor = date_factor(settings, story, published)
    if factor >= 1.0:
        return factor
    return max(factor, follow_up_factor(settings, story, published))


def within_window(
    settings: StorySettings, story: Dated, published: datetime | None
) -> bool:
    """False when the story is too far away in time for any match to join it."""
    published = wall_clock(published)
    if published is None or story.first is None or story.last is None:
        return True
    window = timedelta(days=settings.window_days)
    return story.first - window <= published <= story.last + window


def comparable(first: Dated, second: Dated) -> bool:
    """True when both stories are dated or both undated: between a dated story and an
    undated one, the dates that would rule out an older event of the same kind are
    missing."""
    return (first.first is None) == (second.first is None)


def same_days(
    settings: StorySettings,
    first: Sequence[datetime | None],
    second: Sequence[datetime | None],
) -> bool:
    """True when both groups are dated and published within the grace days of each other."""
    spans = []
    for group in (first, second):
        dates = [wall_clock(moment) for moment in group if moment is not None]
        if not dates:
            return False
        spans.append((min(dates), max(dates)))
    (first_start, first_end), (second_start, second_end) = spans
    gap = max(first_start, second_start) - min(first_end, second_end)
    return gap <= timedelta(days=settings.grace_days)
