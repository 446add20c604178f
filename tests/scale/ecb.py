"""Real articles for the scale tests: ECB+ dev records, read from the shared datasets at
test time into a JSONL file under the test's own folder (never copied into the repo)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import SHARED

ECB = SHARED / "datasets" / "stories" / "ecbplus-dev.jsonl"
FIELDS = ("id", "title", "text", "published", "url", "outlet")


def write_ecb(path: Path, count: int, start: int = 0) -> Path:
    """Write ``count`` ECB+ records (from the ``start``-th) to ``path`` as JSONL."""
    if not ECB.exists():
        pytest.skip(f"{ECB} is not present")
    with ECB.open(encoding="utf-8") as source:
        records = [json.loads(line) for line in source][start : start + count]
    with path.open("w", encoding="utf-8") as sink:
        for record in records:
            sink.write(json.dumps({name: record[name] for name in FIELDS}) + "\n")
    return path


def store_picture(db: Path) -> dict[str, object]:
    """What must be identical between two ingests of one input: every article's row id,
    id, story, copy group, hashes, features and sketch, each story's title, each copy group's
    origin, and the annotations (without timestamps, which differ by run)."""
    with sqlite3.connect(db) as connection:
        return {
            "articles": connection.execute(
                "SELECT rowid, id, story, copy_group, content_hash, features, signature, text"
                " FROM articles ORDER BY rowid"
            ).fetchall(),
            "stories": connection.execute("SELECT id, title FROM stories ORDER BY id").fetchall(),
            "copy_groups": connection.execute("SELECT id, origin FROM copy_groups ORDER BY id").fetchall(),
            "merges": connection.execute("SELECT absorbed, story FROM story_merges ORDER BY absorbed").fetchall(),
            "annotations": connection.execute(
                "SELECT article, annotator_version, text_hash, data FROM annotations ORDER BY article"
            ).fetchall(),
            "failures": connection.execute("SELECT source, reason FROM failures ORDER BY id").fetchall(),
        }
