"""Read-only queries for browsing one stored article: where it sits, and its copies."""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.errors import NotFoundError
from newsprism.model import Article
from newsprism.store.database import ARTICLE_COLUMNS, Store, article_from_row


@dataclass(frozen=True)
class StoredArticle:
    """One stored article with its story and its copy group.

    ``copies`` are the (row id, article id) of the other members of its copy group, in
    publication order; ``origin`` is the row id of the group's earliest published member.
    """

    rowid: int
    article: Article
    story: int
    origin: int
    copies: tuple[tuple[int, str], ...]


def stored_article(store: Store, rowid: int) -> StoredArticle:
    """The article stored under ``rowid``, with its story and copies."""
    columns = ", ".join(f"a.{name.strip()}" for name in ARTICLE_COLUMNS.split(","))
    row = store.connection.execute(
        f"SELECT {columns}, a.story, a.copy_group, g.origin FROM articles a"
        " JOIN copy_groups g ON g.id = a.copy_group WHERE a.rowid = ?",
        (rowid,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"No article {rowid} in {store.path}.", kind="article", key=rowid)
    *article_row, story, copy_group, origin = row
    copies = store.connection.execute(
        "SELECT rowid, id FROM articles WHERE copy_group = ? AND rowid != ?"
        " ORDER BY published IS NULL, published, rowid",
        (copy_group, rowid),
    ).fetchall()
    return StoredArticle(
        rowid=rowid,
        article=article_from_row(tuple(article_row)),
        story=int(story),
        origin=int(origin if origin is not None else rowid),
        copies=tuple((int(copy_rowid), str(copy_id)) for copy_rowid, copy_id in copies),
    )
