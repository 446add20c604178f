"""One story -> Comparison: entities, facts with their differences, quotes, timeline, copies.

::

    compare(articles, skipped=(), settings=Settings()) -> Comparison

The steps, each a module of this package: ``entities`` (the story's people, places and
organisations across spellings and roles), ``statements`` (the clauses worth comparing),
``alignment`` (which statements of different reports tell one fact), ``facts`` (who
carries each, counterparts compared by ``differences``, near matches), ``quotes`` (one
utterance across reports), ``timeline`` (dated events), ``copied_text`` (who copied whom).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsprism.compare.alignment import align
from newsprism.compare.copied_text import find_copied_text
from newsprism.compare.entities import StoryEntities
from newsprism.compare.facts import build_facts, fact_of_clauses
from newsprism.compare.quotes import group_quotes
from newsprism.compare.statements import Statement, select_statements
from newsprism.compare.timeline import build_timeline
from newsprism.model import Article, Comparison, Fact, SourceFailure
from newsprism.settings import FactSettings, Settings

__all__ = ["compare"]


def compare(
    articles: Sequence[Article],
    skipped: Sequence[SourceFailure] = (),
    settings: Settings = Settings(),
) -> Comparison:
    """Compare annotated reports of one story."""
    entities = StoryEntities(articles, settings.names)
    chosen = settings.compare
    statements = [
        s for article in articles for s in select_statements(article, entities.ids_in, chosen.facts)
    ]
    alignment = align(statements, statement_vectors(statements, chosen.facts), chosen.facts, _transformer)
    facts = build_facts(alignment, articles, entities.typed_in, chosen.facts)
    return Comparison(
        articles=tuple(articles),
        entities=entities.entities,
        facts=_in_reading_order(facts, articles),
        quotes=tuple(group_quotes(articles, entities.speaker, chosen.quotes)),
        timeline=build_timeline(articles, fact_of_clauses(alignment), chosen.timeline),
        skipped=tuple(skipped),
        copies=find_copied_text(articles, chosen.copied_text),
    )


def statement_vectors(statements: Sequence[Statement], settings: FactSettings) -> np.ndarray | None:
    """The static meaning vector of every statement: those stored with its article's
    annotations when the current model made them, else encoded now. None when meaning
    does not count (``meaning_weight`` 0)."""
    if not statements or settings.meaning_weight == 0:
        return None
    from newsprism.annotate.meaning import encode, vectors_matrix

    rows: dict[int, np.ndarray] = {}
    for article in {id(s.article): s.article for s in statements}.values():
        matrix = vectors_matrix(article.meaning, len(article.clauses))
        if matrix is None:
            matrix = encode([clause.span.of(article.text) for clause in article.clauses], "static")
        rows.update((id(clause), row) for clause, row in zip(article.clauses, matrix, strict=True))
    return np.vstack([rows[id(statement.clause)] for statement in statements])


def _transformer(texts: Sequence[str]) -> np.ndarray:
    from newsprism.annotate.meaning import encode

    return encode(texts, "transformer")


def _in_reading_order(facts: list[Fact], articles: Sequence[Article]) -> tuple[Fact, ...]:
    """Most widely carried first, then in the order of the first report that states them."""
    position = {article.id: index for index, article in enumerate(articles)}
    rank = {"shared": 0, "partial": 1, "single": 2}

    def order(fact: Fact) -> tuple[int, int, int, int]:
        first = fact.statements[0]
        return (rank[fact.status], -len(fact.outlets), position[first.article], first.start)

    return tuple(sorted(facts, key=order))
