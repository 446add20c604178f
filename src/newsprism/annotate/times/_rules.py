"""The shape every time-expression rule shares, and helpers the rule modules use.

A rule is a regular expression and a function that reads one match into a
:class:`~newsprism.annotate.times._calendar.Reading`. The function gets a
:class:`RuleContext`: the publication date, the text, and a lazy reading of the tense that
governs the match. It returns ``None`` when the words turn out not to be a time
expression after all (a guard such as "May" used as a verb): a rejected candidate, not a
failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from newsprism.annotate.times._calendar import Direction, Reading
from newsprism.model import TimeType
from newsprism.settings import TimeSettings


@dataclass
class RuleContext:
    """What a rule may look at besides its match."""

    published: date | None
    text: str
    start: int
    end: int
    tense: Callable[[int, int], Direction]
    settings: TimeSettings = TimeSettings()

    @cached_property
    def direction(self) -> Direction:
        """Tense of the verb governing the match (parsed once, on first use)."""
        return self.tense(self.start, self.end)

    def before(self, width: int = 30) -> str:
        """Up to ``width`` characters of text just before the match."""
        return self.text[max(0, self.start - width) : self.start]

    def after(self, width: int = 30) -> str:
        """Up to ``width`` characters of text just after the match."""
        return self.text[self.end : self.end + width]

    def inside_proper_name(self, look_ahead: bool = True) -> bool:
        """Whether the matched word is part of a capitalised name ("USA Today", "Daily Mail").

        True for a capitalised match that follows a capitalised word of its sentence or, with
        ``look_ahead``, is followed by one.
        """
        words = self.text[self.start : self.end]
        if not words[:1].isupper() or (words.isupper() and len(words) > 3):
            return False
        before = re.search(r"([A-Za-z][\w&'’-]*)[ \t]+$", self.before(40))
        if before and before[1][0].isupper():
            return True
        after = re.match(r"[ \t]+([A-Za-z][\w'’-]*)", self.after(40))
        return look_ahead and bool(after and after[1][0].isupper())


Handler = Callable[[re.Match[str], RuleContext], Reading | None]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the handler that reads its matches."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler


def rule(name: str, pattern: str, handler: Handler) -> Rule:
    """Compile ``pattern`` case-insensitively, bounded by non-word characters.

    Whitespace in the pattern never matches a line break: a headline and the dateline under
    it are two expressions, not one.
    """
    pattern = pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    bounded = rf"(?<![\w'’])(?:{pattern})(?!\w|-\w|['’](?!s\b)\w)"
    return Rule(name, re.compile(bounded, re.IGNORECASE), handler)


def unanchored(type_: TimeType, value: str, relative: str) -> Reading:
    """A reading that needs the publication date to be resolved."""
    return Reading(type_, value, resolved=False, relative=relative)


def sign_of_direction(direction: Direction) -> int:
    """-1 for past, +1 otherwise: which way an unmarked relative expression points."""
    return -1 if direction == "past" else 1
