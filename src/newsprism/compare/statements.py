"""Find the statements that different reports share.

A statement is a clause (see :mod:`newsprism.annotate.clauses`). Two statements from two
reports state the same thing when their weighted features agree: content words weighted by
how rare they are in the story, the story-level entities they name (so "Zelensky" and
"Zelenskyy" count as one word), and the dates they resolve to (so "on Wednesday" and "5
March" agree). Two statements of two reports are linked when each is the other's closest in
its report and they are close enough; linked statements form one group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.common.boilerplate import is_page_furniture
from newsprism.common.grouping import connected_groups
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


def group_statements(
    statements: Sequence[Statement], settings: FactSettings = FactSettings()
) -> list[list[Statement]]:
    """Group statements of different articles that state the same fact.

    Every statement ends in exactly one group, listed in the order of its first statement;
    a group holds at most one statement of each article, the closest links joined first.
    """
    if not statements:
        return []
    similarity = _similarity_matrix(statements, settings)
    links = sorted(_links(statements, similarity, settings), key=lambda pair: -similarity[pair])
    articles = [statement.article.id for statement in statements]

    def coherent(first: list[int], second: list[int]) -> bool:
        across = similarity[np.ix_(first, second)]
        return float(across.mean()) >= settings.coherent and float(across.min()) >= settings.related

    groups = connected_groups(len(statements), links, articles, coherent)
    return [[statements[i] for i in members] for members in groups]


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


def _feature_weight(feature: str, settings: FactSettings) -> float:
    if feature.startswith("entity:"):
        return settings.entity_weight
    if feature.startswith("date:"):
        return settings.date_weight
    return 1.0


def _similarity_matrix(statements: Sequence[Statement], settings: FactSettings) -> np.ndarray:
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
            matrix[row, column] = _feature_weight(feature, settings) * idf[column]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1, norms)
    similarity: np.ndarray = matrix @ matrix.T
    return similarity


def _links(
    statements: Sequence[Statement], similarity: np.ndarray, settings: FactSettings
) -> list[tuple[int, int]]:
    """Pairs of statements of two articles that are each other's closest, when close enough.

    Asking both sides to agree keeps a vague statement ("to secure peace") from
    collecting every statement that shares a word with it.
    """
    by_article: dict[str, list[int]] = {}
    for index, statement in enumerate(statements):
        by_article.setdefault(statement.article.id, []).append(index)
    best: dict[tuple[int, str], int] = {}
    for index, statement in enumerate(statements):
        for article_id, members in by_article.items():
            if article_id != statement.article.id:
                best[index, article_id] = max(members, key=lambda other: similarity[index, other])
    links = []
    for (index, article_id), other in best.items():
        mutual = best[other, statements[index].article.id] == index
        if index < other and mutual and similarity[index, other] >= settings.same_fact:
            shared = set(statements[index].features) & set(statements[other].features)
            if _enough_in_common(shared, settings.min_shared):
                links.append((index, other))
    return links


def _enough_in_common(shared: set[str], least: int) -> bool:
    """A word and one more feature, or three features one of which is a date.

    The same people alone are not the same fact; the same people on the same day may be
    ("X travels to Washington on Wednesday" / "X will fly out to Washington on Wednesday").
    """
    words = [feature for feature in shared if ":" not in feature]
    dated = any(feature.startswith("date:") for feature in shared)
    return (bool(words) and len(shared) >= least) or (dated and len(shared) >= 3)
