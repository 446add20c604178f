"""The SQLite store: migrations, articles, copy groups, failures, annotation cache."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from builders import store_row
from newsprism.cluster.copies import content_hash
from newsprism.errors import MergedStoryError, NotFoundError, StoreError
from newsprism.model import Article, Clause, Mention, Quote, Span, TimeExpression
from newsprism.store import (
    NewArticle,
    Store,
    annotations_from_json,
    annotations_to_json,
    copy_groups,
    copy_origin,
    story_members,
    story_summaries,
)
from newsprism.store.migrations import MIGRATIONS

TEXT = (
    "Crews rebuilt the footbridge over the Tarn river in nine days, the council said."
)


def new_article(
    article_id: str,
    text: str = TEXT,
    story: int = 1,
    copy_of: int | None = None,
    published: datetime | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> NewArticle:
    article = Article(
        id=article_id,
        text=text,
        source=f"{article_id}.txt",
        published=published,
        url=url,
        outlet=outlet,
        title=f"Title {article_id}",
    )
    return store_row(article, story, copy_of, features={"w:bridge": 2})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "test.db")
    yield opened
    opened.close()


def test_migrations_are_applied_once_and_recorded_by_name(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    with Store.open(tmp_path / "a.db") as store:
        names = [
            row[0]
            for row in store.connection.execute(
                "SELECT name FROM migrations ORDER BY name"
            )
        ]
    assert names == [name for name, _ in MIGRATIONS]


def test_store_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(path)


def test_article_round_trips_with_its_metadata(store: Store) -> None:
    published = datetime(2024, 5, 7, 9, 30, tzinfo=UTC)
    rowid = store.add_article(
        new_article(
            "a", published=published, url="https://example.org/a", outlet="example.org"
        )
    )
    article = store.article(rowid)
    assert (article.id, article.text, article.published, article.outlet) == (
        "a",
        TEXT,
        published,
        "example.org",
    )
    assert store.article_count() == 1


def test_duplicates_are_found_by_normalised_url_else_by_content_hash(
    store: Store,
) -> None:
    with_url = store.add_article(new_article("a", url="https://example.org/a"))
    without_url = store.add_article(
        new_article("b", text="Another text about the bridge entirely.")
    )
    assert store.stored_duplicate("https://example.org/a", "whatever") == with_url
    assert (
        store.stored_duplicate(
            None, content_hash("Another text about the bridge entirely.")
        )
        == without_url
    )
    assert store.stored_duplicate(None, content_hash("never stored")) is None


def test_copy_group_origin_is_the_earliest_published(store: Store) -> None:
    late = store.add_article(new_article("late", published=datetime(2024, 5, 8)))
    store.add_article(
        new_article(
            "early", text=TEXT + " More.", copy_of=late, published=datetime(2024, 5, 6)
        )
    )
    assert copy_groups(store)["late"] == copy_groups(store)["early"]
    assert copy_origin(store, "late") == "early"


def test_joining_the_copy_group_of_a_missing_row_fails_and_writes_nothing(
    store: Store,
) -> None:
    with pytest.raises(StoreError):
        store.add_article(new_article("orphan", copy_of=99))
    assert store.article_count() == 0
    assert store.connection.execute("SELECT count(*) FROM stories").fetchone()[0] == 0


def test_story_summary_counts_copies_once(store: Store) -> None:
    first = store.add_article(
        new_article("a", outlet="one.example", published=datetime(2024, 5, 6))
    )
    store.add_article(
        new_article(
            "b",
            text=TEXT + " Copy.",
            copy_of=first,
            outlet="two.example",
            published=datetime(2024, 5, 7),
        )
    )
    store.add_article(
        new_article(
            "c",
            text="A different report of the bridge.",
            outlet="three.example",
            published=datetime(2024, 5, 8),
        )
    )
    [summary] = story_summaries(store)
    assert summary.articles == ("a", "b", "c")
    assert summary.independent_sources == 2
    assert summary.outlets == ("one.example", "two.example", "three.example")
    assert (summary.first_published, summary.last_published) == (
        datetime(2024, 5, 6),
        datetime(2024, 5, 8),
    )


def test_since_keeps_only_stories_published_since(store: Store) -> None:
    store.add_article(new_article("old", story=1, published=datetime(2024, 1, 1)))
    store.add_article(
        new_article(
            "new", text="Something else.", story=2, published=datetime(2024, 6, 1)
        )
    )
    assert [s.id for s in story_summaries(store, since=datetime(2024, 3, 1))] == [2]


def test_unknown_story_raises_not_found_with_a_hint(store: Store) -> None:
    with pytest.raises(NotFoundError, match="newsprism stories"):
        story_members(store, 42)


def test_failures_are_recorded_and_listed_in_order(store: Store) -> None:
    store.record_failure("feed.xml", "malformed XML")
    store.record_failure("https://example.org/x", "HTTP 404")
    assert [(f.source, f.reason) for f in store.failures()] == [
        ("feed.xml", "malformed XML"),
        ("https://example.org/x", "HTTP 404"),
    ]


def test_annotation_cache_answers_only_for_the_same_version_and_text(
    store: Store,
) -> None:
    rowid = store.add_article(new_article("a"))
    store.save_annotations(rowid, "1", "hash-1", '{"x": 1}')
    assert store.cached_annotations(rowid, "1", "hash-1") == '{"x": 1}'
    assert store.cached_annotations(rowid, "2", "hash-1") is None
    assert store.cached_annotations(rowid, "1", "hash-2") is None


def test_writes_are_parameterised_so_quotes_in_values_are_data(store: Store) -> None:
    store.record_failure("x'); DROP TABLE articles; --", "odd name")
    assert store.failures()[0].source == "x'); DROP TABLE articles; --"
    assert store.article_count() == 0


def test_annotations_round_trip_through_json() -> None:
    article = Article(
        id="a",
        text=TEXT,
        source="a.txt",
        sentences=(Span(0, 40), Span(41, 80)),
        clauses=(
            Clause(0, 20, 0, ("crew", "rebuild")),
            Clause(41, 60, 1, (), "halt", Span(41, 45), None, True, "considering"),
        ),
        mentions=(Mention(0, 5, "ORG", "name", "E1"), Mention(30, 34, "GPE")),
        quotes=(
            Quote(10, 20, "partial", Span(0, 5), None, Span(21, 25)),
            Quote(30, 35),
        ),
        times=(
            TimeExpression(50, 59, "DURATION", "P9D"),
            TimeExpression(60, 70, "DATE", "XXXX-XX-XX", False, "previous Tuesday"),
        ),
    )
    bare = Article(id="a", text=TEXT, source="a.txt")
    assert annotations_from_json(bare, annotations_to_json(article)) == article


def test_unreadable_cached_annotations_raise_store_error() -> None:
    with pytest.raises(StoreError, match="unreadable"):
        annotations_from_json(
            Article(id="a", text="x", source="a"), '{"sentences": [[1]]}'
        )


def test_a_failed_transaction_leaves_no_partial_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        insert = "INSERT INTO stories (id, title, created_at) VALUES (5, 't', 'now')"
        # The second insert fails inside the transaction, which must undo the first.
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as connection:  # noqa: PT012
            connection.execute(insert)
            connection.execute(insert)
        assert (
            store.connection.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
        )


def test_every_annotation_field_of_the_model_is_serialised() -> None:
    import dataclasses
    import json

    annotation_fields = {f.name for f in dataclasses.fields(Article) if f.default == ()}
    stored = set(json.loads(annotations_to_json(Article(id="a", text="x", source="a"))))
    assert stored == annotation_fields


def test_storing_an_id_twice_raises_store_error_and_keeps_the_first(
    store: Store,
) -> None:
    store.add_article(new_article("a"))
    with pytest.raises(StoreError, match="one at a time"):
        store.add_article(new_article("a", text="Different words entirely here."))
    assert store.article_count() == 1


def test_a_merged_story_points_at_the_story_that_absorbed_it(store: Store) -> None:
    texts = [f"Crews rebuilt footbridge number {n} over the Tarn in nine days." for n in range(3)]
    rows = [
        store.add_article(new_article(f"a{n}", text, story=n + 1))
        for n, text in enumerate(texts)
    ]
    assert store.merge_stories(2, 1) == [rows[0]]
    assert store.merge_stories(3, 2) == rows[:2]
    assert store.merged_into(1) == store.merged_into(2) == 3, "chains point at the survivor"
    assert store.merged_into(3) is None
    with pytest.raises(MergedStoryError, match="merged into story 3") as raised:
        story_members(store, 1)
    assert raised.value.merged_into == 3
    assert [article.id for _, article in story_members(store, 3)] == ["a0", "a1", "a2"]
