"""Corpus mode: ingest articles into the store, find their copies and stories, resume.

The cheap path runs on every article as it arrives: hash, near-duplicate sketch, story
features, copy detection, story assignment, and one transaction that stores all of it.
Deep annotation waits until a story is shown (:func:`story_comparison`) and is cached in
the store. Because every article commits on its own, an interrupted ingest leaves only
whole articles behind, and running it again skips what is stored and finishes the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from newsprism.cluster.copies import (
    CopyIndex,
    content_hash,
    shingles,
    signature_bytes,
    signature_from_bytes,
    sketch,
)
from newsprism.cluster.features import article_features
from newsprism.cluster.stories import Member, StoryIndex
from newsprism.errors import NewsprismError, SourceError
from newsprism.ingest import ReadOptions, iter_sources, normalise_url
from newsprism.model import Article, SourceFailure
from newsprism.settings import Settings
from newsprism.store import (
    NewArticle,
    Store,
    annotations_from_json,
    annotations_to_json,
    story_members,
)
from newsprism.store.revisions import Revision, latest_revisions

if TYPE_CHECKING:
    from newsprism.model import Comparison

Outcome = Literal["new", "duplicate"]


@dataclass(frozen=True)
class Added:
    """What adding one article did: ``outcome`` and the row id that holds the article."""

    outcome: Outcome
    rowid: int


@dataclass
class IngestSummary:
    """What one ingest run did: new and duplicate articles, and failures by reason."""

    new: int = 0
    duplicate: int = 0
    failed: Counter[str] = field(default_factory=Counter)

    @property
    def failed_total(self) -> int:
        """How many sources or articles failed."""
        return sum(self.failed.values())


class Corpus:
    """A store together with its in-memory copy and story indexes (rebuilt on open)."""

    def __init__(
        self,
        store: Store,
        settings: Settings = Settings(),
    ) -> None:
        self.store = store
        self.settings = settings
        self.stories = StoryIndex(settings.stories)
        self.copies = CopyIndex(settings.copies)
        self.story_of_row: dict[int, int] = {}
        for row in store.index_rows():
            self.stories.add(row.story, row.features, row.published)
            self.copies.add(row.rowid, signature_from_bytes(row.signature))
            self.story_of_row[row.rowid] = row.story

    def is_stored(self, normalised_url: str) -> bool:
        """True when an article with this normalised URL is already stored."""
        return self.store.has_normalised_url(normalised_url)

    def add(
        self, article: Article, raw: bytes | None = None, media_type: str | None = None
    ) -> Added:
        """Store one article with its copy group and story; say whether it was new.

        Raises :class:`SourceError` when another article already holds its id.
        """
        normalised_url = normalise_url(article.url) if article.url else None
        text = article.text or article.title or ""
        text_hash = content_hash(text)
        # Identity is the normalised URL when there is one, else the text itself.
        stored = self.store.stored_duplicate(normalised_url, text_hash)
        if stored is not None:
            return Added("duplicate", stored)
        if self.store.has_article_id(article.id):
            reason = f"duplicate id {article.id!r} with a different text or URL"
            raise SourceError(article.source, reason)
        shingle_set = shingles(text)
        minhash = sketch(shingle_set)
        copy_of = self.copies.find_copy(shingle_set, minhash, self.store.texts)
        features = article_features(article, self.settings.stories)
        story, bridged = self._story_for(features, article.published, copy_of)
        new = NewArticle(
            article=article,
            content_hash=text_hash,
            features=features,
            signature=signature_bytes(minhash),
            story=story,
            copy_of=copy_of,
            normalised_url=normalised_url,
            raw=raw,
            media_type=media_type,
        )
        rowid = self.store.add_article(new)
        self.copies.add(rowid, minhash)
        self.story_of_row[rowid] = story
        for other in bridged:
            if other in self.stories.stories:
                self._merge(story, other)
        # A copy adds no new telling of the story: no reason to look for a seam.
        if copy_of is None and self.stories.split_due(story):
            self._split(story)
        return Added("new", rowid)

    def _story_for(
        self,
        features: Mapping[str, int],
        published: datetime | None,
        copy_of: int | None,
    ) -> tuple[int, list[int]]:
        """A copy goes with the text it copies; anything else is assigned by the index."""
        if copy_of is None:
            return self.stories.place(features, published)
        story = self.story_of_row[copy_of]
        self.stories.add(story, features, published)
        return story, []

    def _merge(self, story: int, absorbed: int) -> None:
        """Move every member of ``absorbed`` into ``story``, unless they are two events."""
        if not self.stories.mergeable(self._members(story), self._members(absorbed)):
            return
        for rowid in self.store.merge_stories(story, absorbed):
            self.story_of_row[rowid] = story
        self.stories.merge(story, absorbed)

    def _members(self, *stories: int) -> list[Member[int]]:
        """The stored members of ``stories``, as the story index weighs them."""
        return [
            (row.rowid, row.features, row.published)
            for story in stories
            for row in self.store.story_rows(story)
        ]

    def _split(self, story: int) -> None:
        """Move the members of a second event out of ``story``, when it holds two.

        Each part is checked again at once: a story that gathered three events parts
        with one at a time.
        """
        split = self.stories.try_split(story, self._members(story))
        if split is None:
            return
        new_story, moved = split
        self.store.split_story(story, moved, new_story)
        for rowid in moved:
            self.story_of_row[rowid] = new_story
        for part in (story, new_story):
            self._split(part)


def add_articles(
    store: Store,
    articles: Iterable[Article],
    on_progress: Callable[[int], None] | None = None,
    settings: Settings = Settings(),
) -> IngestSummary:
    """Ingest articles already in memory (no fetching), one transaction each, holding the
    store's writer lock (waiting for another writer to finish)."""
    with store.writing():
        corpus = Corpus(store, settings)
        summary = IngestSummary()
        for done, article in enumerate(articles, start=1):
            _add_counted(corpus, summary, article, None, None)
            if on_progress:
                on_progress(done)
    return summary


def ingest_sources(
    store: Store,
    sources: Sequence[str],
    options: ReadOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
    settings: Settings = Settings(),
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read every source (files, folders, URLs, feeds, WARC) into the store.

    Articles whose normalised URL is stored are not fetched again, so rerunning an
    interrupted ingest finishes it. Every failure is recorded in the store with its reason.
    The run holds the store's writer lock: while another process writes, it waits (``on_wait``
    told who that is) or, without ``wait``, raises :class:`~newsprism.errors.StoreBusyError`.
    """
    with store.writing(wait, on_wait):
        corpus = Corpus(store, settings)
        summary = IngestSummary()
        items = iter_sources(sources, options or ReadOptions(), skip=corpus.is_stored)
        for done, item in enumerate(items, start=1):
            if isinstance(item, SourceFailure):
                store.record_failure(item.source, item.reason)
                summary.failed[_reason_kind(item.reason)] += 1
            else:
                _add_counted(corpus, summary, item.article, item.raw, item.media_type)
            if on_progress:
                on_progress(done)
    return summary


def _add_counted(
    corpus: Corpus,
    summary: IngestSummary,
    article: Article,
    raw: bytes | None,
    media_type: str | None,
) -> None:
    try:
        outcome = corpus.add(article, raw, media_type).outcome
    except SourceError as error:
        corpus.store.record_failure(error.source, error.reason)
        summary.failed[_reason_kind(error.reason)] += 1
        return
    if outcome == "new":
        summary.new += 1
    else:
        summary.duplicate += 1


def _reason_kind(reason: str) -> str:
    """The reason without its particulars, to count failures by kind."""
    return reason.split(":")[0].split("(")[0].strip()[:60] or "unknown"


def annotated_members(
    store: Store,
    story_id: int,
    settings: Settings = Settings(),
    skipped: list[SourceFailure] | None = None,
) -> list[Article]:
    """The articles of a story with deep annotations, from the cache or computed and cached.

    Cached annotations count only when made by this annotator with these settings. An
    article that cannot be annotated is left out, never taking its story down: its reason
    is recorded among the store's failures and, when ``skipped`` is given, added to it.
    """
    from newsprism.annotate import annotator_version
    from newsprism.pipeline import compared_part

    version = annotator_version(settings)
    members = []
    stored = story_members(store, story_id)
    latest = latest_revisions(store, [rowid for rowid, _ in stored])
    for rowid, whole in stored:
        if rowid in latest:
            # An edited article is compared as it reads now, and the brief says so.
            whole = replace(whole, text=latest[rowid].text, title=latest[rowid].title)
            if skipped is not None:
                skipped.append(_edit_note(whole, latest[rowid]))
        article, note = compared_part(whole, settings)
        members.append((rowid, article))
        if note is not None and skipped is not None:
            skipped.append(note)
    articles: list[Article | None] = []
    missing: list[int] = []
    for position, (rowid, article) in enumerate(members):
        cached = store.cached_annotations(rowid, version, _text_hash(article.text))
        articles.append(annotations_from_json(article, cached) if cached is not None else None)
        if cached is None:
            missing.append(position)
    fresh = _annotate_each([members[position][1] for position in missing], settings)
    for position, outcome in zip(missing, fresh, strict=True):
        if isinstance(outcome, SourceFailure):
            store.record_failure(outcome.source, outcome.reason)
            if skipped is not None:
                skipped.append(outcome)
            continue
        store.save_annotations(members[position][0], version, _text_hash(outcome.text), annotations_to_json(outcome))
        articles[position] = outcome
    return [article for article in articles if article is not None]


def _annotate_each(articles: list[Article], settings: Settings) -> list[Article | SourceFailure]:
    """Annotate ``articles`` in one batch; when the batch fails, one at a time, so that one
    article the parser cannot take becomes a failure with its reason and the rest go on."""
    from newsprism.annotate import annotate_articles

    if not articles:
        return []
    try:
        return list(annotate_articles(articles, settings))
    except NewsprismError:
        raise
    except Exception:  # a parser error on some article: find which, keep the others
        outcomes: list[Article | SourceFailure] = []
        for article in articles:
            try:
                outcomes.extend(annotate_articles([article], settings))
            except NewsprismError:
                raise
            except Exception as error:
                reason = f"cannot be annotated ({type(error).__name__}: {str(error)[:200]}); left out of its story"
                outcomes.append(SourceFailure(article.source, reason))
        return outcomes


def story_comparison(store: Store, story_id: int, settings: Settings = Settings()) -> Comparison:
    """The comparison (``brief``) of one stored story; articles that cannot be annotated
    are listed as skipped."""
    from newsprism.pipeline import compare_articles

    skipped: list[SourceFailure] = []
    members = annotated_members(store, story_id, settings, skipped)
    return compare_articles(members, skipped, settings)


def _edit_note(article: Article, revision: Revision) -> SourceFailure:
    """A note that ``article`` was edited after publication, with the words that changed
    last (offsets into the text compared) and a count of the changes by kind."""
    changes = json.loads(revision.changes)
    kinds = Counter(kind.replace("_", " ") for change in changes for kind in change["kinds"])
    counted = ", ".join(f"{kind} x{count}" for kind, count in kinds.most_common())
    salient = sorted(changes, key=lambda change: not set(change["kinds"]) & {"headline", "number", "quote"})[:3]
    quoted = "; ".join(
        f"{change['before']!r} -> {change['after']!r}"
        + (f" (characters {change['after_span'][0]}-{change['after_span'][1]})" if change["field"] == "text" else " (headline)")
        for change in salient
    )
    return SourceFailure(
        article.source,
        f"edited after publication: revision {revision.number}, seen {revision.seen_at}, is compared; "
        f"its changes from revision {revision.number - 1}: {counted or 'none in the words'}"
        + (f"; {quoted}" if quoted else "")
        + f" (`newsprism revisions {article.id}` shows every revision)",
    )


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
