"""Read-only queries over stories: summaries for ``newsprism stories``, members for ``show``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.errors import NotFoundError
from newsprism.model import Article
from newsprism.store.database import (
    ARTICLE_COLUMNS,
    Store,
    article_from_row,
    parse_time,
)


@dataclass(frozen=True)
class StorySummary:
    """One story as listed: headline, members, and how many independent sources it has.

    ``independent_sources`` counts copy groups: syndicated copies count once.
    """

    id: int
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_sources: int
    first_published: datetime | None
    last_published: datetime | None

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON-ready data (``newsprism stories --format json``, the web app)."""
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "independent_sources": self.independent_sources,
            "first_published": None if self.first_published is None else self.first_published.isoformat(),
            "last_published": None if self.last_published is None else self.last_published.isoformat(),
        }


def story_summaries(store: Store, since: datetime | None = None) -> list[StorySummary]:
    """Every story, newest activity first; with ``since``, only stories published since then.

    A story without any publication date is listed whatever ``since`` says only when
    ``since`` is None.
    """
    rows = store.connection.execute(
        "SELECT s.id, s.title, a.id, a.outlet, a.copy_group, a.published FROM stories s"
        " JOIN articles a ON a.story = s.id ORDER BY s.id, a.published IS NULL, a.published, a.rowid"
    )
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    titles: dict[int, str] = {}
    for story_id, title, article_id, outlet, copy_group, published in rows:
        grouped.setdefault(story_id, []).append(
            (article_id, outlet, copy_group, parse_time(published))
        )
        titles[story_id] = title or ""
    summaries = [
        _summary(story_id, titles[story_id], members)
        for story_id, members in grouped.items()
    ]
    if since is not None:
        since = since.replace(tzinfo=None)
        summaries = [
            s
            for s in summaries
            if s.last_published is not None and _naive(s.last_published) >= since
        ]
    summaries.sort(
        key=lambda s: (
            s.last_published is not None,
            s.last_published and _naive(s.last_published),
            s.id,
        ),
        reverse=True,
    )
    return summaries


def _summary(story_id: int, title: str, members: list[tuple[Any, ...]]) -> StorySummary:
    dates = [published for _, _, _, published in members if published is not None]
    outlets = dict.fromkeys(outlet for _, outlet, _, _ in members if outlet)
    return StorySummary(
        id=story_id,
        title=title,
        articles=tuple(article_id for article_id, _, _, _ in members),
        outlets=tuple(outlets),
        independent_sources=len({copy_group for _, _, copy_group, _ in members}),
        first_published=min(dates, key=_naive) if dates else None,
        last_published=max(dates, key=_naive) if dates else None,
    )


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def story_members(store: Store, story_id: int) -> list[tuple[int, Article]]:
    """Row id and article of every member of a story, in publication order."""
    rows = store.connection.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid",
        (story_id,),
    ).fetchall()
    if not rows:
        raise NotFoundError(
            f"No story {story_id} in {store.path}. Run `newsprism stories` to list ids."
        )
    return [(int(row[0]), article_from_row(row)) for row in rows]


def story_assignments(store: Store) -> list[tuple[str, int]]:
    """(article id, story id) of every stored article, in ingest order."""
    rows = store.connection.execute("SELECT id, story FROM articles ORDER BY rowid")
    return [(str(article_id), int(story)) for article_id, story in rows]


def copy_groups(store: Store) -> dict[str, int]:
    """The copy group of every stored article, by article id."""
    rows = store.connection.execute("SELECT id, copy_group FROM articles")
    return {str(article_id): int(group) for article_id, group in rows}


def copy_origin(store: Store, article_id: str) -> str:
    """Id of the origin (earliest published member) of the copy group of ``article_id``."""
    row = store.connection.execute(
        "SELECT o.id FROM articles a JOIN copy_groups g ON g.id = a.copy_group"
        " JOIN articles o ON o.rowid = g.origin WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"No article {article_id!r} in {store.path}.")
    return str(row[0])
