"""``ingest --workers N`` / ``--scheduler``: read and prepare on the cluster, store here.

The main process lists the work in input order: files of the kinds read whole (.txt,
.html, .json) become units a worker reads itself; what must be read in order or fetched
(JSONL and WARC streams, feeds, URLs) is read here, and its articles become units. Units
go to the workers in batches of a few MB (see :class:`~newsprism.settings.ScaleSettings`);
their prepared articles come back in the same order, and this process, the one writer,
places each in its copy group and story exactly as an in-process ingest would. The store
is therefore the same whatever the number of workers: same row ids, stories, copy groups.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.cluster.copies import content_hash
from newsprism.corpus import Corpus, IngestSummary, store_prepared
from newsprism.ingest import ReadOptions, is_url, iter_sources, normalise_url
from newsprism.ingest.options import Ingested
from newsprism.ingest.sources import file_suffix, folder_files
from newsprism.model import SourceFailure
from newsprism.preparation import Prepared
from newsprism.scale.cluster import Clock, ClusterProgress, workers_alive
from newsprism.scale.ordered import run_ordered
from newsprism.scale.tasks import Unit, prepare_units
from newsprism.settings import Settings
from newsprism.store import Store

if TYPE_CHECKING:
    from distributed import Client

READ_ON_WORKERS = (".txt", ".html", ".htm", ".json")
"""Files read whole and on their own: a worker can read them without this process."""


class _Stored:
    """A unit already in the store (found before shipping it): counted as a duplicate."""


def ingest_on_cluster(
    store: Store,
    sources: Sequence[str],
    client: Client,
    options: ReadOptions | None = None,
    settings: Settings = Settings(),
    annotate: bool = False,
    on_progress: Callable[[ClusterProgress], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    files_on_workers: bool = True,
) -> IngestSummary:
    """Ingest ``sources`` as :func:`newsprism.corpus.ingest_sources` does, the reading and
    preparing done on ``client``'s workers. Holds the writer lock; ``stop`` is asked after
    each article stored (a rerun finishes what a stop left). ``files_on_workers`` says the
    workers see this process's files at the same paths (a local cluster, a shared disk);
    without it every file is read here and only its articles are shipped."""
    options = replace(options or ReadOptions(), meta=dict((options or ReadOptions()).meta))
    scale = settings.scale
    batch_articles = scale.annotated_batch_articles if annotate else scale.cheap_batch_articles
    with store.writing(wait, on_wait):
        corpus = Corpus(store, settings)
        summary = IngestSummary()
        stored = _Stored()
        units = _unstored(_units(sources, options, corpus, files_on_workers), corpus, stored)
        batches = _batches(units, batch_articles, scale.batch_bytes, stored, summary)
        clock = Clock()
        alive = workers_alive(client)
        results = run_ordered(
            client, batches, prepare_units, (options, settings, annotate),
            in_flight=lambda: scale.batches_per_worker * max(1, alive),
            failed=_failure, patience=scale.no_worker_patience, rounds_alone=scale.rounds_alone,
        )
        for done, result in enumerate(results, start=1):
            store_prepared(corpus, summary, result)
            if on_progress is not None and done % 10 == 0:
                alive = workers_alive(client)
                on_progress(ClusterProgress(done, clock.elapsed(), alive))
            if stop():
                break
        results.close()
    return summary


def _units(sources: Sequence[str], options: ReadOptions, corpus: Corpus, files_on_workers: bool) -> Iterator[Unit]:
    """The work of ``sources`` in input order: a path for each file a worker reads, the
    articles (or failures) of everything read here."""
    here: list[str] = []
    for source in sources:
        for path in _expanded(source):
            if not files_on_workers or is_url(path) or file_suffix(path) not in READ_ON_WORKERS:
                here.append(path)
                continue
            if here:
                yield from iter_sources(here, options, skip=corpus.is_stored)
                here = []
            yield path
    if here:
        yield from iter_sources(here, options, skip=corpus.is_stored)


def _expanded(source: str) -> list[str]:
    """A folder's readable files (in the order an in-process ingest reads them); any other
    source, or a folder with nothing readable (so that reading it says so), as it is."""
    if not is_url(source) and os.path.isdir(source):
        return folder_files(source) or [source]
    return [source]


def _unstored(units: Iterable[Unit], corpus: Corpus, stored: _Stored) -> Iterator[Unit | _Stored]:
    """``units``, with each article already stored replaced by ``stored``: a rerun after an
    interruption neither ships nor annotates again what it holds."""
    for unit in units:
        if isinstance(unit, Ingested):
            article = unit.article
            url = normalise_url(article.url) if article.url else None
            if corpus.store.stored_duplicate(url, content_hash(article.text or article.title or "")) is not None:
                yield stored
                continue
        yield unit


def _batches(
    units: Iterable[Unit | _Stored], most_articles: int, most_bytes: int, stored: _Stored, summary: IngestSummary
) -> Iterator[list[Unit]]:
    """Units in batches of at most ``most_articles`` items, cut early at ``most_bytes``."""
    batch: list[Unit] = []
    size = 0
    for unit in units:
        if unit is stored:
            summary.duplicate += 1
            continue
        assert not isinstance(unit, _Stored)
        batch.append(unit)
        size += _size(unit)
        if len(batch) >= most_articles or size >= most_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _size(unit: Unit) -> int:
    if isinstance(unit, str):
        try:
            return os.path.getsize(unit)
        except OSError:
            return 0
    if isinstance(unit, Ingested):
        return len(unit.article.text) + len(unit.raw or b"")
    return 0


def _failure(unit: Unit, reason: str) -> Prepared | SourceFailure:
    if isinstance(unit, str):
        return SourceFailure(unit, reason)
    if isinstance(unit, Ingested):
        return SourceFailure(unit.article.source, f"{reason} (article {unit.article.id!r})")
    return unit
