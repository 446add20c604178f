"""Readings that depend on neighbouring expressions rather than on one match alone.

- A clock time next to a day ("3pm on Tuesday", "noon Thursday", "10:30 GMT, March 4") is
  one expression: the day's date with the clock time.
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

from newsprism.annotate.times_periods import last_completed_quarter
from newsprism.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_JOINER = re.compile(r"\s*(?:,\s*)?(?:on|at|of)?\s*", re.IGNORECASE)
_DAY_VALUE = re.compile(r"^(?:\d{4}-\d\d-\d\d|XXXX-WXX-\d|XXXX-\d\d-\d\d)$")
_CLOCK_VALUE = re.compile(r"T(?:\d\d(?::\d\d)?Z?|MO|AF|EV|NI)$")
_YEAR_AGO = re.compile(r"^(?:a|one)\s+year\s+(?:ago|earlier|before)$", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_QUARTER_REACH = 1500  # characters back to look for the quarter a comparison refers to
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


def refine_year_ago(
    doc: Doc, text: str, published: date | None, expressions: list[TimeExpression]
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
                expression = _as_quarter_ago(text, sentence, published, expression, expressions)
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
) -> TimeExpression:
    in_sentence = [e for e in expressions if bounds.start_char <= e.start < bounds.end_char]
    # The quarter the comparison is about: named in the sentence, else the last one named
    # shortly before (earnings reports name the quarter once, then compare "a year ago").
    earlier = [
        e for e in expressions if expression.start - _QUARTER_REACH <= e.start < bounds.start_char
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
