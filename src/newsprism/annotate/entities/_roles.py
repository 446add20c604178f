"""Role mentions: phrases that name a person by office ("the UK defence secretary").

Which office a phrase names is read by :mod:`newsprism.common.offices`; this module finds
the phrases in a parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsprism.common.lexicon import COMPOUND_OFFICES, HONORIFICS, OFFICE_NOUNS
from newsprism.common.offices import DETERMINERS
from newsprism.settings import EntitySettings

_LOCATIVE_NEIGHBOURS = frozenset({"of", "for"})
_AMBIGUOUS_OFFICE_NOUNS = frozenset(
    {"chair", "head", "speaker", "boss", "owner", "captain"}
)
_TITLE_TAGS = frozenset({"NNP", "NN", "JJ", "NNPS"})


def find_role_phrases(
    doc: Doc, taken: list[Span], settings: EntitySettings = EntitySettings()
) -> Iterator[Span]:
    """Definite singular noun phrases headed by an office noun, outside the ``taken`` spans.

    "the prime minister", "the UK defence secretary", "Ukraine's president", "his
    spokesperson": a determiner, possessive pronoun or possessive name, modifiers, and an
    office noun as the head of its phrase. Nouns that often name no office ("the chair",
    "the head", "the speaker") count only with a modifier or an "of" phrase.
    """
    covered = {index for span in taken for index in range(span.start, span.end)}
    people = {
        index
        for span in taken
        if span.label_ in ("PERSON", "")
        for index in range(span.start, span.end)
    }
    for token in doc:
        if token.i in covered or not _is_office_head(token):
            continue
        start = _determined_phrase_start(token)
        if start is None or any(index in covered for index in range(start, token.i)):
            continue
        end = _end_with_of_phrase(token, people, settings.longest_of_phrase)
        bare = end == token.i + 1 and start == token.i - 1
        if bare and token.lower_ in _AMBIGUOUS_OFFICE_NOUNS:
            continue
        yield doc[start:end]


def _end_with_of_phrase(head: Token, people: set[int], longest: int) -> int:
    """End of a role phrase, taking in a short "of" phrase ("the president of France").

    The phrase stops before a comma or a person's name, so "the president of France,
    Emmanuel Macron" keeps the apposition outside the role.
    """
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if following is None or following.lower_ != "of" or following.head.i != head.i:
        return head.i + 1
    objects = [child for child in following.children if child.dep_ == "pobj"]
    if not objects:
        return head.i + 1
    end = following.i + 1
    while end <= objects[0].right_edge.i and not (doc[end].is_punct or end in people):
        end += 1
    words = doc[following.i + 1 : end]
    if not 0 < len(words) <= longest or any(
        token.pos_ in ("VERB", "AUX") for token in words
    ):
        return head.i + 1
    if not any(token.pos_ == "PROPN" or token.dep_ in ("det", "poss") for token in words):
        return head.i + 1  # "the president of obstruction": no body or place is named
    return end


def _is_office_head(token: Token) -> bool:
    """True for a singular office noun that heads its phrase (not "prime" in "prime minister")."""
    word = token.lower_
    if word not in OFFICE_NOUNS and (word,) not in COMPOUND_OFFICES:
        return False
    if token.tag_ in ("NNS", "NNPS"):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and (word, following.lower_) in COMPOUND_OFFICES:
        return False
    return not (token.dep_ == "compound" and token.head.i > token.i)


def _determined_phrase_start(head: Token) -> int | None:
    """Start of ``head``'s phrase when a definite determiner or possessive opens it."""
    left = [
        child
        for child in head.lefts
        if child.dep_ in ("det", "poss", "amod", "compound", "nmod", "npadvmod")
    ]
    if not left:
        return None
    opener = left[0]
    if opener.dep_ == "det" and opener.lower_ != "the":
        return None
    if opener.dep_ not in ("det", "poss"):
        return None
    return opener.left_edge.i


def title_before_name(
    doc: Doc, name_start: int, settings: EntitySettings = EntitySettings()
) -> Span | None:
    """The office title written just before a name ("Prime Minister" in "Prime Minister Sir
    Keir Starmer", "US President" in "US President Donald Trump"), or None."""
    index = name_start - 1
    while (
        index >= 0
        and doc[index].lower_.rstrip(".") in HONORIFICS
        and not _ends_office(doc, index)
    ):
        index -= 1
    end = index + 1
    index = _office_before_of_phrase(doc, index, settings.longest_of_phrase)
    if index < 0 or not _ends_office(doc, index):
        return None
    start = index
    while start - 1 >= max(0, end - settings.longest_title) and _title_word(doc[start - 1]):
        start -= 1
    return doc[start:end]


def _office_before_of_phrase(doc: Doc, index: int, longest: int) -> int:
    """For "Secretary of State" ending at ``index``, the index of "Secretary"; else ``index``."""
    for length in range(1, longest):
        of_index = index - length
        if of_index < 1 or not doc[of_index + 1].is_title:
            break
        if doc[of_index].lower_ == "of" and _ends_office(doc, of_index - 1):
            return of_index - 1
    return index


def _ends_office(doc: Doc, index: int) -> bool:
    """True when token ``index`` is the last word of an office title."""
    word = doc[index].lower_
    return word in OFFICE_NOUNS or (word,) in COMPOUND_OFFICES


def _title_word(token: Token) -> bool:
    """True for a word that can open an office title: a modifier, not a determiner or verb.

    Capitalised words qualify ("Defence" in "Defence Secretary"); lower-case ones only as
    modifiers of the noun phrase ("former campaign chairman Paul Manafort").
    """
    if (
        token.is_punct
        or token.lower_ in DETERMINERS
        or token.lower_ in _LOCATIVE_NEIGHBOURS
    ):
        return False
    if token.tag_ == "POS" or token.ent_type_ in (
        "PERSON",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
    ):
        return False
    if token.tag_ not in _TITLE_TAGS:
        return False
    return token.is_title or token.is_upper or token.dep_ in ("compound", "amod")
