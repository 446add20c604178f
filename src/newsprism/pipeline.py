"""The whole job: sources -> articles -> annotations -> comparison."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.annotate import annotate_articles
from newsprism.compare import compare
from newsprism.errors import NoArticlesError
from newsprism.ingest import ReadOptions, read_sources
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
    """Compare reports of one story, annotating those that are not annotated yet."""
    return compare(_annotated(articles, settings), skipped, settings)


def _annotated(articles: Sequence[Article], settings: Settings) -> list[Article]:
    pending = [article for article in articles if not article.sentences]
    done = iter(annotate_articles(pending, settings)) if pending else iter(())
    return [next(done) if not article.sentences else article for article in articles]


__all__ = ["brief", "compare_articles"]
