"""Read-only queries over stories: summaries for ``newsprism stories``, members for ``show``,
and one searched page of the story list for the web app."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.errors import MergedStoryError, NotFoundError, UsageError
from newsprism.model import Article, wall_clock
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
    ``since`` is None. (The whole list of :func:`story_page`.)
    """
    return story_page(store, since).stories


@dataclass(frozen=True)
class StoryPage:
    """One page of the story list and how many stories the whole list holds."""

    stories: list[StorySummary]
    total: int


# The wall-clock part of a stored ISO time (``datetime.isoformat``): its offset, if any, cut
# off: times are compared as written, whatever their offsets. Fixed-width text, so it sorts as the times do.
_WALL_CLOCK = (
    "CASE WHEN substr(a.published, 20, 1) = '.' THEN substr(a.published, 1, 26)"
    " ELSE substr(a.published, 1, 19) END"
)
_CASEFOLD = "newsprism_casefold"


def story_page(
    store: Store,
    since: datetime | None = None,
    words: Sequence[str] = (),
    offset: int = 0,
    limit: int | None = None,
    outlets: Collection[str] | None = None,
    hidden: Collection[str] = (),
) -> StoryPage:
    """The stories ``story_summaries`` lists, searched, from ``offset``, at most ``limit``.

    Order and ``since`` are those of ``story_summaries``. A story matches when every word,
    case-folded, is part of its headline, of one of its outlets or of one of its article
    ids (case-folded too). With ``outlets``, only stories with a member from one of them;
    members from ``hidden`` outlets are left out (and a story of only those with them).
    Ordering, filtering and paging happen in SQL; member rows are read only for the stories
    of the page. ``limit=None`` returns every matching story.
    """
    if offset < 0 or (limit is not None and limit < 0):
        raise UsageError(f"A page needs offset >= 0 and limit >= 0, not {offset} and {limit}.")
    connection = store.connection
    connection.create_function(_CASEFOLD, 1, _casefold, deterministic=True)
    matching, parameters = _matching_stories(since, words, outlets, hidden)
    rows = connection.execute(
        f"{matching} SELECT id, title, COUNT(*) OVER () FROM matching"
        " ORDER BY last_active IS NULL, last_active DESC, id DESC LIMIT ? OFFSET ?",
        [*parameters, -1 if limit is None else limit, offset],
    ).fetchall()
    if rows:
        total = int(rows[0][2])
    else:
        total = int(connection.execute(f"{matching} SELECT COUNT(*) FROM matching", parameters).fetchone()[0])
    members = _members(store, [story_id for story_id, _, _ in rows], hidden)
    stories = [_summary(story_id, title or "", members[story_id]) for story_id, title, _ in rows]
    return StoryPage(stories, total)


def _matching_stories(
    since: datetime | None, words: Sequence[str], outlets: Collection[str] | None = None, hidden: Collection[str] = ()
) -> tuple[str, list[Any]]:
    """A ``WITH`` clause naming ``matching``: id, title, last_active of each matching story."""
    folded = [word.casefold() for word in words if word]
    # Words never hold a space, so joining the fields with one lets no word span two.
    haystack = (
        f", {_CASEFOLD}(coalesce(s.title, '') || ' ' || group_concat(coalesce(a.outlet, '')"
        " || ' ' || a.id, ' ')) AS haystack"
        if folded
        else ""
    )
    conditions, parameters = ["1"], []
    if since is not None:
        conditions.append("last_active >= ?")
        parameters.append(wall_clock(since).isoformat())
    for word in folded:
        conditions.append("instr(haystack, ?) > 0")
        parameters.append(word)
    # The member filters come first in the statement, so their parameters do too.
    members, member_parameters = "", []
    if hidden:
        members = " WHERE coalesce(a.outlet, '') NOT IN (SELECT value FROM json_each(?))"
        member_parameters.append(json.dumps(sorted(hidden)))
    wanted = ""
    if outlets is not None:
        wanted = ", SUM(a.outlet IN (SELECT value FROM json_each(?))) AS wanted"
        member_parameters.insert(0, json.dumps(sorted(outlets)))
        conditions.append("wanted > 0")
    clause = (
        f"WITH listed AS (SELECT s.id AS id, s.title AS title, MAX({_WALL_CLOCK}) AS last_active"
        f"{haystack}{wanted} FROM stories s JOIN articles a ON a.story = s.id{members} GROUP BY s.id),"
        f" matching AS (SELECT id, title, last_active FROM listed WHERE {' AND '.join(conditions)})"
    )
    return clause, [*member_parameters, *parameters]


def _members(store: Store, story_ids: list[int], hidden: Collection[str] = ()) -> dict[int, list[tuple[Any, ...]]]:
    """(article id, outlet, copy group, published) of each story's members, in publication
    order, leaving out those from ``hidden`` outlets."""
    rows = store.connection.execute(
        "SELECT story, id, outlet, copy_group, published FROM articles"
        " WHERE story IN (SELECT value FROM json_each(?)) AND coalesce(outlet, '') NOT IN (SELECT value FROM json_each(?))"
        " ORDER BY story, published IS NULL, published, rowid",
        (json.dumps(story_ids), json.dumps(sorted(hidden))),
    )
    members: dict[int, list[tuple[Any, ...]]] = {}
    for story_id, article_id, outlet, copy_group, published in rows:
        members.setdefault(story_id, []).append((article_id, outlet, copy_group, parse_time(published)))
    return members


def _casefold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def _summary(story_id: int, title: str, members: list[tuple[Any, ...]]) -> StorySummary:
    dates = [published for _, _, _, published in members if published is not None]
    outlets = dict.fromkeys(outlet for _, outlet, _, _ in members if outlet)
    return StorySummary(
        id=story_id,
        title=title,
        articles=tuple(article_id for article_id, _, _, _ in members),
        outlets=tuple(outlets),
        independent_sources=len({copy_group for _, _, copy_group, _ in members}),
        first_published=min(dates, key=wall_clock) if dates else None,
        last_published=max(dates, key=wall_clock) if dates else None,
    )


def stored_outlets(store: Store) -> list[tuple[str, str | None]]:
    """Each outlet named by a stored article, with the address of one of its articles (for
    a source table that knows outlets by their domain), the most reported first."""
    rows = store.connection.execute(
        "SELECT outlet, MIN(url) FROM articles WHERE outlet IS NOT NULL AND outlet != ''"
        " GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
    )
    return [(str(outlet), None if url is None else str(url)) for outlet, url in rows]


def story_members(store: Store, story_id: int) -> list[tuple[int, Article]]:
    """Row id and article of every member of a story, in publication order."""
    rows = store.connection.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid",
        (story_id,),
    ).fetchall()
    if not rows:
        merged_into = store.merged_into(story_id)
        if merged_into is not None:
            raise MergedStoryError(story_id, merged_into, store.path)
        raise NotFoundError(
            f"No story {story_id} in {store.path}. Run `newsprism stories` to list ids.",
            kind="story",
            key=story_id,
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
        raise NotFoundError(f"No article {article_id!r} in {store.path}.", kind="article", key=article_id)
    return str(row[0])
