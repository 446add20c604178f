"""Named schema migrations, applied once each and in order.

Each migration is a name and the SQL it runs. The ``migrations`` table remembers which
names were applied; opening a store applies the missing ones inside one transaction each.
Never edit a released migration: add a new one after it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles",
        """
        CREATE TABLE copy_groups (
            id INTEGER PRIMARY KEY,
            origin INTEGER
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT,
            normalised_url TEXT UNIQUE,
            title TEXT,
            outlet TEXT,
            published TEXT,
            text TEXT NOT NULL,
            raw BLOB,
            media_type TEXT,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            features TEXT NOT NULL,
            signature BLOB NOT NULL,
            copy_group INTEGER NOT NULL REFERENCES copy_groups(id),
            story INTEGER NOT NULL REFERENCES stories(id)
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_copy_group ON articles(copy_group);
        """,
    ),
    (
        "0002_annotations",
        """
        CREATE TABLE annotations (
            article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            annotator_version TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            data TEXT NOT NULL
        );
        """,
    ),
    (
        "0003_failures",
        """
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            failed_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0004_story_merges",
        """
        CREATE TABLE story_merges (
            absorbed INTEGER PRIMARY KEY,
            story INTEGER NOT NULL
        );
        """,
    ),
)


def apply_migrations(connection: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now.

    ``connection`` must be in autocommit mode (``isolation_level=None``): transactions
    are opened explicitly here.
    """
    connection.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in connection.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # The DDL and its record commit together: a crash leaves neither behind.
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, sql.split(";")):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        applied.append(name)
    return applied
