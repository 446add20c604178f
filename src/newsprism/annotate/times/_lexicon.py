"""Words of time expressions: regex fragments and what each word means.

The fragments are meant to be combined into larger patterns compiled with
``re.IGNORECASE``. Month and weekday names switch case-sensitivity back on with
``(?-i:...)`` because "may", "march" and "sun" are ordinary words in lower case.
"""

from __future__ import annotations

import re

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
                          "thurs": 3, "fri": 4, "sat": 5, "sun": 6}  # fmt: skip


def _cased(words: list[str]) -> str:
    """Alternatives in Title case and UPPER case, matched case-sensitively."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_MONTH_ABBREV_FORMS = [f"{a}\\." for a in _MONTH_ABBREVIATIONS] + list(_MONTH_ABBREVIATIONS)
MONTH = "(?:" + _cased(list(MONTHS)) + "|" + _cased(_MONTH_ABBREV_FORMS) + ")"
"""A month name, full or abbreviated ("March", "Sept.", "SEP")."""

MONTH_FULL = _cased(list(MONTHS))
WEEKDAY = (
    "(?:" + _cased(list(WEEKDAYS)) + "|" + _cased([f"{a}\\." for a in _WEEKDAY_ABBREVIATIONS]) + ")"
)
"""A weekday name ("Tuesday", "Tues.")."""

WEEKDAY_FULL = _cased(list(WEEKDAYS))
"""A weekday name in full: "Sun." alone is more often a newspaper than a Sunday."""

DAY_OF_MONTH = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight|midday|lunchtime|dawn|dusk)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"

_SMALL_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "final": -1, "last": -1,
}  # fmt: skip
_VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous")

WORD_NUMBER = (
    "(?:(?:" + "|".join(_TENS) + ")(?:[- ](?:" + "|".join(_SMALL_NUMBERS[1:10]) + "))?"
    "|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + ")"
)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?:a |one )?half(?: a| an)?|(?:a )?couple(?: of)?|"
    + "|".join(_VAGUE_QUANTITIES)
    + "|(?:"
    + WORD_NUMBER
    + r"|\d{1,3})(?: and a half)"
    + "|"
    + WORD_NUMBER
    + r"(?: hundred| thousand)?|an?(?: hundred| thousand)?)"
)
"""A count: digits, number words, "a"/"an", or a vague quantity ("several")."""

ORDINAL = "(?:" + "|".join(_ORDINALS) + r"|[1-4](?:st|nd|rd|th))"

UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "millennium": "ML",
}  # fmt: skip
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
    r"years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
)
CALENDAR_UNIT = r"(?:week|month|year|quarter|decade|century)"


def unit_code(word: str) -> str:
    """The TIMEX3 unit letter(s) for a unit word ("weeks" -> "W", "hours" -> "H")."""
    stem = word.lower().rstrip(".")
    if stem.startswith("centur"):
        return "CE"
    if stem.startswith("millenni"):
        return "ML"
    if stem.endswith("s") and stem[:-1] in UNIT_CODES:
        stem = stem[:-1]
    return UNIT_CODES[stem]


def parse_number(words: str) -> float | None:
    """The value of a count ("twenty-four" -> 24, "a" -> 1); None when vague ("several")."""
    text = re.sub(r"\s+", " ", words.lower().strip())
    if text in _VAGUE_QUANTITIES or not text:
        return None
    if text in ("a", "an"):
        return 1
    if text.startswith(("a ", "an ")) and text.endswith(("hundred", "thousand")):
        return 100 if text.endswith("hundred") else 1000  # "almost a hundred years"
    if "couple" in text:
        return 2
    if text.endswith(" and a half"):
        whole = parse_number(text.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if "half" in text:
        return 0.5
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    return _words_value(text)


def _words_value(text: str) -> float | None:
    """Sum number words: "twenty four" -> 24, "two hundred" -> 200."""
    total = 0
    for word in re.split(r"[- ]", text):
        if word in _SMALL_NUMBERS:
            total += _SMALL_NUMBERS.index(word)
        elif word in _TENS:
            total += 20 + 10 * _TENS.index(word)
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        else:
            return None
    return total


def parse_ordinal(word: str) -> int:
    """The value of an ordinal ("third" -> 3, "2nd" -> 2; "last"/"final" -> -1)."""
    lowered = word.lower()
    if lowered in _ORDINALS:
        return _ORDINALS[lowered]
    return int(lowered[0])


def month_number(word: str) -> int:
    """The month number of a month name or abbreviation ("Sept." -> 9)."""
    stem = word.lower().rstrip(".")
    if stem in MONTHS:
        return MONTHS.index(stem) + 1
    return _MONTH_ABBREVIATIONS[stem]


def weekday_number(word: str) -> int:
    """Monday = 0 ... Sunday = 6 for a weekday name or abbreviation."""
    stem = word.lower().rstrip(".")
    if stem in WEEKDAYS:
        return WEEKDAYS.index(stem)
    return _WEEKDAY_ABBREVIATIONS[stem]


PART_OF_DAY_CODES = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "lunchtime": "MI", "dawn": "MO", "dusk": "EV",
}  # fmt: skip

SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
