"""Corpus commands: ``ingest``, ``stories``, ``show`` and ``errors`` over a store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

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
def ingest(
    sources: tuple[str, ...],
    published: datetime | None,
    meta: str | None,
    db: str,
    settings: Settings,
    no_wait: bool,
) -> None:
    """Add SOURCES (files, folders, URLs, feeds, WARC) to the store, with copies and stories.

    Already stored articles are skipped, so rerunning an interrupted ingest finishes it.
    One process writes to a store at a time: a second ingest waits for the first.
    Exit code 1 when some source failed (see `newsprism errors`).
    """
    with Store.open(db) as store, _progress() as on_progress:
        options = read_options(published, meta, settings)
        summary = ingest_sources(
            store, sources, options, on_progress, settings,
            wait=not no_wait, on_wait=lambda message: click.echo(f"newsprism: {message}", err=True),
        )
    click.echo(_summary_line(summary), err=True)
    note_skipped(summary.failed_total)


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


COMMANDS: list[click.Command] = [ingest, stories, show, errors]
