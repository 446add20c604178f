"""Per-article annotation: sentences, entity mentions, quotes and time expressions.

Each step reads one parsed article and returns annotations as offsets into its text;
:func:`annotate_articles` runs them all with one spaCy parse per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsprism.model import Article

ANNOTATOR_VERSION = "3"
"""Raise when any step changes what it finds: cached annotations are then recomputed."""

__all__ = ["ANNOTATOR_VERSION", "annotate_articles"]


def annotate_articles(articles: Sequence[Article]) -> list[Article]:
    """Return the articles with sentences, clauses, mentions, quotes and times filled in."""
    # Imported here so that importing one step (``newsprism.annotate.nlp``) stays cheap.
    from newsprism.annotate.clauses import find_clauses
    from newsprism.annotate.entities import find_mentions
    from newsprism.annotate.nlp import parse_many
    from newsprism.annotate.quotes import find_quotes
    from newsprism.annotate.sentences import find_sentences
    from newsprism.annotate.times import find_times

    docs = parse_many([article.text for article in articles])
    annotated = []
    for article, doc in zip(articles, docs):
        published = article.published.date() if article.published else None
        sentences = find_sentences(doc)
        annotated.append(
            replace(
                article,
                sentences=sentences,
                clauses=find_clauses(doc, sentences),
                mentions=find_mentions(doc),
                quotes=find_quotes(doc),
                times=find_times(doc, published),
            )
        )
    return annotated
