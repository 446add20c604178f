"""Role mentions: phrases that name a person by office ("the UK defence secretary").

An :class:`Office` is read from the words of a role phrase alone, so the story-level merge
can compare roles of articles it has no parse for. :func:`office_covers` says whether a role
phrase can refer to the holder of an office the text gave a person ("the minister" can be
the defence secretary; "the deputy leader" is never the leader).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsprism.common.lexicon import (
    COMPOUND_OFFICES,
    COUNTRY_OF_WORD,
    GENERIC_OFFICES,
    HONORIFICS,
    OFFICE_NOUNS,
    RANK_QUALIFIERS,
)
from newsprism.common.names import folded_words

_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_IGNORED_ADJECTIVES = frozenset(
    {
        "embattled",
        "beleaguered",
        "veteran",
        "current",
        "incumbent",
        "serving",
        "sitting",
        "newly",
        "elected",
        "appointed",
        "longtime",
        "long-serving",
        "powerful",
        "influential",
        "controversial",
        "populist",
        "hardline",
        "then-",
        "said",
        "country",
        "nation",
        "government",
        "administration",
        "same",
        "very",
        "own",
    }
)
_LOCATIVE_NEIGHBOURS = frozenset({"of", "for"})
_LONGEST_OF_PHRASE = 4
_AMBIGUOUS_OFFICE_NOUNS = frozenset(
    {"chair", "head", "speaker", "boss", "owner", "captain"}
)
_LONGEST_TITLE = 5
_TITLE_TAGS = frozenset({"NNP", "NN", "JJ", "NNPS"})


@dataclass(frozen=True)
class Office:
    """What a role phrase says about an office: its head, portfolio, country and rank."""

    head: str
    qualifiers: frozenset[str] = frozenset()
    country: str = ""
    rank: frozenset[str] = frozenset()
    relative: bool = False
    """True for "his spokesperson": the office of someone the phrase does not name."""


@lru_cache(maxsize=16384)
def office_of(text: str) -> Office | None:
    """The office a role phrase names ("the UK's defence secretary"), or None if it names none."""
    all_words = [word.replace(".", "") for word in folded_words(text)]
    relative = any(word in _POSSESSIVE_PRONOUNS for word in all_words)
    kept = [
        w for w in all_words if w not in _DETERMINERS and w not in _POSSESSIVE_PRONOUNS
    ]
    # "the president of France": the office ends before "of"; what follows qualifies it.
    of_phrase = kept[kept.index("of") + 1 :] if "of" in kept else []
    head, words = _split_head(kept[: kept.index("of")] if "of" in kept else kept)
    if not head:
        return None
    words = words + of_phrase
    country = ""
    qualifiers: set[str] = set()
    rank: set[str] = set()
    for word in _join_country_pairs(words):
        if word in COUNTRY_OF_WORD:
            country = COUNTRY_OF_WORD[word]
        elif word in RANK_QUALIFIERS:
            rank.add(word)
        elif word not in _IGNORED_ADJECTIVES:
            qualifiers.add(word)
    return Office(head, frozenset(qualifiers), country, frozenset(rank), relative)


def _split_head(words: list[str]) -> tuple[str, list[str]]:
    """Split off the office at the end of ``words``: ("prime minister", [...rest])."""
    if len(words) >= 2 and tuple(words[-2:]) in COMPOUND_OFFICES:
        return COMPOUND_OFFICES[tuple(words[-2:])], words[:-2]
    if words and (words[-1],) in COMPOUND_OFFICES:
        return COMPOUND_OFFICES[(words[-1],)], words[:-1]
    if words and words[-1] in OFFICE_NOUNS:
        return words[-1], words[:-1]
    return "", words


def _join_country_pairs(words: list[str]) -> list[str]:
    """Join two-word country names ("united states") into one word for lookup."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if pair in COUNTRY_OF_WORD:
            joined.append(pair)
            index += 2
        else:
            joined.append(words[index])
            index += 1
    return joined


def office_covers(role: Office, held: Office) -> bool:
    """True when a role phrase naming ``role`` can refer to a holder of office ``held``.

    Heads must agree (or the role's head is a generic word for the held office), ranks must
    be equal, and every portfolio word of the role must be part of the held office. A
    country mismatch is checked by the caller against all offices a person holds.
    """
    heads_agree = role.head == held.head or held.head in GENERIC_OFFICES.get(
        role.head, ()
    )
    return heads_agree and role.rank == held.rank and role.qualifiers <= held.qualifiers


def find_role_phrases(doc: Doc, taken: list[Span]) -> Iterator[Span]:
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
        end = _end_with_of_phrase(token, people)
        bare = end == token.i + 1 and start == token.i - 1
        if bare and token.lower_ in _AMBIGUOUS_OFFICE_NOUNS:
            continue
        yield doc[start:end]


def _end_with_of_phrase(head: Token, people: set[int]) -> int:
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
    if not 0 < len(words) <= _LONGEST_OF_PHRASE or any(
        token.pos_ in ("VERB", "AUX") for token in words
    ):
        return head.i + 1
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


def title_before_name(doc: Doc, name_start: int) -> Span | None:
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
    index = _office_before_of_phrase(doc, index)
    if index < 0 or not _ends_office(doc, index):
        return None
    start = index
    while start - 1 >= max(0, end - _LONGEST_TITLE) and _title_word(doc[start - 1]):
        start -= 1
    return doc[start:end]


def _office_before_of_phrase(doc: Doc, index: int) -> int:
    """For "Secretary of State" ending at ``index``, the index of "Secretary"; else ``index``."""
    for length in range(1, _LONGEST_OF_PHRASE):
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
        or token.lower_ in _DETERMINERS
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
