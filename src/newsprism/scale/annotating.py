"""``annotate-store``: make the annotations a store lacks, in-process or on a cluster.

An article lacks them when it was ingested without ``--annotate`` or when the annotator
changed since (another :func:`~newsprism.annotate.annotator_version`). Each is annotated
as ``show`` would annotate it (its latest revision, cut to the part a brief compares), so
``show`` finds them and parses nothing. The run holds the store's writer lock; it pages
through the store by row id, so it never holds more than a few batches in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsprism.model import Article, SourceFailure
from newsprism.scale.cluster import Clock, ClusterProgress, workers_alive
from newsprism.scale.ordered import run_ordered
from newsprism.scale.tasks import annotate_rows
from newsprism.settings import Settings
from newsprism.store import Store, StoredAnnotations
from newsprism.store.revisions import latest_revisions

if TYPE_CHECKING:
    from distributed import Client

PAGE_ROWS = 1000
"""Row ids read from the store at a time."""

Row = tuple[int, Article]
Outcome = tuple[int, StoredAnnotations | SourceFailure]


@dataclass
class AnnotateSummary:
    """What one ``annotate-store`` run did: articles annotated, and failures by reason."""

    annotated: int = 0
    failed: Counter[str] = field(default_factory=Counter)

    @property
    def failed_total(self) -> int:
        """How many articles could not be annotated."""
        return sum(self.failed.values())


def annotate_store(
    store: Store,
    settings: Settings = Settings(),
    client: Client | None = None,
    on_progress: Callable[[ClusterProgress], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> AnnotateSummary:
    """Annotate every stored article without annotations by this annotator, and store them.

    Without ``client`` the work runs here; with one, on its workers (this process writes).
    ``stop`` is asked after each batch stored.
    """
    from newsprism.annotate import annotator_version

    scale = settings.scale
    summary = AnnotateSummary()
    with store.writing(wait, on_wait):
        version = annotator_version(settings)
        batches = _batches(store, version, scale.annotated_batch_articles, scale.batch_bytes)
        outcomes: Iterator[Outcome]
        if client is None:
            outcomes = (outcome for batch in batches for outcome in annotate_rows(batch, settings))
        else:
            outcomes = run_ordered(
                client, batches, annotate_rows, (settings,),
                in_flight=lambda: scale.batches_per_worker * max(1, workers_alive(client)),
                failed=lambda row, reason: (row[0], SourceFailure(row[1].source, reason)),
                patience=scale.no_worker_patience, rounds_alone=scale.rounds_alone,
            )
        clock = Clock()
        pending: list[tuple[int, StoredAnnotations]] = []
        for rowid, outcome in outcomes:
            if isinstance(outcome, SourceFailure):
                store.record_failure(outcome.source, outcome.reason)
                summary.failed[outcome.reason.split("(")[0].strip()[:60]] += 1
            else:
                pending.append((rowid, outcome))
            if len(pending) >= scale.annotated_batch_articles:
                _save(store, pending, summary)
                if on_progress is not None:
                    on_progress(ClusterProgress(summary.annotated, clock.elapsed(), workers_alive(client) if client else 1))
                if stop():
                    break
        _save(store, pending, summary)
    return summary


def _save(store: Store, pending: list[tuple[int, StoredAnnotations]], summary: AnnotateSummary) -> None:
    if pending:
        store.save_many_annotations(pending)
        summary.annotated += len(pending)
        pending.clear()


def _batches(store: Store, version: str, most_articles: int, most_bytes: int) -> Iterator[list[Row]]:
    """The articles lacking annotations, as ``show`` would annotate them, in batches."""
    batch: list[Row] = []
    size = 0
    after = 0
    while rowids := store.unannotated_rowids(version, after, PAGE_ROWS):
        after = rowids[-1]
        latest = latest_revisions(store, rowids)
        for rowid in rowids:
            article = store.article(rowid)
            if rowid in latest:
                article = replace(article, text=latest[rowid].text, title=latest[rowid].title)
            batch.append((rowid, article))
            size += len(article.text)
            if len(batch) >= most_articles or size >= most_bytes:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch
