"""Calendar arithmetic for time expressions: anchoring against a publication date.

``Direction`` is which way a relative expression points, read from the tense of the verb
that governs it: "past" (met last Thursday), "future" (will fly on Wednesday), "present"
(flies on Wednesday) or "none" when no verb says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from newsprism.model import TimeType
from newsprism.settings import TimeSettings

Direction = Literal["past", "future", "present", "none"]

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Anaphor:
    """How an expression hangs on the time the text last spoke of, not on publication.

    "the following year" is ``Anaphor("Y", 1)``, "that same day" ``Anaphor("D", 0)``, "the
    previous Friday" ``Anaphor("D", -1, weekday=4)``. ``same_sentence`` limits the search for
    that time to the expression's own sentence ("a loss for the entire year"). ``years_back``
    moves the result further back ("the same month a year ago" is ``Anaphor("M", 0, 1)``);
    the unit "P" ("the same period") takes the reference at whatever grain it has.
    """

    unit: str
    offset: int
    years_back: int = 0
    weekday: int | None = None
    same_sentence: bool = False
    part_of_day: str = ""
    """A TIMEX3 part of day put after the day found ("NI": "overnight" is the night before)."""


@dataclass(frozen=True)
class Reading:
    """What a matched expression means: a TIMEX3 type and value, and whether it is anchored.

    ``anaphor``, when set, says the value is to be re-read against the last time mentioned
    before it; the value given is the fallback, anchored on publication.
    """

    type: TimeType
    value: str
    resolved: bool = True
    relative: str = ""
    anaphor: Anaphor | None = None


def day_value(day: date) -> str:
    """TIMEX3 value of a calendar day ("2025-03-04")."""
    return day.isoformat()


def week_value(day: date) -> str:
    """TIMEX3 value of the ISO week holding ``day`` ("2025-W09")."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    """TIMEX3 value of a month ("2025-03")."""
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` months after (negative: before) the given one."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    """Quarter (1-4) of the year holding ``day``."""
    return (day.month - 1) // 3 + 1


def resolve_weekday(published: date, weekday: int, direction: Direction, shift: str) -> date:
    """The day meant by a weekday name said on ``published``.

    ``shift`` is the word before it ("last", "next", "this", "coming" or ""). The publication
    weekday itself means the publication day unless "last"/"next" moves it a week. Otherwise
    the tense chooses: past tense the weekday just gone, future or present tense the coming
    one, no telling tense the nearer of the two.
    """
    delta = (weekday - published.weekday()) % 7
    if shift in ("next", "coming", "following"):
        return published + timedelta(days=delta or 7)
    if shift in ("last", "past", "previous"):
        return published - timedelta(days=(7 - delta) % 7 or 7)
    if delta == 0:
        return published
    if direction in ("future", "present") or (shift == "this" and direction != "past"):
        # a weekday in the simple present is a timetable: "the ban takes effect on Saturday"
        return published + timedelta(days=delta)
    if direction == "past":
        return published - timedelta(days=7 - delta)
    # no telling tense ("Storm warning for Wednesday", "could be cancelled on Friday"): the
    # nearest such day, three days either way at most
    return published + timedelta(days=delta) if delta <= 3 else published - timedelta(days=7 - delta)


def weekday_relative(weekday: int, direction: Direction, shift: str) -> str:
    """Words for an unanchored weekday ("previous Tuesday", "next Wednesday")."""
    name = _WEEKDAY_NAMES[weekday]
    if shift in ("next", "coming", "following") or (shift != "last" and direction == "future"):
        return f"next {name}"
    if shift in ("last", "past", "previous") or direction == "past":
        return f"previous {name}"
    return name


def resolve_month_year(
    published: date,
    month: int,
    day: int | None,
    direction: Direction,
    tolerance_days: int = TimeSettings().tense_tolerance_days,
) -> int:
    """The year of a month (and day) named without one, e.g. "in March", "on March 4".

    A month alone follows the tense: looking ahead it is this year's unless that one has
    gone ("will vote in February" said in March is next February), looking back this
    year's unless it is still to come ("began in April" said in March is last April); with
    no telling tense it is the nearest. A day of a month is the nearest such date to
    publication unless the tense contradicts it by more than ``tolerance_days`` (a
    past-tense "Nov. 17" said on Oct. 27 is a plan reported in the past, kept this year).
    """
    candidates = [
        _safe_date(year, month, day or 15) for year in range(published.year - 1, published.year + 2)
    ]
    if day is None and direction == "future":
        return published.year + (month < published.month)  # "will vote in February"
    if day is None and direction == "past":
        return published.year - (month > published.month)  # "began in April"
    nearest = min(candidates, key=lambda d: abs((d - published).days))
    tolerance = timedelta(days=tolerance_days if day else tolerance_days + 15)
    if direction == "past" and nearest > published + tolerance:
        return max(d for d in candidates if d <= published + tolerance).year
    if direction == "future" and nearest < published - tolerance:
        return min(d for d in candidates if d >= published - tolerance).year
    return nearest.year


def _safe_date(year: int, month: int, day: int) -> date:
    """``date(year, month, day)`` with the day clipped to the month's length."""
    for candidate in (day, 30, 29, 28):
        try:
            return date(year, month, min(day, candidate))
        except ValueError:
            continue
    raise ValueError(f"no day {day} in {year}-{month}")


def shift_by_unit(published: date, unit: str, count: int) -> str:
    """TIMEX3 value of the period ``count`` units after ``published`` at that unit's grain.

    "two days ago" is ``shift_by_unit(d, "D", -2)``: a day; weeks give ISO weeks, months
    months, quarters quarters and years years.
    """
    if unit == "D":
        return day_value(published + timedelta(days=count))
    if unit in ("W", "WE"):
        return week_value(published + timedelta(weeks=count))
    if unit == "M":
        return month_value(*shift_month(published.year, published.month, count))
    if unit == "Q":
        year, month = shift_month(published.year, published.month, 3 * count)
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "DE":
        return str((published.year + 10 * count) // 10)
    if unit == "CE":
        return str((published.year + 100 * count) // 100)
    if unit in ("H", "MIN", "S"):
        return day_value(published)
    return str(published.year + count)
