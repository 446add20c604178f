"""Options shared by the commands that read sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import click

from newsprism.model import SourceFailure

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
    command = click.option(
        "--published",
        type=DateTimeType(),
        help="Publication time for sources that carry none (ISO date).",
    )(command)
    return command


def report_failures(failures: list[SourceFailure] | tuple[SourceFailure, ...]) -> None:
    """One line on stderr per source that could not be read."""
    for failure in failures:
        click.echo(f"newsprism: skipped {failure.source}: {failure.reason}", err=True)
