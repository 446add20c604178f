"""Options shared by the commands that read sources, and how they report skipped ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import click

from newsprism.errors import SourceError, UsageError
from newsprism.ingest import ReadOptions, read_meta
from newsprism.ingest.outlets import OutletTable, read_outlet_table
from newsprism.model import SourceFailure
from newsprism.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


class DateTimeType(click.ParamType):  # type: ignore[type-arg]
    """An ISO 8601 date or date-time, such as 2025-03-04 or 2025-03-04T09:30+00:00."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO date such as 2025-03-04", param, ctx)


def source_options(command: F) -> F:
    """Add the options every source-reading command takes: --published and --meta."""
    command = click.option(
        "--meta",
        type=click.Path(exists=True, dir_okay=False),
        help="CSV or JSON sidecar giving outlet, published and url per source.",
    )(command)
    return click.option(
        "--published",
        type=DateTimeType(),
        help="Publication time for sources that carry none (ISO date).",
    )(command)


def sources_option(command: F) -> F:
    """Add ``--sources FILE``: a table of what the user says of each outlet (read here, so a
    bad table is one usage error naming it before any work is done)."""

    def load(ctx: click.Context, param: click.Parameter, value: str | None) -> OutletTable | None:
        if not value:
            return None
        try:
            return read_outlet_table(value)
        except SourceError as error:
            raise UsageError(f"--sources {error.source}: {error.reason}") from None

    return click.option(
        "--sources",
        "outlet_table",
        type=click.Path(exists=True, dir_okay=False),
        callback=load,
        help="CSV or JSON table describing outlets: outlet and/or domain, then any labels "
        "(country, owner, leaning, ...), shown beside each outlet; see docs/sources.md.",
    )(command)


def all_option(command: F) -> F:
    """Add ``--all``: the text and Markdown brief with nothing folded away."""
    return click.option(
        "--all",
        "show_all",
        is_flag=True,
        help="Show everything: by default the text and Markdown brief fold one-outlet "
        "sentences, quotes, entities and timeline past their first lines, counting the rest.",
    )(command)


def settings_option(command: F) -> F:
    """Add ``--settings FILE.toml``: overrides of the tuned numbers (docs in newsprism.settings)."""

    def load(ctx: click.Context, param: click.Parameter, value: str | None) -> Settings:
        return load_settings(value) if value else Settings()

    return click.option(
        "--settings",
        type=click.Path(exists=True, dir_okay=False),
        callback=load,
        help="TOML file overriding tuned thresholds, e.g. [compare.facts] same_fact = 0.4.",
    )(command)


def read_options(published: datetime | None, meta: str | None, settings: Settings = Settings()) -> ReadOptions:
    """The :class:`ReadOptions` that ``--published``, ``--meta`` and ``--settings`` ask for."""
    return ReadOptions(published=published, meta=read_meta(meta) if meta else {}, extraction=settings.extraction)


SKIPPED = "newsprism.skipped"
"""Key in ``ctx.meta`` set when a command skipped a source; the group exits 1 for it."""


def report_failures(failures: Sequence[SourceFailure]) -> None:
    """One line on stderr per source that could not be read, remembered for the exit code."""
    for failure in failures:
        click.echo(f"newsprism: skipped {failure.source}: {failure.reason}", err=True)
    note_skipped(len(failures))


def note_skipped(count: int) -> None:
    """Remember that ``count`` sources were skipped, so the run exits with code 1.

    For commands that report their failures another way (``ingest`` counts them in its
    summary line); the exit code itself is chosen in one place, by the command group.
    """
    if count:
        click.get_current_context().meta[SKIPPED] = True
