"""The watcher: passes over the feeds and tracked articles that are due, until stopped.

A pass checks each due feed with a conditional GET; a feed that changed gives its new
entries, whose pages are fetched (politely: :class:`~newsprism.ingest.Fetcher` keeps one
request at a time per host, the delay between them and robots.txt) and then stored as one
batch under the store's writer lock, which is let go at once, so an ``ingest`` can run
beside a watcher. The pass then re-reads the tracked articles whose time has come
(:mod:`newsprism.watch.schedule`) and stores a changed text as a new revision.

Everything a watcher knows between passes is in the store, written as it goes: an article
commits whole or not at all; a feed's validators are saved only once all its new entries
are stored, so a watcher killed mid-batch asks for the whole feed again and stores the
rest; an article stored but not yet tracked when the kill came is tracked on that check.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsprism.cluster.copies import content_hash
from newsprism.corpus import Corpus
from newsprism.errors import FetchError, NotFoundError, SourceError, StoreBusyError
from newsprism.ingest import Fetcher, Ingested, Opener, ReadOptions, Validators
from newsprism.ingest.articles import Draft, finish
from newsprism.ingest.pages import feed_drafts, html_draft
from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.store.revisions import NewRevision, add_revision, article_revisions
from newsprism.store.watching import (
    FeedState,
    TrackedArticle,
    due_articles,
    feed_states,
    has_failure,
    next_article_check,
    save_feed,
    save_tracked,
    track_articles,
    untracked_rowids,
)
from newsprism.watch.diff import changes_to_json, diff_revisions
from newsprism.watch.schedule import (
    after_feed_check,
    after_feed_error,
    after_recheck,
    first_feed_state,
    recheck_due,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsprism.watch.alerts import Alerter

__all__ = ["PassSummary", "Watcher"]

_PAGE_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass
class PassSummary:
    """What one pass did; ``line()`` is its one-line report."""

    feeds_checked: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    new_articles: int = 0
    duplicates: int = 0
    failed_entries: int = 0
    rechecked: int = 0
    revisions: int = 0
    recheck_errors: int = 0
    alerts: int = 0
    postponed: int = 0
    stopped: bool = False
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The pass in one line, for stderr."""
        parts = [
            f"{self.feeds_checked} feeds checked ({self.not_modified} unchanged, {self.feed_errors} failed)",
            f"{self.new_articles} new articles",
            f"{self.rechecked} re-read ({self.revisions} revised)",
        ]
        if self.failed_entries:
            parts.append(f"{self.failed_entries} entries failed")
        if self.recheck_errors:
            parts.append(f"{self.recheck_errors} re-reads failed")
        if self.alerts:
            parts.append(f"{self.alerts} alerts")
        if self.postponed:
            parts.append(f"{self.postponed} feeds postponed (store busy)")
        if self.stopped:
            parts.append("stopped")
        return "watch pass: " + ", ".join(parts)


class Watcher:
    """Watches ``feeds`` into ``store``: :meth:`run_pass` once, or :meth:`run` until :meth:`stop`.

    ``clock`` gives seconds since the epoch and ``sleep`` waits (both injectable: the bench
    runs a simulated day in seconds); ``opener`` is the Fetcher's. ``wait_for_lock``: when
    another process holds the writer lock, wait for it (True) or postpone the feed (False,
    the loop's choice, so a long ingest never stalls the watcher). ``on_progress`` is told
    one line per feed that found something or failed.
    """

    def __init__(
        self,
        store: Store,
        feeds: Sequence[str],
        settings: Settings = Settings(),
        *,
        opener: Opener | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
        alerter: Alerter | None = None,
        on_progress: Callable[[str], None] | None = None,
        wait_for_lock: bool = True,
    ) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.settings = settings
        watching = settings.watch
        self.options = ReadOptions(
            host_delay=watching.host_delay, timeout=watching.timeout, deadline=watching.deadline,
            extraction=settings.extraction,
        )
        self.alerter = alerter
        self.wait_for_lock = wait_for_lock
        self._opener = opener
        self._clock = clock
        self._stop = threading.Event()
        self._sleep = sleep or self._stop.wait
        self._on_progress = on_progress or (lambda line: None)
        self._fetcher, self._fetcher_born = self._new_fetcher(), clock()
        self._corpus: Corpus | None = None
        self._corpus_version = -1
        self._touched: set[int] = set()
        """Stories that gained an article or a revision in this pass."""
        self._states = feed_states(store)
        for url in self.feeds:
            if url not in self._states:
                self._states[url] = first_feed_state(url, clock(), settings.watch)

    # --- running --------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the watcher to stop: the article being stored finishes, nothing new starts."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stop.is_set()

    def run(self, on_pass: Callable[[PassSummary], None] | None = None) -> None:
        """Pass after pass until :meth:`stop`, waiting between them for the next due feed
        or article (woken at once by a stop)."""
        while not self.stopping:
            summary = self.run_pass()
            if on_pass is not None:
                on_pass(summary)
            wait = max(0.0, self.next_due() - self._clock())
            if wait > 0 and not self.stopping:
                self._sleep(wait)

    def next_due(self) -> float:
        """When the next feed check or article re-read is due."""
        candidates = [self._states[url].next_check for url in self.feeds]
        article = next_article_check(self.store)
        if article is not None:
            candidates.append(article)
        return min(candidates) if candidates else self._clock() + self.settings.watch.interval

    def run_pass(self, recheck_all: bool = False) -> PassSummary:
        """One pass: every feed due now, then every article whose re-read is due (with
        ``recheck_all``, every tracked article)."""
        summary = PassSummary()
        if self._clock() - self._fetcher_born > self.settings.watch.robots_max_age:
            self._fetcher, self._fetcher_born = self._new_fetcher(), self._clock()
        now = self._clock()
        for url in self.feeds:
            if self.stopping:
                break
            if self._states[url].next_check <= now:
                self._check_feed(self._states[url], summary)
        if not self.stopping:
            self._recheck_articles(summary, recheck_all)
        if not self.stopping and self._touched:
            self._look_for_differences(summary)
        summary.stopped = self.stopping
        return summary

    def _new_fetcher(self) -> Fetcher:
        return Fetcher(self.options, self._opener, sleep=self._pause, clock=self._clock)

    def _pause(self, seconds: float) -> None:
        """The host delay; cut short by a stop."""
        if not self.stopping:
            self._sleep(seconds)

    # --- feeds ----------------------------------------------------------------------

    def _check_feed(self, state: FeedState, summary: PassSummary) -> None:
        summary.feeds_checked += 1
        validators = Validators(state.etag, state.last_modified)
        try:
            page = self._fetcher.fetch(state.url, None, validators)
        except FetchError as error:
            self._feed_failed(state, error.reason, summary)
            return
        if page.not_modified:
            summary.not_modified += 1
            self._save_state(after_feed_check(state, self._clock(), 0, page.etag, page.last_modified, self.settings.watch))
            return
        known: list[str] = []
        try:
            drafts = list(feed_drafts(page.body, state.url, self._fetcher, self.options, self._skipper(known)))
        except SourceError as error:
            self._feed_failed(state, error.reason, summary)
            return
        batch, failures = self._finished(drafts)
        for failure in failures:
            self._entry_failed(failure, summary)
        try:
            stored = self._store_batch(state.url, batch, known, summary)
        except StoreBusyError:
            summary.postponed += 1
            self._save_state(replace(state, next_check=self._clock() + self.settings.watch.busy_retry))
            return
        if self.stopping and stored < len(batch):
            return  # the feed stays as it was: the next run asks for it at once, in full
        # Validators are kept only when every entry is stored: otherwise the next check
        # asks for the whole feed again and retries the rest.
        complete = stored == len(batch) and not failures
        etag, modified = (page.etag, page.last_modified) if complete else (None, None)
        self._save_state(after_feed_check(state, self._clock(), stored, etag, modified, self.settings.watch))
        if stored or failures:
            self._on_progress(f"{state.url}: {stored} new" + (f", {len(failures)} failed" if failures else ""))

    def _feed_failed(self, state: FeedState, reason: str, summary: PassSummary) -> None:
        summary.feed_errors += 1
        summary.errors.append(f"{state.url}: {reason}")
        failed = after_feed_error(state, self._clock(), reason, self.settings.watch)
        self._save_state(failed)
        wait = failed.next_check - self._clock()
        self._on_progress(f"{state.url}: {reason} (failed {failed.errors} in a row; next try in {wait:.0f} s)")

    def _entry_failed(self, failure: SourceError, summary: PassSummary) -> None:
        summary.failed_entries += 1
        if not has_failure(self.store, failure.source, failure.reason):
            self.store.record_failure(failure.source, failure.reason)

    def _save_state(self, state: FeedState) -> None:
        self._states[state.url] = state
        save_feed(self.store, state)

    def _skipper(self, known: list[str]) -> Callable[[str], bool]:
        """Skip entries already stored (remembering them, to track any left untracked)."""

        def skip(normalised: str) -> bool:
            if self.store.has_normalised_url(normalised):
                known.append(normalised)
                return True
            return False

        return skip

    def _finished(self, drafts: list[Draft | SourceError]) -> tuple[list[Ingested], list[SourceError]]:
        batch, failures = [], []
        for draft in drafts:
            if isinstance(draft, SourceError):
                failures.append(draft)
                continue
            try:
                batch.append(finish(draft, self.options))
            except SourceError as error:
                failures.append(error)
        return batch, failures

    def _store_batch(self, feed: str, batch: list[Ingested], known: list[str], summary: PassSummary) -> int:
        """Store a feed's new articles and track them, holding the writer lock only for
        this; how many were stored before a stop (the rest wait for the next run)."""
        now = self._clock()
        leftover = untracked_rowids(self.store, known)
        if leftover:
            track_articles(self.store, [self._tracked(rowid, url, feed, now) for url, rowid in leftover.items()])
        if not batch:
            return 0
        stored = 0
        with self._writing() as corpus:
            for item in batch:
                if self.stopping:
                    break
                try:
                    added = corpus.add(item.article, item.raw, item.media_type)
                except SourceError as error:
                    self._entry_failed(error, summary)
                    stored += 1  # failed for good (an id clash): not worth asking again
                    continue
                stored += 1
                if added.outcome == "duplicate":
                    summary.duplicates += 1
                    continue
                summary.new_articles += 1
                url = item.article.url or item.article.source
                track_articles(self.store, [self._tracked(added.rowid, url, feed, now)])
                if self.alerter is not None:
                    summary.alerts += self.alerter.article_added(self.store, corpus, added.rowid, item.article)
                    self._touched.add(corpus.story_of_row[added.rowid])
        return stored

    def _tracked(self, rowid: int, url: str, feed: str, now: float) -> TrackedArticle:
        return TrackedArticle(article=rowid, url=url, feed=feed, changed_at=now,
                              next_check=recheck_due(now, 0, self.settings.watch))

    @contextmanager
    def _writing(self) -> Iterator[Corpus]:
        """The writer lock, with the in-memory indexes rebuilt when another process wrote
        since this watcher last held it (SQLite's ``data_version`` says so)."""
        with self.store.writing(wait=self.wait_for_lock):
            version = int(self.store.connection.execute("PRAGMA data_version").fetchone()[0])
            if self._corpus is None or version != self._corpus_version:
                self._corpus = Corpus(self.store, self.settings)
                self._corpus_version = version
            yield self._corpus

    # --- revisions ------------------------------------------------------------------

    def _recheck_articles(self, summary: PassSummary, every: bool) -> None:
        for tracked in due_articles(self.store, self._clock(), every):
            if self.stopping:
                return
            self._recheck(tracked, summary)

    def _recheck(self, tracked: TrackedArticle, summary: PassSummary) -> None:
        summary.rechecked += 1
        settings = self.settings.watch
        try:
            page = self._fetcher.fetch(tracked.url, _PAGE_MEDIA_TYPES, Validators(tracked.etag, tracked.last_modified))
            if page.not_modified:
                save_tracked(self.store, after_recheck(tracked, self._clock(), False, page.etag, page.last_modified, settings))
                return
            draft = html_draft(page.body, tracked.url, page.url, page.charset, self.settings.extraction)
            article = finish(draft, self.options).article
        except SourceError as error:
            summary.recheck_errors += 1
            save_tracked(self.store, after_recheck(tracked, self._clock(), False, None, None, settings, failed=True))
            summary.errors.append(f"{tracked.url}: {error.reason}")
            return
        latest = article_revisions(self.store, tracked.article)[-1]
        title = article.title or latest.title
        changed = article.text != latest.text or title != latest.title
        if changed:
            changes = diff_revisions(latest.title, latest.text, title, article.text)
            seen = datetime.fromtimestamp(self._clock(), UTC).isoformat()
            revision = NewRevision(tracked.article, title, article.text, content_hash(article.text), seen,
                                   changes_to_json(changes), draft.raw, draft.media_type)
            number = self._add_revision(revision)
            summary.revisions += 1
            self._on_progress(f"{tracked.url}: revision {number}")
            if self.alerter is not None:
                summary.alerts += self.alerter.article_revised(self.store, tracked.article, number, changes, tracked.url)
                self._touched.add(self.store.story_of(tracked.article))
        save_tracked(self.store, after_recheck(tracked, self._clock(), changed, page.etag, page.last_modified, settings))

    def _look_for_differences(self, summary: PassSummary) -> None:
        """Briefs of the stories that changed, for the differences between outlets a rule
        asks about (the language model is loaded only when such a rule exists)."""
        touched, self._touched = sorted(self._touched), set()
        if self.alerter is None or not self.alerter.watches_differences:
            return
        from newsprism.corpus import story_comparison
        from newsprism.watch.alerts import story_differences

        for story in touched:
            if self.stopping:
                return
            try:
                comparison = story_comparison(self.store, story, self.settings)
            except NotFoundError:  # merged into another story meanwhile
                continue
            if len({article.outlet for article in comparison.articles}) < 2:
                continue
            headline = comparison.articles[0].title or ""
            summary.alerts += self.alerter.differences_found(self.store, story, headline, story_differences(comparison))

    def _add_revision(self, revision: NewRevision) -> int:
        try:
            return add_revision(self.store, revision)
        except sqlite3.IntegrityError:  # the article was deleted meanwhile: nothing to revise
            return 0
