"""Stored briefs: a story's fingerprint follows its members and their revisions, stale
briefs are found newest story first, and pages come back as they were stored."""

from __future__ import annotations

from pathlib import Path

from newsprism.model import Article
from newsprism.store import Store
from newsprism.store.briefs import StoredBrief, save_brief, stale_stories, stored_brief, story_fingerprints
from newsprism.store.revisions import NewRevision, add_revision

from ..builders import store_row

VERSION = "test 1"


def _article(number: int) -> Article:
    return Article(id=f"a{number}", source=f"a{number}.txt", text=f"Report number {number} about the bridge.", outlet=f"Outlet {number}")


def _store(path: Path) -> Store:
    store = Store.open(path)
    for number, story in ((1, 1), (2, 1), (3, 2)):
        store.add_article(store_row(_article(number), story=story))
    return store


def test_a_fingerprint_changes_when_a_member_joins_or_is_revised_and_only_for_that_story(tmp_path: Path) -> None:
    with _store(tmp_path / "news.db") as store:
        before = story_fingerprints(store, VERSION)
        assert set(before) == {1, 2} and before[1] != before[2]
        assert story_fingerprints(store, VERSION, 1) == {1: before[1]}
        assert story_fingerprints(store, "test 2", 1)[1] != before[1]  # an upgrade: new briefs

        store.add_article(store_row(_article(4), story=2))
        joined = story_fingerprints(store, VERSION)
        assert joined[1] == before[1] and joined[2] != before[2]

        add_revision(store, NewRevision(1, "Bridge", "Report number 1, corrected.", "hash", "2026-12-07T10:00:00", "[]"))
        revised = story_fingerprints(store, VERSION)
        assert revised[1] != joined[1] and revised[2] == joined[2]


def test_stale_stories_are_the_missing_and_outdated_newest_first(tmp_path: Path) -> None:
    with _store(tmp_path / "news.db") as store:
        assert stale_stories(store, VERSION) == [2, 1]  # story 2 holds the newest article
        fingerprints = story_fingerprints(store, VERSION)
        save_brief(store, StoredBrief(2, fingerprints[2], {"html": "<p>two</p>"}, 1.0))
        assert stale_stories(store, VERSION) == [1]
        save_brief(store, StoredBrief(1, fingerprints[1], {"html": "<p>one</p>"}, 1.0))
        assert stale_stories(store, VERSION) == []
        store.add_article(store_row(_article(5), story=1))
        assert stale_stories(store, VERSION) == [1]


def test_a_stored_brief_comes_back_whole_and_a_new_one_replaces_it(tmp_path: Path) -> None:
    pages = {"html": "<h1>Brücke \u2014 \U0001f309</h1>" * 500, "style": "", "json": '{"a": 1}'}
    with _store(tmp_path / "news.db") as store:
        assert stored_brief(store, 1) is None
        save_brief(store, StoredBrief(1, "f1", pages, 2.5))
        kept = stored_brief(store, 1)
        assert kept is not None and kept.pages == pages and kept.fingerprint == "f1" and kept.seconds == 2.5
        assert kept.computed_at.startswith("20")
        size = store.connection.execute("SELECT length(pages) FROM briefs").fetchone()[0]
        assert size < len(pages["html"]) / 10  # kept compressed
        save_brief(store, StoredBrief(1, "f2", {"html": "new"}, 0.1))
        again = stored_brief(store, 1)
        assert again is not None and again.fingerprint == "f2" and again.pages == {"html": "new"}
