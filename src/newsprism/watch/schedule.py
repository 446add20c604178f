"""When a feed or an article is next read: pure functions of what the last read found.

Feeds adapt: a check that found new items halves the feed's interval (down to a quarter of
the base), one that found nothing stretches it by half (up to eight times the base). A
failed check backs off exponentially from its own clock (1, 2, 4 ... minutes, at most six
hours), whatever the interval. Articles decay: the k-th re-read since an article last
changed comes ``first_recheck * growth**k`` after that change, until ``recheck_for`` has
passed without a change. The figures are in :class:`~newsprism.settings.WatchSettings`;
``docs/watch.md`` lays them out.
"""

from __future__ import annotations

from newsprism.settings import WatchSettings
from newsprism.store.watching import FeedState, TrackedArticle

__all__ = ["after_feed_check", "after_feed_error", "after_recheck", "first_feed_state", "recheck_due"]


def first_feed_state(url: str, now: float, settings: WatchSettings) -> FeedState:
    """A feed never watched before: due at once, at the base interval."""
    return FeedState(url=url, interval=settings.interval, next_check=now)


def after_feed_check(
    state: FeedState, now: float, new_items: int, etag: str | None, last_modified: str | None, settings: WatchSettings
) -> FeedState:
    """The state after a successful check (an answer, 304 included) that found ``new_items``."""
    fastest = settings.interval * settings.fastest_interval_share
    slowest = settings.interval * settings.slowest_interval_factor
    factor = settings.busier_factor if new_items else settings.quieter_factor
    interval = min(slowest, max(fastest, state.interval * factor))
    return FeedState(
        url=state.url,
        interval=interval,
        next_check=now + interval,
        etag=etag,
        last_modified=last_modified,
        last_check=now,
        last_new=now if new_items else state.last_new,
        checks=state.checks + 1,
        new_items=state.new_items + new_items,
        errors=0,
        last_error=None,
    )


def after_feed_error(state: FeedState, now: float, reason: str, settings: WatchSettings) -> FeedState:
    """The state after a failed check: the next one backs off exponentially; the validators
    and the interval are kept for when the feed answers again."""
    wait = min(settings.backoff_limit, settings.backoff_base * 2.0**state.errors)
    return FeedState(
        url=state.url,
        interval=state.interval,
        next_check=now + wait,
        etag=state.etag,
        last_modified=state.last_modified,
        last_check=now,
        last_new=state.last_new,
        checks=state.checks + 1,
        new_items=state.new_items,
        errors=state.errors + 1,
        last_error=reason,
    )


def recheck_due(changed_at: float, rechecks: int, settings: WatchSettings) -> float | None:
    """When the next re-read is due, ``rechecks`` re-reads after a change at ``changed_at``;
    None once the article has gone ``recheck_for`` unchanged."""
    due = changed_at + settings.first_recheck * settings.recheck_growth**rechecks
    return None if due - changed_at > settings.recheck_for else due


def after_recheck(
    tracked: TrackedArticle,
    now: float,
    changed: bool,
    etag: str | None,
    last_modified: str | None,
    settings: WatchSettings,
    failed: bool = False,
) -> TrackedArticle:
    """The tracked article after a re-read: a change restarts its decay from now; a failure
    counts as a re-read (a page gone for good is not asked for forever)."""
    changed_at = now if changed else tracked.changed_at
    rechecks = 0 if changed else tracked.rechecks + 1
    next_check = recheck_due(changed_at, rechecks, settings)
    if next_check is not None and next_check <= now:
        # A late re-read (the watcher was stopped) skips the re-reads it missed.
        while next_check is not None and next_check <= now:
            rechecks += 1
            next_check = recheck_due(changed_at, rechecks, settings)
    return TrackedArticle(
        article=tracked.article,
        url=tracked.url,
        feed=tracked.feed,
        etag=etag if not failed else tracked.etag,
        last_modified=last_modified if not failed else tracked.last_modified,
        changed_at=changed_at,
        rechecks=rechecks,
        next_check=next_check,
        last_check=now,
        errors=tracked.errors + 1 if failed else 0,
    )
