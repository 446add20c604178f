"""Split sentences into clauses: the statements that reports are compared by.

A news sentence often carries several facts ("X will fly to Washington on Wednesday, where
he will meet Y, after the decision to halt aid"). Each verb that heads its own clause in the
dependency parse starts a statement; its tokens are the ones whose nearest clause-heading
ancestor it is, and its span runs from the first to the last of them. Speech frames ("officials
said") are left out: what they frame is the statement.

Each clause also carries its predicate-argument frame (see :class:`~newsprism.model.Clause`):
the main verb (through "is considering halting" to "halt"), who acts, what is acted on,
negation and modality, so that reports can be compared on who did what to whom and on how
surely they say it.
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

STANCE_VERBS = {
    "consider": "considering", "weigh": "considering", "mull": "considering",
    "explore": "considering", "discuss": "considering",
    "plan": "planned", "intend": "planned", "prepare": "planned", "aim": "planned",
    "want": "planned", "hope": "planned", "seek": "planned",
    "expect": "expected", "due": "expected", "set": "expected", "likely": "expected",
    "decide": "decided", "agree": "agreed", "vote": "decided",
    "refuse": "refused", "decline": "refused", "reject": "refused",
    "threaten": "threatened", "vow": "threatened", "pledge": "threatened", "promise": "threatened",
    "try": "attempted", "attempt": "attempted",
}
"""Verbs (and adjectives) that hold the main verb at a distance: "is considering halting
aid", "plans to cut", "is due to meet". The main verb is the one they govern; they give the
clause its modality."""

MODAL_AUXILIARIES = {
    "will": "future", "shall": "future", "'ll": "future", "would": "future",
    "may": "possible", "might": "possible", "could": "possible",
}
HEDGES = {
    "reportedly": "reported", "allegedly": "reported", "apparently": "reported",
    "reputedly": "reported", "possibly": "possible", "probably": "possible",
    "perhaps": "possible",
}
"""Adverbs that say the statement is not asserted as fact."""

REPORTED_PASSIVES = frozenset({"say", "believe", "think", "report", "understand", "know", "rumour", "rumor"})
"""'is said to', 'is believed to': the passive of these before "to" reports a claim."""

QUALIFYING_RELATIONS = frozenset({"prep", "relcl", "acl", "advcl"})
"""Relations of phrases that qualify an argument rather than name it."""

AGENT_RELATIONS = frozenset({"nsubj", "csubj"})
PATIENT_RELATIONS = frozenset({"dobj", "attr", "dative", "oprd"})


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
    clauses = []
    for members in _ordered(kept):
        head = next(token for token in members if _clause_head(token, inside) is token)
        clauses.append(_make_clause(members, sentence, _frame(head, {t.i for t in members})))
    return clauses


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


def _frame(head: Token, members: set[int]) -> dict[str, object]:
    """The predicate-argument frame of the clause headed by ``head`` (see Clause)."""
    verb, modality = _main_verb(head, members)
    modality = modality or _auxiliary_modality(head, verb)
    if any(child.dep_ in ("nsubjpass", "auxpass", "agent") for child in verb.children):
        agent = _argument((verb,), ("agent",), members, by_phrase=True)
        patient = _argument((verb, head), ("nsubjpass",), members)
    else:
        # A subject raised to the governing verb ("the US is considering halting") acts.
        agent = _argument((verb, head), (*AGENT_RELATIONS, "nsubjpass"), members)
        patient = _argument((verb,), PATIENT_RELATIONS, members)
    return {
        "predicate": _predicate(verb),
        "agent": agent,
        "patient": patient,
        "negated": any(child.dep_ == "neg" for child in (*head.children, *verb.children)),
        "modality": modality,
    }


def _main_verb(head: Token, members: set[int]) -> tuple[Token, str]:
    """The verb a clause is about, through stance verbs that govern it, and their stance."""
    verb, modality = head, ""
    for _ in range(4):
        lemma = verb.lemma_.lower()
        complements = [c for c in verb.children if c.i in members and c.dep_ in ("xcomp", "acomp")]
        stance = "reported" if _reported_passive(verb) else STANCE_VERBS.get(lemma, "")
        if lemma == "be":
            stance = "be"  # "is due to", "are likely to": the adjective holds the stance
        if not complements or not stance:
            break
        if stance != "be":
            modality = stance
        verb = complements[0]
    return verb, modality


def _reported_passive(verb: Token) -> bool:
    """'is said to', 'was believed to': a claim reported, not asserted."""
    return verb.lemma_.lower() in REPORTED_PASSIVES and any(child.dep_ == "auxpass" for child in verb.children)


def _auxiliary_modality(head: Token, verb: Token) -> str:
    for token in (head, verb):
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in MODAL_AUXILIARIES:
                return MODAL_AUXILIARIES[child.lower_]
            if child.dep_ == "advmod" and child.lower_ in HEDGES:
                return HEDGES[child.lower_]
    return ""


def _predicate(verb: Token) -> str:
    """The main verb's lemma; for "be" or "have" with a complement, the complement's."""
    lemma = verb.lemma_.lower()
    if lemma in ("be", "have"):
        for child in verb.children:
            if child.dep_ in ("attr", "acomp", "dobj"):
                return child.lemma_.lower()
    return lemma


def _argument(
    tokens: tuple[Token, ...], relations: tuple[str, ...] | frozenset[str], members: set[int], by_phrase: bool = False
) -> Span | None:
    """The span of the first child of ``tokens`` (tried in order) in ``relations``.

    With ``by_phrase`` the child is a preposition ("by") and its object is the argument.
    """
    for token in tokens:
        for child in token.children:
            if child.dep_ not in relations:
                continue
            if by_phrase:
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if not objects:
                    continue
                child = objects[0]
            inside = [t for t in _phrase(child) if t.i in members or t.i == child.i]
            while len(inside) > 1 and inside[-1].is_punct:
                inside.pop()
            first, last = inside[0], inside[-1]
            return Span(first.idx, last.idx + len(last.text))
    return None


def _phrase(head: Token) -> list[Token]:
    """The noun phrase of an argument without the phrases that qualify it: "aid" of "aid to
    Kyiv", "the minister" of "the minister who resigned"; an apposed name stays ("his
    counterpart, Pete Hegseth")."""
    cut = {
        token.i
        for child in head.children
        if child.dep_ in QUALIFYING_RELATIONS
        for token in child.subtree
    }
    return [token for token in head.subtree if token.i not in cut]


def _make_clause(tokens: list[Token], sentence: int, frame: dict[str, object]) -> Clause:
    body = list(tokens)
    while len(body) > 1 and (body[0].dep_ in EDGE_WORDS or body[0].is_punct or body[0].is_space):
        body.pop(0)
    while len(body) > 1 and (body[-1].dep_ in EDGE_WORDS or body[-1].is_punct or body[-1].is_space):
        body.pop()
    start = body[0].idx
    end = body[-1].idx + len(body[-1].text)
    return Clause(start=start, end=end, sentence=sentence, terms=tuple(_terms(tokens)), **frame)  # type: ignore[arg-type]
