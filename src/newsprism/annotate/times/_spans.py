"""Rules for durations ("three years"), sets ("every day") and vague references ("now").

TimeML guidelines decide the values: "now"/"currently" are PRESENT_REF, "recently" and
"the past" PAST_REF, "the future"/"soon" FUTURE_REF. "in recent days" is a duration of
an unknown number of days (PXD) and so, symmetrically, is "the coming days", as TimeBank
mostly reads "recent months" (PXM) and "coming weeks" (PXW).
"""

from __future__ import annotations

import re

from newsprism.annotate.times import _lexicon as lex
from newsprism.annotate.times._calendar import Reading
from newsprism.annotate.times._rules import Handler, Rule, RuleContext, rule
from newsprism.model import TimeType

_HEDGE = (
    r"(?:about|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|over|roughly|around|"
    r"at\s+least|up\s+to|just|only|fully|another|an\s+additional|the\s+past|the\s+last|"
    r"the\s+next|the\s+first|the\s+previous|the\s+coming|the\s+following|the\s+final|"
    r"the\s+latest|the\s+remaining|the|each\s+of\s+the\s+past|each\s+of\s+the\s+last)"
)
_FILLER = r"(?:more|additional|straight|consecutive|full|trading|business|working|further|successive|long|short)"
_DURATION = rf"(?:{_HEDGE}\s+)?(?P<num>{lex.NUMBER})[\s-]+(?:{_FILLER}\s+)?(?P<unit>{lex.UNIT})"
_VAGUE_PLURAL = r"(?P<pre>the\s+past\s+few|the\s+last\s+few|the\s+next\s+few)\s+(?P<unit>days|weeks|months|years|decades|hours|quarters)"
_RECENT_PLURAL = r"(?:recent|the\s+past)\s+(?P<unit>days|weeks|months|years|decades|quarters)"
_COMING_PLURAL = r"(?:the\s+)?(?:coming|upcoming|next\s+few)\s+(?P<unit>days|weeks|months|years|decades|quarters)|the\s+(?P<unit2>days|weeks|months|years)\s+(?:ahead|to\s+come)"
_BARE_PLURAL = (
    r"(?P<unit>years|months|weeks|decades|centuries)(?=\s*(?:[.,;]|$|ago\b|of\b|later\b|earlier\b))"
)
_FOR_PLURAL = (
    r"(?:(?<=\bfor\s)|(?<=\bover\s))(?P<unit>years|months|weeks|days|decades|hours|centuries)"
)
_SET_EVERY = (
    rf"(?:every|each)\s+(?:(?P<num>other|{lex.NUMBER})\s+)?"
    rf"(?P<unit>{lex.UNIT}|{lex.WEEKDAY}|{lex.MONTH_FULL}|{lex.SEASON}|morning|evening|night|afternoon)"
)
_SET_ADVERB = r"(?P<word>daily|weekly|monthly|yearly|annually|hourly|nightly|biannually|fortnightly|bi-weekly|biweekly)"
_SET_RATE = rf"(?P<times>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|an|per|every)\s+(?P<unit>{lex.UNIT})"
_PRESENT = r"now|right\s+now|currently|current|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|the\s+time\s+being|the\s+present"
_PAST = r"recently|recent|lately|the\s+past"
_FUTURE = (
    r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|long|short|medium)\s+term"
)

_SET_ADVERB_VALUES = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "annual": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M",
    "biannually": "P6M", "fortnightly": "P2W", "bi-weekly": "P2W", "biweekly": "P2W",
}  # fmt: skip
_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:the\s+|this\s+|that\s+)?(?:fiscal\s+)?(?:year|century))", re.IGNORECASE
)
_COUNT_CUE = re.compile(
    r"\b(?:of|for|in|within|than|about|over|after|nearly|almost)\s+$", re.IGNORECASE
)
_RATE_CUE = re.compile(
    r"(?:\d|\bper|\btimes|\bonce|\btwice|\bdollars?|\bcents?|\bpercent|%|\bmillion|\bbillion"
    r"|\bpounds?|\beuros?|\btons?|\bbarrels?|\bpeople|\bvisitors)\s*$",
    re.IGNORECASE,
)


def duration_value(count: float | None, unit_word: str) -> str:
    """TIMEX3 duration for ``count`` units ("P3Y", "PT2H"; "PXY" when the count is vague)."""
    code = lex.unit_code(unit_word)
    clock = code in ("H", "S") or unit_word.lower().startswith("minute")
    if code == "WE":
        code = "WE"
    elif code == "DE":
        code, count = "Y", None if count is None else count * 10
    elif code == "CE":
        code, count = "Y", None if count is None else count * 100
    elif code == "ML":
        code, count = "Y", None if count is None else count * 1000
    elif code == "Q":
        code, count = "M", None if count is None else count * 3
    amount = "X" if count is None else _format_amount(count)
    return f"PT{amount}{code}" if clock else f"P{amount}{code}"


def _format_amount(count: float) -> str:
    return str(int(count)) if float(count).is_integer() else f"{count:g}"


def _read_duration(match: re.Match[str], context: RuleContext) -> Reading | None:
    count = lex.parse_number(match["num"])
    number_word = match["num"].lower()
    if number_word in ("a", "an") and match["unit"].lower() == "second":
        return None  # "a second attempt": the ordinal, not a duration
    if match["unit"].lower().startswith("quarter") and _FRACTION_OF.match(context.after(25)):
        return None  # "three-quarters of voters": a fraction
    if number_word in ("a", "an", "one") and _RATE_CUE.search(context.before(20)):
        return Reading("SET", duration_value(1, match["unit"]))
    if (
        number_word in ("a", "an")
        and match.start() == match.start("num")
        and not _bare_article_is_a_count(context)
    ):
        return None
    return Reading("DURATION", duration_value(count, match["unit"]))


def _bare_article_is_a_count(context: RuleContext) -> bool:
    """Whether "a week" stands as a length of time ("for a week", "a week or two", "a week
    after the vote")."""
    if re.match(r"\s*(?:or\s+(?:two|so)|and\s+a\s+half)", context.after(15)):
        return True
    if re.match(r"\s+(?:after|before)\s", context.after(8)):
        return True  # "a week after the vote": a length counted from something
    return re.search(_COUNT_CUE, context.before()) is not None


def _read_vague_plural(match: re.Match[str], context: RuleContext) -> Reading | None:
    unit = match["unit"] or match.groupdict().get("unit2") or "years"
    return Reading("DURATION", duration_value(None, unit))


def _read_set_every(match: re.Match[str], context: RuleContext) -> Reading | None:
    unit = match["unit"]
    if re.fullmatch(lex.WEEKDAY, unit):
        return Reading("SET", f"XXXX-WXX-{lex.weekday_number(unit) + 1}")
    if re.fullmatch(lex.MONTH_FULL, unit):
        return Reading("SET", f"XXXX-{lex.month_number(unit):02d}")  # "each July"
    if unit.lower() in lex.SEASON_CODES:
        return Reading("SET", f"XXXX-{lex.SEASON_CODES[unit.lower()]}")  # "every summer"
    if unit.lower() in ("morning", "evening", "night", "afternoon"):
        return Reading("SET", f"TXX{lex.PART_OF_DAY_CODES[unit.lower()]}")
    number = (match["num"] or "").lower()
    count = 2 if number == "other" else lex.parse_number(number) if number else 1
    return Reading("SET", duration_value(count, unit))


def _read_set_adverb(match: re.Match[str], context: RuleContext) -> Reading | None:
    if context.inside_proper_name():
        return None  # "The Daily Beast", "Daily Mail"
    return Reading("SET", _SET_ADVERB_VALUES[match["word"].lower()])


def _read_set_rate(match: re.Match[str], context: RuleContext) -> Reading | None:
    return Reading("SET", duration_value(1, match["unit"]))


def _constant(type_: TimeType, value: str) -> Handler:
    def read(match: re.Match[str], context: RuleContext) -> Reading | None:
        return Reading(type_, value)

    return read


SPAN_RULES: tuple[Rule, ...] = (
    rule("duration", _DURATION, _read_duration),
    rule("vague-plural", _VAGUE_PLURAL, _read_vague_plural),
    rule("recent-plural", _RECENT_PLURAL, _read_vague_plural),
    rule("coming-plural", _COMING_PLURAL, _read_vague_plural),
    rule("for-plural", _FOR_PLURAL, _read_vague_plural),
    rule("bare-plural", _BARE_PLURAL, _read_vague_plural),
    rule("set-every", _SET_EVERY, _read_set_every),
    rule("set-adverb", _SET_ADVERB, _read_set_adverb),
    rule("set-rate", _SET_RATE, _read_set_rate),
    rule("present-ref", _PRESENT, _constant("DATE", "PRESENT_REF")),
    rule("past-ref", _PAST, _constant("DATE", "PAST_REF")),
    rule("future-ref", _FUTURE, _constant("DATE", "FUTURE_REF")),
)
