"""Revisions: watched articles re-read on a decaying schedule, a changed text stored as a new
revision beside the untouched first version, shown by ``newsprism revisions`` and compared
by the brief as it reads now.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main
from newsprism.settings import Settings, WatchSettings
from newsprism.store import Store
from newsprism.store.revisions import article_revisions
from newsprism.store.watching import TrackedArticle, due_articles
from newsprism.watch import Watcher, diff_revisions, summarise_changes
from newsprism.watch.schedule import after_recheck, recheck_due

from .newsroom import HandClock, Newsroom, story_text

FAST = replace(Settings(), watch=replace(WatchSettings(), host_delay=0.0))
FIRST = story_text("flood", 12)
EDITED = [
    FIRST[0].replace("12 people", "15 people"),
    FIRST[1].replace("around the clock", "day and night"),
    FIRST[2],
    "The council opened a second shelter at the town hall on Monday evening for the families affected.",
]


def _watched(room: Newsroom, clock: HandClock, db: Path) -> tuple[str, Watcher, Store]:
    room.article("/flood", "Flood leaves 12 affected", *FIRST)
    feed = room.feed("/feed.xml", [("Flood", "/flood")])
    store = Store.open(db)
    watcher = Watcher(store, [feed], FAST, clock=clock, sleep=clock.sleep)
    watcher.run_pass()
    return room.url("/flood"), watcher, store


def test_an_edited_article_becomes_revision_2_and_its_first_version_stays(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    _, watcher, store = _watched(newsroom, clock, tmp_path / "news.db")
    with store:
        newsroom.article("/flood", "Flood leaves 15 affected", *EDITED)
        clock.advance(FAST.watch.first_recheck)
        summary = watcher.run_pass()
        assert (summary.rechecked, summary.revisions) == (1, 1)
        first, second = article_revisions(store, 1)
        assert first.text == store.article(1).text and "12 people" in first.text
        assert second.number == 2 and "15 people" in second.text and second.title == "Flood leaves 15 affected"
        kinds = {kind for change in json.loads(second.changes) for kind in change["kinds"]}
        assert {"headline", "number", "quote", "sentence_added"} <= kinds


def test_an_unchanged_article_is_re_read_conditionally_and_stays_one_revision(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    _, watcher, store = _watched(newsroom, clock, tmp_path / "news.db")
    with store:
        for gap in (1, 2, 4):
            clock.advance(FAST.watch.first_recheck * gap)
            assert watcher.run_pass().revisions == 0
        assert len(article_revisions(store, 1)) == 1
    re_reads = newsroom.seen("/flood")[1:]
    assert [seen.status for seen in re_reads] == [200, 304, 304]  # the first re-read learns the ETag


def test_re_reads_decay_from_a_quarter_hour_to_days_and_stop_after_a_week() -> None:
    settings = WatchSettings()
    due = [recheck_due(0.0, number, settings) for number in range(12)]
    assert due[:4] == [900.0, 1800.0, 3600.0, 7200.0]
    assert due[9] == 900.0 * 2**9  # about 5.3 days
    assert due[10] is None and due[11] is None


def test_a_change_restarts_the_decay_and_a_late_re_read_skips_the_missed_ones() -> None:
    settings = WatchSettings()
    tracked = TrackedArticle(article=1, url="http://x/a", changed_at=0.0, next_check=900.0)
    changed = after_recheck(tracked, 5000.0, True, None, None, settings)
    assert (changed.changed_at, changed.rechecks, changed.next_check) == (5000.0, 0, 5900.0)
    late = after_recheck(tracked, 10_000.0, False, None, None, settings)
    assert late.next_check is not None and late.next_check > 10_000.0


def test_recheck_all_reads_every_tracked_article_whatever_its_schedule(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    _watched(newsroom, clock, db)[2].close()
    newsroom.article("/flood", "Flood leaves 15 affected", *EDITED)
    settings = tmp_path / "fast.toml"
    settings.write_text("[watch]\nhost_delay = 0.0\n", encoding="utf-8")
    feed = newsroom.url("/feed.xml")
    result = CliRunner().invoke(main, ["watch", "--db", str(db), "--once", "--recheck-all", "--settings", str(settings), feed])
    assert result.exit_code == 0, result.output
    assert "1 re-read (1 revised)" in result.output
    with Store.open(db) as store:
        assert len(article_revisions(store, 1)) == 2


def test_revisions_command_shows_each_change_in_place_and_as_json(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    url, watcher, store = _watched(newsroom, clock, db)
    with store:
        newsroom.article("/flood", "Flood leaves 15 affected", *EDITED)
        clock.advance(FAST.watch.first_recheck)
        watcher.run_pass()
    runner = CliRunner()
    text = runner.invoke(main, ["revisions", url, "--db", str(db)])
    assert text.exit_code == 0, text.output
    assert "2 revisions" in text.output
    assert "number: ...Officials said [-12-]{+15+} people" in text.output
    assert "headline: 'Flood leaves 12 affected' -> 'Flood leaves 15 affected'" in text.output
    data = json.loads(runner.invoke(main, ["revisions", "1", "--db", str(db), "--format", "json"]).output)
    assert [revision["number"] for revision in data["revisions"]] == [1, 2]
    change = next(change for change in data["revisions"][1]["changes"] if change["kinds"] == ["number"])
    start, end = change["after_span"]
    assert data["revisions"][1]["text"][start:end] == "15"


def test_revisions_of_an_unknown_article_is_not_found_exit_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["revisions", "http://nowhere.example/x", "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 3 and "No article" in result.output


def test_a_revision_survives_in_the_store_as_plain_rows(newsroom: Newsroom, clock: HandClock, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    _, watcher, store = _watched(newsroom, clock, db)
    with store:
        newsroom.article("/flood", "Flood leaves 15 affected", *EDITED)
        clock.advance(FAST.watch.first_recheck)
        watcher.run_pass()
        assert due_articles(store, clock() + 10**9)[0].changed_at == clock()
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM revisions").fetchone()[0] == 1
        assert "12 people" in connection.execute("SELECT text FROM articles").fetchone()[0]


# --- the diff ----------------------------------------------------------------------------


def test_a_changed_number_is_classed_and_cited_by_offsets() -> None:
    before, after = "Officials said 12 people died.", "Officials said 15 people died."
    (change,) = diff_revisions("T", before, "T", after)
    assert change.kinds == ("number",)
    assert before[change.before_start:change.before_end] == "12" and after[change.after_start:change.after_end] == "15"


def test_a_changed_quote_is_classed_quote() -> None:
    before = 'The mayor said: "We will rebuild the bridge." Crews arrived.'
    after = 'The mayor said: "We may rebuild the bridge." Crews arrived.'
    (change,) = diff_revisions(None, before, None, after)
    assert change.kinds == ("quote",) and (change.before, change.after) == ("will", "may")


def test_sentences_added_and_removed_are_classed_as_such() -> None:
    base = "The river rose overnight. Roads were closed."
    (added,) = diff_revisions(None, base, None, base + " A shelter opened at the school.")
    (removed,) = diff_revisions(None, base, None, "The river rose overnight.")
    assert added.kinds == ("sentence_added",) and removed.kinds == ("sentence_removed",)


def test_a_new_headline_and_reworded_text_are_told_apart() -> None:
    changes = diff_revisions("Storm hits coast", "Winds were strong.", "Storm batters coast", "Winds were fierce.")
    assert [change.kinds for change in changes] == [("headline",), ("wording",)]
    assert summarise_changes(changes) == "1 headline changed, 1 wording changed"


def test_identical_revisions_have_no_change() -> None:
    assert diff_revisions("T", "Same words here.", "T", "Same words here.") == []


def test_the_brief_compares_the_latest_revision_and_notes_the_edit(
    newsroom: Newsroom, clock: HandClock, tmp_path: Path
) -> None:
    from newsprism.corpus import story_comparison

    _, watcher, store = _watched(newsroom, clock, tmp_path / "news.db")
    with store:
        newsroom.article("/flood", "Flood leaves 15 affected", *EDITED)
        clock.advance(FAST.watch.first_recheck)
        watcher.run_pass()
        story = int(store.connection.execute("SELECT story FROM articles").fetchone()[0])
        comparison = story_comparison(store, story)
    (article,) = comparison.articles
    assert "15 people" in article.text and article.title == "Flood leaves 15 affected"
    (note,) = comparison.skipped
    assert note.reason.startswith("edited after publication: revision 2")
    assert "'12' -> '15'" in note.reason and "number x1" in note.reason
