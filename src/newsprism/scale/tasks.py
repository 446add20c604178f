"""What workers run: plain data in, plain data out.

A task gets file paths to read or articles already read, and returns prepared articles
(:class:`~newsprism.preparation.Prepared`: text, offsets, features, sketch bytes,
annotation JSON) or failures. The spaCy model is loaded the first time a worker parses and
kept for the worker's life (``annotate.nlp.load_pipeline`` is cached per process); no spaCy
object is ever returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.ingest import ReadOptions, iter_sources
from newsprism.ingest.options import Ingested
from newsprism.model import Article, SourceFailure
from newsprism.preparation import Prepared, annotate_for_store, prepare
from newsprism.settings import Settings
from newsprism.store import StoredAnnotations

Unit = str | Ingested | SourceFailure
"""One item of ingest's work: a file to read on the worker, an article read by the main
process (records of a JSONL file, WARC records, feed entries, pages), or a failure met
while reading, carried along so that it is recorded in its place."""


def prepare_units(
    units: Sequence[Unit], options: ReadOptions, settings: Settings, annotate: bool
) -> list[Prepared | SourceFailure]:
    """Read the files among ``units`` and prepare every article, in order (annotated when
    asked, the whole batch in one parse)."""
    items: list[Ingested | SourceFailure] = []
    for unit in units:
        if isinstance(unit, str):
            items.extend(iter_sources([unit], options))
        else:
            items.append(unit)
    prepared = iter(prepare([item for item in items if isinstance(item, Ingested)], settings, annotate))
    return [item if isinstance(item, SourceFailure) else next(prepared) for item in items]


def annotate_rows(
    rows: Sequence[tuple[int, Article]], settings: Settings
) -> list[tuple[int, StoredAnnotations | SourceFailure]]:
    """The stored annotations of each ``(row id, article)``, or why they cannot be made."""
    outcomes = annotate_for_store([article for _, article in rows], settings)
    return [(rowid, outcome) for (rowid, _), outcome in zip(rows, outcomes, strict=True)]
