"""Rules for expressions anchored on the publication date: "yesterday", "last week", "Tuesday"."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsprism.annotate.times import _lexicon as lex
from newsprism.annotate.times._calendar import (
    Anaphor,
    Reading,
    day_value,
    month_value,
    resolve_month_year,
    resolve_weekday,
    shift_by_unit,
    week_value,
    weekday_relative,
)
from newsprism.annotate.times._rules import (
    Rule,
    RuleContext,
    rule,
    sign_of_direction,
    unanchored,
)
from newsprism.annotate.times._spans import duration_value
from newsprism.model import TimeType

_DEICTIC_DAY = (
    r"(?:(?:mid-?)?(?P<prepart>morning|afternoon|evening)\s+(?=yesterday|today|tomorrow))?"
    r"(?:(?P<mod>early|late|earlier|later)\s+)?"
    r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)
_PART_OF_TODAY = (
    r"(?P<word>this|last|yesterday|tomorrow)\s+(?P<part>morning|afternoon|evening|night)"
)
_OVERNIGHT = r"overnight"
_WEEKDAY = (
    rf"(?:(?P<shift>last|next|this(?:\s+coming)?|coming|upcoming|past|(?:the\s+)?previous|the\s+following)\s+)?(?P<wd>{lex.WEEKDAY_FULL})"
    rf"(?:\s+(?P<part>{lex.PART_OF_DAY}))?"
)
_PART_OF_WEEKDAY = (
    rf"(?:the\s+)?(?P<part>early\s+hours|small\s+hours|{lex.PART_OF_DAY})\s+of\s+"
    rf"(?P<wd>{lex.WEEKDAY})(?:,?\s+(?P<mon>{lex.MONTH})\s+(?P<day>{lex.DAY_OF_MONTH})"
    rf"(?:,?\s+(?P<year>{lex.YEAR}))?(?!\d))?(?:\s*\((?:[A-Z]{{2,3}}|local)\s+time\))?"
)
_SHIFTED_UNIT = (
    r"(?P<the>the\s+)?(?:(?P<mod>earlier|later|early|late)\s+)?"
    r"(?P<shift>last|next|this|past|previous|coming|current|following|same)\s+"
    r"(?:(?:fiscal|calendar|financial)\s+)?"
    r"(?P<unit>week(?:end)?|month|year|quarter|decade|century|fortnight)"
)
_SHIFTED_MONTH = rf"(?P<shift>last|next|this|past|coming)\s+(?P<mon>{lex.MONTH_FULL})"
_AGO = (
    r"(?:(?:about|nearly|almost|some|more\s+than|less\s+than|over|roughly|around|just|only)\s+)?"
    rf"(?P<num>{lex.NUMBER})\s+(?P<unit>{lex.UNIT})\s+(?:or\s+so\s+)?"
    r"(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)(?=\s*[.,;:)]|\s*$))"
)
_NEIGHBOUR_DAY = (
    r"(?:the|that)\s+(?:(?P<side>previous|next|following|same)\s+(?P<unit>day|week|month|year)"
    r"|(?P<unit2>day|week|month|year)\s+(?P<side2>before|after|earlier|previous)(?!\s+\w+ing\b|\s+last(?!\s+(?:\w+day|week|month|year)\b)))"
    r"|(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit3>day|week|month|year)"
)
_SAME_PERIOD_BACK = (
    r"the\s+same\s+(?P<unit>day|week|month|quarter|period|time)\s+(?:of\s+)?"
    r"(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+(?:previous|last|prior)\s+year)"
)
_THE_WEEKEND = r"the\s+weekend"
# "for the day", "later in the day", "ending the day": the day being reported, read as the
# publication day (market reports close on the day they describe).
_THE_DAY = r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bduring\s)|(?<=\bend\s)|(?<=\bending\s)|(?<=\bended\s)|(?<=\bfinish\s)|(?<=\bfinished\s)|(?<=\bclose\s)|(?<=\bclosed\s)|(?<=\bstart\s)|(?<=\bstarted\s))the\s+day(?!\s+(?:(?:before|after)(?!\s+\w+ing\b)|of|that|when|earlier|later|ahead|he|she|they|it|we))"

_PART_CODES = lex.PART_OF_DAY_CODES
_CLOCK_UNITS = ("hour", "minute", "second")


def _read_deictic_day(match: re.Match[str], context: RuleContext) -> Reading | None:
    if context.inside_proper_name(look_ahead=False):
        return None  # "USA Today", "Russia Today"
    word = re.sub(r"\s+", " ", match["word"].lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]  # fmt: skip
    part = "night" if word == "tonight" else (match["part"] or match["prepart"] or "").lower()
    published = context.published
    if published is None:
        relative = {0: "publication day", -1: "day before publication", 1: "day after publication"}
        return unanchored("TIME" if part else "DATE", "XXXX-XX-XX", relative.get(offset, word))
    value = day_value(published + timedelta(days=offset))
    if part:
        return Reading("TIME", f"{value}T{_PART_CODES[part]}")
    return Reading("DATE", value)


def _read_part_of_today(match: re.Match[str], context: RuleContext) -> Reading | None:
    word, part = match["word"].lower(), match["part"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[word]
    if word == "this" and part == "night":
        offset = 0
    if context.published is None:
        return unanchored("TIME", f"XXXX-XX-XXT{_PART_CODES[part]}", f"{word} {part}")
    day = context.published + timedelta(days=offset)
    return Reading("TIME", f"{day_value(day)}T{_PART_CODES[part]}")


def _read_overnight(match: re.Match[str], context: RuleContext) -> Reading | None:
    # "overnight" in a past-tense report is the night just before publication; otherwise the
    # coming night. The value names the evening the night starts on, as TIMEX3 does ("TNI").
    # A day named before ("shares closed lower Friday after overnight losses in New York")
    # moves it: the night before that day.
    offset = -1 if context.direction in ("past", "none") else 0
    anaphor = Anaphor("D", offset, part_of_day="NI")
    if context.published is None:
        relative = "night before publication" if offset else "night of publication"
        return replace(unanchored("TIME", "XXXX-XX-XXTNI", relative), anaphor=anaphor)
    value = f"{day_value(context.published + timedelta(days=offset))}TNI"
    return Reading("TIME", value, anaphor=anaphor)


def _weekday_reading(context: RuleContext, weekday: int, shift: str, part: str) -> Reading:
    code = _PART_CODES.get(part.split()[-1], "") if part else ""
    if part.startswith(("early", "small")):
        code = "MO"
    kind: TimeType = "TIME" if code else "DATE"
    direction = context.direction
    if direction != "future" and re.match(r"['’]s\b", context.after(3)):
        direction = "past"  # "follows Tuesday's declaration": a possessive day names an event
    if context.published is None:
        suffix = f"T{code}" if code else ""
        relative = weekday_relative(weekday, direction, shift)
        return unanchored(kind, f"XXXX-WXX-{weekday + 1}{suffix}", relative)
    day = resolve_weekday(context.published, weekday, direction, shift)
    return Reading(kind, day_value(day) + (f"T{code}" if code else ""))


def _read_weekday(match: re.Match[str], context: RuleContext) -> Reading | None:
    shift = (match["shift"] or "").lower().split()[-1:]  # "the following" -> "following"
    shift = {"upcoming": "coming"}.get(shift[0], shift[0]) if shift else ""
    part = (match["part"] or "").lower()
    weekday = lex.weekday_number(match["wd"])
    reading = _weekday_reading(context, weekday, shift, part)
    if shift in ("following", "previous") and not part:
        # "the following Monday": the Monday after the day the text is talking about
        step = 1 if shift == "following" else -1
        reading = replace(reading, anaphor=Anaphor("D", step, weekday=weekday))
    return reading


def _read_part_of_weekday(match: re.Match[str], context: RuleContext) -> Reading | None:
    part = re.sub(r"\s+", " ", match["part"].lower())
    reading = _weekday_reading(context, lex.weekday_number(match["wd"]), "", part)
    if not match["mon"]:
        return reading
    # "the night of Friday, Oct. 23": the date named decides the day
    month, day = lex.month_number(match["mon"]), int(re.sub(r"\D", "", match["day"]))
    if match["year"]:
        year = int(match["year"])
    elif context.published is not None:
        year = resolve_month_year(context.published, month, day, context.direction, context.settings.tense_tolerance_days)
    else:
        return reading
    try:
        named = date(year, month, day)
    except ValueError:
        return reading
    return Reading(reading.type, day_value(named) + reading.value[reading.value.index("T") :])


def _read_shifted_unit(match: re.Match[str], context: RuleContext) -> Reading | None:
    shift, unit = match["shift"].lower(), match["unit"].lower()
    code = lex.unit_code(unit)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}
    offset = step.get(shift, 0)
    if context.published is None:
        words = {-1: "previous", 0: "this", 1: "next"}[offset]
        return unanchored("DATE", _unanchored_unit_value(code), f"{words} {unit}")
    if unit == "fortnight":
        code, offset = "W", 2 * offset
    value = shift_by_unit(context.published, code, offset)
    if match["the"] and shift in ("last", "past") and unit == "week" and not match["mod"]:
        # "the past week" is the seven days up to publication: the calendar week holding
        # most of them, the one of the day three days before
        value = week_value(context.published - timedelta(days=3))
    reading = Reading("DATE", value + "-WE" if code == "WE" else value)
    if shift in ("following", "previous", "same") and code in ("W", "M", "Q", "Y"):
        # "the following year" counts from the year the text is talking about
        shift_sign = {"following": 1, "previous": -1}.get(shift, 0)
        reading = replace(reading, anaphor=Anaphor(code, shift_sign))
    return reading


def _unanchored_unit_value(code: str) -> str:
    values = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}
    return values.get(code, "XXXX")


def _read_shifted_month(match: re.Match[str], context: RuleContext) -> Reading | None:
    shift, month = match["shift"].lower(), lex.month_number(match["mon"])
    if context.published is None:
        return unanchored("DATE", f"XXXX-{month:02d}", f"{shift} {match['mon']}")
    year = context.published.year
    if shift in ("last", "past") and month >= context.published.month:
        year -= 1
    elif shift in ("next", "coming") and month <= context.published.month:
        year += 1
    return Reading("DATE", month_value(year, month))


def _read_ago(match: re.Match[str], context: RuleContext) -> Reading | None:
    count = lex.parse_number(match["num"])
    unit = lex.unit_code(match["unit"])
    backwards = match["dir"].lower() in ("ago", "earlier", "before")
    if count is None:
        return Reading("DATE", "PAST_REF" if backwards else "FUTURE_REF")
    steps = int(count) if count >= 1 else 0
    if unit in ("DE", "CE"):  # "a decade ago" is ten years back: a year, not the 1980s
        unit, steps = "Y", steps * (10 if unit == "DE" else 100)
    if unit == "W" and count >= 1:  # "two weeks ago" is a day, as TimeBank and MEANTIME read it
        unit, steps = "D", 7 * steps
    anchored = match["dir"].lower() not in ("ago", "from now", "hence")
    if anchored and match["unit"].lower().startswith(_CLOCK_UNITS):
        # "an hour later": the day does not change and the hour is not known; the length is
        return Reading("DURATION", duration_value(count, match["unit"]))
    # "three days later", "a year earlier" count from the date the text is talking about
    # (resolved in times_anaphora); "two days ago" from publication
    anaphor = Anaphor(unit, -steps if backwards else steps) if anchored else None
    if context.published is None:
        origin = "the date named before" if anchored else "publication"
        words = f"{match['num']} {match['unit']} {'before' if backwards else 'after'} {origin}"
        return replace(unanchored("DATE", _unanchored_unit_value(unit), words), anaphor=anaphor)
    value = shift_by_unit(context.published, unit, -steps if backwards else steps)
    return Reading("DATE", value, anaphor=anaphor)


def _read_neighbour(match: re.Match[str], context: RuleContext) -> Reading | None:
    side = (match["side"] or match["side2"] or "same").lower()
    unit = lex.unit_code(match["unit"] or match["unit2"] or match["unit3"])
    offset = {"previous": -1, "before": -1, "earlier": -1, "same": 0}.get(side, 1)
    anaphor = Anaphor(unit, offset)
    if context.published is None:
        reading = unanchored("DATE", _unanchored_unit_value(unit), f"{side} {unit.lower()}")
        return replace(reading, anaphor=anaphor)
    return Reading("DATE", shift_by_unit(context.published, unit, offset), anaphor=anaphor)


def _read_same_period_back(match: re.Match[str], context: RuleContext) -> Reading | None:
    # "sales fell in January compared with the same month a year ago": the period just
    # named, a year earlier
    word = match["unit"].lower()
    unit = "P" if word in ("period", "time") else lex.unit_code(word)
    anaphor = Anaphor(unit, 0, years_back=1)
    if context.published is None:
        return replace(unanchored("DATE", "XXXX", f"same {word} a year before"), anaphor=anaphor)
    fallback = shift_by_unit(context.published, "Y" if unit == "P" else unit, 0)
    return Reading("DATE", str(int(fallback[:4]) - 1) + fallback[4:], anaphor=anaphor)


def _read_the_weekend(match: re.Match[str], context: RuleContext) -> Reading | None:
    published = context.published
    if published is None:
        return unanchored("DATE", "XXXX-WXX-WE", "weekend nearest publication")
    if published.weekday() >= 5:
        return Reading("DATE", week_value(published) + "-WE")
    offset = sign_of_direction(context.direction) if context.direction != "none" else -1
    return Reading("DATE", week_value(published + timedelta(weeks=min(0, offset))) + "-WE")


def _read_the_day(match: re.Match[str], context: RuleContext) -> Reading | None:
    # "ending the day at 8,017": the day the report is about, which is the last day it
    # named, else publication day
    anaphor = Anaphor("D", 0)
    if context.published is None:
        return replace(unanchored("DATE", "XXXX-XX-XX", "publication day"), anaphor=anaphor)
    return Reading("DATE", day_value(context.published), anaphor=anaphor)


RELATIVE_RULES: tuple[Rule, ...] = (
    rule("deictic-day", _DEICTIC_DAY, _read_deictic_day),
    rule("part-of-today", _PART_OF_TODAY, _read_part_of_today),
    rule("overnight", _OVERNIGHT, _read_overnight),
    rule("weekday", _WEEKDAY, _read_weekday),
    rule("part-of-weekday", _PART_OF_WEEKDAY, _read_part_of_weekday),
    rule("shifted-unit", _SHIFTED_UNIT, _read_shifted_unit),
    rule("shifted-month", _SHIFTED_MONTH, _read_shifted_month),
    rule("ago", _AGO, _read_ago),
    rule("neighbour", _NEIGHBOUR_DAY, _read_neighbour),
    rule("same-period-back", _SAME_PERIOD_BACK, _read_same_period_back),
    rule("the-weekend", _THE_WEEKEND, _read_the_weekend),
    rule("the-day", _THE_DAY, _read_the_day),
)
