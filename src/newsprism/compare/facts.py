"""Facts from aligned statements: who carries each, where they differ, what may be shared.

A fact is "shared" when every outlet carries it, "partial" when several do, "single" when
one does. A single-outlet claim is a claim, so it is checked: when another report holds a
statement that nearly tells it (see :meth:`Alignment.near_matches`), the fact carries that
statement as a near match and the brief says "possibly also in X" instead of asserting
exclusivity. The same holds for the outlets a partial fact is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsprism.compare.alignment import Alignment
from newsprism.compare.differences import EntityTypes, Telling, find_differences
from newsprism.compare.statements import Statement
from newsprism.model import Article, Evidence, Fact, FactStatus
from newsprism.settings import FactSettings


def build_facts(
    alignment: Alignment,
    articles: Sequence[Article],
    entities_of: EntityTypes,
    settings: FactSettings = FactSettings(),
) -> list[Fact]:
    """Every fact of the story: the shared and partial ones, then what one report alone tells."""
    outlets = list(dict.fromkeys(article.name for article in articles))
    facts = [
        replace(_fact(alignment, group, outlets, entities_of, settings), event=_event(alignment, number))
        for number, group in enumerate(alignment.groups)
        if _is_shared(alignment, group)
    ]
    facts.extend(_single_outlet_facts(alignment, settings))
    return facts


def fact_of_clauses(alignment: Alignment) -> dict[tuple[str, int], int]:
    """(article id, clause start) -> index of the group the clause belongs to."""
    return {
        (alignment.statements[index].article.id, alignment.statements[index].clause.start): number
        for number, group in enumerate(alignment.groups)
        for index in group
    }


def _event(alignment: Alignment, group: int) -> int:
    return alignment.events[group] if alignment.events else -1


def _is_shared(alignment: Alignment, group: Sequence[int]) -> bool:
    return len({alignment.statements[index].article.id for index in group}) > 1


def _evidence(statement: Statement) -> Evidence:
    clause = statement.clause
    return Evidence(statement.article.id, clause.start, clause.end, clause.sentence)


def _fact(
    alignment: Alignment,
    group: Sequence[int],
    outlets: list[str],
    entities_of: EntityTypes,
    settings: FactSettings,
) -> Fact:
    statements = [alignment.statements[index] for index in group]
    carried = [name for name in outlets if any(s.article.name == name for s in statements)]
    status: FactStatus = "shared" if len(carried) == len(outlets) else "partial"
    pairs = alignment.counterparts(group, settings.counterpart)
    counterparts = [
        (Telling(alignment.statements[i].article, alignment.statements[i].clause),
         Telling(alignment.statements[j].article, alignment.statements[j].clause))
        for i, j in pairs
    ]
    return Fact(
        statements=tuple(_evidence(statement) for statement in statements),
        outlets=tuple(carried),
        status=status,
        differences=find_differences(counterparts, entities_of),
        near=_near(alignment, group, set(carried), settings),
    )


def _near(alignment: Alignment, group: Sequence[int], carried: set[str], settings: FactSettings) -> tuple[Evidence, ...]:
    """The closest statement of each outlet not carrying the fact, when close enough."""
    best: dict[str, tuple[float, int]] = {}
    for index in group:
        for other in alignment.near_matches(index, settings.near_match):
            outlet = alignment.statements[other].article.name
            if outlet in carried:
                continue
            score = float(alignment.likeness[index, other])
            if score > best.get(outlet, (-1.0, 0))[0]:
                best[outlet] = (score, other)
    ranked = sorted(best.values(), reverse=True)
    return tuple(_evidence(alignment.statements[other]) for _, other in ranked)


def _single_outlet_facts(alignment: Alignment, settings: FactSettings) -> list[Fact]:
    """What one report alone states, a sentence at a time.

    A sentence none of whose statements another report shares is listed whole, since its
    clauses read badly apart ("to broker a peace deal"); in a sentence that is partly shared,
    only the unshared clauses rich enough to stand alone, and not wrapped around a shared
    one, are listed. Each listing carries the near matches of its statements.
    """
    statements = alignment.statements
    shared = [index for group in alignment.groups if _is_shared(alignment, group) for index in group]
    shared_sentences = {(statements[i].article.id, statements[i].clause.sentence) for i in shared}
    listed: dict[tuple[str, int], list[int]] = {}
    facts: list[tuple[Evidence, list[int], str, int]] = []
    for number, group in enumerate(alignment.groups):
        if _is_shared(alignment, group):
            continue
        for index in group:
            statement = statements[index]
            article, clause = statement.article, statement.clause
            key = (article.id, clause.sentence)
            if key not in shared_sentences:
                if key not in listed:
                    listed[key] = []
                    sentence = article.sentences[clause.sentence]
                    evidence = Evidence(article.id, sentence.start, sentence.end, clause.sentence)
                    facts.append((evidence, listed[key], article.name, _event(alignment, number)))
                listed[key].append(index)
            elif len(statement.features) >= settings.rich_statement and not _wraps_shared(statement, shared, statements):
                facts.append((_evidence(statement), [index], article.name, _event(alignment, number)))
    return [
        Fact(
            statements=(evidence,),
            outlets=(outlet,),
            status="single",
            near=_near(alignment, members, {outlet}, settings),
            event=event,
        )
        for evidence, members, outlet, event in facts
    ]


def _wraps_shared(statement: Statement, shared: list[int], statements: Sequence[Statement]) -> bool:
    """True when the clause's span runs around a clause that other reports share."""
    return any(
        statements[other].article.id == statement.article.id
        and statement.clause.span.contains(statements[other].clause.span)
        for other in shared
    )
