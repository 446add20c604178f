"""Corpus mode: ingest articles into the store, find their copies and stories, resume.

The cheap path runs on every article as it arrives: hash, near-duplicate sketch, story
features, copy detection, story assignment, and one transaction that stores all of it.
Deep annotation is made at ingest when asked (``annotate=True``, stored in the article's
own transaction), else when a story is first shown (:func:`story_comparison`), and is kept
in the store either way. Because every article commits on its own, an interrupted ingest
leaves only whole articles behind, and running it again skips what is stored and finishes
the rest. :mod:`newsprism.scale` runs the same preparation on a cluster.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from newsprism.cluster.copies import CopyIndex, shingles, signature_from_bytes
from newsprism.cluster.stories import Member, StoryIndex, article_lead
from newsprism.errors import SourceError
from newsprism.ingest import ReadOptions, iter_sources
from newsprism.ingest.options import Ingested
from newsprism.model import Article, SourceFailure
from newsprism.preparation import Prepared, annotate_each, prepare, prepare_article, text_hash
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
        self.stories = StoryIndex(settings.stories, leads=self._story_leads)
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
        return self.add_prepared(prepare_article(article, raw, media_type, self.settings))

    def add_prepared(self, prepared: Prepared) -> Added:
        """Store one prepared article (see :mod:`newsprism.preparation`), placing it in its
        copy group and story from what is stored before it; say whether it was new.

        Raises :class:`SourceError` when another article already holds its id.
        """
        article = prepared.article
        # Identity is the normalised URL when there is one, else the text itself.
        stored = self.store.stored_duplicate(prepared.normalised_url, prepared.content_hash)
        if stored is not None:
            return Added("duplicate", stored)
        if self.store.has_article_id(article.id):
            reason = f"duplicate id {article.id!r} with a different text or URL"
            raise SourceError(article.source, reason)
        minhash = signature_from_bytes(prepared.signature)
        copy_of = None
        if self.copies.candidates(minhash):
            # Shingles are needed only to verify a candidate: most articles have none.
            text = article.text or article.title or ""
            copy_of = self.copies.find_copy(shingles(text), minhash, self.store.texts)
        story, bridged = self._story_for(
            prepared.features,
            article.published,
            copy_of,
            article_lead(article, self.settings.stories),
        )
        new = NewArticle(
            article=article,
            content_hash=prepared.content_hash,
            features=prepared.features,
            signature=prepared.signature,
            story=story,
            copy_of=copy_of,
            normalised_url=prepared.normalised_url,
            raw=prepared.raw,
            media_type=prepared.media_type,
            annotations=prepared.annotations,
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
        lead: str,
    ) -> tuple[int, list[int]]:
        """A copy goes with the text it copies; anything else is assigned by the index."""
        if copy_of is None:
            return self.stories.place(features, published, lead)
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

    def _story_leads(self, story: int) -> dict[Hashable, str]:
        """The headline and lead of each member of ``story`` by row id, for the story
        index's close calls."""
        return {
            rowid: article_lead(article, self.settings.stories)
            for rowid, article in story_members(self.store, story)
        }

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
        for part in (story, new_story):
            self._rejoin(part)

    def _rejoin(self, part: int) -> None:
        """Merge a part of a split story into another story of its event, if one is kin."""
        for other in self.stories.kin(part) if part in self.stories.stories else []:
            if other in self.stories.stories:
                self._merge(other, part)
                if part not in self.stories.stories:
                    return


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
    annotate: bool = False,
    stop: Callable[[], bool] = lambda: False,
) -> IngestSummary:
    """Read every source (files, folders, URLs, feeds, WARC) into the store.

    Articles whose normalised URL is stored are not fetched again, so rerunning an
    interrupted ingest finishes it. Every failure is recorded in the store with its reason.
    With ``annotate``, each article's deep annotations are made (a batch of articles to a
    parse) and stored with it, so showing its story parses nothing. ``stop`` is asked after
    each article; when it says so the run ends there (the rest is read by a rerun).
    The run holds the store's writer lock: while another process writes, it waits (``on_wait``
    told who that is) or, without ``wait``, raises :class:`~newsprism.errors.StoreBusyError`.
    """
    with store.writing(wait, on_wait):
        corpus = Corpus(store, settings)
        summary = IngestSummary()
        items = iter_sources(sources, options or ReadOptions(), skip=corpus.is_stored)
        limit = settings.scale.annotated_batch_articles if annotate else 1
        done = 0
        for batch in batched_items(items, limit, settings.scale.batch_bytes):
            articles = [item for item in batch if isinstance(item, Ingested)]
            prepared = iter(prepare(articles, settings, annotate))
            for item in batch:
                store_prepared(corpus, summary, item if isinstance(item, SourceFailure) else next(prepared))
                done += 1
                if on_progress:
                    on_progress(done)
                if stop():
                    return summary
    return summary


def batched_items(
    items: Iterable[Ingested | SourceFailure], most_articles: int, most_bytes: int
) -> Iterator[list[Ingested | SourceFailure]]:
    """``items`` in consecutive batches of at most ``most_articles`` articles, a batch cut
    early once its texts reach ``most_bytes`` (failures ride along with the articles)."""
    batch: list[Ingested | SourceFailure] = []
    articles = size = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Ingested):
            articles += 1
            size += len(item.article.text) + len(item.raw or b"")
        if articles >= most_articles or size >= most_bytes:
            yield batch
            batch, articles, size = [], 0, 0
    if batch:
        yield batch


def store_prepared(corpus: Corpus, summary: IngestSummary, item: Prepared | SourceFailure) -> None:
    """Store one prepared article (or record one failure), counting it in ``summary``."""
    if isinstance(item, SourceFailure):
        corpus.store.record_failure(item.source, item.reason)
        summary.failed[_reason_kind(item.reason)] += 1
        return
    try:
        outcome = corpus.add_prepared(item).outcome
    except SourceError as error:
        corpus.store.record_failure(error.source, error.reason)
        summary.failed[_reason_kind(error.reason)] += 1
        return
    if outcome == "new":
        summary.new += 1
        if item.annotation_failure is not None:
            # Stored without annotations: showing its story tries again and says why.
            corpus.store.record_failure(item.article.source, item.annotation_failure)
            summary.failed[_reason_kind(item.annotation_failure)] += 1
    else:
        summary.duplicate += 1


def _add_counted(
    corpus: Corpus,
    summary: IngestSummary,
    article: Article,
    raw: bytes | None,
    media_type: str | None,
) -> None:
    store_prepared(corpus, summary, prepare_article(article, raw, media_type, corpus.settings))


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
        cached = store.cached_annotations(rowid, version, text_hash(article.text))
        articles.append(annotations_from_json(article, cached) if cached is not None else None)
        if cached is None:
            missing.append(position)
    fresh = annotate_each([members[position][1] for position in missing], settings)
    for position, outcome in zip(missing, fresh, strict=True):
        if isinstance(outcome, SourceFailure):
            store.record_failure(outcome.source, outcome.reason)
            if skipped is not None:
                skipped.append(outcome)
            continue
        store.save_annotations(members[position][0], version, text_hash(outcome.text), annotations_to_json(outcome))
        articles[position] = outcome
    return [article for article in articles if article is not None]


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
