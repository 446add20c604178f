"""Story -> Comparison: entities, facts with their differences, quotes, and the timeline."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.compare.copied_text import find_copied_text
from newsprism.compare.differences import find_differences
from newsprism.compare.entities import merge_entities
from newsprism.compare.quotes import group_quotes
from newsprism.compare.statements import Statement, group_statements, select_statements
from newsprism.model import (
    Article,
    Comparison,
    Evidence,
    Fact,
    FactStatus,
    Quote,
    SourceFailure,
    Span,
)
from newsprism.compare.timeline import build_timeline
from newsprism.settings import NameSettings, Settings


class StoryEntities:
    """Look-ups from article mentions to the story-level entities they belong to."""

    def __init__(self, articles: Sequence[Article], names: NameSettings = NameSettings()) -> None:
        every, self._story_id = merge_entities(articles, names)
        self._by_id = {entity.id: entity for entity in every}
        self.entities = tuple(entity for entity in every if entity.named)
        """The entities a brief lists: those some report names."""

    def ids_in(self, article: Article, span: Span) -> tuple[str, ...]:
        """Story entity ids of the mentions inside ``span``, in text order, once each."""
        found: list[str] = []
        for mention in article.mentions:
            if span.contains(mention.span):
                story_id = self._story_id.get((article.id, mention.entity))
                if story_id and story_id not in found:
                    found.append(story_id)
        return tuple(found)

    def typed_in(self, article: Article, span: Span) -> dict[str, tuple[str, str]]:
        """Named story entities inside ``span``: id -> (type, name)."""
        return {
            story_id: (self._by_id[story_id].type, self._by_id[story_id].name)
            for story_id in self.ids_in(article, span)
            if self._by_id[story_id].named
        }

    def speaker(self, article: Article, quote: Quote) -> tuple[str | None, str]:
        """The story entity id of a quote's speaker (or None) and how to name the speaker."""
        written = quote.speaker.of(article.text) if quote.speaker else ""
        local = article.speaker_entity(quote)
        story_id = self._story_id.get((article.id, local)) if local else None
        if story_id and self._by_id[story_id].named:
            return story_id, self._by_id[story_id].name
        return None, written


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
    groups = group_statements(statements, chosen.facts)
    outlets = _outlets(articles)
    facts = [_fact(group, outlets, entities) for group in groups if _is_shared(group)]
    facts.extend(_single_outlet_facts(groups, chosen.facts.rich_statement))
    fact_of = {
        (statement.article.id, statement.clause.start): index
        for index, group in enumerate(groups)
        for statement in group
    }
    return Comparison(
        articles=tuple(articles),
        entities=entities.entities,
        facts=_in_reading_order(facts, articles),
        quotes=tuple(group_quotes(articles, entities.speaker, chosen.quotes)),
        timeline=build_timeline(articles, fact_of, chosen.timeline),
        skipped=tuple(skipped),
        copies=find_copied_text(articles, chosen.copied_text),
    )


def _outlets(articles: Sequence[Article]) -> list[str]:
    names: list[str] = []
    for article in articles:
        if article.name not in names:
            names.append(article.name)
    return names


def _is_shared(group: list[Statement]) -> bool:
    return len({statement.article.id for statement in group}) > 1


def _single_outlet_facts(groups: list[list[Statement]], rich_statement: int) -> list[Fact]:
    """What one report alone states, a sentence at a time.

    A sentence none of whose statements another report shares is listed whole, since its
    clauses read badly apart ("to broker a peace deal"); in a sentence that is partly shared,
    only the unshared clauses rich enough to stand alone, and not wrapped around a shared
    one, are listed.
    """
    shared = [statement for group in groups if _is_shared(group) for statement in group]
    shared_sentences = {(s.article.id, s.clause.sentence) for s in shared}
    facts: list[Fact] = []
    listed: set[tuple[str, int]] = set()
    for statement in (s for group in groups if not _is_shared(group) for s in group):
        article, clause = statement.article, statement.clause
        key = (article.id, clause.sentence)
        if key not in shared_sentences:
            if key in listed:
                continue
            listed.add(key)
            sentence = article.sentences[clause.sentence]
            evidence = Evidence(article.id, sentence.start, sentence.end, clause.sentence)
        elif len(statement.features) >= rich_statement and not _wraps_shared(statement, shared):
            evidence = Evidence(article.id, clause.start, clause.end, clause.sentence)
        else:
            continue
        facts.append(Fact(statements=(evidence,), outlets=(article.name,), status="single"))
    return facts


def _wraps_shared(statement: Statement, shared: list[Statement]) -> bool:
    """True when the clause's span runs around a clause that other reports share."""
    return any(
        other.article.id == statement.article.id and statement.clause.span.contains(other.clause.span)
        for other in shared
    )


def _fact(group: list[Statement], outlets: list[str], entities: StoryEntities) -> Fact:
    carried = [name for name in outlets if any(s.article.name == name for s in group)]
    status: FactStatus
    if len(carried) == 1:
        status = "single"
    elif len(carried) == len(outlets):
        status = "shared"
    else:
        status = "partial"
    return Fact(
        statements=tuple(
            Evidence(s.article.id, s.clause.start, s.clause.end, s.clause.sentence) for s in group
        ),
        outlets=tuple(carried),
        status=status,
        differences=find_differences(group, entities.typed_in),
    )


def _in_reading_order(facts: list[Fact], articles: Sequence[Article]) -> tuple[Fact, ...]:
    """Most widely carried first, then in the order of the first report that states them."""
    position = {article.id: index for index, article in enumerate(articles)}
    rank = {"shared": 0, "partial": 1, "single": 2}

    def order(fact: Fact) -> tuple[int, int, int, int]:
        first = fact.statements[0]
        return (rank[fact.status], -len(fact.outlets), position[first.article], first.start)

    return tuple(sorted(facts, key=order))
