"""Which way a time expression points, read from the tense of the verb that governs it.

"will fly out on Wednesday" points forward, "met last Thursday" back. The governing verb is
the first verb or auxiliary on the dependency path from the expression up to the root.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsprism.annotate.times._calendar import Direction
from newsprism.settings import TimeSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}
_MODAL_FORWARD = {"can", "may", "might", "must", "should", "ca"}
_FORWARD_LOOKING_HEADS = {
    "plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "want", "prepare",
    "promise", "pledge", "vow", "threaten", "agree", "decide", "go", "likely", "about",
}  # fmt: skip
# Verbs whose object is a plan: "farmers planned a protest on Saturday" is a Saturday ahead.
_PLANNING_VERBS = {"plan", "schedule", "slate", "intend", "propose"}
# "... has announced cuts, resulting in closures during the fourth quarter": what follows
# from an act may lie ahead of it, so its date does not take the act's tense.
_CONSEQUENCE_VERBS = {"result", "lead"}
# Words before a date that put it ahead of the clause: "until Friday", "payable Dec. 15".
_FORWARD_CUES = {
    "until", "till", "effective", "payable", "as early as", "as soon as", "ahead of",
    "upcoming", "forthcoming", "coming",
}  # fmt: skip
_NARROWING_WORDS = {"mid", "-", "early", "late"}
_CLOCK_WORD = re.compile(
    r"\d{1,2}(?:[:.]\d\d)?|[ap]\.?m\.?|noon|midnight|(?-i:[A-Z]{2,4})|\(|\)|[+-]\d+", re.IGNORECASE
)


def direction_at(
    doc: Doc, start: int, end: int, settings: TimeSettings = TimeSettings()
) -> Direction:
    """Direction of the expression at characters ``[start, end)`` of ``doc.text``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    cue = _cue_before(span)
    if cue == "since" or _since_shortly_before(span):
        return "past"
    verb = _governing_verb(span.root, set(range(span.start, span.end)), settings.governing_verb_climb)
    if verb is None or abs(verb.i - span.start) > settings.governing_verb_reach:
        verb = _nearest_verb_before(span) or verb
    if cue in _FORWARD_CUES:
        # "closed until Friday", "effective Feb. 1": the date lies ahead, unless the clause
        # is in the past perfect ("until Thursday they had not named him")
        return "past" if verb is not None and _in_past_perfect(verb) else "future"
    if verb is None:
        return "none"
    if _plans_ahead(verb, span.start):
        return "future"
    return verb_direction(verb)


def _plans_ahead(verb: Token, expression: int) -> bool:
    """Whether ``verb`` states a plan whose content the expression dates.

    "farmers planned a protest on Saturday": the Saturday lies ahead. Not when the date comes
    before the verb ("On Friday, the government planned ..." dates the planning), when the
    plan is in the past perfect, or when a plan named in passing ("a service planned for
    Saturday") hangs from a clause in the past ("... was cancelled").
    """
    if verb.lemma_.lower() not in _PLANNING_VERBS or verb.tag_ not in ("VBN", "VBD", "VBZ", "VBP"):
        return False
    if expression < verb.i or _in_past_perfect(verb):
        return False
    if verb.dep_ == "acl":
        main = verb.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        return main.pos_ not in ("VERB", "AUX") or verb_direction(main) != "past"
    return True


def _cue_before(span: Span) -> str:
    """The word just before ``span``, skipping a clock time ("until 9 a.m. Tuesday") and
    words that narrow a date ("until mid-November")."""
    index = span.start - 1
    while index >= 0 and (
        _CLOCK_WORD.fullmatch(span.doc[index].text) or span.doc[index].lower_ in _NARROWING_WORDS
    ):
        index -= 1
    if index < 0:
        return ""
    word = span.doc[index].lower_
    if word == "as" and index >= 2 and span.doc[index - 2].lower_ == "as":
        return f"as {span.doc[index - 1].lower_} as"  # "as early as Tuesday"
    if word == "of" and index >= 1 and span.doc[index - 1].lower_ == "ahead":
        return "ahead of"  # "rallied ahead of Thursday's vote"
    return word


def _since_shortly_before(span: Span) -> bool:
    """ "since shortly after the Oct. 23 attack": "since" a few words back still looks back."""
    window = span.doc[max(span.sent.start, span.start - 4) : span.start]
    return any(token.lower_ == "since" for token in window)


def _in_past_perfect(verb: Token) -> bool:
    """Whether ``verb`` or the verb group it hangs from is in the past perfect ("had been due")."""
    current = verb
    for _ in range(3):
        if any(child.lower_ in ("had", "'d") and child.dep_ == "aux" for child in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _nearest_verb_before(span: Span) -> Token | None:
    """The closest verb left of ``span`` in its sentence.

    A small parser often attaches a trailing "on Thursday" to the main verb of a long
    sentence rather than to the verb of the clause it ends; linear proximity is the safer
    guess when the parse points far away.
    """
    for token in reversed(span.doc[span.sent.start : span.start]):
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            return token
    return None


def _governing_verb(token: Token, inside: set[int], climb: int) -> Token | None:
    """The nearest verb or auxiliary above ``token`` outside the expression itself."""
    current = token
    for _ in range(climb):
        if current.i not in inside and current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def verb_direction(verb: Token) -> Direction:
    """Tense of a verb group: its own tag and the tags of its auxiliaries."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxiliaries}
    if words & _FUTURE_AUXILIARIES or (verb.lower_ in _FUTURE_AUXILIARIES):
        return "future"
    if _in_past_perfect(verb):
        return "past"  # "had been scheduled for Friday": a plan overtaken by events
    if verb.dep_ == "xcomp" and "to" in words:
        return _infinitive_direction(verb)
    if (
        verb.dep_ in ("xcomp", "advcl")
        and verb.tag_ == "VBG"
        and not auxiliaries
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() not in _CONSEQUENCE_VERBS
    ):
        # "will begin withdrawing troops on Friday", "has fluctuated, rising ... in March"
        return verb_direction(verb.head)
    if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and (not auxiliaries or words & {"has", "have", "'ve", "'s"}):
        return "past"
    if "would" in words:
        return "future"  # future in the past: "said talks would resume on Friday"
    if "could" in words:
        return "none"
    if words & _MODAL_FORWARD:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "present"
    return "none"


def _infinitive_direction(verb: Token) -> Direction:
    """ "plans to fly on Monday" points forward; otherwise follow the verb it depends on."""
    head = verb.head
    if head.lemma_.lower() in _FORWARD_LOOKING_HEADS or (
        head.lemma_.lower() == "be" and head.dep_ != "aux"
    ):
        # "plans to fly", "is to resume trading Tuesday": an arrangement, so ahead
        return "past" if _in_past_perfect(head) else "future"
    if head.pos_ in ("ADJ", "NOUN") and head.head.pos_ == "AUX" and head.head.i != head.i:
        head = head.head  # "would be ready to leave": the tense is on the copula
    if head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return verb_direction(head)
    return "none"
