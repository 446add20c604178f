"""Speech cues: which words introduce what someone says, and how strongly.

A cue is a core speech verb (the nearest wins) or a weak one (used when no core verb is near),
a phrasal verb (the lists are in :mod:`newsprism.common.speech`), the phrase "according to", or a speech noun with a possessor
("Ada Holm's declaration").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsprism.common.speech import (
    CORE_SPEECH_LEMMAS,
    SPEECH_NOUNS,
    SPEECH_PHRASAL_VERBS,
    WEAK_SPEECH_LEMMAS,
)

BARE_CUE_CHILDREN = frozenset(
    {"nsubj", "punct", "advmod", "ccomp", "npadvmod", "prt", "cc"}
)
"""What "continue" may carry and still mean "went on speaking" ('"...," she continued')."""


def cue_strength(token: Token) -> int:
    """2 for a core speech verb, 1 for a weak one, 0 for no cue (a cue is a verb form)."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc):
        return 2 if token.doc[token.i + 1].lower_ == "to" else 0
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
        # "Ada Holm's declaration that": weaker than any verb
        return 1 if possessor(token) is not None else 0
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {
        "VBZ",
        "VBD",
        "VBG",
        "VBN",
    }:
        return 0
    if token.lemma_.lower() == "continue":
        return 2 if _continues_speaking(token) else 0
    if token.lower_ in {"so-called", "called"} and _after_so(token):
        return 0
    lemma = token.lemma_.lower()
    particle = next(
        (
            c.lower_
            for c in token.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1)
        ),
        None,
    )  # the parser reads the "back" of 'she shot back' as an adverb as often as not
    if (lemma, particle) in SPEECH_PHRASAL_VERBS:
        return 2  # '"...," she went on.' / 'he shot back'
    if lemma in CORE_SPEECH_LEMMAS:
        return 2
    return 1 if lemma in WEAK_SPEECH_LEMMAS else 0


def _continues_speaking(verb: Token) -> bool:
    """'"...," she continued': a person goes on, not 'talks continue as ...'."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is not None and following.text == ":":
        return True  # 'The report continues: "..."'
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if subjects and subjects[0].pos_ not in {"PROPN", "PRON"}:
        return False
    return all(child.dep_ in BARE_CUE_CHILDREN | {"advcl"} for child in verb.children)


def possessor(noun: Token) -> Token | None:
    """The possessor naming whose a speech noun is ("Ada Holm's declaration")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return child
    return None


def _after_so(token: Token) -> bool:
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return previous is not None and previous.lower_ in {"so", "-", "so-"}


def cue_span(token: Token) -> tuple[int, int]:
    """Characters of the cue: the verb, or "according to" as one phrase."""
    if token.lower_ == "according":
        following = token.doc[token.i + 1]
        return token.idx, following.idx + len(following)
    return token.idx, token.idx + len(token)
