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
    (
        # Watching feeds: the first version of an article stays in ``articles`` untouched;
        # every later text is a row of ``revisions`` (numbered from 2), with its changes
        # from the one before as JSON. Feeds and tracked articles keep their schedule here,
        # so a watcher killed at any moment resumes where it was.
        "0005_watch",
        """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            raw BLOB,
            media_type TEXT,
            seen_at TEXT NOT NULL,
            changes TEXT NOT NULL,
            UNIQUE (article, number)
        );
        CREATE TABLE watched_feeds (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            interval REAL NOT NULL,
            next_check REAL NOT NULL,
            last_check REAL,
            last_new REAL,
            checks INTEGER NOT NULL DEFAULT 0,
            new_items INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE TABLE tracked_articles (
            article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            url TEXT NOT NULL,
            feed TEXT,
            etag TEXT,
            last_modified TEXT,
            changed_at REAL NOT NULL,
            rechecks INTEGER NOT NULL DEFAULT 0,
            next_check REAL,
            last_check REAL,
            errors INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tracked_articles_next_check ON tracked_articles(next_check);
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            story INTEGER,
            url TEXT,
            message TEXT NOT NULL,
            evidence TEXT NOT NULL,
            raised_at TEXT NOT NULL
        );
        """,
    ),
    (
        # Briefs computed ahead of readers (``newsprism serve`` does it in the background):
        # each story's brief as the web app sends it, compressed, with the fingerprint of
        # what it was computed from (members, their revisions, the code's version). A
        # fingerprint that no longer matches is a brief to compute again; nothing else
        # depends on these rows, so deleting them only costs time.
        "0006_briefs",
        """
        CREATE TABLE briefs (
            story INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            pages BLOB NOT NULL,
            computed_at TEXT NOT NULL,
            seconds REAL NOT NULL
        );
        """,
    ),
    (
        # The web app's story list names every stored outlet (to hide one, or to match a
        # source table by domain) on each rendering: from this index, not a scan of the
        # articles (4 ms instead of 32 ms at 20,000 articles).
        "0007_outlet_index",
        """
        CREATE INDEX articles_outlet ON articles(outlet, url);
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
