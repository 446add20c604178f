"""Who a speaker mention stands for, and whether a parsed subject can be a speaker at all.

"he"/"she" resolve to the most recent named person outside any quotation, preferring
grammatical subjects. A subject the parser found may be a dateline ("OSLO (Wire) -"),
a time stamp ("9:15 a.m.") or the object of a preposition ("Ada Holm, in Bergen, said"):
such heads are replaced by the named mention nearest before the cue.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsprism.annotate.nlp import text_of
from newsprism.settings import QuoteSettings

NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NOT_SPEAKER_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}
)
SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})
MALE_PRONOUNS = frozenset({"he", "him", "his"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady"})
DATELINE_MARKS = frozenset({"(", "-", "—", "–"})
DATELINE_AGENCY = re.compile(r"\s*\([^)]{1,30}\)\s*[-—–]")


def entity_of(token: Token) -> Span | None:
    """The named entity holding ``token`` when it names someone or something."""
    if token.ent_type_ not in NAME_LABELS:
        return None
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


def plausible_speaker(head: Token, cue: Token, inside_quote: list[bool]) -> Token | None:
    """``head`` when it can name a speaker of ``cue``, else a better head or None.

    Words inside a quotation are never speakers: '"Donald is a leader," said the
    46-year-old' must not fall back on "Donald".
    """
    if not _implausible(head, cue) and not inside_quote[head.i]:
        return head
    doc = cue.doc
    before = doc[cue.i - 1] if cue.i > 0 else None
    if (
        before is not None
        and before.pos_ == "PROPN"
        and not _implausible(before, cue)
        and not inside_quote[before.i]
    ):
        return before  # "Jane Doe said", names the tagger did not take for an entity
    for entity in reversed([e for e in doc.ents if e.end <= cue.i]):
        if _crosses_break(entity[-1], cue):
            break
        in_brackets = entity.start > 0 and doc[entity.start - 1].text == "("
        quoted = any(inside_quote[token.i] for token in entity)
        if entity.label_ in SPEAKER_LABELS and not in_brackets and not quoted:
            return entity.root
    return None


def _implausible(head: Token, cue: Token) -> bool:
    if _crosses_break(head, cue):
        return True
    if head.ent_type_ in NOT_SPEAKER_LABELS and not _counts_people(head):
        return True
    if head.dep_ == "pobj" and head.i < cue.i:
        return True  # "Ada Holm, in Bergen, said"
    return _is_dateline(head)


def _counts_people(head: Token) -> bool:
    """'Hundreds of nurses said', 'About four in 10 said': a number heading a group of
    people (or a share of a group) names speakers, unlike a date or a time stamp. 'The
    46-year-old said': an age names a person, though the model tags it a date."""
    if head.ent_type_ == "DATE" and head.lower_ == "old" and head.dep_ in SUBJECT_DEPENDENCIES:
        return True
    return head.ent_type_ in {"CARDINAL", "PERCENT"} and any(
        child.dep_ == "prep" and child.lower_ in {"of", "in"} for child in head.children
    )


def _is_dateline(head: Token) -> bool:
    """'LONDON - ...', 'Oslo (Wire) - ...': a place opening the text, then a dash."""
    doc = head.doc
    if not (head.i == 0 or "\n" in doc[head.i - 1].text or head.is_sent_start):
        return False
    rest = text_of(doc)[head.idx + len(head) : head.idx + len(head) + 40]
    shouted = (
        head.is_upper and len(head.text) > 2 and rest.lstrip()[:1] in DATELINE_MARKS
    )
    return shouted or DATELINE_AGENCY.match(rest) is not None


def _crosses_break(token: Token, cue: Token) -> bool:
    """True when ``token`` and ``cue`` lie in different sentences or paragraphs."""
    low, high = sorted((token.i, cue.i))
    if any("\n" in word.text for word in token.doc[low:high]):
        return True
    return token.sent.start != cue.sent.start


def resolve_person_pronoun(
    pronoun: Token, inside_quote: list[bool], lookback_sentences: int = QuoteSettings().pronoun_lookback_sentences,
) -> tuple[int, int] | None:
    """The named person "he"/"she" most likely stands for, or None when the text names nobody.

    Candidates are PERSON mentions before the pronoun and outside quotations, plus other
    mentions sharing a PERSON mention's last word (the small model often tags a bare surname
    ORG). A subject among the last few sentences wins over a nearer non-subject. A person
    an honorific marks as the other sex ("Ms Lee" for "he") is passed over.
    """
    doc = pronoun.doc
    excluded = _surnames_of_sex(
        doc, "female" if pronoun.lower_ in MALE_PRONOUNS else "male"
    )
    candidates = [
        entity
        for entity in _person_mentions(doc)
        if entity.end <= pronoun.i
        and not inside_quote[entity.start]
        and entity[-1].lower_ not in excluded
    ]
    if not candidates:
        return None
    window_start = _sentence_start_before(pronoun, lookback_sentences)
    for entity in reversed(candidates):
        if entity.start < window_start:
            break
        if any(
            token.dep_ in SUBJECT_DEPENDENCIES for token in entity
        ) or _heads_subject(entity):
            return entity.start_char, entity.end_char
    last = candidates[-1]
    return last.start_char, last.end_char


def _surnames_of_sex(doc: Doc, sex: str) -> set[str]:
    """Last words of names an honorific marks as ``sex`` ("Mr Lund" -> male "lund")."""
    honorifics = MALE_HONORIFICS if sex == "male" else FEMALE_HONORIFICS
    surnames: set[str] = set()
    for entity in doc.ents:
        title = doc[entity.start - 1] if entity.start > 0 else None
        named = entity[0].lower_.rstrip(".") in honorifics
        if named or (title is not None and title.lower_.rstrip(".") in honorifics):
            surnames.add(entity[-1].lower_)
    return surnames


def _heads_subject(entity: Span) -> bool:
    """True when the mention is an apposition or compound of a subject ("Mr. X, 50, said")."""
    root = entity.root
    return root.dep_ in {"appos", "compound"} and root.head.dep_ in SUBJECT_DEPENDENCIES


def _person_mentions(doc: Doc) -> list[Span]:
    persons = [entity for entity in doc.ents if entity.label_ == "PERSON"]
    surnames = {entity[-1].lower_ for entity in persons if entity[-1].is_title}
    return [
        entity
        for entity in doc.ents
        if entity.label_ == "PERSON"
        or (entity.label_ in NAME_LABELS and entity[-1].lower_ in surnames)
    ]


def _sentence_start_before(token: Token, count: int) -> int:
    sentence = token.sent
    for _ in range(count):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return sentence.start
