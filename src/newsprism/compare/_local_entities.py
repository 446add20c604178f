"""Article-local entities as the story-level merge sees them, and what the story says of
them: labels the model got wrong (a surname tagged as a place), and the names written
beside each one (its context, which a misspelt name must share to join)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.common.lexicon import COUNTRY_OF_WORD, fold
from newsprism.common.names import (
    canonical_key,
    full_names_match,
    name_words,
    organisation_key,
    surname,
    surnames_match,
)
from newsprism.model import Article, Mention
from newsprism.settings import NameSettings

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "into",
        "inside",
        "outside",
        "near",
        "across",
        "around",
        "throughout",
        "within",
    }
)
"""Prepositions after which a name is a place ("into Jordan"); "at"/"toward" also take people."""


@dataclass
class LocalEntity:
    """One article-local entity with what merging needs to know about it."""

    article: Article
    order: int
    local_id: str
    mentions: list[Mention] = field(default_factory=list)
    corrected_label: str = ""
    """A label set when the story shows the model's label wrong (a surname tagged ORG)."""
    _texts: dict[str, list[str]] = field(default_factory=dict)
    _context: set[str] | None = None

    def texts(self, kind: str) -> list[str]:
        """Surface forms of this entity's mentions of one kind ("name" or "role")."""
        if kind not in self._texts:
            text = self.article.text
            self._texts[kind] = [
                m.span.of(text) for m in self.mentions if m.kind == kind
            ]
        return self._texts[kind]

    @property
    def label(self) -> str:
        """The corrected label, else the most common label of this entity's names (PERSON
        for a role-only entity)."""
        if self.corrected_label:
            return self.corrected_label
        labels = [m.label for m in self.mentions if m.kind == "name"]
        return Counter(labels).most_common(1)[0][0] if labels else "PERSON"

    def full_names(self) -> list[str]:
        """This entity's names of more than one word (the names a person is named in full)."""
        if "full" not in self._texts:
            self._texts["full"] = [
                text for text in self.texts("name") if len(name_words(text)) > 1
            ]
        return self._texts["full"]

    def own_keys(self) -> set[str]:
        """The keys of this entity's own names (see :meth:`context`)."""
        return {_context_key(text) for text in self.texts("name")}

    def context(self) -> set[str]:
        """Keys of the other names written in the sentences that mention this entity:
        what a report says stands beside it."""
        if self._context is None:
            article = self.article
            sentences = {article.sentence_index(m.start) for m in self.mentions}
            self._context = {
                _context_key(m.span.of(article.text))
                for m in article.mentions
                if m.kind == "name"
                and m.entity != self.local_id
                and article.sentence_index(m.start) in sentences
            }
        return self._context

    @property
    def first(self) -> tuple[int, int]:
        """Where this entity is first mentioned: (article order, offset)."""
        return (self.order, self.mentions[0].start)


def _context_key(text: str) -> str:
    """One key per written name for comparing contexts: its surname-like last word for a
    person-like name, its place or organisation key otherwise (both, folded)."""
    return organisation_key(text) if canonical_key(text) else surname(text)


def local_entities(articles: Sequence[Article]) -> list[LocalEntity]:
    """Every article-local entity, in order of first mention across the story."""
    locals_: list[LocalEntity] = []
    for order, article in enumerate(articles):
        by_id: dict[str, LocalEntity] = {}
        for mention in sorted(article.mentions, key=lambda m: (m.start, m.end)):
            if not mention.entity:
                continue
            if mention.entity not in by_id:
                by_id[mention.entity] = LocalEntity(article, order, mention.entity)
            by_id[mention.entity].mentions.append(mention)
        locals_.extend(by_id.values())
    return sorted(locals_, key=lambda local: local.first)


def find_people(locals_: list[LocalEntity], settings: NameSettings) -> set[int]:
    """Indexes of locals that are people, after correcting the model's labels.

    A name tagged as an organisation (or a nationality...) that is the full name (spelling
    variants allowed) or exactly the surname of a person another report names in full is
    that person. A name tagged as a place that the text also uses as one ("into Jordan")
    keeps its label: the country is not Michael Jordan. A one-word "person" that fits no
    full name and is the name of a place or organisation elsewhere in the story is that
    place ("Wasilla").
    """
    people = {i for i, local in enumerate(locals_) if local.label == "PERSON"}
    full_names = [text for i in sorted(people) for text in full_names_of(locals_[i])]
    name_parts = {word for text in full_names for word in name_words(text)}
    place_labels = {
        organisation_key(text): local.label
        for local in locals_
        if local.label != "PERSON"
        for text in local.texts("name")
    }
    people_of_surname: dict[str, list[LocalEntity]] = {}
    for i in sorted(people):
        for text in full_names_of(locals_[i]):
            people_of_surname.setdefault(surname(text), []).append(locals_[i])
    for index, local in enumerate(locals_):
        names = {fold(text) for text in local.texts("name")}
        if len(names) != 1:
            continue
        (name,) = names
        key = organisation_key(name)
        if index in people:
            if " " not in name and name not in name_parts and key in place_labels:
                local.corrected_label = place_labels[key]
                people.discard(index)
        elif not _used_as_place(local) and (
            _is_mislabelled_person(name, full_names, settings)
            or _is_misspelt_person(local, name, people_of_surname, settings)
        ):
            local.corrected_label = "PERSON"
            people.add(index)
    return people


def _is_misspelt_person(
    local: LocalEntity,
    name: str,
    people_of_surname: dict[str, list[LocalEntity]],
    settings: NameSettings,
) -> bool:
    """True when a one-word non-person name is a spelling variant of the surname of a
    person named in full, written beside a name that person is written beside too
    ("Preibus and Spicer" / "Reince Priebus met Sean Spicer")."""
    if " " in name or name in COUNTRY_OF_WORD or canonical_key(name):
        return False
    return any(
        _lengths_allow(len(other), len(name), settings)
        and surnames_match(other, name, settings)
        and any(share_context(local, person, settings) for person in people)
        for other, people in people_of_surname.items()
    )


def _is_mislabelled_person(name: str, full_names: list[str], settings: NameSettings) -> bool:
    """True when a folded non-person name is a full name or surname of a named person."""
    if " " in name:
        return any(full_names_match(name, full, settings) for full in full_names)
    surnames = {surname(full) for full in full_names}
    return name in surnames and name not in COUNTRY_OF_WORD


def _used_as_place(local: LocalEntity) -> bool:
    """True for a place-labelled entity written somewhere right after a place preposition
    (and not as a possessive: "in Comey's memo" says nothing of Comey being a place)."""
    if local.label not in _PLACE_LABELS:
        return False
    for mention in local.mentions:
        if local.article.text[mention.end : mention.end + 2] in ("'s", "’s"):
            continue  # "in Comey's memo": the possessive, not the name, follows "in"
        before = local.article.text[max(0, mention.start - 12) : mention.start].split()
        if before and before[-1].lower() == "the":
            before = before[:-1]
        if before and before[-1].lower() in _PLACE_PREPOSITIONS:
            return True
    return False


def full_names_of(local: LocalEntity) -> list[str]:
    return local.full_names()


def share_context(one: LocalEntity, other: LocalEntity, names: NameSettings) -> bool:
    """True when the sentences of two locals hold at least ``shared_context_names``
    common names (each local's own names aside)."""
    shared = one.context() & other.context()
    shared -= one.own_keys() | other.own_keys()
    return len(shared) >= names.shared_context_names


def _lengths_allow(one: int, other: int, settings: NameSettings) -> bool:
    """False when two surnames differ so much in length that no spelling rule of
    :func:`newsprism.common.names.surnames_match` can join them (a cheap test first)."""
    if abs(one - other) <= 1:
        return True
    return 200 * min(one, other) / (one + other) >= settings.surname_similarity
