"""Rules for reporting periods and named days: "the latest quarter", "the year-ago period",
"the year", "Thanksgiving Day", spelled-out years ("nineteen ninety-six") and decade words.

Financial reports speak of "the quarter" and "the year-earlier period" meaning the last
completed quarter and the same quarter a year before; that is how they are read here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsprism.annotate.times import _lexicon as lex
from newsprism.annotate.times._calendar import (
    Anaphor,
    Reading,
    quarter_of,
    resolve_month_year,
    shift_month,
)
from newsprism.annotate.times._rules import Rule, RuleContext, rule, unanchored

_QUARTER_REFERENCE = (
    r"(?:the|(?P<owner>this|last|next)\s+year['’]s)\s+(?:(?P<which>latest|current|most\s+recent|recent|just-ended|year-earlier|year-ago|"
    r"comparable(?:\s+year-ago)?|corresponding|prior-year|previous|past)\s+)?(?:fiscal\s+)?quarter"
    r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)))?(?!\s+of\b)"
)
# "the quarter ended July 31": the three months up to that day
_ENDED_ON = re.compile(
    rf"\s+end(?:ed|ing)\s+(?P<mon>{lex.MONTH})\s+(?P<day>[0-3]?\d)\b", re.IGNORECASE
)
# "the 1988 quarter", "the 1989 period": the quarter being reported, in that year
_YEAR_PERIOD = rf"the\s+(?P<year>{lex.YEAR})\s+(?:fiscal\s+)?(?:quarter|period)"
_PERIOD_REFERENCE = (
    r"(?:the\s+)?(?P<which>latest|year-earlier|year-ago|comparable|corresponding)\s+period"
    r"|(?P<bare>year-earlier|year-ago)"
)
_THE_YEAR = (
    r"the\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+|entire\s+)?year"
    r"(?!\s*(?:[-'’]|ago|earlier|before|later|after|\d|of|two|nineteen))"
)
_EDGE_OF_UNIT = (
    r"the\s+(?:very\s+)?(?:end|beginning|start|middle|rest|remainder|close|turn)\s+of\s+"
    r"(?:the|this)\s+(?P<unit>year|month|week|decade|century)"
)
_SPELLED_YEAR = (
    rf"(?:the\s+year\s+)?nineteen[\s-]+(?:hundred\s+(?:and\s+)?)?(?P<tail>{lex.WORD_NUMBER})"
)
_YEAR_TWO_THOUSAND = rf"the\s+year\s+two\s+thousand(?:\s+and\s+(?P<tail>{lex.WORD_NUMBER}))?"
_DECADE_WORD = (
    r"the\s+(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
)
_HOLIDAY = (
    r"(?P<name>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]?s(?:\s+(?:Day|Eve))|"
    r"Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Halloween|Valentine['’]?s\s+Day|Boxing\s+Day|"
    r"Election\s+Day)"
)

_HOLIDAY_AS_MODIFIER = re.compile(
    r"\s+(?:trees?|cards?|presents?|gifts?|party|parties|markets?|lights|dinner|songs?|"
    r"carols?|jumpers?|decorations?|specials?|number\s+one)\b"
)
_FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip
_DECADE_WORDS = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
]


def last_completed_quarter(published: date, years_back: int = 0) -> str:
    """TIMEX3 value of the quarter before the one holding ``published``, ``years_back`` earlier."""
    year, month = shift_month(published.year, published.month, -3)
    return f"{year - years_back}-Q{(month - 1) // 3 + 1}"


def _read_quarter_reference(match: re.Match[str], context: RuleContext) -> Reading | None:
    which = re.sub(r"\s+", " ", (match["which"] or "").lower())
    if context.published is None:
        return unanchored("DATE", "XXXX-QX", f"{which or 'the'} quarter")
    if which == "current":
        return Reading("DATE", f"{context.published.year}-Q{quarter_of(context.published)}")
    years_back = 1 if "year" in which or which in ("comparable", "corresponding") else 0
    years_back = years_back or (1 if match["ago"] else 0)
    owner = (match["owner"] or "").lower()
    if owner:  # "last year's quarter": the quarter being reported, in that year
        quarter = last_completed_quarter(context.published)
        year = int(quarter[:4]) + {"last": -1, "next": 1}.get(owner, 0)
        return Reading("DATE", f"{year}{quarter[4:]}")
    ended = _ENDED_ON.match(context.after(25))
    if not which and ended:
        return Reading("DATE", _quarter_ending(context, ended))
    if which == "previous":
        year, month = shift_month(context.published.year, context.published.month, -6)
        return Reading("DATE", f"{year}-Q{(month - 1) // 3 + 1}")
    return Reading("DATE", last_completed_quarter(context.published, years_back))


def _quarter_ending(context: RuleContext, ended: re.Match[str]) -> str:
    """The calendar quarter holding most of the three months that end on the day named."""
    month, day = lex.month_number(ended["mon"]), int(ended["day"])
    assert context.published is not None  # the rule reads only dated articles
    tolerance = context.settings.tense_tolerance_days
    year = resolve_month_year(context.published, month, day, "past", tolerance)
    year, middle = shift_month(year, month, -1 if day >= 15 else -2)
    return f"{year}-Q{(middle - 1) // 3 + 1}"


def _read_year_period(match: re.Match[str], context: RuleContext) -> Reading | None:
    if context.published is None:
        return unanchored("DATE", f"{match['year']}-QX", "quarter not stated")
    quarter = last_completed_quarter(context.published)[-2:]
    return Reading("DATE", f"{match['year']}-{quarter}")


def _read_period_reference(match: re.Match[str], context: RuleContext) -> Reading | None:
    which = (match["which"] or match["bare"]).lower()
    if context.published is None:
        return unanchored("DATE", "XXXX-QX", f"{which} period")
    years_back = 0 if which == "latest" else 1
    return Reading("DATE", last_completed_quarter(context.published, years_back))


def _read_the_year(match: re.Match[str], context: RuleContext) -> Reading | None:
    # "the year ended June 30" is a twelve-month stretch; "sales for the full year" the year
    # the report is about, taken as the publication year.
    if re.match(r"\s+end(?:ed|ing|s)\b", context.after(10), re.IGNORECASE):
        return Reading("DURATION", "P1Y")
    # A year named earlier in the sentence is the one meant: "a loss in the fourth quarter
    # of 2005 and for the entire year".
    anaphor = Anaphor("Y", 0, same_sentence=True)
    if context.published is None:
        return replace(unanchored("DATE", "XXXX", "this year"), anaphor=anaphor)
    return Reading("DATE", str(context.published.year), anaphor=anaphor)


def _read_edge_of_unit(match: re.Match[str], context: RuleContext) -> Reading | None:
    code = lex.unit_code(match["unit"])
    published = context.published
    if published is None:
        return unanchored(
            "DATE", {"M": "XXXX-XX", "W": "XXXX-WXX"}.get(code, "XXXX"), "this " + match["unit"]
        )
    values = {"Y": str(published.year), "M": f"{published.year}-{published.month:02d}",
              "DE": str(published.year // 10), "CE": str(published.year // 100)}  # fmt: skip
    if code == "W":
        year, week, _ = published.isocalendar()
        return Reading("DATE", f"{year}-W{week:02d}")
    return Reading("DATE", values[code])


def _read_spelled_year(match: re.Match[str], context: RuleContext) -> Reading | None:
    tail = lex.parse_number(match["tail"])
    if tail is None or not 10 <= tail <= 99:
        return None
    return Reading("DATE", f"19{int(tail):02d}")


def _read_year_two_thousand(match: re.Match[str], context: RuleContext) -> Reading | None:
    tail = lex.parse_number(match["tail"]) if match["tail"] else 0
    if tail is None or tail > 99:
        return None
    return Reading("DATE", str(2000 + int(tail)))


def _read_decade_word(match: re.Match[str], context: RuleContext) -> Reading | None:
    return Reading("DATE", f"19{_DECADE_WORDS.index(match['word'].lower()) + 2}")


def _holiday_day(name: str, year: int) -> date:
    """The date of a named holiday in ``year``."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    if key in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key.startswith("labo"):
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("election"):  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    last_monday = _nth_weekday(year, 5, 0, 5)
    return last_monday if last_monday.month == 5 else last_monday - timedelta(weeks=1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _read_holiday(match: re.Match[str], context: RuleContext) -> Reading | None:
    if _HOLIDAY_AS_MODIFIER.match(context.after(20)):
        return None  # "Christmas trees": a kind of thing, not a day
    if context.published is None:
        return unanchored("DATE", "XXXX-XX-XX", f"{match['name']} (year not stated)")
    sample = _holiday_day(match["name"], context.published.year)
    year = resolve_month_year(context.published, sample.month, sample.day, context.direction, context.settings.tense_tolerance_days)
    return Reading("DATE", _holiday_day(match["name"], year).isoformat())


PERIOD_RULES: tuple[Rule, ...] = (
    rule("quarter-reference", _QUARTER_REFERENCE, _read_quarter_reference),
    rule("period-reference", _PERIOD_REFERENCE, _read_period_reference),
    rule("year-period", _YEAR_PERIOD, _read_year_period),
    rule("the-year", _THE_YEAR, _read_the_year),
    rule("edge-of-unit", _EDGE_OF_UNIT, _read_edge_of_unit),
    rule("spelled-year", _SPELLED_YEAR, _read_spelled_year),
    rule("year-two-thousand", _YEAR_TWO_THOUSAND, _read_year_two_thousand),
    rule("decade-word", _DECADE_WORD, _read_decade_word),
    rule("holiday", _HOLIDAY, _read_holiday),
)
