"""Which mentions of one article name the same entity: article-local entity ids.

Works on plain mention records (character spans, text, label, kind, a role's bound name),
so it needs no parse. Rules, in order:

* places and organisations: equal names, institution aliases (No 10 / Downing Street) and
  acronyms (MoD / Ministry of Defence) join;
* people: full names join when surname and first name agree; a bare surname or first name
  ("Healey", "Keir") joins the full name it fits, the nearest one before it when several do;
* roles: a role bound by the text ("the UK defence secretary, John Healey") joins its
  person; an unbound role joins the one person whose bound offices cover it ("the minister"
  -> the defence secretary), else it stays an entity of its own, shared by equal roles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsprism.common.grouping import Groups
from newsprism.common.names import (
    first_name,
    full_names_match,
    is_acronym_of,
    label_family,
    name_words,
    organisation_key,
    surname,
    surnames_match,
)
from newsprism.common.offices import Office, holder_of, office_of, role_key
from newsprism.model import MentionKind
from newsprism.settings import NameSettings


@dataclass(frozen=True)
class MentionRecord:
    """One mention as the id assignment sees it; ``bound`` is the index of a role's name."""

    start: int
    end: int
    text: str
    label: str
    kind: MentionKind
    bound: int | None = None


def assign_entity_ids(
    records: Sequence[MentionRecord], names: NameSettings = NameSettings()
) -> list[str]:
    """Article-local entity ids ("E1", "E2", ... in order of first mention), one per record."""
    groups = Groups(len(records))
    _join_places_and_organisations(records, groups)
    _join_people(records, groups, names)
    _join_roles(records, groups, names)
    numbering: dict[int, str] = {}
    for index in sorted(
        range(len(records)), key=lambda i: (records[i].start, records[i].end)
    ):
        root = groups.find(index)
        numbering.setdefault(root, f"E{len(numbering) + 1}")
    return [numbering[groups.find(index)] for index in range(len(records))]


def _join_places_and_organisations(
    records: Sequence[MentionRecord], groups: Groups
) -> None:
    """Join non-person names with equal keys, aliases or acronyms, within one label family."""
    first_of_key: dict[tuple[str, str], int] = {}
    names = [
        i for i, r in enumerate(records) if r.kind == "name" and r.label != "PERSON"
    ]
    for index in names:
        key = (
            label_family(records[index].label),
            organisation_key(records[index].text),
        )
        if key in first_of_key:
            groups.join(first_of_key[key], index)
        else:
            first_of_key[key] = index
    for index in names:
        for other in names:
            same_family = label_family(records[index].label) == label_family(
                records[other].label
            )
            if same_family and is_acronym_of(records[index].text, records[other].text):
                groups.join(index, other)


def _join_people(records: Sequence[MentionRecord], groups: Groups, names: NameSettings) -> None:
    """Join full names that agree, then attach bare surnames and first names to them."""
    people = [
        i for i, r in enumerate(records) if r.kind == "name" and r.label == "PERSON"
    ]
    full = [i for i in people if len(name_words(records[i].text)) > 1]
    for position, index in enumerate(full):
        for earlier in full[:position]:
            if full_names_match(records[earlier].text, records[index].text, names):
                groups.join(earlier, index)
                break
    bare_of_word: dict[str, int] = {}
    for index in people:
        if index in full:
            continue
        target = _full_name_for(records, index, full, groups, names)
        if target is not None:
            groups.join(target, index)
            continue
        word = surname(records[index].text)
        if word in bare_of_word:
            groups.join(bare_of_word[word], index)
        else:
            bare_of_word[word] = index


def _full_name_for(
    records: Sequence[MentionRecord],
    index: int,
    full: list[int],
    groups: Groups,
    names: NameSettings,
) -> int | None:
    """The full-name mention a bare name belongs to: by surname, else by first name.

    When several people fit ("Trump" with Donald and Melania Trump), the one named most
    recently before the bare name wins; with none before it, the first one named.
    """
    word = surname(records[index].text)
    by_surname = [i for i in full if surnames_match(surname(records[i].text), word, names)]
    candidates = by_surname or [i for i in full if first_name(records[i].text) == word]
    if not candidates:
        return None
    before = [i for i in candidates if records[i].start < records[index].start]
    chosen = max(before, key=lambda i: records[i].start) if before else candidates[0]
    return groups.find(chosen)


def _join_roles(records: Sequence[MentionRecord], groups: Groups, names: NameSettings) -> None:
    """Join bound roles to their person, then unbound roles to the one person they fit."""
    for index, record in enumerate(records):
        if record.kind == "role" and record.bound is not None:
            groups.join(record.bound, index)
    held = offices_held(records, groups.find)
    salience: dict[int, int] = {}
    for index, record in enumerate(records):
        if record.kind == "name":
            salience[groups.find(index)] = salience.get(groups.find(index), 0) + 1
    same_role: dict[tuple[object, ...], int] = {}
    for index, record in enumerate(records):
        if record.kind != "role" or record.bound is not None:
            continue
        office = office_of(record.text)
        holder = holder_of(office, held, salience, names.role_dominance) if office is not None else None
        if holder is not None:
            groups.join(holder, index)
            continue
        key = role_key(office, record.text)
        if key in same_role:
            groups.join(same_role[key], index)
        else:
            same_role[key] = index


def offices_held(
    records: Sequence[MentionRecord], group_of: Callable[[int], int]
) -> dict[int, list[Office]]:
    """Offices the text binds to each person group (group id -> offices)."""
    held: dict[int, list[Office]] = {}
    for index, record in enumerate(records):
        if record.kind == "role" and record.bound is not None:
            office = office_of(record.text)
            if office is not None and not office.relative:
                held.setdefault(group_of(index), []).append(office)
    return held
