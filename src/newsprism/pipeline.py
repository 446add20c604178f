"""The whole job: sources -> articles -> annotations -> comparison."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsprism.annotate import annotate_articles
from newsprism.compare import compare
from newsprism.errors import NoArticlesError
from newsprism.ingest import ReadOptions, read_sources
from newsprism.ingest.outlets import OutletTable
from newsprism.model import Article, Comparison, SourceFailure
from newsprism.settings import Settings


def brief(
    sources: Sequence[str], options: ReadOptions = ReadOptions(), settings: Settings = Settings()
) -> Comparison:
    """Read every source and compare the reports that could be read.

    Sources that cannot be read are listed in ``Comparison.skipped``; raises
    :class:`NoArticlesError` when none can.
    """
    articles, failures = read_sources(sources, options)
    if not articles:
        raise NoArticlesError(failures)
    return compare_articles(articles, failures, settings)


def compare_articles(
    articles: Sequence[Article],
    skipped: Sequence[SourceFailure] = (),
    settings: Settings = Settings(),
) -> Comparison:
    """Compare reports of one story, annotating those that are not annotated yet; an
    article too long to compare whole is compared by its first part, noted in ``skipped``."""
    cut = [compared_part(article, settings) for article in articles]
    notes = [note for _, note in cut if note is not None]
    return compare(_annotated([article for article, _ in cut], settings), [*skipped, *notes], settings)


def label_outlets(comparison: Comparison, table: OutletTable) -> Comparison:
    """``comparison`` with each outlet's labels from a source table (``--sources``)."""
    labels = {article.name: table.labels_for(article) for article in comparison.articles}
    return replace(comparison, outlet_labels=tuple((name, found) for name, found in labels.items() if found))


def compared_part(article: Article, settings: Settings) -> tuple[Article, SourceFailure | None]:
    """``article`` cut to the part a brief compares (``CompareSettings.max_characters``),
    with a note saying so when it was cut; offsets into the part are offsets into the whole."""
    limit = settings.compare.max_characters
    if len(article.text) <= limit or article.sentences:
        return article, None
    from newsprism.annotate.nlp import leading_part

    part = leading_part(article.text, limit).rstrip()
    note = SourceFailure(
        article.source,
        f"only its first {len(part):,} of {len(article.text):,} characters are compared "
        f"(longer than the {limit:,} a brief reads of one article)",
    )
    return replace(article, text=part), note


def _annotated(articles: Sequence[Article], settings: Settings) -> list[Article]:
    pending = [article for article in articles if not article.sentences]
    done = iter(annotate_articles(pending, settings)) if pending else iter(())
    return [next(done) if not article.sentences else article for article in articles]


__all__ = ["brief", "compare_articles", "compared_part", "label_outlets"]
