"""Comparing names: the parts of a person's name, keys for places and organisations.

Shared by the per-article step (:mod:`newsprism.annotate.entities`) and the story-level
merge (:mod:`newsprism.compare.entities`) so both decide "same name" the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from newsprism.common.lexicon import (
    COUNTRY_OF_WORD,
    HONORIFICS,
    INSTITUTION_OF_ALIAS,
    NICKNAME_PAIRS,
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


def surname(text: str) -> str:
    """The folded last word of a person's name ("" when the name has no words)."""
    words = name_words(text)
    return words[-1] if words else ""


def first_name(text: str) -> str:
    """The folded first word of a multi-word name, else ""."""
    words = name_words(text)
    return words[0] if len(words) > 1 else ""


def surnames_match(one: str, other: str, settings: NameSettings = NameSettings()) -> bool:
    """True when two folded surnames are the same name, allowing transliteration variants."""
    if one == other:
        return True
    if min(len(one), len(other)) < settings.shortest_fuzzy_surname:
        return False
    return ratio(one, other) >= settings.surname_similarity


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


def full_names_match(one: str, other: str, settings: NameSettings = NameSettings()) -> bool:
    """True when two written person names can denote one person.

    Surnames must match; first names must match when both names give one, so "Donald
    Trump" and "Melania Trump" stay apart while "Healey" joins "John Healey". Names equal
    but for spaces and hyphens ("Kim Jong Un", "Kim Jong-un") match, and so does a name of
    two or more words that ends a longer one ("Wasserman Schultz", "Trump Jr.").
    """
    if _compact(one) == _compact(other):
        return True
    words, other_words = name_words(one), name_words(other)
    shorter, longer = sorted((words, other_words), key=len)
    if len(shorter) > 1 and longer[-len(shorter) :] == shorter:
        return True
    return surnames_match(surname(one), surname(other), settings) and first_names_match(
        first_name(one), first_name(other), settings
    )


@lru_cache(maxsize=65536)
def _compact(name: str) -> str:
    """A multi-word name's letters alone, so "Kim Jong Un" equals "Kim Jong-un"."""
    words = name_words(name)
    return (
        "".join(char for char in "".join(words) if char.isalpha())
        if len(words) > 1
        else ""
    )


def organisation_key(text: str) -> str:
    """A key equal for names of one place or organisation ("US", "U.S.", "United States"):
    the country or canonical institution it names, else its folded words without dots."""
    words = folded_words(text)
    if words and words[0] == "the":
        words = words[1:]
    folded = " ".join(words).replace(".", "")
    if folded in COUNTRY_OF_WORD:
        return "country:" + COUNTRY_OF_WORD[folded]
    return INSTITUTION_OF_ALIAS.get(folded, folded).lower()


def initials(text: str) -> str:
    """Initials of a multi-word name ("Ministry of Defence" -> "mod"), else ""."""
    words = folded_words(text)
    if words and words[0] == "the":
        words = words[1:]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def is_acronym_of(short: str, long: str) -> bool:
    """True when ``short`` is written in capitals and spells the initials of ``long``."""
    letters = short.replace(".", "")
    return (
        len(letters) >= 2
        and letters.upper() == letters
        and letters.isalpha()
        and fold(letters) == initials(long)
    )
