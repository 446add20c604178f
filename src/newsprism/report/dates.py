"""How a TIMEX3 date value reads in a report, and whether it was resolved at all.

The raw value always stays visible (a reader can check it against the JSON); a gloss in
brackets says what it means: "2025-03-03TAF (Mon 3 Mar, afternoon)", "2025-W09 (week of
Mon 24 Feb)". A value that is not a calendar date (no publication date anchored it) is
marked "(relative, unresolved)".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Spelled out rather than taken from strftime, which follows the process locale.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(MO|MI|AF|EV|NI|\d{2}:\d{2}(?::\d{2})?))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|[1-7]))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_OTHER_RESOLVED = re.compile(r"^\d{4}(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?$")


def is_resolved_date(value: str) -> bool:
    """True for a TIMEX3 calendar value: a day (with a time or part of day), week, month,
    quarter, half, season or year that exists. False for relative forms ("XXXX-WXX-3"),
    durations, "PRESENT_REF" and anything unreadable."""
    if _DAY.match(value) or _WEEK.match(value) or _MONTH.match(value):
        return _gloss(value) is not None
    return bool(_OTHER_RESOLVED.match(value))


def describe_date(value: str) -> str:
    """The value with what it means in brackets, or "(relative, unresolved)" after it."""
    if not is_resolved_date(value):
        return f"{value} (relative, unresolved)"
    gloss = _gloss(value)
    return f"{value} ({gloss})" if gloss else value


def _gloss(value: str) -> str | None:
    """ "Mon 3 Mar, afternoon", "week of Mon 24 Feb", "March 2025"; None for other values
    and for impossible calendar dates."""
    try:
        if day := _DAY.match(value):
            moment = date(int(day[1]), int(day[2]), int(day[3]))
            part = day[4]
            when = _PARTS_OF_DAY.get(part, part) if part else None
            return f"{_day_name(moment)}, {when}" if when else _day_name(moment)
        if week := _WEEK.match(value):
            return _week_gloss(int(week[1]), int(week[2]), week[3])
        if month := _MONTH.match(value):
            date(int(month[1]), int(month[2]), 1)  # raises for a month that does not exist
            return f"{_MONTHS[int(month[2]) - 1]} {month[1]}"
    except ValueError:
        return None
    if season := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value):
        return f"{_SEASONS[season[2]]} {season[1]}"
    return None


def _week_gloss(year: int, week: int, day: str | None) -> str:
    monday = date.fromisocalendar(year, week, 1)
    if day == "WE":
        return f"weekend of {_day_name(monday + timedelta(days=5))}"
    if day:
        return _day_name(monday + timedelta(days=int(day) - 1))
    return f"week of {_day_name(monday)}"


def _day_name(moment: date) -> str:
    return f"{_WEEKDAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"
