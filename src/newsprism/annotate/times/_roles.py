"""Which time expressions say when a statement happens, and which only name a thing.

"Russia interfered in the 2016 election" happened in 2016; "Democrats keep reminding
voters of the 2016 election" did not. A date that modifies a noun ("the 2016 election",
"a 2015 report") names that thing; it dates the statement only when its noun phrase hangs
from a time preposition on a verb ("during the 2016 campaign, Russia ..."; "interfered in
the 2016 election"). Such names stay time expressions, marked ``modifier``, and the
timeline and the date comparison pass them over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsprism.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = {"nummod", "compound", "amod", "nmod", "poss"}
_TIME_PREPOSITIONS = {
    "during", "in", "before", "after", "since", "until", "till", "throughout", "by", "at",
    "on", "ahead", "following", "amid", "over", "from", "through", "between",
}
_VERBAL = {"VERB", "AUX"}


def mark_modifiers(doc: Doc, expressions: Iterable[TimeExpression]) -> list[TimeExpression]:
    """The expressions, each calendar date that only names a thing marked ``modifier``."""
    marked = []
    for expression in expressions:
        if expression.type == "DATE" and _names_a_thing(doc, expression):
            expression = dataclasses.replace(expression, modifier=True)
        marked.append(expression)
    return marked


def _names_a_thing(doc: Doc, expression: TimeExpression) -> bool:
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root
    if head.dep_ not in _MODIFIER_DEPS or head.head.i in range(span.start, span.end):
        return False
    if head.dep_ == "poss":
        return False  # "Tuesday's vote": the vote was on Tuesday
    noun = head.head
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    return not _under_time_preposition(noun)


def _under_time_preposition(noun: Token) -> bool:
    """True for "during the 2016 campaign" on a verb; false for "interference in ..." on a noun."""
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    return preposition.lower_ in _TIME_PREPOSITIONS and preposition.head.pos_ in _VERBAL
