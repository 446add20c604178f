"""Revisions of stored articles: every text an article has had, the first one included.

The first version is the ``articles`` row itself, never rewritten; each later text is a row
of ``revisions`` numbered from 2, with the changes from the text before it (JSON, written by
:mod:`newsprism.watch.diff`). :func:`article_revisions` lists them all, first to latest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.errors import NotFoundError
from newsprism.store.database import Store

FIRST = 1
"""The number of an article's first version: the text it was ingested with."""


@dataclass(frozen=True)
class Revision:
    """One text of a stored article. ``changes`` is the JSON list of what changed from the
    revision before ("[]" for the first); ``seen_at`` when it was read (ISO 8601)."""

    article: int
    number: int
    title: str | None
    text: str
    content_hash: str
    seen_at: str
    changes: str = "[]"


@dataclass(frozen=True)
class NewRevision:
    """A changed text of a stored article, ready to store."""

    article: int
    title: str | None
    text: str
    content_hash: str
    seen_at: str
    changes: str
    raw: bytes | None = None
    media_type: str | None = None


def article_revisions(store: Store, rowid: int) -> list[Revision]:
    """Every revision of the article stored under ``rowid``, the first version first."""
    first = store.connection.execute(
        "SELECT title, text, content_hash, ingested_at FROM articles WHERE rowid = ?", (rowid,)
    ).fetchone()
    if first is None:
        raise NotFoundError(f"No article {rowid} in {store.path}.", kind="article", key=rowid)
    rows = store.connection.execute(
        "SELECT number, title, text, content_hash, seen_at, changes FROM revisions"
        " WHERE article = ? ORDER BY number",
        (rowid,),
    )
    later = [Revision(rowid, number, title, text, digest, seen, changes) for number, title, text, digest, seen, changes in rows]
    return [Revision(rowid, FIRST, first[0], first[1], first[2], first[3]), *later]


def latest_revisions(store: Store, rowids: Sequence[int]) -> dict[int, Revision]:
    """The latest revision of each of ``rowids`` that was revised (first versions left out)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    rows = store.connection.execute(
        "SELECT r.article, r.number, r.title, r.text, r.content_hash, r.seen_at, r.changes FROM revisions r"
        f" WHERE r.article IN ({marks}) AND r.number = (SELECT max(number) FROM revisions WHERE article = r.article)",
        list(rowids),
    )
    return {int(row[0]): Revision(*row) for row in rows}


def add_revision(store: Store, new: NewRevision) -> int:
    """Store a changed text as the article's next revision, in one transaction; its number."""
    with store.transaction() as connection:
        number = _next_number(connection, new.article)
        connection.execute(
            "INSERT INTO revisions (article, number, title, text, content_hash, raw, media_type, seen_at, changes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new.article, number, new.title, new.text, new.content_hash, new.raw, new.media_type, new.seen_at, new.changes),
        )
    return number


def _next_number(connection: sqlite3.Connection, rowid: int) -> int:
    row = connection.execute("SELECT max(number) FROM revisions WHERE article = ?", (rowid,)).fetchone()
    return int(row[0] or FIRST) + 1


def find_article(store: Store, key: str, normalised_url: str | None = None) -> int:
    """The row id of the article ``key`` names: a row id, an article id, or a URL (matched
    as given and, when the caller passes it, as ``normalised_url``).

    Raises :class:`NotFoundError` naming what to run to list ids.
    """
    candidates: list[tuple[str, object]] = [("SELECT rowid FROM articles WHERE id = ?", key)]
    if key.isdigit():
        candidates.insert(0, ("SELECT rowid FROM articles WHERE rowid = ?", int(key)))
    candidates.append(("SELECT rowid FROM articles WHERE url = ?", key))
    if normalised_url is not None:
        candidates.append(("SELECT rowid FROM articles WHERE normalised_url = ?", normalised_url))
    for sql, value in candidates:
        row = store.connection.execute(sql, (value,)).fetchone()
        if row is not None:
            return int(row[0])
    raise NotFoundError(
        f"No article {key!r} in {store.path}. Give a row id, an article id or its URL"
        " (`newsprism stories` lists stories, the web app their articles).",
        kind="article",
        key=key,
    )
