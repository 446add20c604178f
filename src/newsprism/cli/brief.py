"""Commands on a handful of sources: ``brief``, ``annotate`` and ``show-text``."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime

import click

from newsprism.cli.options import (
    all_option,
    read_options,
    report_failures,
    settings_option,
    source_options,
    sources_option,
)
from newsprism.errors import NoArticlesError, NotFoundError, UsageError
from newsprism.ingest import read_sources
from newsprism.ingest.outlets import OutletTable
from newsprism.report import FORMATS, render, render_annotations
from newsprism.settings import Settings


def _emit(output: str, path: str | None) -> None:
    """Write ``output`` to ``path``, or to stdout when there is none."""
    if path is None:
        click.echo(output, nl=not output.endswith("\n"))
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(output)
    except OSError as error:
        raise UsageError(f"cannot write the report to {path}: {error.strerror or error}") from None


@click.command()
@click.argument("sources", nargs=-1, required=True)
@source_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@sources_option
@all_option
@settings_option
def brief(
    sources: tuple[str, ...],
    published: datetime | None,
    meta: str | None,
    fmt: str,
    output: str | None,
    outlet_table: OutletTable | None,
    show_all: bool,
    settings: Settings,
) -> None:
    """Compare the reports in SOURCES (.txt, .html, .json, .jsonl files, folders, URLs, feeds, WARC).

    Shows the facts every outlet gives, those only some or one give, where they differ,
    who is quoted saying what, and a timeline, each line with its evidence.
    Exit code 1 when a source was skipped, 2 for wrong usage.
    """
    from newsprism.pipeline import brief as run_brief
    from newsprism.pipeline import label_outlets

    comparison = run_brief(sources, read_options(published, meta, settings), settings)
    if outlet_table is not None:
        comparison = label_outlets(comparison, outlet_table)
    report_failures(comparison.skipped)
    if fmt == "text" and output is None and sys.stdout.isatty():
        from newsprism.report.text import render_text

        width = shutil.get_terminal_size().columns
        _emit(render_text(comparison, color=True, width=width, full=show_all), None)
    else:
        _emit(render(comparison, fmt, full=show_all), output)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@source_options
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def annotate(sources: tuple[str, ...], published: datetime | None, meta: str | None, fmt: str) -> None:
    """Print each article's text, sentences, entities, quotes and time expressions.

    All spans are character offsets into the text printed with them.
    """
    from newsprism.annotate import annotate_articles

    articles, failures = read_sources(sources, read_options(published, meta))
    if not articles:
        raise NoArticlesError(failures)
    report_failures(failures)
    _emit(render_annotations(annotate_articles(articles), fmt), None)


@click.command("show-text")
@click.argument("source")
@source_options
@click.option("--article", "article_id", help="Only the article with this id (for files holding several).")
@click.option("--start", type=click.IntRange(min=0), help="First character offset to show.")
@click.option("--end", type=click.IntRange(min=0), help="Offset just past the last character to show.")
def show_text(
    source: str,
    published: datetime | None,
    meta: str | None,
    article_id: str | None,
    start: int | None,
    end: int | None,
) -> None:
    """Print the text of SOURCE exactly as newsprism stores it, so offsets can be checked."""
    articles, failures = read_sources([source], read_options(published, meta))
    if not articles:
        raise NoArticlesError(failures)
    report_failures(failures)
    if article_id is not None:
        articles = [article for article in articles if article.id == article_id]
        if not articles:
            raise NotFoundError(f"no article with id {article_id!r} in {source}", kind="article", key=article_id)
    for article in articles:
        if len(articles) > 1:
            click.echo(f"== {article.id}")
        click.echo(article.text[start:end])


COMMANDS = [brief, annotate, show_text]
