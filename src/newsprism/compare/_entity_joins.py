"""The rules by which article-local entities of one story join (see
:mod:`newsprism.compare.entities` for the list)."""

from __future__ import annotations

from collections import Counter

from newsprism.common.grouping import Groups
from newsprism.common.lexicon import DROPPABLE_KIND_WORDS, GENERIC_NAME_TAILS
from newsprism.common.names import (
    canonical_key,
    first_name,
    full_names_match,
    is_acronym_of,
    label_family,
    organisation_key,
    surname,
    surnames_match,
)
from newsprism.common.offices import Office, holder_of, office_covers, office_of, role_key
from newsprism.compare._local_entities import (
    LocalEntity,
    full_names_of,
    share_context,
)
from newsprism.settings import NameSettings


def join_organisations(
    locals_: list[LocalEntity], groups: Groups, people: set[int]
) -> None:
    """Join places and organisations by name key, institution alias or acronym."""
    others = [
        i for i, local in enumerate(locals_) if i not in people and local.texts("name")
    ]
    seen: dict[tuple[str, str], int] = {}
    for index in others:
        for text in locals_[index].texts("name"):
            # A name the word lists know (a country and its people, a party and its
            # members) denotes one thing whatever label the model gave each mention.
            family = "KNOWN" if canonical_key(text) else label_family(locals_[index].label)
            key = (family, organisation_key(text))
            if key in seen:
                groups.join(seen[key], index)
            else:
                seen[key] = index
    for (family, _key), index in seen.items():
        for (other_family, _other_key), other in seen.items():
            if family != other_family or groups.find(index) == groups.find(other):
                continue
            texts = locals_[index].texts("name")
            if any(
                is_acronym_of(a, b) for a in texts for b in locals_[other].texts("name")
            ):
                groups.join(index, other)


def join_short_forms(locals_: list[LocalEntity], groups: Groups, people: set[int]) -> None:
    """Join a one-word organisation to the one longer name it shortens.

    "the Times" / "The New York Times", "the Saints" / "New Orleans Saints": the last
    word of an organisation's name stands for it when it says no kind ("Party",
    "Department"). "Interior" / "the Interior Department", "the Potomac" / "the Potomac
    River": a name without the word for its kind, given the same label (the network CNN
    is not the CNN Center, nor Vietnam the Vietnam War). When two longer names fit,
    neither is taken.
    """
    others = [i for i, local in enumerate(locals_) if i not in people and local.texts("name")]
    longer: list[tuple[int, tuple[str, ...], str]] = []
    for index in others:
        for text in locals_[index].texts("name"):
            words = organisation_key(text).split()
            if len(words) > 1:
                longer.append((index, tuple(words), locals_[index].label))
    for index in others:
        local = locals_[index]
        keys = {organisation_key(text) for text in local.texts("name")}
        if len(keys) != 1:
            continue
        (word,) = keys
        if " " in word or canonical_key(word) or word in GENERIC_NAME_TAILS:
            continue
        fitting = {
            groups.find(other)
            for other, words, label in longer
            if (
                words[-1] == word
                and local.label == "ORG"
                and label == "ORG"
                and words[-1] not in GENERIC_NAME_TAILS
            )
            or (
                len(words) == 2
                and words[0] == word
                and words[1] in DROPPABLE_KIND_WORDS
                and label == local.label
            )
        }
        if len(fitting) == 1:
            groups.join(fitting.pop(), index)


def join_full_names(
    locals_: list[LocalEntity], groups: Groups, people: set[int], names: NameSettings
) -> None:
    """Join people whose full names agree on surname and first name."""
    full = [i for i in sorted(people) if full_names_of(locals_[i])]
    for position, index in enumerate(full):
        for earlier in full[:position]:
            if any(
                full_names_match(one, other, names)
                for one in full_names_of(locals_[earlier])
                for other in full_names_of(locals_[index])
            ):
                groups.join(earlier, index)


def join_bare_names(
    locals_: list[LocalEntity], groups: Groups, people: set[int], names: NameSettings
) -> None:
    """Join a person named only by one word to the one full-named person it fits.

    When several fit ("Trump" with Donald and Melania Trump named in full), the one with
    clearly the most mentions in the story wins; on a tie the bare name stays apart.
    """
    full = [i for i in sorted(people) if full_names_of(locals_[i])]
    mentions_of: Counter[int] = Counter()
    for index in range(len(locals_)):
        mentions_of[groups.find(index)] += len(locals_[index].mentions)
    bare_seen: dict[str, int] = {}
    for index in sorted(people):
        if index in full or not locals_[index].texts("name"):
            continue
        word = surname(locals_[index].texts("name")[0])
        fitting = {
            groups.find(i)
            for i in full
            if _fits(word, full_names_of(locals_[i]), names)
            and _context_allows(locals_[index], locals_[i], word, names)
        }
        ranked = sorted(fitting, key=lambda root: -mentions_of[root])
        if len(ranked) == 1 or (
            ranked and mentions_of[ranked[0]] > mentions_of[ranked[1]]
        ):
            groups.join(ranked[0], index)
            continue
        match = next(
            (
                seen
                for key, seen in bare_seen.items()
                if surnames_match(key, word, names)
                and (key == word or share_context(locals_[seen], locals_[index], names))
            ),
            None,
        )
        if match is not None:
            groups.join(match, index)
        else:
            bare_seen[word] = index


def _context_allows(bare: LocalEntity, full: LocalEntity, word: str, names: NameSettings) -> bool:
    """True unless a bare name fits a full name only by a spelling variant of its surname
    and the two share no context: a misspelt name ("Preibus") is taken for another
    report's "Reince Priebus" only where both stand beside a common name."""
    exact = any(
        surname(text) == word or first_name(text) == word for text in full_names_of(full)
    )
    return exact or share_context(bare, full, names)


def _fits(word: str, full_names: list[str], names: NameSettings) -> bool:
    """True when a one-word name is the surname, or else the first name, of a full name."""
    return any(surnames_match(surname(name), word, names) for name in full_names) or any(
        first_name(name) == word for name in full_names
    )


def join_roles(locals_: list[LocalEntity], groups: Groups, names: NameSettings) -> None:
    """Join role-only locals to the one person another article binds their office to
    (or, when several fit, to one named far more often than the others)."""
    held: dict[int, list[Office]] = {}
    for index, local in enumerate(locals_):
        if not local.texts("name"):
            continue
        for text in local.texts("role"):
            office = office_of(text)
            if office is not None and not office.relative:
                held.setdefault(groups.find(index), []).append(office)
    salience: Counter[int] = Counter()
    for index, local in enumerate(locals_):
        salience[groups.find(index)] += len(local.texts("name"))
    same_role: dict[tuple[object, ...], int] = {}
    for index, local in enumerate(locals_):
        if local.texts("name") or not local.texts("role"):
            continue
        text = local.texts("role")[0]
        office = office_of(text)
        holder = holder_of(office, held, salience, names.role_dominance) if office is not None else None
        if holder is None and office is not None:
            holder = _holder_of_no_country(office, held)
        if holder is not None:
            groups.join(holder, index)
            continue
        key = role_key(office, text)
        if key in same_role:
            groups.join(same_role[key], index)
        else:
            same_role[key] = index


def _holder_of_no_country(office: Office, held: dict[int, list[Office]]) -> int | None:
    """The one person holding a covering office with no country said, for a role that
    names a country, when no holder of that office in the story has a country: "the
    president of the United States" is the "President Trump" of a story that names no
    other president."""
    if not office.country or office.relative:
        return None
    fitting = []
    for group, offices in held.items():
        covering = [held_office for held_office in offices if office_covers(office, held_office)]
        if any(held_office.country for held_office in covering):
            return None
        if covering:
            fitting.append(group)
    return fitting[0] if len(fitting) == 1 else None
