"""Speech cues and their speakers, read off the spaCy dependency parse.

Cues are found by :mod:`newsprism.annotate.quotes._cues`. A cue's speaker is the subject of
the verb, walking up through verbs that share it ("said X, adding: ..." gives "adding" the
subject of "said"), the object of "according to", or the name after an inverted verb
("said X"). Pronoun speakers are resolved
to the most recent named person outside any quotation, preferring grammatical subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.annotate.nlp import text_of
from newsprism.annotate.quotes._cues import (
    cue_span,
    cue_strength,
    possessor,
)
from newsprism.annotate.quotes._resolve import (
    SUBJECT_DEPENDENCIES,
    entity_of,
    plausible_speaker,
    resolve_person_pronoun,
)
from newsprism.annotate.quotes._titles import resolve_title
from newsprism.common.speech import SPEECH_NOUNS
from newsprism.settings import QuoteSettings

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
SHARED_SUBJECT_LINKS = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "acomp", "dep"}
)
PHRASE_RIGHT_CHILDREN = frozenset({"prep", "pobj", "compound", "nummod", "case"})
NOUN_TAGS = frozenset({"PROPN", "NOUN", "PRON"})
RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP"})
INVERTED_MODIFIER_WORDS = 4
"""Words a name after an inverted verb may have before it ('said retired neurosurgeon X')."""
ISSUING_LEMMAS = frozenset(
    {
        "issue",
        "release",
        "publish",
        "run",
        "air",
        "unveil",
        "launch",
        "post",
        "send",
        "put",
    }
)
"""Verbs by which someone puts out a statement, an ad or a video that then 'says' things."""


@dataclass(frozen=True)
class Attribution:
    """Who a quotation is attributed to: character spans of speaker, resolved speaker, cue
    (None when the speaker comes from a verb that is no speech cue)."""

    speaker: tuple[int, int] | None
    speaker_resolved: tuple[int, int] | None
    cue: tuple[int, int] | None


def speaker_head(
    cue: Token,
    inside_quote: list[bool],
    closer: int | None = None,
    settings: QuoteSettings = QuoteSettings(),
) -> Token | None:
    """The token naming who speaks through ``cue``, or None when nobody is named.

    ``closer`` is the token index of the closing quotation mark when the cue follows the
    quotation ('"...," Jane Doe, a lawyer, said'). The parser often mangles such sentences,
    so the words between the mark and the cue (or right after the cue) are read first.
    Words inside quotations are never speakers.
    """
    if cue.lower_ == "according":
        source = _object_of(cue.doc[cue.i + 1])
        if source is not None and inside_quote[source.i]:
            return _author_of(source)  # 'according to "Book Title" by Jane Doe'
        return _issuer_of(source) if source is not None else None
    if cue.pos_ == "NOUN" and closer is None:
        return possessor(cue)
    agents = [child for child in cue.children if child.dep_ == "agent"]
    if agents and _object_of(agents[0]) is not None:
        return _object_of(agents[0])  # "she was asked by the host": the host speaks
    if closer is not None:
        between = _speaker_between(cue, closer, inside_quote, settings.max_speaker_tokens)
        if between is not None:
            return between
    inverted = _inverted_speaker(cue, inside_quote)
    if (
        inverted is not None
        and _follows_punctuation(cue)
        and _ends_phrase(inverted)
        and not _named_subject_before(cue, inside_quote)
    ):
        return inverted  # ', said Jane Doe, a lawyer': the name after the verb
    person = _person_before_participle(cue, inside_quote)
    if person is not None:
        return person  # 'footage of Jane Doe saying'
    subject = _subject_in_parse(cue, inside_quote)
    return subject if subject is not None else _noun_before(cue, inside_quote)


def _person_before_participle(cue: Token, inside_quote: list[bool]) -> Token | None:
    """The named person right before a participle cue, with no comma between: 'the ad
    shows Jane Doe asking', whoever the parser made the participle depend on. Not in a
    headline, where every word is capitalised and 'Jane Doe Asking X' may be a subject."""
    if cue.tag_ != "VBG" or cue.i == 0 or not cue.text.islower():
        return None
    before = cue.doc[cue.i - 1]
    named = before.ent_type_ == "PERSON" and before.pos_ == "PROPN"
    return before if named and not inside_quote[before.i] else None


def _issuer_of(source: Token) -> Token:
    """'according to a court filing by Jane Doe', 'according to audio provided by Radio
    North': whoever filed or provided the document is the source, else the document."""
    for child in source.children:
        by = child if child.lower_ == "by" else None
        if child.dep_ == "acl" and child.tag_ == "VBN":
            by = next((c for c in child.children if c.lower_ == "by"), None)
        agent = _object_of(by) if by is not None else None
        if agent is not None and agent.pos_ in {"PROPN", "NOUN"}:
            return agent
    return source


def _author_of(work: Token) -> Token | None:
    """The author named by "by" after a quoted title, or None."""
    for token in work.doc[work.i + 1 : work.i + 40]:
        if token.lower_ == "by" and token.dep_ == "prep":
            return _object_of(token)
        if token.is_sent_start or "\n" in token.text:
            break
    return None


def _object_of(preposition: Token) -> Token | None:
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    return objects[0] if objects else None


def _subject_in_parse(cue: Token, inside_quote: list[bool]) -> Token | None:
    """The subject of ``cue``, walking up through verbs that share it."""
    verb = _speech_verb_before_participle(cue) or cue
    for _ in range(4):
        subjects = [
            child
            for child in verb.children
            if child.dep_ in SUBJECT_DEPENDENCIES
            and not inside_quote[child.i]
            and not (verb is cue and child.dep_ == "nsubjpass")
        ]
        if subjects:
            subject = _likelier_subject(subjects, verb)
            issuer = _issuer_of_document(subject, verb)
            if issuer is None:
                return subject
            verb = issuer  # "X released a video that said": X speaks through it
            continue
        if verb.dep_ in {"relcl", "amod", "acl"}:
            noun = verb.head  # "Ada Holm, who said" / "tweeted spokesman Ole Lund"
            if noun.dep_ != "dobj" or noun.head.pos_ not in {"VERB", "AUX"}:
                return noun
            verb = noun.head  # "X issued a statement saying": the issuer speaks
            continue
        if verb.dep_ not in SHARED_SUBJECT_LINKS or verb.head is verb:
            break
        verb = _reporting_verb(verb.head)
    return None


def _issuer_of_document(subject: Token, verb: Token) -> Token | None:
    """'Ada Holm released a statement that said ...': when the subject is a relative
    pronoun for a thing someone issued (the object of a verb of :data:`ISSUING_LEMMAS`),
    that verb, whose subject speaks through the thing. A sign someone holds up speaks for
    itself."""
    thing = verb.head
    if not (subject.tag_ == "WDT" and verb.dep_ == "relcl" and thing.dep_ == "dobj"):
        return None
    issuing = thing.head
    if thing.pos_ != "NOUN" or issuing.lemma_.lower() not in ISSUING_LEMMAS:
        return None
    return issuing


def _likelier_subject(subjects: list[Token], verb: Token) -> Token:
    """Of the subjects the parser gave ``verb``, the one that names its speaker.

    'In Salem, New Hampshire, Ada Holm went after him': the parser may read a place or
    another phrase as a second subject; a person (or pronoun) nearer the verb is the one.
    """
    first = subjects[0]
    before = [subject for subject in subjects if subject.i < verb.i]
    if len(before) < 2:
        return first
    nearest = before[-1]
    personal = nearest.ent_type_ == "PERSON" or nearest.tag_ == "PRP"
    return nearest if personal and first.ent_type_ != "PERSON" else first


def _speech_verb_before_participle(cue: Token) -> Token | None:
    """'Ada Holm said, adding that ...': the speech verb right before a participle cue and
    its comma, whose subject the participle shares however the parser linked the two."""
    if cue.tag_ != "VBG" or cue.i < 2 or cue.doc[cue.i - 1].text != ",":
        return None
    before = cue.doc[cue.i - 2]
    return before if before.pos_ == "VERB" and cue_strength(before) == 2 else None


def _reporting_verb(verb: Token) -> Token:
    """The speech verb reporting ``verb`` when ``verb`` heads reported content.

    'He said his attacks have worked and said ...': the second "said" hangs from "worked",
    whose subject is part of what was said; the speaker is the subject of the first "said".
    """
    if verb.dep_ == "ccomp" and cue_strength(verb.head):
        return verb.head
    return verb


def _speaker_between(
    cue: Token, closer: int, inside_quote: list[bool], most_tokens: int
) -> Token | None:
    """The speaker between a closing mark and its cue, or right after a cue that follows it."""
    doc = cue.doc
    region = [token for token in doc[closer + 1 : cue.i] if not inside_quote[token.i]]
    while region and region[0].is_punct:
        region.pop(0)
    if not region:
        return _inverted_speaker(cue, inside_quote)
    last_clause = region[-most_tokens:]
    for token in last_clause:
        # '"...," the start of it all, Jane Doe says': the subject next to the cue
        if token.dep_ == "nsubj" and token.head.i == cue.i and token.pos_ == "PROPN":
            return token
    for index, token in enumerate(region):
        if token.text == "," and index > 0:
            region = region[:index]
            break
    if len(region) > most_tokens:
        return None
    for token in region:
        if token.dep_ in SUBJECT_DEPENDENCIES and token.head.i == cue.i:
            return token
    if any(token.pos_ in {"VERB", "AUX"} for token in region):
        return None  # a clause of its own: leave it to the parse
    nouns = [token for token in region if token.pos_ in NOUN_TAGS]
    if not nouns:
        return None
    if nouns[0].pos_ == "PRON":
        return nouns[0]
    return _end_of_name(nouns[0])


def _end_of_name(token: Token) -> Token:
    """The last word of the run of nouns starting at ``token`` ("Jane Doe" gives "Doe")."""
    doc = token.doc
    while token.i + 1 < len(doc) and doc[token.i + 1].pos_ in {"PROPN", "NOUN"}:
        token = doc[token.i + 1]
    return token


def _ends_phrase(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.text in {",", ".", ";", ":", "of", "from"}


def _named_subject_before(cue: Token, inside_quote: list[bool]) -> bool:
    """True when the parse gives ``cue`` a named subject before it, outside quotations:
    'Jane Doe, a senator who ..., tweeted a warning' is no inverted 'tweeted a warning'."""
    return any(
        child.dep_ == "nsubj"
        and child.i < cue.i
        and not inside_quote[child.i]
        and (child.ent_type_ in {"PERSON", "ORG", "NORP"} or child.pos_ == "PROPN")
        and not _after_speech_verb(child)
        for child in cue.children
    )


def _after_speech_verb(name: Token) -> bool:
    """'said Ada Holm, ..., reported the Courier': a name right after an inverted speech
    verb is that verb's speaker, whatever the parser hung it on."""
    start = name.left_edge.i
    return start > 0 and cue_strength(name.doc[start - 1]) == 2


def _follows_punctuation(cue: Token) -> bool:
    return cue.i > 0 and cue.doc[cue.i - 1].is_punct


def _noun_before(cue: Token, inside_quote: list[bool]) -> Token | None:
    """The noun right before the cue, maybe behind a comma ('Jane Doe, said'), when the
    parse links nothing. A noun closing a relative clause stands for the clause's head:
    'an official who spoke to discuss strategy said' gives "official"."""
    index = cue.i - 1
    if index > 0 and cue.doc[index].text == ",":
        index -= 1
    before = cue.doc[index] if index >= 0 else None
    if before is None or inside_quote[before.i] or before.pos_ not in NOUN_TAGS:
        return None
    for ancestor in before.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head
    return before


def _inverted_speaker(verb: Token, inside_quote: list[bool]) -> Token | None:
    """The name right after a verb ('said Jane Doe'), whatever the parse made of it.

    Only finite verbs invert: after "saying" or "told" comes what was said or the listener.
    """
    if verb.lemma_.lower() == "tell" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    following = verb.i + 1
    doc = verb.doc
    if following < len(doc) and _stands_alone(doc[following]):
        return None if inside_quote[following] else doc[following]  # 'tweeted another.'
    if following < len(doc) and doc[following].pos_ == "DET":
        following += 1
    following = _past_modifiers(doc, following)
    if following >= len(doc) or inside_quote[following]:
        return None
    token = doc[following]
    # the tagger often takes a lone surname after "said" for an adverb: trust the capital
    looks_named = token.pos_ in {"PROPN", "NOUN"} or (
        token.is_title and not token.is_stop
    )
    if not looks_named or token.ent_type_ in {"DATE", "TIME"}:
        return None
    return _end_of_name(token)


def _past_modifiers(doc: Doc, index: int) -> int:
    """The index of the name after the modifiers from ``index`` on ('said retired
    neurosurgeon Ben Carson' reaches "Ben" past "retired", a participle the tagger takes
    for a verb, and "neurosurgeon"), else ``index``: modifiers of a common noun ('says the
    main goal') lead to what is said, not to who says it."""
    start = index
    while (
        index < len(doc)
        and index - start < INVERTED_MODIFIER_WORDS
        and doc[index].dep_ in {"amod", "compound", "nmod"}
        and doc[index].pos_ in {"ADJ", "VERB", "NOUN"}
        and doc[index].head.i > index
    ):
        index += 1
    landed = index < len(doc) and doc[index].pos_ == "PROPN"
    return index if landed else start


def _stands_alone(determiner: Token) -> bool:
    """'another' or 'one' closing its clause: a pronoun for one more of the people before."""
    doc = determiner.doc
    following = doc[determiner.i + 1] if determiner.i + 1 < len(doc) else None
    closes = following is None or following.is_punct
    return determiner.lower_ in {"another", "one"} and closes


def phrase_span(head: Token) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``head``, without appositions or clauses."""
    entity = entity_of(head)
    if entity is not None:
        last = (
            entity[-1] if entity[-1].dep_ != "case" or len(entity) == 1 else entity[-2]
        )
        # the model sometimes takes a signature dash into the name: '― Jane Doe'
        first = next((token for token in entity if _has_letters(token)), entity[0])
        return first.idx, last.idx + len(last)  # without a possessive "'s"
    start = head.i
    for child in head.lefts:
        if child.dep_ not in {"punct", "cc", "appos"}:
            start = min(start, child.left_edge.i)
    end = head.i
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_CHILDREN:
            break
        end = child.right_edge.i
    doc = head.doc
    opening = [token.i for token in doc[head.i : end + 1] if token.text == "("]
    if opening:
        end = opening[0] - 1  # "Jane Doe (D-Vt.)": the party label is not the name
    while end > start and doc[end].is_punct:
        end -= 1
    return doc[start].idx, doc[end].idx + len(doc[end])


def _has_letters(token: Token) -> bool:
    return any(character.isalnum() for character in token.text)


def attribute(
    cue: Token,
    inside_quote: list[bool],
    closer: int | None = None,
    settings: QuoteSettings = QuoteSettings(),
) -> Attribution:
    """The speaker, resolved speaker and cue of a quotation introduced by ``cue``.

    ``closer`` is the closing mark's token index when the cue follows the quotation.
    """
    head = speaker_head(cue, inside_quote, closer, settings)
    if head is not None:
        head = plausible_speaker(head, cue, inside_quote)
    if head is None:
        return Attribution(None, None, cue_span(cue))
    return attribute_to_head(head, cue_span(cue), inside_quote, settings)


def attribute_to_head(
    head: Token,
    cue: tuple[int, int],
    inside_quote: list[bool],
    settings: QuoteSettings = QuoteSettings(),
) -> Attribution:
    """Attribution to the phrase headed by ``head``, resolving pronouns and named roles.

    A head inside a quotation names nobody: a quoted phrase ('the co-author of "Going
    Viral," said') is never a speaker, so the attribution then has none.
    """
    if inside_quote[head.i]:
        return Attribution(None, None, cue)
    speaker = _before_cue(text_of(head.doc), phrase_span(head), cue)
    resolved = speaker
    if head.tag_ in RELATIVE_PRONOUN_TAGS and head.head.dep_ == "relcl":
        # "Jane Doe, who said": the speaker as written is "who", resolved to its antecedent
        antecedent = attribute_to_head(head.head.head, cue, inside_quote, settings)
        return Attribution(speaker, antecedent.speaker_resolved, cue)
    if head.lower_ in PERSON_PRONOUNS:
        person = resolve_person_pronoun(head, inside_quote, settings.pronoun_lookback_sentences)
        resolved = person if person is not None else speaker
    elif entity_of(head) is None:
        named = _named_apposition(head) or resolve_title(head, inside_quote)
        resolved = named if named is not None else speaker
    return Attribution(speaker, resolved, cue)


def _before_cue(
    text: str, speaker: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int]:
    """``speaker`` cut before the cue when the parse swallowed it ('the ad states')."""
    start, end = speaker
    if start < cue[0] < end:
        end = start + len(text[start : cue[0]].rstrip())
    return start, end


def _named_apposition(head: Token) -> tuple[int, int] | None:
    """A named apposition of a role: "the transport minister, Ada Holm"."""
    for child in head.children:
        if child.dep_ == "appos" and entity_of(child) is not None:
            return phrase_span(child)
    return None


def speaker_from_speech_noun(tokens: list[Token]) -> tuple[Token, Token] | None:
    """("words of X" / "statement from X") in ``tokens``: the noun and the speaker head."""
    for token in tokens:
        if token.lower_ not in SPEECH_NOUNS:
            continue
        for preposition in token.rights:
            if preposition.dep_ == "prep" and preposition.lower_ in {
                "of",
                "from",
                "by",
            }:
                objects = [
                    child for child in preposition.children if child.dep_ == "pobj"
                ]
                if objects:
                    return token, objects[0]
    return None
