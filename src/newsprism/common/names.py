"""Comparing names: the parts of a person's name, keys for places and organisations.

Shared by the per-article step (:mod:`newsprism.annotate.entities`) and the story-level
merge (:mod:`newsprism.compare.entities`) so both decide "same name" the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from newsprism.common.lexicon import (
    COUNTRY_OF_PEOPLE,
    COUNTRY_OF_WORD,
    FUNCTION_WORDS_IN_NAMES,
    HONORIFICS,
    INSTITUTION_OF_ALIAS,
    NAME_SUFFIXES,
    NICKNAME_PAIRS,
    US_STATE_ABBREVIATIONS,
    fold,
)
from newsprism.settings import NameSettings

PLACE_OR_ORGANISATION = frozenset({"ORG", "GPE", "LOC", "FAC"})
"""Labels the small model confuses with one another for the same name (White House: FAC/ORG)."""

_WORD = re.compile(r"[^\W_][\w'.\-]*", re.UNICODE)


def label_family(label: str) -> str:
    """The group of labels whose names may denote one entity (a person never joins a place)."""
    return "PLACE_OR_ORG" if label in PLACE_OR_ORGANISATION else label


@lru_cache(maxsize=65536)
def folded_words(text: str) -> tuple[str, ...]:
    """Folded words of ``text`` without possessive endings or full stops."""
    words = [re.sub(r"'s$", "", fold(word)).strip(".") for word in _WORD.findall(text)]
    return tuple(word for word in words if word)


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """Folded words of a person's name without honorifics or a possessive ending."""
    words = folded_words(text)
    while words and words[0] in HONORIFICS and len(words) > 1:
        words = words[1:]
    return words


@lru_cache(maxsize=65536)
def _person_words(text: str) -> tuple[str, ...]:
    """``name_words`` without a closing suffix that leaves the person unchanged ("Sr.", "II")."""
    words = name_words(text)
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


def surname(text: str) -> str:
    """The folded last word of a person's name, past "Sr."/"II" ("" when it has no words)."""
    words = _person_words(text)
    return words[-1] if words else ""


def first_name(text: str) -> str:
    """The folded first word of a multi-word name, else ""."""
    words = _person_words(text)
    return words[0] if len(words) > 1 else ""


@lru_cache(maxsize=262144)
def surnames_match(one: str, other: str, settings: NameSettings = NameSettings()) -> bool:
    """True when two folded surnames are the same name, allowing transliteration variants
    (Zelensky / Zelenskyy) and one pair of swapped letters (Preibus / Priebus)."""
    if one == other:
        return True
    if min(len(one), len(other)) < settings.shortest_fuzzy_surname:
        return False
    if ratio(one, other) >= settings.surname_similarity:
        return True
    return (
        min(len(one), len(other)) >= settings.shortest_transposed_surname
        and OSA.distance(one, other) <= 1
    )


def surnames_equal(one: str, other: str) -> bool:
    """True when two written person names have the very same folded surname."""
    return surname(one) == surname(other)


def first_names_match(one: str, other: str, settings: NameSettings = NameSettings()) -> bool:
    """True when two folded first names can belong to one person.

    Equal, a spelling variant, an initial ("J" / "John"), a short form sharing the first
    three letters ("Rudy" / "Rudolph"; not "Michelle" / "Michael"), or a familiar form
    ("Bob" / "Robert").
    """
    if not one or not other:
        return True
    if len(one) == 1 or len(other) == 1:
        return one[0] == other[0]
    shorter, longer = sorted((one, other), key=len)
    if len(shorter) <= settings.longest_short_form and shorter[:3] == longer[:3]:
        return True
    return (one, other) in NICKNAME_PAIRS or surnames_match(one, other, settings)


@lru_cache(maxsize=262144)
def full_names_match(one: str, other: str, settings: NameSettings = NameSettings()) -> bool:
    """True when two written person names can denote one person.

    Surnames must match; first names must match when both names give one, so "Donald
    Trump" and "Melania Trump" stay apart while "Healey" joins "John Healey". Names equal
    but for spaces and hyphens ("Kim Jong Un", "Kim Jong-un") match, and so does a name of
    two or more words that ends a longer one ("Wasserman Schultz", "Trump Jr."). Two
    juniors are compared without "Jr." ("Donald Trump Jr." / "Donald J. Trump Jr."); a
    junior is never his father (his surname is read as "jr").
    """
    if _compact(one) == _compact(other):
        return True
    words, other_words = _person_words(one), _person_words(other)
    juniors = (words[-1:] == ("jr",), other_words[-1:] == ("jr",))
    if juniors == (True, True) and min(len(words), len(other_words)) > 2:
        return full_names_match(" ".join(words[:-1]), " ".join(other_words[:-1]), settings)
    if not _middles_agree(words, other_words):
        return False
    shorter, longer = sorted((words, other_words), key=len)
    if len(shorter) > 1 and longer[-len(shorter) :] == shorter:
        return True
    return surnames_match(surname(one), surname(other), settings) and first_names_match(
        first_name(one), first_name(other), settings
    )


def _middles_agree(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """False when both names give middle names or initials that differ: "George W. Bush"
    and "George H.W. Bush" are two people; "Robert J. Pickell" and "Robert Pickell" one."""
    if len(words) < 3 or len(other) < 3 or words[0] != other[0]:
        return True
    middle = "".join(word[0] for part in words[1:-1] for word in part.split("."))
    other_middle = "".join(word[0] for part in other[1:-1] for word in part.split(".") if word)
    return middle == other_middle or middle.startswith(other_middle) or other_middle.startswith(middle)


@lru_cache(maxsize=65536)
def _compact(name: str) -> str:
    """A multi-word name's letters alone, so "Kim Jong Un" equals "Kim Jong-un"."""
    words = name_words(name)
    return (
        "".join(char for char in "".join(words) if char.isalpha())
        if len(words) > 1
        else ""
    )


_US_STATES = frozenset(US_STATE_ABBREVIATIONS.values())
_INVERTED_BODY = re.compile(r"^(department|ministry|bureau|office) of (\w+)$")


def organisation_key(text: str) -> str:
    """A key equal for names of one place or organisation ("US", "U.S.", "United States";
    "Calif." and "California"; "Department of Justice" and "Justice Department"): the
    country, state or canonical institution it names, else its folded words without dots."""
    return canonical_key(text) or _plain_key(text)


@lru_cache(maxsize=65536)
def canonical_key(text: str) -> str:
    """The key of a name the word lists know (a country or its people, a US state's
    abbreviation, an institution or party), else "".

    Such a name denotes one thing whatever label the model gave it, so "Russian" (NORP)
    and "Russia" (GPE), or "Democrats" (NORP) and "the Democratic Party" (ORG), may join.
    """
    dotted = fold(text).strip()
    if dotted.startswith("the "):
        dotted = dotted[4:]
    if dotted in US_STATE_ABBREVIATIONS:
        return US_STATE_ABBREVIATIONS[dotted]
    folded = _plain_key(text)
    if folded in _US_STATES:
        return folded
    if folded in COUNTRY_OF_WORD:
        return "country:" + COUNTRY_OF_WORD[folded]
    if folded in COUNTRY_OF_PEOPLE:
        return "country:" + COUNTRY_OF_PEOPLE[folded]
    if folded in INSTITUTION_OF_ALIAS:
        return INSTITUTION_OF_ALIAS[folded].lower()
    return ""


def _plain_key(text: str) -> str:
    words = folded_words(text)
    if words and words[0] == "the":
        words = words[1:]
    folded = " ".join(words).replace(".", "")
    return _INVERTED_BODY.sub(r"\2 \1", folded)


def initials(text: str, content_only: bool = False) -> str:
    """Initials of a multi-word name ("Ministry of Defence" -> "mod"), else "".

    With ``content_only``, words such as "of" and "and" give no letter ("Federal Bureau of
    Investigation" -> "fbi"), and neither does a country written before the name ("U.S.
    Customs and Border Protection" -> "cbp").
    """
    words = folded_words(text)
    if words and words[0] == "the":
        words = words[1:]
    if content_only:
        words = tuple(word for word in words if word not in FUNCTION_WORDS_IN_NAMES)
        if len(words) > 2 and words[0].replace(".", "") in COUNTRY_OF_WORD:
            words = words[1:]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


@lru_cache(maxsize=262144)
def is_acronym_of(short: str, long: str) -> bool:
    """True when ``short`` is written in capitals and spells the initials of ``long``,
    with or without its small words ("DOJ" / "Department of Justice", "FBI" / "Federal
    Bureau of Investigation"); a mixed-case short form counts when all its capitals
    are initials ("MoD" / "Ministry of Defence")."""
    letters = short.replace(".", "")
    if len(letters) < 2 or not letters.isalpha() or not letters[0].isupper():
        return False
    capitals = sum(char.isupper() for char in letters)
    if letters.upper() != letters and capitals < 2:
        return False
    folded = fold(letters)
    return folded in (initials(long), initials(long, content_only=True))
