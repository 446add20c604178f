"""Name mentions from the spaCy NER, with the small model's typical errors fixed.

* spans are trimmed of a leading "the", honorifics ("Mrs Trump" -> "Trump") and a
  possessive ending, so a name's text is its display form;
* spans that name nothing or run past the name are dropped or cut
  (:mod:`newsprism.annotate.entities._junk`);
* institutional short forms (No 10, the Pentagon, the Kremlin, Whitehall, the White House)
  are found even when the model misses them, as ORG when they act and FAC when they are a
  place ("at the White House");
* a capitalised name after an honorific or office title ("Mr Healey", "President Trump") is
  a PERSON;
* a bare surname tagged ORG/GPE/... (or left untagged) that is the surname of a person named
  in full elsewhere in the text is a PERSON, and so is a name in apposition to an office.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from newsprism.annotate.entities._junk import clean_names
from newsprism.common.lexicon import (
    COUNTRY_OF_WORD,
    DEPARTMENT_WORDS,
    HONORIFICS,
    INSTITUTION_OF_ALIAS,
    INSTITUTION_SHORT_FORMS,
    OFFICE_NOUNS,
    fold,
    word_set,
)
from newsprism.common.names import name_words

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
"""NER labels that name an entity; dates, numbers and the like are left to other steps."""

PERSON_TRIGGERS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "president",
        "premier",
        "chancellor",
        "senator",
        "governor",
        "mayor",
        "minister",
        "secretary",
        "ambassador",
        "baroness",
        "congressman",
        "congresswoman",
        "rep",
        "sen",
    }
)
"""Words after which a capitalised word is a person's name ("Mr Healey", "Secretary Hegseth")."""

_PLACE_PREPOSITIONS = frozenset(
    {"at", "in", "inside", "outside", "to", "into", "near", "on", "towards", "toward"}
)
_ORGANISATION_ENDINGS = word_set(
    """
    academy agency airport association avenue award bank bridge cathedral center centre
    church clinic college commission committee company corp corporation council cup
    department festival force foundation fund group hall hospital hotel inc institute
    library ltd llc ministry museum office park party police prison prize road school
    service show society square stadium station street theater theatre trust university
    lab labs laboratories technologies systems networks holdings airlines airways motors
    industries enterprises partners
    """
)
_PLACE_OPENINGS = {
    "mount": "LOC", "lake": "LOC", "river": "LOC", "gulf": "LOC", "cape": "LOC",
    "avenue": "FAC", "rue": "FAC", "fort": "FAC", "camp": "FAC", "university": "ORG",
}  # fmt: skip
_TITLE_WORDS = (
    HONORIFICS | OFFICE_NOUNS | DEPARTMENT_WORDS | {"of", "prime", "vice", "deputy"}
)
_HYPHENATED_TAIL = re.compile(r"-[a-z]{1,3}(?:-[A-Z][a-z]+)?(?![\w-])")
_INSIDE_PREPOSITIONS = frozenset(
    {"in", "inside", "outside", "near", "across", "around"}
)
_INSTITUTION_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(re.escape(form) for form in INSTITUTION_SHORT_FORMS)
    + r")(?!\w)"
)


def find_names(doc: Doc) -> list[Span]:
    """Name spans of ``doc`` (each with its label), sorted by position, none overlapping."""
    trimmed = (_trimmed(doc, ent) for ent in doc.ents if ent.label_ in NAME_LABELS)
    text = doc.text  # built anew on every access: read it once
    names = clean_names(
        doc,
        [_with_hyphenated_tail(doc, text, name) for name in trimmed if name is not None],
    )
    names = _overlay(names, _institutions(doc))
    names = _overlay(names, _names_after_triggers(doc, names))
    names = [_organisation_named_after_person(doc, name) for name in names]
    names = _relabel_known_surnames(doc, names)
    names = _relabel_places_taken_for_people(doc, names)
    names = [name for name in names if not _is_portfolio_word(doc, name)]
    return sorted(names, key=lambda span: span.start)


def _trimmed(doc: Doc, span: Span) -> Span | None:
    """``span`` without a leading "the"/title or trailing possessive and punctuation."""
    start, end = span.start, span.end
    while start < end and (
        doc[start].lower_ == "the" or _is_honorific(doc, start, span)
    ):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _with_hyphenated_tail(doc: Doc, text: str, name: Span) -> Span:
    """``name`` with the rest of a hyphenated name the model cut off ("Moon Jae" + "-in").

    A tail with a capitalised part ("Mar" + "-a-Lago") makes a place name (FAC).
    """
    tail = _HYPHENATED_TAIL.match(text, name.end_char)
    if tail is None:
        return name
    whole = doc.char_span(name.start_char, tail.end(), alignment_mode="expand")
    if whole is None:
        return name
    label = "FAC" if any(char.isupper() for char in tail.group()) else name.label_
    return Span(doc, whole.start, whole.end, label=label)


def _is_honorific(doc: Doc, index: int, span: Span) -> bool:
    """True for an honorific or title word at ``index`` that opens a longer person name
    ("Mrs" in "Mrs Ann Bellamy", "State" in "State Lydia Crane" after "Secretary of")."""
    word = doc[index].lower_.rstrip(".")
    return span.label_ == "PERSON" and word in _TITLE_WORDS and index + 1 < span.end


def _overlay(names: list[Span], additions: list[Span]) -> list[Span]:
    """``names`` with each addition replacing the names it overlaps."""
    kept = [
        name
        for name in names
        if not any(name.start < new.end and new.start < name.end for new in additions)
    ]
    return kept + additions


def _institutions(doc: Doc) -> list[Span]:
    """Institutional short forms, ORG when they act, FAC when the text uses them as a place."""
    found = []
    for match in _INSTITUTION_PATTERN.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        preceding = doc[span.start - 1] if span.start > 0 else None
        if preceding is not None and preceding.lower_ == "the" and span.start > 1:
            preceding = doc[span.start - 2]
        is_place = preceding is not None and preceding.lower_ in _PLACE_PREPOSITIONS
        found.append(
            Span(doc, span.start, span.end, label="FAC" if is_place else "ORG")
        )
    return found


def _names_after_triggers(doc: Doc, names: list[Span]) -> list[Span]:
    """Capitalised words after "Mr", "Sir", "President"...: PERSON names the model mislabelled."""
    people = {
        i
        for name in names
        if name.label_ == "PERSON"
        for i in range(name.start, name.end)
    }
    found = []
    for token in doc:
        if not (token.is_title and token.lower_.rstrip(".") in PERSON_TRIGGERS):
            continue
        start = _after_portfolio(doc, token.i + 1)
        while start < len(doc) and doc[start].is_title and _honorific(doc[start]):
            start += 1
        end = start
        while end < len(doc) and _is_name_word(doc[end]):
            end += 1
        if end > start and not any(index in people for index in range(start, end)):
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def _after_portfolio(doc: Doc, index: int) -> int:
    """Index after an "of" portfolio at ``index`` ("of State" in "Secretary of State")."""
    if index >= len(doc) or doc[index].lower_ != "of":
        return index
    end = index + 1
    while (
        end < len(doc) and doc[end].is_title and fold(doc[end].text) in DEPARTMENT_WORDS
    ):
        end += 1
    return end if end > index + 1 else index


def _honorific(token: Token) -> bool:
    return token.lower_.rstrip(".") in HONORIFICS


def _is_name_word(token: Token) -> bool:
    """True for a capitalised proper-noun word that can be part of a person's name."""
    word = token.lower_
    return (
        token.is_title
        and token.pos_ == "PROPN"
        and word not in OFFICE_NOUNS
        and word not in HONORIFICS
        and word.replace(".", "") not in COUNTRY_OF_WORD
        and fold(word) not in INSTITUTION_OF_ALIAS
    )


def _relabel_known_surnames(doc: Doc, names: list[Span]) -> list[Span]:
    """Make bare surnames of people named in full PERSON, and add ones the model missed.

    The reverse error is fixed too: a two- or three-word name tagged ORG whose last word
    is tagged PERSON on its own elsewhere ("Olena Shevchuk" ORG, "Shevchuk" PERSON).
    """
    surnames = {
        name_words(name.text)[-1]
        for name in names
        if name.label_ == "PERSON" and len(name_words(name.text)) > 1
    }
    bare_people = {
        name_words(name.text)[0]
        for name in names
        if name.label_ == "PERSON" and len(name_words(name.text)) == 1
    }
    fixed = []
    for name in names:
        words = name_words(name.text)
        if name.label_ != "PERSON" and (
            (len(words) == 1 and words[0] in surnames)
            or (len(words) in (2, 3) and words[-1] in bare_people and _all_proper(name))
        ):
            name = Span(doc, name.start, name.end, label="PERSON")
        fixed.append(name)
    covered = {index for name in fixed for index in range(name.start, name.end)}
    fixed.extend(
        Span(doc, token.i, token.i + 1, label="PERSON")
        for token in doc
        if token.i not in covered
        and token.is_title
        and token.pos_ in ("PROPN", "NOUN")  # a sentence-initial surname is often NOUN
        and fold(token.text) in surnames
    )
    return fixed


def _all_proper(name: Span) -> bool:
    return all(token.pos_ == "PROPN" and token.is_title for token in name)


def _relabel_places_taken_for_people(doc: Doc, names: list[Span]) -> list[Span]:
    """Give a one-word "person" the place or organisation label the text gives it elsewhere.

    The small model tags some city names PERSON ("Kyiv"). A one-word PERSON name that no
    full name or honorific supports takes the label the same word has elsewhere in the
    text (GPE, ORG...), or GPE when it follows "in"/"near"/"outside" somewhere.
    """
    supported = _person_words_supported(doc, names)
    other_labels: dict[str, Counter[str]] = {}
    for name in names:
        if name.label_ != "PERSON":
            other_labels.setdefault(fold(name.text), Counter())[name.label_] += 1
    for token in doc[1:]:
        if token.pos_ == "PROPN" and token.nbor(-1).lower_ in _INSIDE_PREPOSITIONS:
            other_labels.setdefault(fold(token.text), Counter())["GPE"] += 1
    relabelled = []
    for name in names:
        word = fold(name.text)
        unsupported = word in other_labels and word not in supported
        if name.label_ == "PERSON" and len(name) == 1 and unsupported:
            label = other_labels[word].most_common(1)[0][0]
            name = Span(doc, name.start, name.end, label=label)
        relabelled.append(name)
    return relabelled


def _person_words_supported(doc: Doc, names: list[Span]) -> set[str]:
    """Folded words of person names that a full name or an honorific vouches for."""
    supported: set[str] = set()
    for name in names:
        if name.label_ != "PERSON":
            continue
        if len(name_words(name.text)) > 1:
            supported.update(name_words(name.text))
        elif (
            name.start > 0 and doc[name.start - 1].lower_.rstrip(".") in PERSON_TRIGGERS
        ):
            supported.add(fold(name.text))
    return supported


def _is_portfolio_word(doc: Doc, name: Span) -> bool:
    """True for a portfolio tagged as a name in an office title ("Defence" in "Defence
    secretary", "State" in "Secretary of State"), which names no organisation."""
    following = doc[name.end].lower_ if name.end < len(doc) else ""
    before = [token.lower_ for token in doc[max(0, name.start - 2) : name.start]]
    after_office_of = (
        len(before) == 2 and before[1] == "of" and before[0] in OFFICE_NOUNS
    )
    words = [fold(token.text) for token in name]
    return (
        name.label_ != "PERSON"
        and (following in OFFICE_NOUNS or after_office_of)
        and all(word in DEPARTMENT_WORDS for word in words)
    )


def _organisation_named_after_person(doc: Doc, name: Span) -> Span:
    """A PERSON name ending in an institution word ("... Ford Center") is an ORG; one
    opening with a place word ("Avenue Montaigne", "Lake Placid") is that kind of place."""
    if name.label_ != "PERSON" or len(name) < 2:
        return name
    if name[-1].lower_ in _ORGANISATION_ENDINGS:
        return Span(doc, name.start, name.end, label="ORG")
    if name[0].lower_ in _PLACE_OPENINGS:
        return Span(doc, name.start, name.end, label=_PLACE_OPENINGS[name[0].lower_])
    return name
