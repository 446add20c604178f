"""Find the statements that different reports share.

A statement is a clause (see :mod:`newsprism.annotate.clauses`). Two statements from two
reports state the same thing when their weighted features agree: content words weighted by
how rare they are in the story, the story-level entities they name (so "Zelensky" and
"Zelenskyy" count as one word), and the dates they resolve to (so "on Wednesday" and "5
March" agree). Each statement is linked to its closest counterpart in every other report
when that counterpart is close enough; linked statements form one group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.match.grouping import connected_groups
from newsprism.model import Article, Clause, Span

ENTITY_WEIGHT = 2.0
DATE_WEIGHT = 1.5
SAME_FACT = 0.38
"""Cosine similarity from which two statements count as the same fact.

Chosen on the bundled example story; checked on the seed story."""

MIN_TERMS = 3
"""Clauses with fewer content features than this state too little to compare."""

EntityLookup = Callable[[Article, Span], tuple[str, ...]]
"""Story-level entity ids of the mentions inside a span of an article."""


@dataclass(frozen=True)
class Statement:
    """A clause of one article that can be compared with other reports."""

    article: Article
    clause: Clause
    features: tuple[str, ...]


def select_statements(article: Article, entities_in: EntityLookup) -> list[Statement]:
    """Return the clauses of ``article`` that state something outside a direct quote."""
    statements = []
    quoted = [quote.span for quote in article.quotes if quote.kind == "direct"]
    for clause in article.clauses:
        if _mostly_quoted(clause.span, quoted):
            continue
        features = _features(article, clause, entities_in)
        if len(features) >= MIN_TERMS:
            statements.append(Statement(article, clause, features))
    return statements


def group_statements(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Group statements of different articles that state the same fact.

    Every statement ends in exactly one group, listed in the order of its first statement.
    """
    if not statements:
        return []
    links = _links(statements, _similarity_matrix(statements))
    return [[statements[i] for i in members] for members in connected_groups(len(statements), links)]


def _features(article: Article, clause: Clause, entities_in: EntityLookup) -> tuple[str, ...]:
    entity_ids = entities_in(article, clause.span)
    named = {
        word.lower()
        for mention in article.mentions
        if clause.span.contains(mention.span)
        for word in mention.span.of(article.text).split()
    }
    terms = [term for term in clause.terms if term not in named]
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


def _mostly_quoted(span: Span, quoted: list[Span]) -> bool:
    covered = sum(
        max(0, min(span.end, quote.end) - max(span.start, quote.start)) for quote in quoted
    )
    return covered * 2 > span.end - span.start


def _feature_weight(feature: str) -> float:
    if feature.startswith("entity:"):
        return ENTITY_WEIGHT
    if feature.startswith("date:"):
        return DATE_WEIGHT
    return 1.0


def _similarity_matrix(statements: Sequence[Statement]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for statement in statements:
        for feature in statement.features:
            vocabulary.setdefault(feature, len(vocabulary))
    counts = np.zeros(len(vocabulary))
    for statement in statements:
        for feature in set(statement.features):
            counts[vocabulary[feature]] += 1
    idf = np.log((1 + len(statements)) / (1 + counts)) + 1
    matrix = np.zeros((len(statements), len(vocabulary)))
    for row, statement in enumerate(statements):
        for feature in set(statement.features):
            column = vocabulary[feature]
            matrix[row, column] = _feature_weight(feature) * idf[column]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1, norms)
    similarity: np.ndarray = matrix @ matrix.T
    return similarity


def _links(statements: Sequence[Statement], similarity: np.ndarray) -> list[tuple[int, int]]:
    """Each statement's closest statement in every other article, when close enough."""
    by_article: dict[str, list[int]] = {}
    for index, statement in enumerate(statements):
        by_article.setdefault(statement.article.id, []).append(index)
    links = []
    for index, statement in enumerate(statements):
        for article_id, members in by_article.items():
            if article_id == statement.article.id:
                continue
            best = max(members, key=lambda other: similarity[index, other])
            if similarity[index, best] >= SAME_FACT:
                links.append((index, best))
    return links

