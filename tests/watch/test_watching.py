"""The watcher against a real local newsroom whose feeds change: new items, 304s, 500s,
slow answers, a feed turning malformed, robots.txt, one request at a time per host.

Each test drives :class:`Watcher` pass by pass on a clock it moves by hand, so schedules
of minutes run in milliseconds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.store.watching import due_articles, feed_states
from newsprism.watch import Watcher

from .newsroom import HandClock, Newsroom, story_text

FAST = Settings()
FAST = replace(FAST, watch=replace(FAST.watch, host_delay=0.0))


def _watcher(store: Store, feeds: list[str], clock: HandClock, settings: Settings = FAST) -> Watcher:
    return Watcher(store, feeds, settings, clock=clock, sleep=clock.sleep)


def _publish(room: Newsroom, count: int, start: int = 0, feed: str = "/feed.xml", prefix: str = "a") -> str:
    items = []
    for number in range(start, start + count):
        room.article(f"/{prefix}{number}", f"Flood update number {number}", *story_text(f"flood {number}", 10 + number))
        items.append((f"Flood update {number}", f"/{prefix}{number}"))
    return room.feed(feed, list(reversed(items)))


def test_first_pass_stores_every_entry_and_tracks_it(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feed = _publish(newsroom, 3)
    with Store.open(tmp_path / "news.db") as store:
        summary = _watcher(store, [feed], clock).run_pass()
        assert (summary.new_articles, summary.feeds_checked, summary.feed_errors) == (3, 1, 0)
        assert store.article_count() == 3
        assert len(due_articles(store, clock(), every=True)) == 3
        state = feed_states(store)[feed]
        assert state.etag and state.next_check == clock() + FAST.watch.interval * FAST.watch.busier_factor


def test_unchanged_feed_is_asked_conditionally_and_costs_one_304(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    feed = _publish(newsroom, 2)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        watcher.run_pass()
        before = len(newsroom.requests)
        clock.advance(FAST.watch.interval)
        summary = watcher.run_pass()
        assert summary.not_modified == 1 and summary.new_articles == 0
        feed_requests = [seen for seen in newsroom.requests[before:] if seen.path == "/feed.xml"]
        assert [(seen.conditional, seen.status) for seen in feed_requests] == [(True, 304)]


def test_a_new_item_fetches_only_its_own_page(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feed = _publish(newsroom, 2)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        watcher.run_pass()
        _publish(newsroom, 3)  # /a2 appears in the feed
        clock.advance(FAST.watch.interval * FAST.watch.busier_factor)  # before any re-read is due
        before = len(newsroom.requests)
        summary = watcher.run_pass()
        assert summary.new_articles == 1
        asked = {seen.path for seen in newsroom.requests[before:] if seen.status == 200}
        assert "/a2" in asked and "/a0" not in asked and "/a1" not in asked
        assert store.article_count() == 3


def test_a_feed_not_due_is_not_asked(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feed = _publish(newsroom, 1)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        watcher.run_pass()
        clock.advance(10)
        assert watcher.run_pass().feeds_checked == 0


def test_server_errors_back_off_exponentially_then_recover(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feed = newsroom.put("/feed.xml", "down", status=500)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        waits = []
        for _ in range(3):
            summary = watcher.run_pass()
            assert summary.feed_errors == 1
            state = feed_states(store)[feed]
            waits.append(state.next_check - clock())
            clock.advance(state.next_check - clock())
        assert waits == [60.0, 120.0, 240.0]
        assert "HTTP 500" in (feed_states(store)[feed].last_error or "")
        _publish(newsroom, 2)
        summary = watcher.run_pass()
        assert summary.new_articles == 2 and feed_states(store)[feed].errors == 0


def test_a_feed_turning_malformed_is_a_counted_error_and_the_rest_goes_on(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    feed = _publish(newsroom, 2)
    other = _publish(newsroom, 1, feed="/other.xml", prefix="b")
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed, other], clock)
        watcher.run_pass()
        newsroom.put("/feed.xml", "<html><body>Sorry, we are updating our site", content_type="text/html")
        _publish(newsroom, 2, feed="/other.xml", prefix="b")
        clock.advance(FAST.watch.interval * 2)
        summary = watcher.run_pass()
        assert summary.feed_errors == 1 and summary.new_articles == 1
        state = feed_states(store)[feed]
        assert state.errors == 1 and "feed" in (state.last_error or "")


def test_a_slow_feed_fails_at_its_deadline_without_stalling_the_pass(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    settings = replace(FAST, watch=replace(FAST.watch, deadline=0.3, timeout=0.3))
    slow = newsroom.put("/slow.xml", "<rss/>", delay=1.0)
    feed = _publish(newsroom, 1)
    with Store.open(tmp_path / "news.db") as store:
        summary = _watcher(store, [slow, feed], clock, settings).run_pass()
        assert summary.feed_errors == 1 and summary.new_articles == 1
        assert "timed out" in (feed_states(store)[slow].last_error or "") or "deadline" in (
            feed_states(store)[slow].last_error or ""
        )


def test_robots_txt_disallowing_the_feed_is_obeyed(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    newsroom.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    blocked = _publish(newsroom, 1, feed="/private/feed.xml")
    with Store.open(tmp_path / "news.db") as store:
        summary = _watcher(store, [blocked], clock).run_pass()
    assert summary.feed_errors == 1 and not newsroom.seen("/private/feed.xml")


def test_one_host_is_asked_one_request_at_a_time(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feeds = [_publish(newsroom, 4, feed=f"/feed{number}.xml", prefix=f"f{number}-") for number in range(3)]
    with Store.open(tmp_path / "news.db") as store:
        assert _watcher(store, feeds, clock).run_pass().new_articles == 12
    assert newsroom.most_in_flight == 1


def test_the_host_delay_spaces_requests_on_the_watchers_clock(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    settings = replace(FAST, watch=replace(FAST.watch, host_delay=2.0))
    feed = _publish(newsroom, 3)
    start = clock()
    with Store.open(tmp_path / "news.db") as store:
        _watcher(store, [feed], clock, settings).run_pass()
    # robots.txt is not spaced; the feed and three pages are, two seconds apart.
    assert clock() - start >= 3 * 2.0


def test_busy_feeds_are_checked_more_often_than_quiet_ones(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    busy = _publish(newsroom, 1, feed="/busy.xml", prefix="busy")
    quiet = _publish(newsroom, 1, feed="/quiet.xml", prefix="quiet")
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [busy, quiet], clock)
        for round_number in range(1, 6):
            _publish(newsroom, round_number + 1, feed="/busy.xml", prefix="busy")
            clock.advance(FAST.watch.interval * FAST.watch.slowest_interval_factor)
            watcher.run_pass()
        states = feed_states(store)
    assert states[busy].interval == FAST.watch.interval * FAST.watch.fastest_interval_share
    assert states[quiet].interval > FAST.watch.interval * 2  # 450 s after its first item, x1.5 per quiet check


def test_an_article_stored_but_not_tracked_is_tracked_on_the_next_check(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    """What a kill between storing an article and tracking it leaves behind is mended."""
    feed = _publish(newsroom, 2)
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        _watcher(store, [feed], clock).run_pass()
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM tracked_articles WHERE url LIKE '%/a1'")
        connection.execute("UPDATE watched_feeds SET etag = NULL, last_modified = NULL")
    with Store.open(db) as store:
        clock.advance(FAST.watch.interval)
        summary = _watcher(store, [feed], clock).run_pass()
        assert summary.new_articles == 0
        assert len(due_articles(store, clock(), every=True)) == 2


def test_a_stop_before_a_pass_asks_for_nothing(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    feed = _publish(newsroom, 3)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        watcher.stop()
        assert watcher.run_pass().stopped
    assert not newsroom.requests


def test_a_stop_while_the_feed_is_read_stores_nothing_and_keeps_no_validators(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    feed = _publish(newsroom, 3)
    with Store.open(tmp_path / "news.db") as store:
        watcher = _watcher(store, [feed], clock)
        newsroom.on_request["/a0"] = watcher.stop
        summary = watcher.run_pass()
        assert summary.stopped and store.article_count() == 0
        assert feed not in feed_states(store)  # never checked to the end: the next run asks for it in full
        clock.advance(FAST.watch.interval)
        assert _watcher(store, [feed], clock).run_pass().new_articles == 3
