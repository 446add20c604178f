"""One page of the story list in SQL: the same stories, order and search as the full list."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from builders import store_row
from newsprism.errors import UsageError
from newsprism.model import Article
from newsprism.store import Store, StorySummary, story_page, story_summaries
from newsprism.store.database import parse_time
from newsprism.store.listing import _summary

PLUS_TWO = timezone(timedelta(hours=2))
MINUS_FIVE = timezone(timedelta(hours=-5))


def add(
    store: Store,
    article_id: str,
    story: int,
    published: datetime | None = None,
    outlet: str | None = None,
    title: str | None = None,
    copy_of: int | None = None,
) -> int:
    """Store one article of ``story``; return its row id."""
    text = f"Report {article_id} on the events of story {story}, as its outlet told them."
    article = Article(
        id=article_id,
        text=text,
        source=f"{article_id}.txt",
        published=published,
        outlet=outlet,
        title=title if title is not None else f"Headline {article_id}",
    )
    return store.add_article(store_row(article, story, copy_of))


def reference_list(store: Store, since: datetime | None = None) -> list[StorySummary]:
    """The whole list as it was built in Python before the SQL page: the oracle."""
    rows = store.connection.execute(
        "SELECT s.id, s.title, a.id, a.outlet, a.copy_group, a.published FROM stories s"
        " JOIN articles a ON a.story = s.id ORDER BY s.id, a.published IS NULL, a.published, a.rowid"
    )
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    titles: dict[int, str] = {}
    for story_id, title, article_id, outlet, copy_group, published in rows:
        grouped.setdefault(story_id, []).append((article_id, outlet, copy_group, parse_time(published)))
        titles[story_id] = title or ""
    summaries = [_summary(story_id, titles[story_id], members) for story_id, members in grouped.items()]

    def wall_clock(summary: StorySummary) -> datetime | None:
        last = summary.last_published
        return None if last is None else last.replace(tzinfo=None)

    if since is not None:
        floor = since.replace(tzinfo=None)
        summaries = [s for s in summaries if (moment := wall_clock(s)) is not None and moment >= floor]
    summaries.sort(key=lambda s: (wall_clock(s) is not None, wall_clock(s), s.id), reverse=True)
    return summaries


def expected(store: Store, since: datetime | None = None, words: str = "") -> list[StorySummary]:
    """The list as the web app built it before paging in SQL: every summary, filtered in Python."""
    folded = words.casefold().split()

    def matches(summary: StorySummary) -> bool:
        haystack = " ".join([summary.title, *summary.outlets, *summary.articles]).casefold()
        return all(word in haystack for word in folded)

    return [summary for summary in reference_list(store, since) if matches(summary)]


def test_the_whole_list_is_the_unpaged_page(store: Store) -> None:
    assert story_summaries(store) == story_page(store).stories
    assert story_summaries(store, datetime(2024, 5, 7)) == story_page(store, datetime(2024, 5, 7)).stories


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Stories dated and undated, with offsets, microseconds, copies, outlets in any case."""
    with Store.open(tmp_path / "listing.db") as opened:
        first = add(opened, "kb-1", 1, datetime(2024, 5, 6, 9), "Northern Ledger", "Kestrel Bridge closed")
        add(opened, "kb-2", 1, datetime(2024, 5, 7, 9, tzinfo=MINUS_FIVE), "Tamsin Courier", copy_of=first)
        add(opened, "kb-3", 1, None, "tamsin courier")
        add(opened, "vote-1", 2, datetime(2024, 1, 2, 8, tzinfo=UTC), "Evening Post", "Council vote")
        add(opened, "strasse-1", 3, None, "Die Zeitung", "Große Straße gesperrt")
        add(opened, "strasse-2", 3, None, None)
        add(opened, "tie-1", 4, datetime(2024, 5, 7, 9, tzinfo=PLUS_TWO), None, "Same wall clock")
        add(opened, "micro-1", 5, datetime(2024, 5, 7, 9, 0, 0, 500), "Ledger", "Half a millisecond later")
        add(opened, "untitled-1", 6, datetime(2023, 12, 31), "Northern Ledger", "")
        add(opened, "lone-undated", 7, None, "Evening Post", "Undated notice")
        yield opened


def test_a_page_in_sql_lists_what_the_full_list_lists_in_the_same_order(store: Store) -> None:
    page = story_page(store)
    assert page.stories == expected(store)
    assert page.total == 7
    # Newest activity first: wall clock without the offset, ties by newer id; undated last.
    assert [story.id for story in page.stories] == [5, 4, 1, 2, 6, 7, 3]


@pytest.mark.parametrize(
    "since",
    [
        datetime(2024, 5, 7, 9),
        datetime(2024, 5, 7, 9, tzinfo=UTC),
        datetime(2024, 5, 7, 9, 0, 0, 1),
        datetime(2024, 1, 2, 8),
        datetime(2024, 1, 1),
        datetime(2030, 1, 1),
    ],
)
def test_since_keeps_the_stories_the_full_list_keeps(store: Store, since: datetime) -> None:
    page = story_page(store, since=since)
    assert page.stories == expected(store, since)
    assert page.total == len(page.stories)
    assert all(story.last_published is not None for story in page.stories)


@pytest.mark.parametrize(
    "words",
    [
        "kestrel",
        "KESTREL bridge",
        "tamsin",  # an outlet, in either case
        "kb-3",  # an article id
        "KB-",
        "strasse",  # case folding: ß is ss
        "STRASSE große",
        "ledger",
        "post council",
        "bridge courier",  # words from different fields of one story
        "headline",  # a member's headline is not the story's: no match
        "untitled",
        "%",  # no wildcards: a literal percent sign matches nothing
        "_",
        "no-such-word",
    ],
)
def test_search_matches_what_the_web_app_matched(store: Store, words: str) -> None:
    page = story_page(store, words=words.split())
    assert page.stories == expected(store, words=words)
    assert page.total == len(page.stories)


def test_search_and_since_together(store: Store) -> None:
    page = story_page(store, since=datetime(2024, 1, 1), words=["ledger"])
    assert page.stories == expected(store, datetime(2024, 1, 1), "ledger")
    assert [story.id for story in page.stories] == [5, 1]


@pytest.mark.parametrize("limit", [1, 2, 3, 6, 7, 50])
def test_pages_put_together_are_the_whole_list(store: Store, limit: int) -> None:
    whole = expected(store)
    for offset in range(0, len(whole) + limit, limit):
        page = story_page(store, offset=offset, limit=limit)
        assert page.stories == whole[offset : offset + limit]
        assert page.total == len(whole)


def test_a_page_past_the_end_is_empty_but_still_counts_the_list(store: Store) -> None:
    assert story_page(store, offset=100, limit=10).stories == []
    assert story_page(store, offset=100, limit=10).total == 7
    assert story_page(store, words=["kestrel"], limit=0).total == 1


def test_an_empty_store_has_no_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as empty:
        assert story_page(empty, limit=50).total == 0
        assert story_page(empty, since=datetime(2024, 1, 1), words=["x"]).stories == []


def test_a_negative_offset_is_refused(store: Store) -> None:
    with pytest.raises(UsageError, match="offset"):
        story_page(store, offset=-1)


ZONES = (None, UTC, PLUS_TWO, MINUS_FIVE)
OUTLETS = (None, "Ledger", "LEDGER Post", "Straße")
WORDS = ("", "ledger", "post", "STRASSE", "a-1", "ledger 2-", "zzz")


def random_moment(rng: random.Random) -> datetime | None:
    """A publication time near 1 March 2024, in one of several zones, or none."""
    if rng.random() < 0.25:
        return None
    moment = datetime(2024, 3, 1, tzinfo=rng.choice(ZONES))
    return moment + timedelta(
        days=rng.randint(0, 3),
        minutes=rng.choice([0, 30, 90]),
        microseconds=rng.choice([0, 1, 500_000]),
    )


@pytest.mark.parametrize("seed", range(40))
def test_any_store_pages_as_the_full_list_filters(seed: int) -> None:
    rng = random.Random(seed)
    members = [
        (rng.randint(1, 6), random_moment(rng), rng.choice(OUTLETS))
        for _ in range(rng.randint(1, 14))
    ]
    since = random_moment(rng) if rng.random() < 0.5 else None
    words, limit = rng.choice(WORDS), rng.randint(1, 4)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
        for number, (story, published, outlet) in enumerate(members):
            add(store, f"a-{number}", story, published, outlet)
        whole = expected(store, since, words)
        pages = [
            story_page(store, since, words.split(), offset, limit)
            for offset in range(0, len(whole) + 1, limit)
        ]
    assert [story for page in pages for story in page.stories] == whole
    assert {page.total for page in pages} == {len(whole)}
