"""A length of time counted from a date: "two days before the 12 February vote".

TIMEX3 reads "two weeks after the vote" as a duration ("two weeks", P2W) linked to an event.
Where the text says when that event was, the words name a date, and that is what a reader
wants on a timeline:

- the date follows at once: "two days before the 12 February vote", "a week after May 9",
  "three days after Friday's attack" is that day moved by the length;
- the event is dated elsewhere: "The parliament voted on 12 February. Two weeks after the
  vote ..." counts from the date given with the same word (the noun or its verb, "voted"),
  in the event's own words ("the vote on 20 March") or in the latest earlier sentence that
  names the event with a day.

An event no sentence dates ("the strike ended two weeks after the vote") leaves the
duration as it is: nothing says when to count from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.annotate.times._anaphora import count_from
from newsprism.model import TimeExpression
from newsprism.settings import TimeSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LENGTH = re.compile(r"^P(\d+)([DWMY])$")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_SIDE = re.compile(r"\s+(before|after)\s+", re.IGNORECASE)
_STRAIGHT_TO_DATE = re.compile(r"\s+(before|after)\s+(?:the\s+)?$", re.IGNORECASE)
_EVENT_POS = ("NOUN", "VERB")
# "the strike lasted three days after Christmas", "for two weeks after the vote": how long,
# not when
_LASTING = re.compile(r"\b(?:for|last(?:s|ed|ing)?|took|takes|spent|spend)\s+$", re.IGNORECASE)
# Verbs whose subject is the event their time phrase dates.
_HAPPENING_VERBS = {
    "be", "hold", "take", "happen", "occur", "come", "begin", "start", "open", "end", "fall",
    "schedule", "set", "plan", "stage",
}  # fmt: skip


def count_lengths_from_dates(
    doc: Doc,
    text: str,
    expressions: list[TimeExpression],
    settings: TimeSettings = TimeSettings(),
) -> list[TimeExpression]:
    """Each "N units before/after" a date or a dated event, read as the date it names.

    ``expressions`` are sorted by start; ``text`` is ``doc.text``.
    """
    counted: list[TimeExpression] = []
    skip = -1
    for index, expression in enumerate(expressions):
        if index == skip:
            continue
        length = _LENGTH.match(expression.value) if expression.type == "DURATION" else None
        if length is None or _LASTING.search(text, max(0, expression.start - 12), expression.start):
            counted.append(expression)
            continue
        following = expressions[index + 1] if index + 1 < len(expressions) else None
        side = _STRAIGHT_TO_DATE.fullmatch(text, expression.end, following.start) if following else None
        if following is not None and side is not None:
            value = _counted(following.value, length, side[1])
            if value is not None:
                counted.append(_as_date(expression, following.end, value, following))
                skip = index + 1
                continue
        counted.append(
            _from_dated_event(doc, text, expression, length, expressions, settings.event_date_steps)
        )
    return counted


def _counted(value: str, length: re.Match[str], side: str) -> str | None:
    if not _DAY.match(value):
        return None
    steps = int(length[1]) * (-1 if side.lower() == "before" else 1)
    unit = length[2]
    if unit == "W":  # counted from a day, "two weeks after" is a day too
        unit, steps = "D", 7 * steps
    return count_from(value, unit, steps)


def _as_date(expression: TimeExpression, end: int, value: str, anchor: TimeExpression) -> TimeExpression:
    return replace(expression, end=end, type="DATE", value=value, resolved=anchor.resolved, relative="")


def _from_dated_event(
    doc: Doc,
    text: str,
    expression: TimeExpression,
    length: re.Match[str],
    expressions: list[TimeExpression],
    steps: int,
) -> TimeExpression:
    """ "two weeks after the vote", where a sentence says when the vote was."""
    side = _SIDE.match(text, expression.end)
    if side is None:
        return expression
    preposition = doc.char_span(side.start(1), side.end(1))
    if preposition is None or len(preposition) != 1:
        return expression
    event = next((t for t in preposition[0].children if t.dep_ == "pobj"), None)
    if event is None or event.tag_ != "NN":  # one named event: not "the phone launches"
        return expression
    anchor = _event_date(doc, event, expression, expressions, steps)
    if anchor is None:
        return expression
    value = _counted(anchor.value, length, side[1])
    if value is None:
        return expression
    # the words run to the event's name, or to its date where its own words give one
    end = max(event.idx + len(event.text), anchor.end if anchor.start > event.idx else 0)
    return _as_date(expression, end, value, anchor)


def _event_date(
    doc: Doc,
    event: Token,
    expression: TimeExpression,
    expressions: list[TimeExpression],
    steps: int,
) -> TimeExpression | None:
    """The day the event was: given in its own words, else where it was named before.

    Only a day that hangs from the event's name in the parse counts ("voted on 12
    February", "the 12 February vote"): a day elsewhere in that sentence may date
    something else.
    """
    days = [e for e in expressions if _DAY.match(e.value) and e.end <= expression.start]
    start, end = event.left_edge.idx, _phrase_end(event)
    own = [e for e in expressions if start <= e.start and e.end <= end and _DAY.match(e.value)]
    if own:
        return own[0]
    lemma = event.lemma_.lower()
    for token in reversed(doc[: event.i]):
        if token.lemma_.lower() != lemma or token.pos_ not in _EVENT_POS:
            continue
        holders = [token]
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _HAPPENING_VERBS:
            holders.append(token.head)  # "the vote is on 20 March", "was held on 2 May"
        dated = [day for day in days if any(_hangs_from(doc, day, h, steps) for h in holders)]
        if dated:
            return dated[-1]
    return None


def _hangs_from(doc: Doc, day: TimeExpression, token: Token, steps: int) -> bool:
    """Whether the parse puts ``day`` within a few steps below ``token``."""
    span = doc.char_span(day.start, day.end, alignment_mode="expand")
    if span is None or span.sent.start != token.sent.start:
        return False
    current = span.root
    for _ in range(steps):
        if current.head.i == current.i:
            return False
        current = current.head
        if current.i == token.i:
            return True
    return False


def _phrase_end(token: Token) -> int:
    last = token.right_edge
    return last.idx + len(last.text)
