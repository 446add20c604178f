"""Find time expressions in an article and resolve them against its publication date.

Recognition is rule-based: the rules in ``times_absolute`` (calendar dates, years, clock
times), ``times_relative`` (anchored on publication: "yesterday", "last week", "Tuesday")
and ``times_spans`` (durations, sets, "now"/"recently") each propose candidate spans; where
candidates overlap the longest wins, then the earlier rule. Values follow TIMEX3.

Relative expressions are resolved with the tense and modality of the governing verb, read
from the spaCy parse (``times_tense``): "will fly out on Wednesday", "is due to", "plans
to", "is to", "planned a protest on Saturday", "next", "upcoming" look ahead, and so does a
weekday in the simple present, a timetable ("the ban takes effect on Saturday"); "met last
Thursday" and other past tenses look back; with no telling tense ("Storm warning for
Wednesday", "could") a weekday is the nearest one, and a weekday equal to the publication
weekday is the publication day itself. A month or season without a year follows the future
or past tense ("will vote in February" said in March is next February, "collapsed in the
autumn" the last autumn) and is otherwise the nearest. Cue words override the tense: "since"
looks back; "until", "effective", "payable", "as early as" look ahead unless the clause is
in the past perfect ("until Thursday they had not named him"), which also overrides
scheduling words ("had been due to expire Friday"). A possessive weekday ("Tuesday's vote")
names a past event unless the verb looks ahead. "overnight" in a past-tense (or verbless)
sentence is the night before the day the text last named, else before publication (``<day
before>TNI``); otherwise the night of publication day. "the early hours of Thursday" is that
Thursday's morning (``TMO``): TIMEX3 has no finer part of day.

Anaphoric expressions ("the following year", "that same day", "the day before", "the
previous Friday", "the same month a year ago", "ending the day", "three days later", "a year
earlier") count from the last time the text mentioned at a fitting grain, as TimeML
prescribes, and from publication only when there is none (``times_anaphora``); "two days
ago" always counts from publication. A length counted from a date ("two days before the 12
February vote", "two weeks after the vote" where a sentence dates the vote) is that date
(``times_offsets``); counted from an event nothing dates, it stays a duration. Neighbouring
expressions complete each other (``times_context``): a clock time and a day, a month and the
year after it ("January nineteen ninety-seven"), "the week of March 6", a bare clock time
and the day its sentence names.

Choices where TimeML leaves room: "last week" is the previous calendar week (``2025-W09``);
"the past week" is the seven days up to publication, given as the calendar week holding most
of them; "the coming days" and "in recent days" are durations of an unknown number of days
(``PXD``); "a year earlier" in a comparison about a quarter is that quarter a year before
(``2024-Q3``), in a sentence about a run of months ("the nine months") the year before.

A date that names a thing ("the 2016 election") is marked ``modifier`` (``times_roles``).

Without a publication date, anchored expressions come back with ``resolved=False``, an
unanchored TIMEX3 value ("XXXX-WXX-2") and ``relative`` words ("previous Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from newsprism.annotate.times._absolute import ABSOLUTE_RULES
from newsprism.annotate.times._anaphora import resolve_anaphora
from newsprism.annotate.times._calendar import Anaphor, Direction, Reading
from newsprism.annotate.times._context import (
    anchor_clocks_on_sentence_day,
    merge_clock_with_day,
    merge_year_into_yearless,
    refine_year_ago,
    widen_week_of,
)
from newsprism.annotate.times._offsets import count_lengths_from_dates
from newsprism.annotate.times._periods import PERIOD_RULES
from newsprism.annotate.times._relative import RELATIVE_RULES
from newsprism.annotate.times._roles import mark_modifiers
from newsprism.annotate.times._rules import RuleContext
from newsprism.annotate.times._spans import SPAN_RULES
from newsprism.annotate.times._tense import direction_at
from newsprism.model import TimeExpression
from newsprism.settings import TimeSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc

_RULES = ABSOLUTE_RULES + PERIOD_RULES + RELATIVE_RULES + SPAN_RULES

# Words that narrow a date without changing its TIMEX3 value at this grain: "early March",
# "the end of 2027", "mid-1990s". The span takes them in; the value stays.
_NARROWING_PREFIX = re.compile(
    r"(?:(?:the\s+)?(?:very\s+)?"
    r"(?:early|late|mid|end\s+of|start\s+of|beginning\s+of|middle\s+of|turn\s+of|close\s+of)"
    r"\s+(?:the\s+)?|(?:mid|post|pre)-)$",
    re.IGNORECASE,
)
_NARROWABLE_TYPES = ("DATE", "TIME")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int
    reading: Reading


def find_times(
    doc: Doc, published: date | datetime | None, settings: TimeSettings = TimeSettings()
) -> tuple[TimeExpression, ...]:
    """Every time expression in ``doc``, sorted by start, with offsets into ``doc.text``.

    ``published`` is the article's publication date (a datetime is cut to its date); relative
    expressions are anchored on it, or left unresolved when it is None.
    """
    day = published.date() if isinstance(published, datetime) else published
    tense = _tense_reader(doc, settings)
    text = doc.text  # spaCy rebuilds doc.text on every access: read it once
    candidates = []
    for order, time_rule in enumerate(_RULES):
        for match in time_rule.pattern.finditer(text):
            context = RuleContext(day, text, match.start(), match.end(), tense, settings)
            reading = time_rule.handler(match, context)
            if reading is not None:
                candidates.append(_Candidate(match.start(), match.end(), order, reading))
    chosen = sorted(_without_overlaps(candidates), key=lambda c: c.start)
    found = [(_to_expression(text, c), c.reading.anaphor) for c in chosen]
    completed = _counted_from_dates(doc, text, _completed_by_neighbours(text, found), settings)
    expressions = resolve_anaphora(doc, text, completed)
    expressions = merge_clock_with_day(text, expressions)
    expressions = anchor_clocks_on_sentence_day(doc, day, expressions)
    refined = refine_year_ago(doc, text, day, expressions, settings.quarter_reach)
    return tuple(mark_modifiers(doc, refined))


def _completed_by_neighbours(
    text: str, found: list[tuple[TimeExpression, Anaphor | None]]
) -> list[tuple[TimeExpression, Anaphor | None]]:
    """A month with the year after it, "the week of" a day; each keeps its anaphor.

    The merges keep the start of the expression they extend, so the start finds the anaphor
    again; "the week of March 6" moves its start but a named day has no anaphor.
    """
    expressions = merge_year_into_yearless(text, [expression for expression, _ in found])
    anaphors = {expression.start: anaphor for expression, anaphor in found}
    return [(e, anaphors.get(e.start)) for e in widen_week_of(text, expressions)]


def _counted_from_dates(
    doc: Doc,
    text: str,
    found: list[tuple[TimeExpression, Anaphor | None]],
    settings: TimeSettings,
) -> list[tuple[TimeExpression, Anaphor | None]]:
    """Lengths counted from dates read as dates, before anaphora: "Two days later" after "a
    week after the vote" counts from the date that gives. Each expression keeps its anaphor
    (a length has none; the date it absorbs gives its own up)."""
    anaphors = {expression.start: anaphor for expression, anaphor in found}
    counted = count_lengths_from_dates(doc, text, [expression for expression, _ in found], settings)
    return [(expression, anaphors.get(expression.start)) for expression in counted]


def _tense_reader(doc: Doc, settings: TimeSettings) -> Callable[[int, int], Direction]:
    """Tense lookups for ``doc``, each span's parsed once."""

    @cache
    def tense(start: int, end: int) -> Direction:
        return direction_at(doc, start, end, settings)

    return tense


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest candidate wherever several overlap (then the earliest rule)."""
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start))
    taken: list[_Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= kept.start or kept.end <= candidate.start for kept in taken):
            taken.append(candidate)
    return taken


def _to_expression(text: str, candidate: _Candidate) -> TimeExpression:
    start, reading = candidate.start, candidate.reading
    if reading.type in _NARROWABLE_TYPES and not reading.value.endswith("_REF"):
        prefix = _NARROWING_PREFIX.search(text, max(0, start - 40), start)
        if prefix is not None:
            start = prefix.start()
    return TimeExpression(
        start=start,
        end=candidate.end,
        type=reading.type,
        value=reading.value,
        resolved=reading.resolved,
        relative=reading.relative,
    )
