"""Readings that depend on neighbouring expressions rather than on one match alone.

- A clock time next to a day ("3pm on Tuesday", "noon Thursday", "10:30 GMT, March 4") is
  one expression: the day's date with the clock time.
- A month, day or season named without a year takes the year named right after it
  ("January nineteen ninety-seven", "the winter of 1994", "October of next year").
- "the week of March 6" is the week holding that day.
- A bare clock time takes the day its sentence names ("landed Tuesday at 18:00 UTC").
- "a year ago" / "a year earlier" in a comparison about a quarter means that quarter a year
  before ("profit rose from $5 million a year earlier" after "the third quarter"); in a
  sentence about a run of months ("for the nine months ... a year earlier") it means the
  year before, as does a bare "year-earlier" there.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from newsprism.annotate.times import _lexicon as lex
from newsprism.annotate.times._calendar import week_value
from newsprism.annotate.times._periods import last_completed_quarter
from newsprism.model import TimeExpression
from newsprism.settings import TimeSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_JOINER = re.compile(r"\s*(?:,\s*)?(?:on|at|of)?\s*", re.IGNORECASE)
_DAY_VALUE = re.compile(r"^(?:\d{4}-\d\d-\d\d|XXXX-WXX-\d|XXXX-\d\d-\d\d)$")
_CLOCK_VALUE = re.compile(r"T(?:\d\d(?::\d\d)?Z?|MO|AF|EV|NI)$")
_YEAR_JOINER = re.compile(r"\s*(?:,|of)?\s*", re.IGNORECASE)
_WRITTEN_YEAR = re.compile(r"\d{4}|nineteen|two\s+thousand", re.IGNORECASE)
_YEARLESS_VALUE = re.compile(r"^\d{4}(-\d\d(?:-\d\d)?|-(?:SP|SU|FA|WI))$")
_MONTH_OR_SEASON = re.compile(rf"{lex.MONTH}|{lex.SEASON}", re.IGNORECASE)
_WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$", re.IGNORECASE)
_BARE_CLOCK = re.compile(r"^(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T\d\d:\d\dZ?)$")
_DAY_GRAIN = re.compile(r"^\d{4}-\d\d-\d\d(?:$|T)")
_YEAR_AGO = re.compile(r"^(?:a|one)\s+year\s+(?:ago|earlier|before)$", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_AGO_MODIFIER = re.compile(r"^(?:the\s+)?(?:year-earlier|year-ago)$", re.IGNORECASE)
# "a year earlier" itself, "the year-ago quarter": comparisons, not the quarter compared
_COMPARISON_WORDS = re.compile(r"year[- ](?:ago|earlier|before)|prior-year", re.IGNORECASE)
_RUN_OF_MONTHS = re.compile(
    r"\b(?:(?:six|nine|\d+|first\s+\w+)\s+months|first\s+half|year\s+to\s+date)\b", re.IGNORECASE
)


def merge_clock_with_day(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Join each clock time with a day named right before or after it."""
    merged: list[TimeExpression] = []
    for expression in expressions:
        previous = merged[-1] if merged else None
        if previous is not None and _joined(text, previous, expression):
            merged[-1] = _clock_on_day(previous, expression)
        else:
            merged.append(expression)
    return merged


def _joined(text: str, first: TimeExpression, second: TimeExpression) -> bool:
    if not _JOINER.fullmatch(text[first.end : second.start]):
        return False
    clock_first = _is_clock(first) and _DAY_VALUE.match(second.value) is not None
    clock_second = _is_clock(second) and _DAY_VALUE.match(first.value) is not None
    return clock_first or clock_second


def _is_clock(expression: TimeExpression) -> bool:
    return expression.type == "TIME" and re.search(r"T\d\d", expression.value) is not None


def _clock_on_day(first: TimeExpression, second: TimeExpression) -> TimeExpression:
    clock, day = (first, second) if _is_clock(first) else (second, first)
    time_part = clock.value[clock.value.index("T") :]
    return TimeExpression(
        start=first.start,
        end=second.end,
        type="TIME",
        value=day.value + time_part,
        resolved=day.resolved,
        relative=day.relative,
    )


def merge_year_into_yearless(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Give a month, day or season named without a year the year named right after it.

    A written-out year joins the expression ("January nineteen ninety-seven" is one); a
    relative one ("October of next year") lends its value but stays an expression of its own.
    """
    merged: list[TimeExpression] = []
    for expression in expressions:
        previous = merged[-1] if merged else None
        if previous is None or not _takes_year(text, previous, expression):
            merged.append(expression)
            continue
        dated = replace(
            previous,
            value=expression.value + previous.value[4:],
            resolved=expression.resolved,
            relative=expression.relative,
        )
        if _WRITTEN_YEAR.search(text[expression.start : expression.end]):
            merged[-1] = replace(dated, end=expression.end)
        else:
            merged[-1:] = [dated, expression]
    return merged


def _takes_year(text: str, first: TimeExpression, second: TimeExpression) -> bool:
    if first.type != "DATE" or second.type != "DATE" or not re.fullmatch(r"\d{4}", second.value):
        return False
    words = text[first.start : first.end]
    return (
        _YEARLESS_VALUE.match(first.value) is not None
        and not re.search(r"\d{4}", words)
        and _MONTH_OR_SEASON.search(words) is not None
        and _YEAR_JOINER.fullmatch(text[first.end : second.start]) is not None
    )


def widen_week_of(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Read "the week of March 6" as the ISO week holding that day."""
    widened = []
    for expression in expressions:
        prefix = _WEEK_OF.search(text, max(0, expression.start - 20), expression.start)
        day = re.match(r"^(\d{4})-(\d\d)-(\d\d)$", expression.value)
        if prefix is not None and day is not None:
            monday = date(int(day[1]), int(day[2]), int(day[3]))
            expression = replace(expression, start=prefix.start(), value=week_value(monday))
        widened.append(expression)
    return widened


def anchor_clocks_on_sentence_day(
    doc: Doc, published: date | None, expressions: list[TimeExpression]
) -> list[TimeExpression]:
    """Put a clock time given on its own on the nearest day its sentence names, if any.

    A clock time is first read on the publication day; a report saying a plane "made its
    first flight Tuesday in Everett at 18:00 UTC" means 18:00 on that Tuesday.
    """
    bare = [e for e in expressions if _is_bare_clock(e, published)]
    days = [e for e in expressions if _DAY_GRAIN.match(e.value) and e not in bare]
    anchored = []
    for expression in expressions:
        if expression in bare:
            day = _nearest_day_in_sentence(doc, expression, days)
            if day is not None:
                clock = expression.value[expression.value.index("T") :]
                expression = replace(expression, value=day.value[:10] + clock, resolved=True)
        anchored.append(expression)
    return anchored


def _is_bare_clock(expression: TimeExpression, published: date | None) -> bool:
    if not _BARE_CLOCK.match(expression.value):
        return False
    return published is None or expression.value.startswith(published.isoformat())


def _nearest_day_in_sentence(
    doc: Doc, expression: TimeExpression, days: list[TimeExpression]
) -> TimeExpression | None:
    sentence = _sentence_of(doc, expression)
    if sentence is None:
        return None
    named = [day for day in days if sentence.start_char <= day.start < sentence.end_char]

    def distance(day: TimeExpression) -> int:
        return min(abs(day.end - expression.start), abs(expression.end - day.start))

    return min(named, key=distance, default=None)


def refine_year_ago(
    doc: Doc,
    text: str,
    published: date | None,
    expressions: list[TimeExpression],
    quarter_reach: int = TimeSettings().quarter_reach,
) -> list[TimeExpression]:
    """Read "a year ago/earlier" as a quarter a year back where the sentence is about a quarter.

    ``text`` is ``doc.text``, read once by the caller.
    """
    if published is None:
        return expressions
    refined = []
    for expression in expressions:
        words = text[expression.start : expression.end]
        if _YEAR_AGO.match(words) or _YEAR_AGO_MODIFIER.match(words):
            sentence = _sentence_of(doc, expression)
            if sentence is not None and _RUN_OF_MONTHS.search(sentence.text):
                expression = replace(expression, value=str(published.year - 1))
            elif sentence is not None and re.fullmatch(r"\d{4}", expression.value):
                expression = _as_quarter_ago(text, sentence, published, expression, expressions, quarter_reach)
        refined.append(expression)
    return refined


def _sentence_of(doc: Doc, expression: TimeExpression) -> Span | None:
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    return None if span is None else span.sent


def _as_quarter_ago(
    text: str,
    bounds: Span,
    published: date,
    expression: TimeExpression,
    expressions: list[TimeExpression],
    reach: int,
) -> TimeExpression:
    in_sentence = [e for e in expressions if bounds.start_char <= e.start < bounds.end_char]
    # The quarter the comparison is about: named in the sentence, else the last one named
    # shortly before (earnings reports name the quarter once, then compare "a year ago").
    earlier = [
        e for e in expressions if expression.start - reach <= e.start < bounds.start_char
    ]
    for other in in_sentence + earlier[::-1]:
        quarter = _QUARTER_VALUE.match(other.value)
        if quarter and _COMPARISON_WORDS.search(text[other.start : other.end]):
            return replace(expression, value=other.value)  # already a year back
        if quarter:
            return replace(expression, value=f"{int(quarter[1]) - 1}-Q{quarter[2]}")
    if re.search(r"\bquarter", bounds.text, re.IGNORECASE):
        return replace(expression, value=last_completed_quarter(published, 1))
    return expression
