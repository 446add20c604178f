"""Split sentences into clauses: the statements that reports are compared by.

A news sentence often carries several facts ("X will fly to Washington on Wednesday, where
he will meet Y, after the decision to halt aid"). Each verb that heads its own clause in the
dependency parse starts a statement; its tokens are the ones whose nearest clause-heading
ancestor it is, and its span runs from the first to the last of them. Speech frames ("officials
said") are left out: what they frame is the statement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsprism.common.speech import CORE_SPEECH_LEMMAS
from newsprism.model import Clause, Span

CLAUSE_RELATIONS = frozenset(
    {"ROOT", "conj", "advcl", "relcl", "ccomp", "acl", "parataxis", "csubj", "pcomp"}
)
"""Dependency relations by which a verb heads a clause of its own."""

CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})

LIGHT_VERBS = frozenset(
    {"be", "have", "do", "say", "tell", "add", "state", "report", "suggest", "indicate",
     "appear", "seem", "emerge", "make", "take", "get", "go", "come", "set"}
)
"""Verbs too common to tell one statement from another."""

EDGE_WORDS = frozenset({"cc", "mark", "punct"})
"""Relations of words that join a clause to its neighbours: left off the clause's edges."""


def find_clauses(doc: Doc, sentences: tuple[Span, ...]) -> tuple[Clause, ...]:
    """Return the clauses of every sentence, in text order, with their content terms."""
    clauses: list[Clause] = []
    for index, sentence in enumerate(sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        clauses.extend(_sentence_clauses(list(span), index))
    return tuple(clauses)


def _sentence_clauses(tokens: list[Token], sentence: int) -> list[Clause]:
    inside = {token.i for token in tokens}
    groups: dict[int, list[Token]] = {}
    for token in tokens:
        groups.setdefault(_clause_head(token, inside).i, []).append(token)
    by_index = {token.i: token for token in tokens}
    kept = {head: members for head, members in groups.items() if not _is_speech_frame(by_index[head], members)}
    return [_make_clause(members, sentence) for members in _ordered(kept)]


def _is_speech_frame(head: Token, members: list[Token]) -> bool:
    """True for "officials said" and the like: who speaks, while what is said is elsewhere.

    The statement is then the reported clause (or the quote), not the frame around it.
    """
    if head.lemma_.lower() not in CORE_SPEECH_LEMMAS:
        return False
    if any(child.dep_ in ("ccomp", "parataxis") for child in head.children):
        return True
    return len(_terms(members)) <= 2


def _clause_head(token: Token, inside: set[int]) -> Token:
    current = token
    while True:
        if _heads_clause(current) or current.head.i == current.i or current.head.i not in inside:
            return current
        current = current.head


def _heads_clause(token: Token) -> bool:
    if token.dep_ not in CLAUSE_RELATIONS:
        return False
    if token.dep_ == "ROOT":
        return True
    return token.pos_ in {"VERB", "AUX"}


def _ordered(groups: dict[int, list[Token]]) -> list[list[Token]]:
    return sorted(
        (sorted(members, key=lambda t: t.i) for members in groups.values()),
        key=lambda members: members[0].i,
    )


def _terms(tokens: list[Token]) -> list[str]:
    terms = []
    for token in tokens:
        if token.pos_ not in CONTENT_TAGS or token.is_stop or not token.text[0].isalnum():
            continue
        lemma = token.text.lower() if token.pos_ == "PROPN" else token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in LIGHT_VERBS:
            continue
        terms.append(lemma)
        if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
            # "340 residents" and "about 400 residents" count the same thing: a shared
            # feature lets the two statements meet so that their numbers can be compared.
            terms.append(f"count:{token.head.lemma_.lower()}")
    return terms


def _make_clause(tokens: list[Token], sentence: int) -> Clause:
    body = list(tokens)
    while len(body) > 1 and (body[0].dep_ in EDGE_WORDS or body[0].is_punct or body[0].is_space):
        body.pop(0)
    while len(body) > 1 and (body[-1].dep_ in EDGE_WORDS or body[-1].is_punct or body[-1].is_space):
        body.pop()
    start = body[0].idx
    end = body[-1].idx + len(body[-1].text)
    return Clause(start=start, end=end, sentence=sentence, terms=tuple(_terms(tokens)))
