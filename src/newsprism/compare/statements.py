"""The statements of a report worth comparing, with the features they are compared by.

A statement is a clause (see :mod:`newsprism.annotate.clauses`) outside a direct quote,
a subheading or page furniture. Its features are its content words, the story-level
entities it names (so "Zelensky" and "Zelenskyy" count as one word), and the dates it
resolves to (so "on Wednesday" and "5 March" agree); :mod:`newsprism.compare.alignment`
weighs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsprism.common.boilerplate import is_page_furniture
from newsprism.model import Article, Clause, Span
from newsprism.settings import FactSettings

SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "’", "'", ")")

EntityLookup = Callable[[Article, Span], tuple[str, ...]]
"""Story-level entity ids of the mentions inside a span of an article."""


@dataclass(frozen=True)
class Statement:
    """A clause of one article that can be compared with other reports."""

    article: Article
    clause: Clause
    features: tuple[str, ...]


def select_statements(
    article: Article, entities_in: EntityLookup, settings: FactSettings = FactSettings()
) -> list[Statement]:
    """Return the clauses of ``article`` that state something outside a direct quote.

    Subheadings ("Tensions between the two leaders") are left out: they announce what the
    next paragraphs state rather than state it; so are the page's calls to sign up and its
    notices ("This article first appeared in ...").
    """
    statements = []
    quoted = [quote.span for quote in article.quotes if quote.kind == "direct"]
    for clause in article.clauses:
        if _mostly_quoted(clause.span, quoted) or _is_heading(article, clause.sentence, settings.heading_words):
            continue
        if is_page_furniture(article.sentences[clause.sentence].of(article.text)):
            continue
        features = _features(article, clause, entities_in)
        if len(features) >= settings.min_terms:
            statements.append(Statement(article, clause, features))
    return statements


def _features(article: Article, clause: Clause, entities_in: EntityLookup) -> tuple[str, ...]:
    entity_ids = entities_in(article, clause.span)
    # Words inside a name or a time expression count once, as the entity or the date.
    inside = [m.span for m in article.mentions] + [t.span for t in article.times]
    covered = {
        word.lower()
        for span in inside
        if clause.span.contains(span)
        for word in span.of(article.text).split()
    }
    terms = [term for term in clause.terms if term not in covered]
    dates = [
        time.value
        for time in article.times
        if clause.span.contains(time.span) and time.type in ("DATE", "TIME")
    ]
    return (
        tuple(terms)
        + tuple(f"entity:{entity}" for entity in entity_ids)
        + tuple(f"date:{value[:10]}" for value in dates)
    )


def _is_heading(article: Article, sentence: int, most_words: int) -> bool:
    """A short paragraph of its own without closing punctuation."""
    span = article.sentences[sentence]
    text = article.text
    alone = (span.start == 0 or text[span.start - 1] == "\n") and (
        span.end == len(text) or text[span.end] == "\n"
    )
    words = span.of(text).split()
    return alone and len(words) <= most_words and not span.of(text).rstrip().endswith(SENTENCE_ENDS)


def _mostly_quoted(span: Span, quoted: list[Span]) -> bool:
    covered = sum(
        max(0, min(span.end, quote.end) - max(span.start, quote.start)) for quote in quoted
    )
    return covered * 2 > span.end - span.start
