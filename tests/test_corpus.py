"""Corpus ingest: duplicates stored once, copies grouped, stories assigned, resume after a kill."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from newsprism.cluster.copies import content_hash
from newsprism.corpus import Corpus, add_articles
from newsprism.model import Article
from newsprism.store import Store, copy_origin, story_summaries

DAY = datetime(2024, 9, 3, 8, 0)

# Three short invented reports, shared with the other corpus tests.
TEXTS = json.loads((Path(__file__).resolve().parent / "data" / "corpus_texts.json").read_text(encoding="utf-8"))
FLOOD, FLOOD_OTHER_OUTLET, STRIKE = TEXTS["flood"], TEXTS["flood_other_outlet"], TEXTS["strike"]

FLOOD_THIRD = (
    "Bramwick cleaned up on Tuesday after the Aske flood: council leader Maria Holt said "
    "300 residents could go home, the old mill bridge reopened and the army left the "
    "sandbags in place in case the river rose again."
)
STRIKE_SECOND = (
    "Northline services stayed cancelled on Tuesday as train drivers kept up their 48 hour "
    "strike over pay; union secretary Dev Patel called the 3.5 per cent offer an insult."
)
STRIKE_THIRD = (
    "Commuters queued for buses in Bramwick on Wednesday, the third day of the Northline "
    "drivers' strike; Dev Patel of the drivers' union said talks on the pay offer would "
    "resume only when the company put more than 3.5 per cent on the table."
)

SCRIPT = """
import sys
from datetime import datetime, timedelta
from newsprism.corpus import add_articles
from newsprism.model import Article
from newsprism.store import Store

def articles():
    for number in range(int(sys.argv[2])):
        text = (f"Report {number}: the council of Town{number} voted on budget item {number * 7}. "
                f"Officer Name{number} said the plan for district {number} would cost {number * 13} "
                f"thousand and take {number % 9 + 2} months.")
        yield Article(id=f"r{number}", text=text, source=f"r{number}",
                      published=datetime(2024, 1, 1) + timedelta(hours=number))

with Store.open(sys.argv[1]) as store:
    add_articles(store, articles())
"""


def article(
    article_id: str,
    text: str,
    outlet: str,
    published: datetime = DAY,
    url: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        text=text,
        source=article_id,
        outlet=outlet,
        published=published,
        url=url,
    )


def test_reingesting_the_same_articles_stores_them_once(tmp_path: Path) -> None:
    articles = [
        article(
            "a", FLOOD, "one.example", url="https://one.example/flood?utm_source=x"
        ),
        article("b", STRIKE, "two.example"),
    ]
    with Store.open(tmp_path / "c.db") as store:
        first = add_articles(store, articles)
        again = add_articles(store, articles)
        assert (first.new, first.duplicate) == (2, 0)
        assert (again.new, again.duplicate) == (0, 2)
        assert store.article_count() == 2


def test_syndicated_copy_counts_once_and_the_earliest_is_its_origin(
    tmp_path: Path,
) -> None:
    reprint = (
        "Sign up for our morning briefing.\n\n" + FLOOD + "\n\nAll rights reserved."
    )
    articles = [
        article(
            "wire-reprint", reprint, "three.example", published=DAY.replace(hour=12)
        ),
        article("wire", FLOOD, "wire.example", published=DAY),
        article("own", FLOOD_OTHER_OUTLET, "four.example"),
        article("strike", STRIKE, "two.example"),
    ]
    with Store.open(tmp_path / "c.db") as store:
        add_articles(store, articles)
        summaries = {s.title[:10]: s for s in story_summaries(store)}
        assert copy_origin(store, "wire-reprint") == "wire"
    flood = next(s for s in summaries.values() if "wire" in s.articles)
    assert set(flood.articles) == {"wire", "wire-reprint", "own"}
    assert flood.independent_sources == 2
    assert len(summaries) == 2


def test_a_second_article_with_a_taken_id_is_a_recorded_failure(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        summary = add_articles(
            store,
            [
                article("same", FLOOD, "one.example"),
                article("same", STRIKE, "two.example"),
            ],
        )
        assert (summary.new, summary.failed_total) == (1, 1)
        [failure] = store.failures()
        assert "duplicate id" in failure.reason


def test_reopening_the_store_continues_the_same_stories(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store.open(path) as store:
        add_articles(
            store,
            [
                article("flood", FLOOD, "one.example"),
                article("strike", STRIKE, "two.example"),
            ],
        )
    with Store.open(path) as store:
        corpus = Corpus(store)
        added = corpus.add(article("flood-2", FLOOD_OTHER_OUTLET, "three.example"))
        first_flood = store.stored_duplicate(None, content_hash(FLOOD))
        assert corpus.story_of_row[added.rowid] == corpus.story_of_row[first_flood]
        assert len(story_summaries(store)) == 2


def _stored_count(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            return int(
                connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            )
    except sqlite3.OperationalError:
        return 0


def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    path, total = tmp_path / "killed.db", 600
    command = [sys.executable, "-c", SCRIPT, str(path), str(total)]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while (
        _stored_count(path) < 20
        and time.monotonic() < deadline
        and process.poll() is None
    ):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _stored_count(path)
    assert 0 < stored < total
    with Store.open(path) as store:
        connection = store.connection
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for text, stored_hash in connection.execute(
            "SELECT text, content_hash FROM articles"
        ):
            assert content_hash(text) == stored_hash
    subprocess.run(command, check=True, timeout=600)
    assert _stored_count(path) == total


def test_a_split_story_is_stored_and_survives_reopening(tmp_path: Path) -> None:
    from newsprism.settings import Settings, StorySettings
    from newsprism.store import story_assignments

    # A shared closing line and a tiny threshold make every report join the first story.
    closing = " Local officials promised further updates throughout the evening."
    texts = [FLOOD, STRIKE, FLOOD_OTHER_OUTLET, STRIKE_SECOND, FLOOD_THIRD]
    names = ["flood", "strike", "flood-2", "strike-2", "flood-3"]
    reports = [
        article(name, text + closing, f"{name}.example")
        for name, text in zip(names, texts, strict=True)
    ]
    path = tmp_path / "split.db"
    with Store.open(path) as store:
        corpus = Corpus(store, Settings(stories=StorySettings(join_threshold=0.0001)))
        first_four = {
            corpus.story_of_row[corpus.add(report).rowid] for report in reports[:4]
        }
        corpus.add(reports[4])
        stored = dict(story_assignments(store))
        in_memory = {
            store.article(rowid).id: story
            for rowid, story in corpus.story_of_row.items()
        }
    assert stored == in_memory
    assert len(first_four) > 1, "the split happened when the story reached four members"
    assert stored["flood"] == stored["flood-2"] == stored["flood-3"]
    assert stored["strike"] == stored["strike-2"] != stored["flood"]
    with Store.open(path) as store:
        assert {s.title[:40] for s in story_summaries(store)} == {
            FLOOD[:40],
            STRIKE[:40],
        }


def test_a_report_like_two_stories_of_one_event_merges_them(tmp_path: Path) -> None:
    from newsprism.settings import Settings, StorySettings
    from newsprism.store import story_assignments

    path = tmp_path / "merge.db"
    first = [
        article("flood", FLOOD, "ledger.example"),
        article("flood-2", FLOOD_OTHER_OUTLET, "courier.example"),
        article("strike", STRIKE, "ledger.example"),
    ]
    with Store.open(path) as store:
        # A join threshold nothing reaches: every report starts a story of its own.
        corpus = Corpus(store, Settings(stories=StorySettings(join_threshold=0.99)))
        for report in first:
            corpus.add(report)
        assert len(set(corpus.story_of_row.values())) == 3
    with Store.open(path) as store:
        corpus = Corpus(store)
        corpus.add(article("flood-3", FLOOD_THIRD, "gazette.example"))
        stored = dict(story_assignments(store))
        in_memory = {
            store.article(rowid).id: story
            for rowid, story in corpus.story_of_row.items()
        }
    assert stored == in_memory
    assert stored["flood"] == stored["flood-2"] == stored["flood-3"]
    assert stored["strike"] != stored["flood"]
    with Store.open(path) as store:
        titles = {summary.title[:40] for summary in story_summaries(store)}
        assert titles == {FLOOD[:40], STRIKE[:40]}, "titled by their first members"
        assert set(Corpus(store).stories.stories) == set(stored.values())


def test_two_events_stay_apart_whatever_report_bridges_them(tmp_path: Path) -> None:
    from newsprism.settings import Settings, StorySettings
    from newsprism.store import story_assignments

    path = tmp_path / "apart.db"
    floods = [FLOOD, FLOOD_OTHER_OUTLET, FLOOD_THIRD]
    strikes = [STRIKE, STRIKE_SECOND, STRIKE_THIRD]
    with Store.open(path) as store:
        corpus = Corpus(store)
        for number, text in enumerate(floods + strikes):
            corpus.add(article(f"r{number}", text, f"outlet{number}.example"))
        assert len(set(corpus.story_of_row.values())) == 2
    # Thresholds so low that every report joins and bridges: only the seam between the
    # two events keeps them apart.
    loose = StorySettings(join_threshold=0.0001, merge_score=0.0001)
    with Store.open(path) as store:
        corpus = Corpus(store, Settings(stories=loose))
        round_up = (
            "In brief: the Aske flooded Bramwick and 300 residents left home; Northline "
            "train drivers struck over pay and union secretary Dev Patel rejected the offer."
        )
        corpus.add(article("round-up", round_up, "digest.example"))

        stored = dict(story_assignments(store))
    assert len({stored[f"r{number}"] for number in range(6)}) == 2

