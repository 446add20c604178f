"""Briefs stored ahead of readers: each story's pages, compressed, with a fingerprint.

A story's brief depends on which articles it holds, the revision each of them reads at, and
the version of the code that compared them. Together they make the story's *fingerprint*
(:func:`story_fingerprints`, one query for the whole store). A stored brief whose fingerprint
is not the story's fingerprint now is stale (:func:`stale_stories`): a new report joined, an
article was edited, or newsprism was upgraded.

The pages are what the web app sends (HTML, JSON, Markdown, text: a dict of strings, stored as
zlib-compressed JSON, never pickled), so a stored brief is served with one read.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from newsprism.store.database import Store

__all__ = ["StoredBrief", "save_brief", "stale_stories", "stored_brief", "story_fingerprints"]


@dataclass(frozen=True)
class StoredBrief:
    """One story's brief as stored: ``pages`` maps a page's name to its text."""

    story: int
    fingerprint: str
    pages: dict[str, str]
    seconds: float
    """How long computing it took."""
    computed_at: str = ""


def story_fingerprints(store: Store, version: str, story: int | None = None) -> dict[int, str]:
    """The fingerprint of every story with members (or of ``story`` alone), for briefs
    computed by code of ``version``."""
    return {number: fingerprint for number, (fingerprint, _) in _fingerprints(store, version, story).items()}


def stale_stories(store: Store, version: str) -> list[int]:
    """Stories whose brief is missing or stale, the one with the newest member first (the
    order of the story list, so what readers see first is computed first)."""
    stored = dict(store.connection.execute("SELECT story, fingerprint FROM briefs").fetchall())
    current = _fingerprints(store, version, None)
    stale = [(newest, number) for number, (fingerprint, newest) in current.items() if stored.get(number) != fingerprint]
    return [number for _, number in sorted(stale, reverse=True)]


def stored_brief(store: Store, story: int) -> StoredBrief | None:
    """The brief stored for ``story`` (fresh or not: compare its fingerprint), or None."""
    row = store.connection.execute(
        "SELECT fingerprint, pages, seconds, computed_at FROM briefs WHERE story = ?", (story,)
    ).fetchone()
    if row is None:
        return None
    fingerprint, data, seconds, computed_at = row
    pages = json.loads(zlib.decompress(data).decode("utf-8"))
    return StoredBrief(story, str(fingerprint), {str(name): str(text) for name, text in pages.items()}, float(seconds), str(computed_at))


def save_brief(store: Store, brief: StoredBrief) -> None:
    """Store ``brief``, replacing the story's earlier one."""
    data = zlib.compress(json.dumps(brief.pages, ensure_ascii=False).encode("utf-8"), 6)
    with store.transaction() as connection:
        connection.execute(
            "INSERT OR REPLACE INTO briefs (story, fingerprint, pages, computed_at, seconds) VALUES (?, ?, ?, ?, ?)",
            (brief.story, brief.fingerprint, data, datetime.now(UTC).isoformat(timespec="seconds"), brief.seconds),
        )


def _fingerprints(store: Store, version: str, story: int | None) -> dict[int, tuple[str, int]]:
    """Fingerprint and newest member row id of each story (or of ``story``)."""
    query = (
        "SELECT story, rowid, (SELECT max(number) FROM revisions WHERE revisions.article = articles.rowid)"
        " FROM articles"
    )
    rows = (
        store.connection.execute(query + " WHERE story = ? ORDER BY rowid", (story,))
        if story is not None
        else store.connection.execute(query + " ORDER BY story, rowid")
    )
    members: dict[int, list[str]] = defaultdict(list)
    newest: dict[int, int] = {}
    for number, rowid, revision in rows:
        members[number].append(f"{rowid}.{revision or 1}")
        newest[number] = rowid
    return {
        number: (hashlib.sha256(f"{version}|{','.join(parts)}".encode()).hexdigest(), newest[number])
        for number, parts in members.items()
    }
