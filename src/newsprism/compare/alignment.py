"""Statements of different reports aligned: which tell one fact, counterparts, near matches.

Two statements of two reports tell the same fact when their *likeness* is high enough. The
likeness of a pair blends what the comparison knows about it:

* what the two clauses mean, as sentence vectors (:mod:`newsprism.annotate.meaning`), so
  "halted military aid" and "paused all US military assistance" meet;
* the words, story entities and resolved dates they share, weighted by how rare each is in
  the story (so "Zelensky" and "Zelenskyy" count as one name, "on Wednesday" and "5 March"
  as one day);
* a penalty when the two name different days for what they tell.

Meaning comes in two strengths. Every statement has static vectors (cheap: computed with its
annotations); the transformer is run only for the statements of the closest calls, as many
as ``FactSettings.transformer_statements`` allows, and between two of those its cosine
replaces the static one. Elsewhere the static cosine is put on the transformer's scale.

A link joins two statements of two reports that are each other's closest in the other's
report and alike enough; linked statements form facts, one statement per report, and a link
joins two groups only when their statements resemble each other on average, so a chain of
links (A like B, B like C) does not carry unrelated statements (A and C) into one fact.
Facts are joined into *events* more loosely: the facts of one happening told in other terms.

Inside a fact, the closest pair of statements of each two reports are *counterparts*: the
statements whose details (numbers, dates, names, negation) differences compare. A
statement that no other report tells, but which resembles a statement of another report
nearly enough, has that statement as a *near match*.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.common.grouping import connected_groups
from newsprism.compare.statements import Statement
from newsprism.settings import FactSettings

Encoder = Callable[[Sequence[str]], np.ndarray]
"""Unit meaning vectors of texts, one row each (the transformer, for close calls)."""


@dataclass(frozen=True)
class Alignment:
    """How the statements of a story align: the likeness of every pair, facts and events."""

    statements: tuple[Statement, ...]
    likeness: np.ndarray
    """``likeness[i, j]`` for statements of two reports; 0 within one report."""
    groups: tuple[tuple[int, ...], ...]
    """Each fact's statements (indexes into ``statements``), in the order of the first."""
    events: tuple[int, ...] = ()
    """The event of each group: groups with one number tell one happening."""

    def counterparts(self, group: Sequence[int], least: float) -> list[tuple[int, int]]:
        """The closest pair of statements of each two reports in ``group``, when close enough."""
        best: dict[tuple[str, str], tuple[float, int, int]] = {}
        for position, first in enumerate(group):
            for second in group[position + 1 :]:
                one, other = self.statements[first].article.id, self.statements[second].article.id
                if one == other:
                    continue
                key = (min(one, other), max(one, other))
                score = float(self.likeness[first, second])
                if score >= least and score > best.get(key, (-1.0, 0, 0))[0]:
                    best[key] = (score, first, second)
        return [(first, second) for _, first, second in best.values()]

    def near_matches(self, index: int, least: float) -> list[int]:
        """For a statement, the closest statement of every other report scoring ``least`` or more."""
        article = self.statements[index].article.id
        best: dict[str, tuple[float, int]] = {}
        for other, statement in enumerate(self.statements):
            if statement.article.id == article:
                continue
            score = float(self.likeness[index, other])
            if score >= least and score > best.get(statement.article.id, (-1.0, 0))[0]:
                best[statement.article.id] = (score, other)
        return [other for _, other in sorted(best.values(), reverse=True)]


def align(
    statements: Sequence[Statement],
    static: np.ndarray | None,
    settings: FactSettings = FactSettings(),
    transformer: Encoder | None = None,
) -> Alignment:
    """Align ``statements`` (of every report of a story) into facts and events.

    ``static`` holds one unit static vector per statement (rows in statement order), or is
    None to align on shared features alone; ``transformer`` encodes the close calls.
    """
    likeness = pair_likeness(statements, static, settings, transformer)
    if not statements:
        return Alignment((), likeness, ())
    articles = [statement.article.id for statement in statements]
    links = _mutual_links(likeness, articles, settings.same_fact)

    def coherent(first: list[int], second: list[int]) -> bool:
        across = likeness[np.ix_(first, second)]
        return float(across.mean()) >= settings.coherent and float(across.min()) >= settings.related

    groups = connected_groups(len(statements), links, articles, coherent)
    return Alignment(tuple(statements), likeness, tuple(map(tuple, groups)), _events(likeness, groups, settings))


def pair_likeness(
    statements: Sequence[Statement],
    static: np.ndarray | None,
    settings: FactSettings,
    transformer: Encoder | None = None,
) -> np.ndarray:
    """The likeness of every two statements of two reports (0 within one report)."""
    if not statements:
        return np.zeros((0, 0))
    shared = feature_similarity(statements, settings)
    articles = np.array([hash(statement.article.id) for statement in statements])
    same_report = articles[:, None] == articles[None, :]
    if static is None:
        likeness = shared
    else:
        meaning = settings.static_scale * (static @ static.T) + settings.static_shift
        weight = settings.meaning_weight
        if transformer is not None:
            rough = np.where(same_report, 0.0, weight * meaning + (1 - weight) * shared)
            chosen = _close_calls(rough, settings)
            if chosen:
                texts = [statements[i].clause.span.of(statements[i].article.text) for i in chosen]
                vectors = transformer(texts)
                meaning[np.ix_(chosen, chosen)] = vectors @ vectors.T
        likeness = weight * np.clip(meaning, 0.0, 1.0) + (1 - weight) * shared
    likeness = likeness - settings.date_clash_penalty * _date_clashes(statements)
    return np.clip(np.where(same_report, 0.0, likeness), 0.0, 1.0)


def _close_calls(rough: np.ndarray, settings: FactSettings) -> list[int]:
    """The statements whose best match lies nearest the link threshold, as many as allowed.

    A statement whose best match is far below the threshold is not linked whatever the
    transformer says; the closer the call, the more its exact meaning matters.
    """
    best = rough.max(axis=1)
    candidates = [i for i in range(len(best)) if best[i] >= settings.refine_from]
    candidates.sort(key=lambda i: abs(float(best[i]) - settings.same_fact))
    return sorted(candidates[: settings.transformer_statements])


def _mutual_links(likeness: np.ndarray, articles: list[str], least: float) -> list[tuple[int, int]]:
    """Pairs of statements of two reports that are each other's closest, strongest first.

    Asking both sides to agree keeps a vague statement ("to secure peace") from
    collecting every statement that shares a word with it.
    """
    by_article: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_article.setdefault(article, []).append(index)
    columns = {article: np.array(members) for article, members in by_article.items()}
    best: dict[tuple[int, str], int] = {}
    for index, article in enumerate(articles):
        for other_article, members in columns.items():
            if other_article != article:
                best[index, other_article] = int(members[np.argmax(likeness[index, members])])
    links = [
        (index, other)
        for (index, other_article), other in best.items()
        if index < other
        and best[other, articles[index]] == index
        and likeness[index, other] >= least
    ]
    return sorted(links, key=lambda pair: -likeness[pair])


def _events(likeness: np.ndarray, groups: list[list[int]], settings: FactSettings) -> tuple[int, ...]:
    """An event number per group: groups whose statements tell one happening share one.

    Two groups are one event when their closest statements of two reports are alike
    enough (``same_event``) and their statements resemble each other on average.
    """
    count = len(groups)
    between = np.zeros((count, count))
    for a in range(count):
        for b in range(a + 1, count):
            between[a, b] = between[b, a] = likeness[np.ix_(groups[a], groups[b])].max()
    links = [(int(a), int(b)) for a, b in np.argwhere(np.triu(between, 1) >= settings.same_event)]
    links.sort(key=lambda pair: -between[pair])

    def coherent(first: list[int], second: list[int]) -> bool:
        members = [index for group in first for index in groups[group]]
        others = [index for group in second for index in groups[group]]
        across = likeness[np.ix_(members, others)]
        return float(across[across > 0].mean() if (across > 0).any() else 0.0) >= settings.event_coherent

    numbered = connected_groups(count, links, may_join=coherent)
    event = [0] * count
    for number, members in enumerate(numbered):
        for group in members:
            event[group] = number
    return tuple(event)


def feature_similarity(statements: Sequence[Statement], settings: FactSettings) -> np.ndarray:
    """Cosine of the statements' features (words, entities, dates), each weighted by IDF."""
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


def _feature_weight(feature: str, settings: FactSettings) -> float:
    if feature.startswith("entity:"):
        return settings.entity_weight
    if feature.startswith("date:"):
        return settings.date_weight
    return 1.0


def _date_clashes(statements: Sequence[Statement]) -> np.ndarray:
    """1 where two statements both name days and no day of one is a day of the other."""
    days = [
        {feature[5:] for feature in statement.features if feature.startswith("date:") and len(feature) >= 15}
        for statement in statements
    ]
    size = len(statements)
    clashes = np.zeros((size, size))
    for i in range(size):
        if not days[i]:
            continue
        for j in range(i + 1, size):
            if days[j] and not days[i] & days[j]:
                clashes[i, j] = clashes[j, i] = 1.0
    return clashes
