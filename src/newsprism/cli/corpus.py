"""Corpus commands: ``ingest``, ``stories``, ``show`` and ``errors`` over a store."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from newsprism.cli.options import (
    DateTimeType,
    all_option,
    note_skipped,
    read_options,
    settings_option,
    source_options,
    sources_option,
)
from newsprism.corpus import IngestSummary, ingest_sources, story_comparison
from newsprism.ingest.outlets import OutletTable
from newsprism.report import FORMATS, render
from newsprism.settings import Settings
from newsprism.store import Store, StorySummary, story_summaries

if TYPE_CHECKING:
    from newsprism.scale import ClusterProgress

DEFAULT_DB = "newsprism.db"


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db PATH`` option: env ``NEWSPRISM_DB``, else ``newsprism.db`` here."""
    return click.option(
        "--db",
        envvar="NEWSPRISM_DB",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite store to use (env NEWSPRISM_DB).",
    )(command)


def cluster_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--workers N`` and ``--scheduler tcp://HOST:PORT``: where the work runs."""
    command = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run the work on the Dask cluster whose scheduler is here (see docs/scale.md); this process writes.",
    )(command)
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        help="Run the work on a local cluster of N worker processes; this process writes. The store is the same "
        "whatever N.",
    )(command)


@contextmanager
def _progress() -> Iterator[Callable[[int], None] | None]:
    """A progress display on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} items read"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda done: progress.update(task, completed=done)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@source_options
@db_option
@settings_option
@click.option(
    "--no-wait",
    is_flag=True,
    help="Fail at once (exit code 4) when another process is writing to the store, instead of waiting for it.",
)
@click.option(
    "--annotate",
    is_flag=True,
    help="Also make each article's deep annotations (parse, entities, quotes, times, vectors) and store them, "
    "so showing a story parses nothing.",
)
@cluster_options
def ingest(
    sources: tuple[str, ...],
    published: datetime | None,
    meta: str | None,
    db: str,
    settings: Settings,
    no_wait: bool,
    annotate: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Add SOURCES (files, folders, URLs, feeds, WARC) to the store, with copies and stories.

    Already stored articles are skipped, so rerunning an interrupted ingest finishes it.
    One process writes to a store at a time: a second ingest waits for the first.
    Exit code 1 when some source failed (see `newsprism errors`).
    """
    on_wait = lambda message: click.echo(f"newsprism: {message}", err=True)  # noqa: E731
    options = read_options(published, meta, settings)
    if workers is None and scheduler is None:
        with Store.open(db) as store, _progress() as on_progress, _stopped_by_signals() as stopping:
            summary = ingest_sources(
                store, sources, options, on_progress, settings,
                wait=not no_wait, on_wait=on_wait, annotate=annotate, stop=stopping.is_set,
            )
    else:
        from newsprism.scale import connect, ingest_on_cluster

        with Store.open(db) as store, connect(workers, scheduler, settings.scale) as client, \
                _stopped_by_signals() as stopping:
            summary = ingest_on_cluster(
                store, sources, client, options, settings, annotate,
                on_progress=_cluster_progress("articles"), stop=stopping.is_set, wait=not no_wait, on_wait=on_wait,
                # Workers elsewhere may not see this machine's files: they are read here.
                files_on_workers=scheduler is None,
            )
    click.echo(_summary_line(summary), err=True)
    note_skipped(summary.failed_total)


@click.command("annotate-store")
@db_option
@settings_option
@cluster_options
def annotate_store_command(db: str, settings: Settings, workers: int | None, scheduler: str | None) -> None:
    """Make the deep annotations the store lacks (ingested without --annotate, or by an older annotator).

    Holds the store's writer lock while it runs; SIGTERM stops it after the batch being stored,
    and running it again finishes the rest. Exit code 1 when some article could not be annotated.
    """
    from newsprism.scale import annotate_store, connect

    with ExitStack() as stack:
        store = stack.enter_context(Store.open(db))
        client = stack.enter_context(connect(workers, scheduler, settings.scale)) if workers or scheduler else None
        stopping = stack.enter_context(_stopped_by_signals())
        summary = annotate_store(
            store, settings, client, on_progress=_cluster_progress("annotated"), stop=stopping.is_set,
            on_wait=lambda message: click.echo(f"newsprism: {message}", err=True),
        )
    reasons = "; ".join(f"{count} {reason}" for reason, count in summary.failed.most_common())
    click.echo(
        f"newsprism: {summary.annotated} annotated, {summary.failed_total} failed" + (f" ({reasons})" if reasons else ""),
        err=True,
    )
    note_skipped(summary.failed_total)


PROGRESS_SECONDS = 10.0
"""Seconds between two progress lines of a run on a cluster."""


def _cluster_progress(what: str) -> Callable[[ClusterProgress], None]:
    """Progress of a run on a cluster: a line on stderr every few seconds (articles per
    second, workers alive)."""
    last = [0.0]

    def show(progress: ClusterProgress) -> None:
        if progress.elapsed - last[0] >= PROGRESS_SECONDS:
            last[0] = progress.elapsed
            click.echo(
                f"newsprism: {progress.done:,} {what}, {progress.rate:.1f} articles/s, "
                f"{progress.workers} workers alive",
                err=True,
            )

    return show


@contextmanager
def _stopped_by_signals() -> Iterator[threading.Event]:
    """SIGTERM and SIGINT set the event (the run stops after the article or batch it is
    storing, and a rerun finishes); a second one interrupts at once."""
    stopping = threading.Event()

    def handle(number: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            raise KeyboardInterrupt
        click.echo(f"newsprism: stopping ({signal.Signals(number).name}); run the same command again to finish", err=True)
        stopping.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stopping
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _summary_line(summary: IngestSummary) -> str:
    reasons = "; ".join(
        f"{count} {reason}" for reason, count in summary.failed.most_common()
    )
    failed = f"{summary.failed_total} failed" + (f" ({reasons})" if reasons else "")
    return f"newsprism: {summary.new} new, {summary.duplicate} duplicate, {failed}"


@click.command()
@click.option(
    "--since",
    type=DateTimeType(),
    help="Only stories with a report published since this date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@db_option
def stories(since: datetime | None, fmt: str, db: str) -> None:
    """List the stories in the store: headline, outlets, independent sources, first and last time."""
    with Store.open(db) as store:
        summaries = story_summaries(store, since)
    if fmt == "json":
        click.echo(
            json.dumps({"stories": [s.as_json() for s in summaries]}, indent=2)
        )
        return
    for summary in summaries:
        click.echo(_story_text(summary))


def _story_text(summary: StorySummary) -> str:
    span = f"{_iso(summary.first_published) or '?'} .. {_iso(summary.last_published) or '?'}"
    outlets = ", ".join(summary.outlets) or "no outlet named"
    return (
        f"{summary.id:>6}  {summary.title}\n"
        f"        {len(summary.articles)} articles, {summary.independent_sources} independent; "
        f"{outlets}; {span}"
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


@click.command()
@click.argument("story", type=int)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
@db_option
@sources_option
@all_option
@settings_option
def show(
    story: int, fmt: str, db: str, outlet_table: OutletTable | None, show_all: bool, settings: Settings
) -> None:
    """Show the brief of STORY (an id from `newsprism stories`): facts, differences, quotes, timeline."""
    with Store.open(db) as store:
        comparison = story_comparison(store, story, settings)
    if outlet_table is not None:
        from newsprism.pipeline import label_outlets

        comparison = label_outlets(comparison, outlet_table)
    output = render(comparison, fmt, full=show_all)
    click.echo(output, nl=not output.endswith("\n"))


@click.command()
@db_option
def errors(db: str) -> None:
    """List every source that failed to ingest, with its reason."""
    with Store.open(db) as store:
        for failure in store.failures():
            click.echo(f"{failure.failed_at}  {failure.source}: {failure.reason}")


COMMANDS: list[click.Command] = [ingest, annotate_store_command, stories, show, errors]
