"""The SQLite store: articles with their raw input, copy groups, stories, failures.

This is the only module with SQL. Every statement is parameterised; every write runs in
one transaction, so an interrupted ingest leaves whole articles or nothing. The database
runs in WAL mode with foreign keys on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newsprism.errors import NotFoundError, StoreError
from newsprism.model import Article
from newsprism.store.lock import writer_lock
from newsprism.store.migrations import apply_migrations

ARTICLE_COLUMNS = "rowid, id, source, url, title, outlet, published, text"


@dataclass(frozen=True)
class StoredAnnotations:
    """An article's deep annotations as the store keeps them: JSON (offsets only, see
    :mod:`newsprism.store.serialise`), the annotator that made them and the hash of the
    text they were made on."""

    annotator_version: str
    text_hash: str
    data: str


@dataclass(frozen=True)
class NewArticle:
    """An article ready to store, with what ingest computed about it."""

    article: Article
    content_hash: str
    features: Mapping[str, int]
    signature: bytes
    story: int
    copy_of: int | None = None
    """Row id of a stored article this one copies (None: it starts its own copy group)."""
    normalised_url: str | None = None
    raw: bytes | None = None
    media_type: str | None = None
    annotations: StoredAnnotations | None = None
    """Deep annotations made at ingest, stored in the article's own transaction."""


@dataclass(frozen=True)
class IndexRow:
    """What the in-memory indexes need of one stored article, in ingest order."""

    rowid: int
    features: dict[str, int]
    published: datetime | None
    story: int
    signature: bytes


@dataclass(frozen=True)
class FailureRecord:
    """One source that failed to ingest."""

    source: str
    reason: str
    failed_at: str


class Store:
    """A newsprism SQLite database. Use :meth:`open`, preferably as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._writing = False

    @classmethod
    def open(
        cls, path: str | Path, trace: Callable[[str], None] | None = None
    ) -> Store:
        """Open (creating and migrating when needed) the store at ``path``.

        ``trace``, when given, receives every SQL statement run (a debugging switch).
        """
        path = Path(path)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=30)
            connection.set_trace_callback(trace)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            apply_migrations(connection)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open the store {path}: {error}", path=path) from error
        return cls(connection, path)

    @contextmanager
    def writing(self, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the store's writer lock for the block (see :mod:`newsprism.store.lock`):
        what adds articles runs inside it. Re-entrant within one ``Store``."""
        if self._writing:
            yield
            return
        with writer_lock(self.path, wait, on_wait):
            self._writing = True
            try:
                yield
            finally:
                self._writing = False

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block's statements as one transaction (rolled back on any error)."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # --- articles ------------------------------------------------------------------

    def has_normalised_url(self, normalised_url: str) -> bool:
        """True when an article with this normalised URL is stored."""
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE normalised_url = ?", (normalised_url,)
        ).fetchone()
        return row is not None

    def stored_duplicate(
        self, normalised_url: str | None, content_hash: str
    ) -> int | None:
        """Row id of the stored article with this normalised URL (or, without one, this
        content hash); None when the article is not stored yet."""
        if normalised_url is not None:
            sql, value = (
                "SELECT rowid FROM articles WHERE normalised_url = ?",
                normalised_url,
            )
        else:
            sql, value = (
                "SELECT rowid FROM articles WHERE content_hash = ? ORDER BY rowid LIMIT 1",
                content_hash,
            )
        row = self.connection.execute(sql, (value,)).fetchone()
        return None if row is None else int(row[0])

    def has_article_id(self, article_id: str) -> bool:
        """True when an article with this id is stored."""
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row is not None

    def add_article(self, new: NewArticle) -> int:
        """Store one article with its story and copy group in one transaction; return its row id.

        Raises :class:`StoreError` when the article's id or URL is already stored (another
        process writing the same store at once: run one ingest at a time).
        """
        try:
            return self._insert_article(new)
        except sqlite3.IntegrityError as error:
            raise StoreError(
                f"article {new.article.id!r} clashes with a stored one ({error}); "
                "is another ingest writing to this store? Run one at a time.",
                path=self.path,
            ) from error

    def _insert_article(self, new: NewArticle) -> int:
        article = new.article
        now = datetime.now(UTC).isoformat()
        with self.transaction() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO stories (id, title, created_at) VALUES (?, ?, ?)",
                (new.story, _headline(article), now),
            )
            copy_group = self._copy_group_for(new.copy_of)
            cursor = connection.execute(
                "INSERT INTO articles (id, source, url, normalised_url, title, outlet, published,"
                " text, raw, media_type, content_hash, ingested_at, features, signature,"
                " copy_group, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.source,
                    article.url,
                    new.normalised_url,
                    article.title,
                    article.outlet,
                    _iso(article.published),
                    article.text,
                    new.raw,
                    new.media_type,
                    new.content_hash,
                    now,
                    json.dumps(dict(new.features)),
                    new.signature,
                    copy_group,
                    new.story,
                ),
            )
            rowid = int(cursor.lastrowid or 0)
            self._update_origin(copy_group, rowid)
            if new.annotations is not None:
                self._insert_annotations(rowid, new.annotations)
        return rowid

    def _copy_group_for(self, copy_of: int | None) -> int:
        if copy_of is None:
            cursor = self.connection.execute(
                "INSERT INTO copy_groups (origin) VALUES (NULL)"
            )
            return int(cursor.lastrowid or 0)
        row = self.connection.execute(
            "SELECT copy_group FROM articles WHERE rowid = ?", (copy_of,)
        ).fetchone()
        if row is None:
            raise StoreError(
                f"article row {copy_of} is not stored; cannot join its copy group",
                path=self.path,
            )
        return int(row[0])

    def _update_origin(self, copy_group: int, rowid: int) -> None:
        # The origin is the earliest published member; undated members sort last.
        self.connection.execute(
            "UPDATE copy_groups SET origin = (SELECT rowid FROM articles WHERE copy_group = ?"
            " ORDER BY published IS NULL, published, rowid LIMIT 1) WHERE id = ?",
            (copy_group, copy_group),
        )

    def article(self, rowid: int) -> Article:
        """The stored article with this row id (without annotations)."""
        row = self.connection.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No article row {rowid} in {self.path}.", kind="article", key=rowid)
        return article_from_row(row)

    def story_of(self, rowid: int) -> int:
        """The story the article stored under ``rowid`` belongs to."""
        row = self.connection.execute("SELECT story FROM articles WHERE rowid = ?", (rowid,)).fetchone()
        if row is None:
            raise NotFoundError(f"No article row {rowid} in {self.path}.", kind="article", key=rowid)
        return int(row[0])

    def texts(self, rowids: list[int]) -> dict[int, str]:
        """Text of each of the given stored articles."""
        marks = ",".join("?" * len(rowids))
        rows = self.connection.execute(
            f"SELECT rowid, text FROM articles WHERE rowid IN ({marks})", rowids
        )
        return {int(rowid): text for rowid, text in rows}

    def index_rows(self) -> Iterator[IndexRow]:
        """Every stored article's index data, in ingest order (for rebuilding indexes)."""
        rows = self.connection.execute(
            "SELECT rowid, features, published, story, signature FROM articles ORDER BY rowid"
        )
        for rowid, features, published, story, signature in rows:
            yield IndexRow(
                rowid, json.loads(features), parse_time(published), story, signature
            )

    def story_rows(self, story_id: int) -> list[IndexRow]:
        """Index data of every member of one story, in ingest order."""
        rows = self.connection.execute(
            "SELECT rowid, features, published, story, signature FROM articles WHERE story = ? ORDER BY rowid",
            (story_id,),
        )
        return [
            IndexRow(
                rowid, json.loads(features), parse_time(published), story, signature
            )
            for rowid, features, published, story, signature in rows
        ]

    def split_story(self, story_id: int, moved: list[int], new_story_id: int) -> None:
        """Move articles ``moved`` of a story to a new story, in one transaction.

        Each of the two stories is then titled by the headline of its first member.
        """
        marks = ",".join("?" * len(moved))
        with self.transaction() as connection:
            connection.execute(
                "INSERT INTO stories (id, title, created_at) VALUES (?, '', ?)",
                (new_story_id, datetime.now(UTC).isoformat()),
            )
            connection.execute(
                f"UPDATE articles SET story = ? WHERE rowid IN ({marks})",
                (new_story_id, *moved),
            )
            for story in (story_id, new_story_id):
                _retitle(connection, story)

    def merge_stories(self, story_id: int, absorbed_id: int) -> list[int]:
        """Move every article of story ``absorbed_id`` to ``story_id``, in one transaction.

        The absorbed story is deleted, the merge recorded (see :meth:`merged_into`) and
        the other story titled by the headline of its first member; returns the rowids of
        the articles moved.
        """
        with self.transaction() as connection:
            moved = [
                row[0]
                for row in connection.execute(
                    "SELECT rowid FROM articles WHERE story = ?", (absorbed_id,)
                )
            ]
            connection.execute(
                "UPDATE articles SET story = ? WHERE story = ?", (story_id, absorbed_id)
            )
            connection.execute("DELETE FROM stories WHERE id = ?", (absorbed_id,))
            # Stories merged into the absorbed one earlier now point at the survivor too.
            connection.execute(
                "UPDATE story_merges SET story = ? WHERE story = ?", (story_id, absorbed_id)
            )
            connection.execute(
                "INSERT INTO story_merges (absorbed, story) VALUES (?, ?)",
                (absorbed_id, story_id),
            )
            _retitle(connection, story_id)
        return moved

    def merged_into(self, story_id: int) -> int | None:
        """The story that absorbed story ``story_id``, or None if it was never merged."""
        row = self.connection.execute(
            "SELECT story FROM story_merges WHERE absorbed = ?", (story_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def article_count(self) -> int:
        """How many articles are stored."""
        return int(
            self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        )

    # --- failures ------------------------------------------------------------------

    def record_failure(self, source: str, reason: str) -> None:
        """Remember that ``source`` failed to ingest, and why."""
        with self.transaction() as connection:
            connection.execute(
                "INSERT INTO failures (source, reason, failed_at) VALUES (?, ?, ?)",
                (source, reason, datetime.now(UTC).isoformat()),
            )

    def failures(self) -> list[FailureRecord]:
        """Every recorded failure, oldest first."""
        rows = self.connection.execute(
            "SELECT source, reason, failed_at FROM failures ORDER BY id"
        )
        return [FailureRecord(*row) for row in rows]

    # --- annotations ---------------------------------------------------------------

    def cached_annotations(
        self, rowid: int, annotator_version: str, text_hash: str
    ) -> str | None:
        """The cached annotation JSON of an article, when made by this annotator on this text."""
        row = self.connection.execute(
            "SELECT data FROM annotations WHERE article = ? AND annotator_version = ? AND text_hash = ?",
            (rowid, annotator_version, text_hash),
        ).fetchone()
        return None if row is None else str(row[0])

    def save_annotations(
        self, rowid: int, annotator_version: str, text_hash: str, data: str
    ) -> None:
        """Cache the annotation JSON of an article (replacing an older one)."""
        with self.transaction():
            self._insert_annotations(rowid, StoredAnnotations(annotator_version, text_hash, data))

    def save_many_annotations(self, annotated: list[tuple[int, StoredAnnotations]]) -> None:
        """Cache the annotations of several articles in one transaction (row id, annotations)."""
        with self.transaction():
            for rowid, annotations in annotated:
                self._insert_annotations(rowid, annotations)

    def _insert_annotations(self, rowid: int, annotations: StoredAnnotations) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO annotations (article, annotator_version, text_hash, data) VALUES (?, ?, ?, ?)",
            (rowid, annotations.annotator_version, annotations.text_hash, annotations.data),
        )

    def unannotated_rowids(self, annotator_version: str, after: int = 0, limit: int = 1000) -> list[int]:
        """Row ids above ``after`` (in order, at most ``limit``) of the articles without
        annotations by ``annotator_version``: never annotated, or by another version."""
        rows = self.connection.execute(
            "SELECT articles.rowid FROM articles LEFT JOIN annotations ON annotations.article = articles.rowid"
            " WHERE articles.rowid > ? AND (annotations.article IS NULL OR annotations.annotator_version != ?)"
            " ORDER BY articles.rowid LIMIT ?",
            (after, annotator_version, limit),
        )
        return [int(row[0]) for row in rows]


def _retitle(connection: sqlite3.Connection, story: int) -> None:
    """Title a story by the headline of its first stored member."""
    row = connection.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY rowid LIMIT 1",
        (story,),
    ).fetchone()
    connection.execute(
        "UPDATE stories SET title = ? WHERE id = ?",
        (_headline(article_from_row(row)), story),
    )


def _headline(article: Article) -> str:
    return article.title or article.text[:80].split("\n")[0]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def article_from_row(row: tuple[Any, ...]) -> Article:
    _, article_id, source, url, title, outlet, published, text = row
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=title,
        outlet=outlet,
        published=parse_time(published),
        url=url,
    )
