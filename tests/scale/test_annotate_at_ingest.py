"""``ingest --annotate``: deep annotations made at ingest and stored with each article, so
showing a story parses nothing and shows what annotating on demand would have shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsprism.annotate import annotator_version
from newsprism.corpus import ingest_sources, story_comparison
from newsprism.pipeline import compared_part
from newsprism.preparation import text_hash
from newsprism.report import render
from newsprism.settings import Settings
from newsprism.store import Store, story_members
from scale.ecb import write_ecb

ARTICLES = 20


def _annotation_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT * FROM annotations ORDER BY article").fetchall()


def test_ingest_with_annotate_stores_every_annotation_show_needs(tmp_path: Path) -> None:
    source = write_ecb(tmp_path / "ecb.jsonl", ARTICLES)
    eager, lazy = tmp_path / "eager.db", tmp_path / "lazy.db"
    with Store.open(eager) as store:
        summary = ingest_sources(store, [str(source)], annotate=True)
    assert summary.new == ARTICLES and summary.failed_total == 0
    with Store.open(lazy) as store:
        ingest_sources(store, [str(source)])
    assert _annotation_rows(lazy) == []

    version = annotator_version(Settings())
    with Store.open(eager) as store:
        story_ids = sorted({row.story for row in store.index_rows()})
        for story in story_ids:
            for rowid, article in story_members(store, story):
                part, _ = compared_part(article, Settings())
                assert store.cached_annotations(rowid, version, text_hash(part.text)) is not None
    stored = _annotation_rows(eager)
    assert len(stored) == ARTICLES

    with Store.open(eager) as eager_store, Store.open(lazy) as lazy_store:
        for story in story_ids:
            shown = render(story_comparison(eager_store, story), "json")
            assert shown == render(story_comparison(lazy_store, story), "json")
    # Showing every story wrote nothing: nothing had to be parsed.
    assert _annotation_rows(eager) == stored
    # And the lazily made annotations are the very ones made at ingest.
    assert _annotation_rows(lazy) == stored
