"""Entity mentions of one article: names and roles, with article-local entity ids.

Names come from the spaCy NER with the small model's usual errors fixed (see
:mod:`newsprism.annotate.entities._fixes`); roles are definite phrases headed by an office
noun (:mod:`newsprism.annotate.entities._roles`). A role is bound to a person when the text
says so: a title before the name ("Prime Minister Sir Keir Starmer") or an apposition ("the
UK defence secretary, John Healey"). Ids are then assigned by
:mod:`newsprism.annotate.entities._coref`. Name spans never include an honorific ("Mr",
"Sir") or a leading "the", so a name's text is its display form.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsprism.annotate.entities._coref import MentionRecord, assign_entity_ids
from newsprism.annotate.entities._fixes import find_names
from newsprism.annotate.entities._roles import find_role_phrases, title_before_name
from newsprism.model import Mention, MentionKind
from newsprism.settings import EntitySettings, NameSettings

_LABELS_INSIDE_ROLES = frozenset({"GPE", "NORP"})


def find_entities(
    doc: Doc, settings: EntitySettings = EntitySettings(), names: NameSettings = NameSettings()
) -> tuple[Mention, ...]:
    """Name and role mentions of ``doc``, sorted by start, each with its local entity id.

    Offsets are character offsets into ``doc.text``. Role mentions are labelled PERSON.
    """
    found, titles = _names_and_titles(doc, settings)
    # A country inside a role ("the UK defence secretary") stays a mention of its own.
    taken = [name for name in found if name.label_ not in _LABELS_INSIDE_ROLES]
    roles = list(find_role_phrases(doc, taken + [title for title, _ in titles], settings))
    missed = _names_apposed_to_roles(doc, roles, found)
    if missed:
        bound = [(title, found[index]) for title, index in titles]
        found = sorted(found + missed, key=lambda name: name.start)
        titles = [(title, found.index(person)) for title, person in bound]
    records = [_record(name, "name") for name in found]
    for title, person in titles:
        records.append(_record(title, "role", bound=person))
    for role in roles:
        records.append(_record(role, "role", bound=_apposed_person(doc, role, found)))
    ids = assign_entity_ids(records, names)
    mentions = [
        Mention(record.start, record.end, record.label, record.kind, entity)
        for record, entity in zip(records, ids, strict=False)
    ]
    return tuple(sorted(mentions, key=lambda mention: (mention.start, mention.end)))


def _record(span: Span, kind: MentionKind, bound: int | None = None) -> MentionRecord:
    label = span.label_ if kind == "name" else "PERSON"
    return MentionRecord(span.start_char, span.end_char, span.text, label, kind, bound)


def _names_and_titles(
    doc: Doc, settings: EntitySettings
) -> tuple[list[Span], list[tuple[Span, int]]]:
    """Names, and office titles written before person names with the index of that name.

    A name inside a title is dropped ("Defence" tagged ORG in "Defence Secretary John
    Healey") unless it names a country or nationality ("US" in "US President").
    """
    names = find_names(doc)
    title_of = {}
    for name in names:
        title = title_before_name(doc, name.start, settings) if name.label_ == "PERSON" else None
        if title is not None:
            title_of[name.start] = title
    inside = {i for title in title_of.values() for i in range(title.start, title.end)}
    names = [
        n for n in names if n.start not in inside or n.label_ in _LABELS_INSIDE_ROLES
    ]
    titles = [
        (title_of[name.start], index)
        for index, name in enumerate(names)
        if name.start in title_of
    ]
    return names, titles


def _names_apposed_to_roles(doc: Doc, roles: list[Span], names: list[Span]) -> list[Span]:
    """Person names the model missed right after a role: "the mayor of X, Ana Ruiz, said".

    Two or more capitalised proper nouns between commas after an office phrase name the
    office holder even when the NER passed over them.
    """
    covered = {i for name in names for i in range(name.start, name.end)}
    found = []
    for role in roles:
        start = role.end + 1
        if start >= len(doc) or doc[role.end].text != ",":
            continue
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end not in covered:
            end += 1
        closed = end == len(doc) or doc[end].is_punct
        if end - start >= 2 and closed:
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def _apposed_person(doc: Doc, role: Span, names: list[Span]) -> int | None:
    """Index of the person a role phrase is in apposition with, if any.

    "the French president, Emmanuel Macron" binds to the name after the comma; "John
    Healey, the defence secretary, said" to the name before it when the role ends its
    clause. The name after wins, since lists put the role before the name it describes.
    """
    starts = {name.start: index for index, name in enumerate(names)}
    ends = {name.end: index for index, name in enumerate(names)}
    after = role.end
    if after + 1 < len(doc) and doc[after].text == "," and after + 1 in starts:
        index = starts[after + 1]
        if names[index].label_ == "PERSON":
            return index
    before = role.start
    closes = role.end >= len(doc) or doc[role.end].is_punct
    if closes and before >= 2 and doc[before - 1].text == "," and before - 1 in ends:
        index = ends[before - 1]
        if names[index].label_ == "PERSON":
            return index
    return None
