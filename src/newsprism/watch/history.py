"""An article's history: its revisions, each with the classed changes from the one before."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsprism.ingest import normalise_url
from newsprism.model import Article
from newsprism.store import Store
from newsprism.store.revisions import Revision, article_revisions, find_article
from newsprism.watch.diff import Change, changes_from_json, summarise_changes

__all__ = ["ArticleHistory", "RevisionChanges", "article_history", "context_of"]


@dataclass(frozen=True)
class RevisionChanges:
    """One revision and what changed from the revision before it (nothing, for the first)."""

    revision: Revision
    changes: tuple[Change, ...]

    def as_json(self) -> dict[str, Any]:
        """The revision as JSON: number, when seen, title, text, changes and their summary."""
        return {
            "number": self.revision.number,
            "seen_at": self.revision.seen_at,
            "title": self.revision.title,
            "text": self.revision.text,
            "content_hash": self.revision.content_hash,
            "summary": summarise_changes(self.changes) if self.revision.number > 1 else "first version",
            "changes": [change.as_json() for change in self.changes],
        }


@dataclass(frozen=True)
class ArticleHistory:
    """A stored article (as first ingested) and every revision of it, first to latest."""

    rowid: int
    article: Article
    revisions: tuple[RevisionChanges, ...]

    def as_json(self) -> dict[str, Any]:
        """``{"article": {...}, "revisions": [...]}``."""
        article = {"rowid": self.rowid, "id": self.article.id, "url": self.article.url, "outlet": self.article.outlet}
        return {"article": article, "revisions": [revision.as_json() for revision in self.revisions]}


def article_history(store: Store, key: str) -> ArticleHistory:
    """The history of the article ``key`` names (a row id, an article id or its URL).

    Raises :class:`~newsprism.errors.NotFoundError` when no stored article has that key.
    """
    normalised = normalise_url(key) if "://" in key else None
    rowid = find_article(store, key, normalised)
    revisions = tuple(
        RevisionChanges(revision, tuple(changes_from_json(revision.changes)))
        for revision in article_revisions(store, rowid)
    )
    return ArticleHistory(rowid, store.article(rowid), revisions)


def context_of(text: str, start: int, end: int, words: int = 6) -> tuple[str, str]:
    """The ``words`` words before ``start`` and after ``end`` in ``text``, to show a change
    in place."""
    before = text[:start].split()
    after = text[end:].split()
    return " ".join(before[-words:]), " ".join(after[:words])
