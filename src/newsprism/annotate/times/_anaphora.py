"""Anaphoric time expressions: "the following year", "that same day", "the day before".

TimeML anchors these on the time the text is talking about, not on the publication date:
"On May 22, 1995, she was promoted, and the following year she moved" means 1996. The
reference is the last expression before the anaphor that names a calendar time at least as
fine as the anaphor's unit (a day for "the day before", a month or a day for "the following
month"). Without one, the reading anchored on publication stands: a news report that says
"the ferry sank the day before" with no other date in view means the day before publication.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsprism.annotate.times._calendar import (
    Anaphor,
    day_value,
    month_value,
    resolve_weekday,
    shift_month,
    week_value,
)
from newsprism.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?!-?\d)")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_ANY_YEAR = re.compile(r"^(\d{4})")
# Which reference values each unit can hang on, finest first.
_REFERENCE_GRAINS = {
    "D": (_DAY,),
    "W": (_DAY, _WEEK),
    "M": (_DAY, _MONTH),
    "Q": (_DAY, _MONTH, _QUARTER),
    "Y": (_ANY_YEAR,),
    "P": (_DAY, _WEEK, _MONTH, _QUARTER, _ANY_YEAR),
}
# Comparisons with the time being talked about ("a year ago", "year-earlier"): a later "a
# year earlier" compares with that time too, not with the comparison.
_COMPARISON = re.compile(
    r"^(?:a|one)\s+year\s+ago$|\byear[- ](?:earlier|ago|before)\b|\bprior-year\b", re.IGNORECASE
)
# Between "the day before" and the date it counts from: "the day before Friday's vote".
_ADJOINING = re.compile(r"\s+")
_APPOSITION = re.compile(r",\s+")


def resolve_anaphora(
    doc: Doc, text: str, found: list[tuple[TimeExpression, Anaphor | None]]
) -> list[TimeExpression]:
    """Re-read every anaphoric expression against the last fitting time mentioned before it.

    ``found`` pairs each expression (sorted by start) with its anaphor, or None for an
    expression that does not depend on earlier ones. ``text`` is ``doc.text``.
    """
    resolved: list[TimeExpression] = []
    skip_next = False
    for index, (expression, anaphor) in enumerate(found):
        if skip_next:
            skip_next = False
            continue
        following = found[index + 1][0] if index + 1 < len(found) else None
        counted_from = _counted_from(text, expression, anaphor, following)
        if anaphor is not None and counted_from is not None:
            value = _value_from_reference(anaphor, [counted_from]) or counted_from.value
            expression = replace(expression, end=counted_from.end, value=value)
            skip_next = True
        elif anaphor is not None and resolved and _in_apposition(text, resolved[-1], expression):
            # "after Oct. 12, the day before the crash": another name for the date just given
            expression = replace(expression, value=resolved[-1].value[:10], relative="")
        elif anaphor is not None:
            floor = _sentence_start(doc, expression) if anaphor.same_sentence else 0
            earlier = [
                e
                for e in resolved
                if e.start >= floor
                and e.type in ("DATE", "TIME")
                and not _COMPARISON.search(text[e.start : e.end])
            ]
            anaphoric_value = _value_from_reference(anaphor, earlier)
            if anaphoric_value is not None and anaphor.part_of_day:
                anaphoric_value = f"{anaphoric_value[:10]}T{anaphor.part_of_day}"
                if anaphor.offset < 0 and _DAY.match(expression.value) and anaphoric_value[:10] > expression.value[:10]:
                    # A past night ("failed overnight") is not moved past the night before
                    # publication by a day the sentence looks ahead to ("will meet on Friday").
                    anaphoric_value = None
            if anaphoric_value is not None:
                expression = replace(
                    expression, value=anaphoric_value, resolved=True, relative=""
                )
        resolved.append(expression)
    return resolved


def _counted_from(
    text: str, expression: TimeExpression, anaphor: Anaphor | None, following: TimeExpression | None
) -> TimeExpression | None:
    """The date "the day before" counts from when it follows at once ("... last Tuesday")."""
    if anaphor is None or following is None or anaphor.offset == 0 or anaphor.weekday is not None:
        return None
    words = text[expression.start : expression.end].lower()
    gap = text[expression.end : following.start]
    if not words.endswith(("before", "after")) or not _ADJOINING.fullmatch(gap):
        return None
    return following if _DAY.match(following.value) else None


def count_from(value: str, unit: str, offset: int) -> str | None:
    """``value`` moved ``offset`` units (a TIMEX3 unit letter), at the grain the unit keeps.

    "2025-02-12" moved -2 days is "2025-02-10"; moved 1 week, the week holding 19 February.
    None when the value has no grain the unit can count from.
    """
    reference = TimeExpression(start=0, end=0, type="DATE", value=value)
    return _value_from_reference(Anaphor(unit, offset), [reference])


def _in_apposition(text: str, previous: TimeExpression, expression: TimeExpression) -> bool:
    """Whether "the day before ..." re-describes the day named just before it, after a comma."""
    words = text[expression.start : expression.end].lower()
    return (
        _DAY.match(previous.value) is not None
        and words.endswith(("day before", "day after"))
        and _APPOSITION.fullmatch(text[previous.end : expression.start]) is not None
    )


def _sentence_start(doc: Doc, expression: TimeExpression) -> int:
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    return span.sent.start_char if span is not None else expression.start


def _value_from_reference(anaphor: Anaphor, earlier: list[TimeExpression]) -> str | None:
    """The anaphor's value counted from the latest fitting expression in ``earlier``."""
    grains = _REFERENCE_GRAINS.get(anaphor.unit, ())
    for expression in reversed(earlier):
        for grain in grains:
            match = grain.match(expression.value)
            if match:
                return _shifted(anaphor, grain, match)
    return None


def _shifted(anaphor: Anaphor, grain: re.Pattern[str], match: re.Match[str]) -> str:
    value = _counted(anaphor, grain, match)
    return _years_earlier(value, anaphor.years_back) if anaphor.years_back else value


def _years_earlier(value: str, years: int) -> str:
    """``value`` with its year moved ``years`` back (29 February becomes the 28th)."""
    year = int(value[:4]) - years
    rest = value[4:]
    if rest.startswith("-02-29") and not _is_leap(year):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _counted(anaphor: Anaphor, grain: re.Pattern[str], match: re.Match[str]) -> str:
    unit, offset = anaphor.unit, anaphor.offset
    if unit == "P":
        return match[0]
    if grain is _ANY_YEAR:
        return str(int(match[1]) + offset)
    if grain is _DAY:
        return _from_day(anaphor, date(int(match[1]), int(match[2]), int(match[3])))
    if grain is _WEEK:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return week_value(monday + timedelta(weeks=offset))
    if grain is _QUARTER:
        year, month = shift_month(int(match[1]), 3 * int(match[2]) - 2, 3 * offset)
        return f"{year}-Q{(month - 1) // 3 + 1}"
    year, month = shift_month(int(match[1]), int(match[2]), offset * (3 if unit == "Q" else 1))
    return month_value(year, month) if unit == "M" else f"{year}-Q{(month - 1) // 3 + 1}"


def _from_day(anaphor: Anaphor, day: date) -> str:
    unit, offset = anaphor.unit, anaphor.offset
    if anaphor.weekday is not None:
        shift = "next" if offset > 0 else "last" if offset < 0 else ""
        return day_value(resolve_weekday(day, anaphor.weekday, "none", shift))
    if unit == "D":
        return day_value(day + timedelta(days=offset))
    if unit == "W":
        return week_value(day + timedelta(weeks=offset))
    year, month = shift_month(day.year, day.month, offset * (3 if unit == "Q" else 1))
    return month_value(year, month) if unit == "M" else f"{year}-Q{(month - 1) // 3 + 1}"
