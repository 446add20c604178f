"""Rules for calendar expressions: dates, months, years, decades, quarters, seasons, clock times."""

from __future__ import annotations

import re
from datetime import date

from newsprism.annotate.times import _lexicon as lex
from newsprism.annotate.times._calendar import (
    Direction,
    Reading,
    month_value,
    quarter_of,
    resolve_month_year,
    shift_month,
)
from newsprism.annotate.times._rules import Rule, RuleContext, rule, unanchored

_MONTH_DAY = rf"(?:(?P<wd>{lex.WEEKDAY}),?\s+)?(?P<mon>{lex.MONTH})\s+(?P<day>{lex.DAY_OF_MONTH})(?!\d|:\d)(?:,?\s+(?P<year>{lex.YEAR}))?(?!\d)"
_DAY_MONTH = rf"(?:(?P<wd>{lex.WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{lex.DAY_OF_MONTH})(?:\s+of)?\s+(?P<mon>{lex.MONTH})(?:,?\s+(?P<year>{lex.YEAR}))?(?!\d)"
_ISO_DATE = rf"(?P<year>{lex.YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)"
_SLASH_DATE = r"(?P<mon>[0-3]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)"
_ORDINAL_DAY = r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s))the\s+(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?!\s+(?:of|century|anniversary|floor|day|time|round|hole|minute|inning|place|amendment|district|division|fleet|army|street|avenue))"
_MONTH_YEAR = rf"(?P<mon>{lex.MONTH})(?:,|\s+of)?\s+(?P<year>{lex.YEAR})(?!\d)"
_BARE_MONTH = rf"(?P<mon>{lex.MONTH_FULL}|(?-i:(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.))"
_YEAR = rf"(?:(?:fiscal|calendar|financial|model)(?:\s+year)?\s+)?(?P<year>{lex.YEAR})|['’](?P<short>[0-9]\d)"
_DECADE = r"(?:the\s+)?(?:(?P<century>1[6-9]|20)(?P<decade>\d)0|['’]?(?P<short>[2-9])0)['’]?s"
_CENTURY = rf"(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{lex.ORDINAL}|(?:eleven|twelf|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twentie|twenty-fir)[a-z]*)\s+century"
_QUARTER = (
    rf"(?:(?:the|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?(?:(?P<ago>year-earlier|year-ago|prior-year)\s+)?"
    rf"(?:(?P<year1>{lex.YEAR})\s+)?"
    rf"(?:fiscal\s+)?(?P<ord>{lex.ORDINAL})\s+(?:fiscal\s+)?quarter"
    rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year2>{lex.YEAR})|(?P<which>this|last|next)\s+year))?"
)
_QUARTER_ADJECTIVE = rf"(?:(?P<year1>{lex.YEAR})\s+)?(?:fiscal\s+)?(?P<ord>{lex.ORDINAL})-quarter"
_HALF = (
    rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+(?:half|two\s+quarters(?=\s+of\s+\d))"
    rf"(?:\s+of\s+(?:(?P<year>{lex.YEAR})|(?:the|this)\s+year))?"
)
_SEASON = rf"(?:(?P<shift>last|next|this\s+past|this|past|coming|early|late)\s+)?(?P<season>{lex.SEASON})(?:\s+(?:of\s+)?(?P<year>{lex.YEAR}))?"
_ZONE = r"(?:UTC|GMT|BST|CET|EST|EDT|CST|PST|ET|PT|local time|Z)"
_CLOCK_AMPM = rf"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m)(?:\s+(?P<zone>{_ZONE}))?"
_CLOCK_24 = rf"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s*(?P<zone>{_ZONE}))?"
_CLOCK_MILITARY = rf"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?P<zone>{_ZONE})"
_NOON = r"(?P<word>noon|midnight|midday)"

_SEASON_LAST_MONTH = {"WI": 2, "SP": 5, "SU": 8, "FA": 11}
_MAY_MARCH_CUES = re.compile(
    r"(?:\b(?:in|since|by|until|till|last|next|this|early|late|mid|of|during|from|through|"
    r"to|before|after|end|beginning|start|middle|on)\s+|mid-)$",
    re.IGNORECASE,
)


def _century_of_two_digits(short: int) -> int:
    """A two-digit year: 00-30 are this century's, the rest the last's."""
    return 2000 + short if short <= 30 else 1900 + short


def _read_day(match: re.Match[str], context: RuleContext) -> Reading | None:
    month = lex.month_number(match["mon"]) if not match["mon"].isdigit() else int(match["mon"])
    day = int(re.sub(r"\D", "", match["day"]))
    if month > 12 and day <= 12:
        month, day = day, month  # "25/03/2025": day first, as in British usage
    year_text = match["year"]
    if year_text:
        year = int(year_text) if len(year_text) == 4 else _century_of_two_digits(int(year_text))
    elif context.published is not None:
        year = resolve_month_year(context.published, month, day, context.direction, context.settings.tense_tolerance_days)
    else:
        return unanchored("DATE", f"XXXX-{month:02d}-{day:02d}", "year not stated")
    try:
        return Reading("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _read_ordinal_day(match: re.Match[str], context: RuleContext) -> Reading | None:
    day = int(re.sub(r"\D", "", match["day"]))
    published = context.published
    if published is None:
        return unanchored("DATE", f"XXXX-XX-{day:02d}", f"day {day} of the publication month")
    offset = 0
    if context.direction == "past" and day > published.day:
        offset = -1
    elif context.direction in ("future", "present") and day < published.day:
        offset = 1
    year, month = shift_month(published.year, published.month, offset)
    try:
        return Reading("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _read_month_year(match: re.Match[str], context: RuleContext) -> Reading | None:
    return Reading("DATE", month_value(int(match["year"]), lex.month_number(match["mon"])))


def _read_bare_month(match: re.Match[str], context: RuleContext) -> Reading | None:
    word = match["mon"]
    if word.lower() in ("may", "march") and not _MAY_MARCH_CUES.search(context.before()):
        return None
    month = lex.month_number(word)
    if context.published is None:
        return unanchored("DATE", f"XXXX-{month:02d}", "year not stated")
    year = resolve_month_year(context.published, month, None, context.direction, context.settings.tense_tolerance_days)
    return Reading("DATE", month_value(year, month))


def _read_year(match: re.Match[str], context: RuleContext) -> Reading | None:
    if match["short"]:
        return Reading("DATE", str(_century_of_two_digits(int(match["short"]))))
    before, after = context.before(2), context.after(12)
    if re.search(r"[$£€#]\s*$|\d[.,]?$", before) or re.match(r"\s*(?:%|per\s*cent|,\d)", after):
        return None
    if re.match(r"\s+(?:people|troops|workers|jobs|votes|feet|metres|meters|miles|km)\b", after):
        return None
    return _unless_tally(match["year"], before=context.before(12), after=after)


def _unless_tally(year: str, before: str, after: str) -> Reading | None:
    """A year unless it is one side of a tally ("passed 2019 to 1870"): ranges run forward."""
    following = re.match(r"\s*(?:to|-|–)\s*(\d{4})\b", after)
    preceding = re.search(r"\b(\d{4})\s*(?:to|-|–)\s*$", before)
    if (following and int(following[1]) < int(year)) or (preceding and int(preceding[1]) > int(year)):
        return None
    return Reading("DATE", year)


def _read_decade(match: re.Match[str], context: RuleContext) -> Reading | None:
    if match["short"]:
        return Reading("DATE", f"19{match['short']}")
    return Reading("DATE", f"{match['century']}{match['decade']}")


def _read_century(match: re.Match[str], context: RuleContext) -> Reading | None:
    digits = re.match(r"\d+", match["ord"])
    if digits:
        number = int(digits.group())
    else:
        ordinal = match["ord"].lower()
        number = (
            21 if ordinal.startswith("twenty-fir") else 20 if ordinal.startswith("twentie") else 0
        )
        if not number:
            return None
    return Reading("DATE", f"{number - 1:02d}")


def _read_quarter(match: re.Match[str], context: RuleContext) -> Reading | None:
    quarter = lex.parse_ordinal(match["ord"])
    quarter = 4 if quarter == -1 else quarter
    if not 1 <= quarter <= 4:
        return None
    year_text = match["year1"] or match.groupdict().get("year2")
    if year_text:
        return Reading("DATE", f"{year_text}-Q{quarter}")
    if context.published is None:
        return unanchored("DATE", f"XXXX-Q{quarter}", "year not stated")
    year = context.published.year
    lead = match.group(0).lower()
    which = match.groupdict().get("which")
    if which == "last" or lead.startswith("last year") or match.groupdict().get("ago"):
        year -= 1
    elif which == "next" or lead.startswith("next year"):
        year += 1
    elif quarter > quarter_of(context.published) and context.direction == "past":
        year -= 1
    return Reading("DATE", f"{year}-Q{quarter}")


def _read_half(match: re.Match[str], context: RuleContext) -> Reading | None:
    half = 1 if match["ord"].lower() == "first" else 2
    if match["year"]:
        return Reading("DATE", f"{match['year']}-H{half}")
    if context.published is None:
        return unanchored("DATE", f"XXXX-H{half}", "year not stated")
    return Reading("DATE", f"{context.published.year}-H{half}")


def _read_season(match: re.Match[str], context: RuleContext) -> Reading | None:
    code = lex.SEASON_CODES[match["season"].lower()]
    shift = (match["shift"] or "").lower()
    if match["year"]:
        return Reading("DATE", f"{match['year']}-{code}")
    if not shift and not re.search(
        r"\b(?:the|in|during|since|by|until|over|this)\s+$", context.before()
    ):
        return None
    if context.published is None:
        return unanchored("DATE", f"XXXX-{code}", f"{shift or 'this'} {match['season'].lower()}")
    if shift.startswith("this") and shift.endswith("past"):
        # "this past spring": the latest one that has ended
        ended = context.published.month > _SEASON_LAST_MONTH[code]
        return Reading("DATE", f"{context.published.year - (0 if ended else 1)}-{code}")
    if not shift:
        return Reading("DATE", f"{season_year(context.published, code, context.direction)}-{code}")
    offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(shift, 0)
    return Reading("DATE", f"{context.published.year + offset}-{code}")


def season_year(published: date, code: str, direction: Direction) -> int:
    """The year of a season named without one ("in the autumn"), read by the tense.

    Looking ahead: the season under way or the next one ("will run in the autumn"); looking
    back: the one under way or the last ("collapsed in the autumn" said in March is last
    autumn); otherwise the nearest, by its middle month. ``YYYY-WI`` is the winter that ends
    in February of YYYY.
    """
    now = published.year * 12 + published.month - 1
    last = _SEASON_LAST_MONTH[code]
    years = range(published.year - 1, published.year + 2)

    def months(year: int) -> tuple[int, int]:  # first and last month, counted from year 0
        end = year * 12 + last - 1
        return end - 2, end

    if direction == "future":
        return min(year for year in years if months(year)[1] >= now)
    if direction == "past":
        return max(year for year in years if months(year)[0] <= now)
    return min(years, key=lambda year: abs(months(year)[0] + 1 - now))


def _clock_value(context: RuleContext, hour: int, minute: int, zone: str | None) -> Reading:
    suffix = "Z" if zone and zone.upper() in ("UTC", "GMT", "Z") else ""
    clock = f"T{hour:02d}:{minute:02d}{suffix}"
    if context.published is None:
        return unanchored("TIME", f"XXXX-XX-XX{clock}", "day not stated")
    return Reading("TIME", context.published.isoformat() + clock)


def _read_clock(match: re.Match[str], context: RuleContext) -> Reading | None:
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    ampm = (match.groupdict().get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if not ampm and not match["zone"] and re.match(r"\d", context.after(2).strip() or "x"):
        return None
    return _clock_value(context, hour, minute, match["zone"])


def _read_noon(match: re.Match[str], context: RuleContext) -> Reading | None:
    hour = 24 if match["word"].lower() == "midnight" else 12
    return _clock_value(context, hour, 0, None)


ABSOLUTE_RULES: tuple[Rule, ...] = (
    rule("month-day", _MONTH_DAY, _read_day),
    rule("day-month", _DAY_MONTH, _read_day),
    rule("iso-date", _ISO_DATE, _read_day),
    rule("slash-date", _SLASH_DATE, _read_day),
    rule("ordinal-day", _ORDINAL_DAY, _read_ordinal_day),
    rule("month-year", _MONTH_YEAR, _read_month_year),
    rule("month", _BARE_MONTH, _read_bare_month),
    rule("year", _YEAR, _read_year),
    rule("decade", _DECADE, _read_decade),
    rule("century", _CENTURY, _read_century),
    rule("quarter", _QUARTER, _read_quarter),
    rule("quarter-adjective", _QUARTER_ADJECTIVE, _read_quarter),
    rule("half", _HALF, _read_half),
    rule("season", _SEASON, _read_season),
    rule("clock-ampm", _CLOCK_AMPM, _read_clock),
    rule("clock-24h", _CLOCK_24, _read_clock),
    rule("clock-military", _CLOCK_MILITARY, _read_clock),
    rule("noon", _NOON, _read_noon),
)
