"""Offices named by role phrases ("the UK's defence secretary"), read from the words alone.

An :class:`Office` is read from the words of a role phrase, with no parse, so the
per-article step (:mod:`newsprism.annotate.entities`) and the story-level merge
(:mod:`newsprism.compare.entities`) decide alike which person a role can denote.
:func:`office_covers` says whether a role phrase can refer to the holder of an office the
text gave a person ("the minister" can be the defence secretary; "the deputy leader" is
never the leader).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from newsprism.common.lexicon import (
    COMPOUND_OFFICES,
    COUNTRY_OF_WORD,
    GENERIC_OFFICES,
    OFFICE_NOUNS,
    RANK_QUALIFIERS,
)
from newsprism.common.names import folded_words
from newsprism.settings import NameSettings

GroupId = TypeVar("GroupId", bound=Hashable)

DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_IGNORED_ADJECTIVES = frozenset(
    {
        "embattled",
        "beleaguered",
        "veteran",
        "current",
        "incumbent",
        "serving",
        "sitting",
        "newly",
        "elected",
        "appointed",
        "longtime",
        "long-serving",
        "powerful",
        "influential",
        "controversial",
        "populist",
        "hardline",
        "then-",
        "said",
        "country",
        "nation",
        "government",
        "administration",
        "same",
        "very",
        "own",
    }
)

@dataclass(frozen=True)
class Office:
    """What a role phrase says about an office: its head, portfolio, country and rank."""

    head: str
    qualifiers: frozenset[str] = frozenset()
    country: str = ""
    rank: frozenset[str] = frozenset()
    relative: bool = False
    """True for "his spokesperson": the office of someone the phrase does not name."""


@lru_cache(maxsize=16384)
def office_of(text: str) -> Office | None:
    """The office a role phrase names ("the UK's defence secretary"), or None if it names none."""
    all_words = [word.replace(".", "") for word in folded_words(text)]
    relative = any(word in POSSESSIVE_PRONOUNS for word in all_words)
    kept = [
        w for w in all_words if w not in DETERMINERS and w not in POSSESSIVE_PRONOUNS
    ]
    # "the president of France": the office ends before "of"; what follows qualifies it.
    of_phrase = kept[kept.index("of") + 1 :] if "of" in kept else []
    head, words = _split_head(kept[: kept.index("of")] if "of" in kept else kept)
    if not head:
        return None
    words = words + of_phrase
    country = ""
    qualifiers: set[str] = set()
    rank: set[str] = set()
    for word in _join_country_pairs(words):
        if word in COUNTRY_OF_WORD:
            country = COUNTRY_OF_WORD[word]
        elif word in RANK_QUALIFIERS:
            rank.add(word)
        elif word not in _IGNORED_ADJECTIVES:
            qualifiers.add(word)
    return Office(head, frozenset(qualifiers), country, frozenset(rank), relative)


def _split_head(words: list[str]) -> tuple[str, list[str]]:
    """Split off the office at the end of ``words``: ("prime minister", [...rest])."""
    if len(words) >= 2 and tuple(words[-2:]) in COMPOUND_OFFICES:
        return COMPOUND_OFFICES[tuple(words[-2:])], words[:-2]
    if words and (words[-1],) in COMPOUND_OFFICES:
        return COMPOUND_OFFICES[(words[-1],)], words[:-1]
    if words and words[-1] in OFFICE_NOUNS:
        return words[-1], words[:-1]
    return "", words


def _join_country_pairs(words: list[str]) -> list[str]:
    """Join two-word country names ("united states") into one word for lookup."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if pair in COUNTRY_OF_WORD:
            joined.append(pair)
            index += 2
        else:
            joined.append(words[index])
            index += 1
    return joined


def office_covers(role: Office, held: Office) -> bool:
    """True when a role phrase naming ``role`` can refer to a holder of office ``held``.

    Heads must agree (or the role's head is a generic word for the held office), ranks must
    be equal, and every portfolio word of the role must be part of the held office. A
    country mismatch is checked by the caller against all offices a person holds.
    """
    heads_agree = role.head == held.head or held.head in GENERIC_OFFICES.get(
        role.head, ()
    )
    return heads_agree and role.rank == held.rank and role.qualifiers <= held.qualifiers


def holder_of(
    office: Office,
    held: Mapping[GroupId, list[Office]],
    salience: Mapping[GroupId, int] | None = None,
    dominance: int = NameSettings().role_dominance,
) -> GroupId | None:
    """The one group holding an office that covers ``office``, else None.

    A role naming a country ("the French president") fits only a person given an office of
    that country; a role for someone unnamed ("his spokesperson") fits nobody. When several
    people fit, the role is theirs only if one is named far more often than any other
    (``salience``: name mentions per group, ``dominance`` times more): "the president" in a
    story about one president who meets another.
    """
    if office.relative:
        return None
    fitting = []
    for group, offices in held.items():
        countries = {held_office.country for held_office in offices} - {""}
        if office.country and office.country not in countries:
            continue
        if any(office_covers(office, held_office) for held_office in offices):
            fitting.append(group)
    if len(fitting) == 1:
        return fitting[0]
    if len(fitting) < 2 or salience is None:
        return None
    ranked = sorted(fitting, key=lambda group: -salience.get(group, 0))
    first, second = (salience.get(group, 0) for group in ranked[:2])
    return ranked[0] if first >= dominance * max(second, 1) else None


def role_key(office: Office | None, text: str) -> tuple[object, ...]:
    """A key equal for role phrases that name the same office in the same words' sense."""
    if office is None or office.relative:
        return ("text", text.lower())
    return (office.head, office.qualifiers, office.country, office.rank)
