"""Story -> dated events, each citing the sentences that date it.

Every time expression that names a day, week, month or year becomes an event: the clause
around it, on the date it resolves to. A date that only names a thing ("the 2016 election")
dates nothing. Events from several reports are one event when they
fall on the same date and their clauses state the same fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import Article, Clause, Evidence, TimeExpression, TimelineEvent
from newsprism.settings import TimelineSettings

_CALENDAR = re.compile(r"^(\d{4}|XXXX)(-|$)")
"""Values on the calendar: a year, month, week or day (not durations, sets or PRESENT_REF)."""

_WORD = re.compile(r"\w+")

EventMember = tuple[Article, Clause, TimeExpression]

FactOf = dict[tuple[str, int], int]
"""(article id, clause start) -> index of the fact group the clause belongs to."""


def build_timeline(
    articles: Sequence[Article], fact_of: FactOf, settings: TimelineSettings = TimelineSettings()
) -> tuple[TimelineEvent, ...]:
    """Return the dated events of all articles, earliest first, same events merged."""
    events: dict[tuple[str, object], list[EventMember]] = {}
    for article in articles:
        for time in article.times:
            if time.type not in ("DATE", "TIME") or time.modifier or not _CALENDAR.match(time.value):
                continue
            clause = _clause_around(article, time)
            if clause is None:
                continue
            fact = fact_of.get((article.id, clause.start))
            key = (time.value, fact if fact is not None else (article.id, clause.start))
            events.setdefault(key, []).append((article, clause, time))
    timeline = [_event(value, members) for (value, _), members in _merge_same_words(events, settings.same_words).items()]
    return tuple(sorted(timeline, key=lambda event: (event.date, event.sources[0].article, event.sources[0].start)))


def _merge_same_words(
    events: dict[tuple[str, object], list[EventMember]], least: float
) -> dict[tuple[str, object], list[EventMember]]:
    """Join events on one date told in (nearly) the same words, such as one quotation that
    several reports carry, or a passage an article repeats."""
    merged: dict[tuple[str, object], list[EventMember]] = {}
    words_of: dict[tuple[str, object], set[str]] = {}
    for key, members in events.items():
        article, clause, _ = members[0]
        words = set(_WORD.findall(clause.span.of(article.text).lower()))
        same = next(
            (
                other
                for other, other_words in words_of.items()
                if other[0] == key[0] and _overlap(words, other_words) >= least
            ),
            None,
        )
        if same is None:
            merged[key], words_of[key] = list(members), words
        else:
            merged[same].extend(members)
    return merged


def _overlap(first: set[str], second: set[str]) -> float:
    return len(first & second) / max(len(first | second), 1)


def _clause_around(article: Article, time: TimeExpression) -> Clause | None:
    around = [clause for clause in article.clauses if clause.span.contains(time.span)]
    if around:
        return min(around, key=lambda clause: clause.end - clause.start)
    index = article.sentence_index(time.start)
    if index < 0:
        return None
    sentence = article.sentences[index]
    return Clause(sentence.start, sentence.end, index)


def _event(value: str, members: list[EventMember]) -> TimelineEvent:
    article, clause, _ = members[0]
    sources = []
    seen = set()
    for member_article, member_clause, _ in members:
        key = (member_article.id, member_clause.start)
        if key not in seen:
            seen.add(key)
            sources.append(Evidence(member_article.id, member_clause.start, member_clause.end, member_clause.sentence))
    return TimelineEvent(date=value, text=clause.span.of(article.text), sources=tuple(sources))
