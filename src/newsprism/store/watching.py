"""What a watcher keeps between runs: each feed's schedule, each tracked article's, alerts.

Times are seconds since the epoch (floats, from the watcher's clock, which tests inject).
None of these tables feeds the in-memory story and copy indexes, so they are written in
SQLite's own short transactions, without the store's writer lock: a watcher does not wait
for an ``ingest`` run to end before it notes that a feed answered 304.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.store.database import Store

_FEED_COLUMNS = "url, etag, last_modified, interval, next_check, last_check, last_new, checks, new_items, errors, last_error"
_TRACKED_COLUMNS = "article, url, feed, etag, last_modified, changed_at, rechecks, next_check, last_check, errors"


@dataclass(frozen=True)
class FeedState:
    """One watched feed: its validators for a conditional GET and its schedule.

    ``interval`` is the feed's own (adapted) interval; ``errors`` the failed checks in a row.
    """

    url: str
    interval: float
    next_check: float
    etag: str | None = None
    last_modified: str | None = None
    last_check: float | None = None
    last_new: float | None = None
    checks: int = 0
    new_items: int = 0
    errors: int = 0
    last_error: str | None = None


@dataclass(frozen=True)
class TrackedArticle:
    """A watched article re-read on a decaying schedule: ``rechecks`` since it last
    changed (at ``changed_at``); ``next_check`` None once it is no longer re-read."""

    article: int
    url: str
    changed_at: float
    next_check: float | None
    feed: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    rechecks: int = 0
    last_check: float | None = None
    errors: int = 0


@dataclass(frozen=True)
class StoredAlert:
    """One alert as raised: ``key`` tells it from every other (the same alert is raised
    once), ``evidence`` is its JSON list."""

    key: str
    kind: str
    story: int | None
    url: str | None
    message: str
    evidence: str
    raised_at: str


# --- feeds ------------------------------------------------------------------------------


def feed_states(store: Store, urls: Sequence[str] | None = None) -> dict[str, FeedState]:
    """The stored state of the feeds ``urls`` (all watched feeds when None), by URL."""
    rows = store.connection.execute(f"SELECT {_FEED_COLUMNS} FROM watched_feeds ORDER BY url")
    states = {row[0]: FeedState(url=row[0], etag=row[1], last_modified=row[2], interval=row[3], next_check=row[4],
                                last_check=row[5], last_new=row[6], checks=row[7], new_items=row[8], errors=row[9],
                                last_error=row[10]) for row in rows}
    if urls is None:
        return states
    return {url: states[url] for url in urls if url in states}


def save_feed(store: Store, state: FeedState) -> None:
    """Write a feed's state (inserting it the first time)."""
    with store.transaction() as connection:
        connection.execute(
            f"INSERT OR REPLACE INTO watched_feeds ({_FEED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.url, state.etag, state.last_modified, state.interval, state.next_check, state.last_check,
             state.last_new, state.checks, state.new_items, state.errors, state.last_error),
        )


# --- tracked articles -------------------------------------------------------------------


def track_articles(store: Store, tracked: Sequence[TrackedArticle]) -> int:
    """Start re-reading ``tracked`` (articles already tracked are left as they are); how many
    were new."""
    with store.transaction() as connection:
        before = connection.total_changes
        connection.executemany(
            f"INSERT OR IGNORE INTO tracked_articles ({_TRACKED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_tracked_row(item) for item in tracked],
        )
        return connection.total_changes - before


def save_tracked(store: Store, tracked: TrackedArticle) -> None:
    """Write a tracked article's validators and schedule after a re-read."""
    with store.transaction() as connection:
        connection.execute(
            f"INSERT OR REPLACE INTO tracked_articles ({_TRACKED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _tracked_row(tracked),
        )


def due_articles(store: Store, now: float, every: bool = False, limit: int | None = None) -> list[TrackedArticle]:
    """Tracked articles whose re-read is due by ``now``, soonest first; with ``every``, all of
    them, including those no longer re-read on schedule."""
    where = "" if every else "WHERE next_check IS NOT NULL AND next_check <= ?"
    parameters: list[object] = [] if every else [now]
    sql = f"SELECT {_TRACKED_COLUMNS} FROM tracked_articles {where} ORDER BY next_check IS NULL, next_check, article"
    if limit is not None:
        sql += " LIMIT ?"
        parameters.append(limit)
    return [TrackedArticle(article=row[0], url=row[1], feed=row[2], etag=row[3], last_modified=row[4],
                           changed_at=row[5], rechecks=row[6], next_check=row[7], last_check=row[8], errors=row[9])
            for row in store.connection.execute(sql, parameters)]


def untracked_rowids(store: Store, normalised_urls: Sequence[str]) -> dict[str, int]:
    """Stored articles among ``normalised_urls`` that are not tracked yet (a watcher killed
    between storing an article and tracking it), by normalised URL."""
    if not normalised_urls:
        return {}
    marks = ",".join("?" * len(normalised_urls))
    rows = store.connection.execute(
        f"SELECT a.normalised_url, a.rowid FROM articles a LEFT JOIN tracked_articles t ON t.article = a.rowid"
        f" WHERE a.normalised_url IN ({marks}) AND t.article IS NULL",
        list(normalised_urls),
    )
    return {str(url): int(rowid) for url, rowid in rows}


def next_article_check(store: Store) -> float | None:
    """The soonest scheduled re-read of any tracked article."""
    row = store.connection.execute("SELECT min(next_check) FROM tracked_articles").fetchone()
    return None if row[0] is None else float(row[0])


def tracked_count(store: Store) -> tuple[int, int]:
    """How many articles are tracked, and how many of them are still re-read on schedule."""
    row = store.connection.execute("SELECT count(*), count(next_check) FROM tracked_articles").fetchone()
    return int(row[0]), int(row[1])


def _tracked_row(item: TrackedArticle) -> tuple[object, ...]:
    return (item.article, item.url, item.feed, item.etag, item.last_modified, item.changed_at, item.rechecks,
            item.next_check, item.last_check, item.errors)


# --- alerts -----------------------------------------------------------------------------


def save_alert(store: Store, alert: StoredAlert) -> bool:
    """Keep an alert; False when one with its key was raised before (nothing written)."""
    with store.transaction() as connection:
        cursor = connection.execute(
            "INSERT OR IGNORE INTO alerts (key, kind, story, url, message, evidence, raised_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (alert.key, alert.kind, alert.story, alert.url, alert.message, alert.evidence, alert.raised_at),
        )
        return cursor.rowcount > 0


def recent_alerts(store: Store, limit: int = 50) -> list[StoredAlert]:
    """The ``limit`` latest alerts, newest first."""
    rows = store.connection.execute(
        "SELECT key, kind, story, url, message, evidence, raised_at FROM alerts ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [StoredAlert(*row) for row in rows]


def has_failure(store: Store, source: str, reason: str) -> bool:
    """True when this source already failed for this reason (a watcher records it once)."""
    row = store.connection.execute(
        "SELECT 1 FROM failures WHERE source = ? AND reason = ? LIMIT 1", (source, reason)
    ).fetchone()
    return row is not None
