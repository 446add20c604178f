"""Which way a time expression points, read from the tense of the verb that governs it.

"will fly out on Wednesday" points forward, "met last Thursday" back. The governing verb is
the first verb or auxiliary on the dependency path from the expression up to the root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsprism.annotate.times_calendar import Direction

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}
_MODAL_FORWARD = {"can", "may", "might", "must", "should", "ca"}
_FORWARD_LOOKING_HEADS = {
    "plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "want", "prepare",
    "promise", "pledge", "vow", "threaten", "agree", "decide", "go", "likely", "about",
}  # fmt: skip
_SCHEDULING_VERBS = {"schedule", "slate"}
_MAX_CLIMB = 8
_FAR_AWAY = 10  # tokens between an expression and its governing verb before we distrust it


def direction_at(doc: Doc, start: int, end: int) -> Direction:
    """Direction of the expression at characters ``[start, end)`` of ``doc.text``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    cue = doc[span.start - 1].lower_ if span.start > 0 else ""
    if cue == "since":
        return "past"
    if cue in ("until", "till"):
        return "future"  # "closed until Friday": the end of the wait lies ahead
    verb = _governing_verb(span.root, set(range(span.start, span.end)))
    if verb is None or abs(verb.i - span.start) > _FAR_AWAY:
        verb = _nearest_verb_before(span) or verb
    if verb is None:
        return "none"
    return verb_direction(verb)


def _nearest_verb_before(span: Span) -> Token | None:
    """The closest verb left of ``span`` in its sentence.

    A small parser often attaches a trailing "on Thursday" to the main verb of a long
    sentence rather than to the verb of the clause it ends; linear proximity is the safer
    guess when the parse points far away.
    """
    for token in reversed(span.doc[span.sent.start : span.start]):
        if token.pos_ == "VERB" or token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"):
            return token
    return None


def _governing_verb(token: Token, inside: set[int]) -> Token | None:
    """The nearest verb or auxiliary above ``token`` outside the expression itself."""
    current = token
    for _ in range(_MAX_CLIMB):
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
    if verb.lemma_.lower() in _SCHEDULING_VERBS and verb.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        return "future"  # "the vote, scheduled for Friday": what is scheduled lies ahead
    if verb.dep_ == "xcomp" and "to" in words:
        return _infinitive_direction(verb)
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
    if head.lemma_.lower() in _FORWARD_LOOKING_HEADS:
        return "future"
    if head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return verb_direction(head)
    return "none"
