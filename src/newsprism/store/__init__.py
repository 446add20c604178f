"""The SQLite store: the only place with SQL. See docs/corpus.md for the schema."""

from newsprism.store.browse import StoredArticle, stored_article
from newsprism.store.database import FailureRecord, IndexRow, NewArticle, Store, StoredAnnotations
from newsprism.store.listing import (
    StoryPage,
    StorySummary,
    copy_groups,
    copy_origin,
    stored_outlets,
    story_assignments,
    story_members,
    story_page,
    story_summaries,
)
from newsprism.store.serialise import annotations_from_json, annotations_to_json

__all__ = [
    "FailureRecord",
    "IndexRow",
    "NewArticle",
    "Store",
    "StoredAnnotations",
    "StoredArticle",
    "StoryPage",
    "StorySummary",
    "annotations_from_json",
    "annotations_to_json",
    "copy_groups",
    "copy_origin",
    "stored_article",
    "stored_outlets",
    "story_assignments",
    "story_members",
    "story_page",
    "story_summaries",
]
