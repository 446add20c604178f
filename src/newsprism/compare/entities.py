"""Merge the entities of every report of a story into story-level entities.

Each article arrives with mentions and article-local entity ids
(:func:`newsprism.annotate.entities.find_entities`). Local entities of different articles
join when:

* places and organisations share a name, an institution alias (No 10 / Downing Street /
  Number 10; the Pentagon / US Department of Defense) or an acronym, with or without its
  small words (FBI / Federal Bureau of Investigation), within one label family (a person
  never joins a place); a name the word lists know joins whatever its label: a country
  and its people (Russia / Russian / Russians), a party and its members (the Democratic
  Party / Democrats), a US state and its abbreviation (California / Calif.);
* a one-word organisation joins the one longer name it shortens ("the Times" / "The New
  York Times"; "Interior" / "the Interior Department");
* people agree on surname (spelling variants and transliterations allowed: Zelensky /
  Zelenskyy) and on first name when both give one (Donald and Melania Trump stay apart),
  and on middle initials when both give them (George W. and George H.W. Bush stay apart);
  a person named only by surname ("Healey") joins the one full name it fits, and one
  spelt otherwise ("Preibus" / "Reince Priebus") only when both are written beside a
  common name;
* a name the model tagged as a place or organisation in one report is the exact surname
  of a person another report names in full (the small model's usual error);
* an article's role that no name binds ("the prime minister") joins the one person another
  article binds a covering office to ("Prime Minister Sir Keir Starmer"), a role naming a
  country ("the U.S. president") to the one holder of that office whose country no report
  says; when several people fit, the role stays an entity of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.common.grouping import Groups
from newsprism.common.lexicon import COUNTRY_OF_WORD, GENERIC_NAME_TAILS, fold
from newsprism.common.names import (
    canonical_key,
    first_name,
    full_names_match,
    is_acronym_of,
    label_family,
    name_words,
    organisation_key,
    surname,
    surnames_match,
)
from newsprism.common.offices import Office, holder_of, office_covers, office_of, role_key
from newsprism.model import Article, Entity, Evidence, Mention, Quote, Span
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
class _Local:
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


def merge_entities(
    articles: Sequence[Article], names: NameSettings = NameSettings()
) -> tuple[tuple[Entity, ...], dict[tuple[str, str], str]]:
    """Story-level entities of ``articles`` and the map (article id, local id) -> story id.

    Story ids are "e1", "e2", ... in order of first mention (articles in the order given,
    then by offset). An entity's ``name`` is its fullest name, ``aliases`` every other
    surface form seen (names and roles), ``mentions`` every mention as evidence.
    """
    locals_ = _local_entities(articles)
    groups = Groups(len(locals_))
    people = _people(locals_, names)
    _join_organisations(locals_, groups, people)
    _join_short_forms(locals_, groups, people)
    _join_full_names(locals_, groups, people, names)
    _join_bare_names(locals_, groups, people, names)
    _join_roles(locals_, groups, names)
    return _story_entities(locals_, groups)


def _local_entities(articles: Sequence[Article]) -> list[_Local]:
    """Every article-local entity, in order of first mention across the story."""
    locals_: list[_Local] = []
    for order, article in enumerate(articles):
        by_id: dict[str, _Local] = {}
        for mention in sorted(article.mentions, key=lambda m: (m.start, m.end)):
            if not mention.entity:
                continue
            if mention.entity not in by_id:
                by_id[mention.entity] = _Local(article, order, mention.entity)
            by_id[mention.entity].mentions.append(mention)
        locals_.extend(by_id.values())
    return sorted(locals_, key=lambda local: local.first)


def _people(locals_: list[_Local], settings: NameSettings) -> set[int]:
    """Indexes of locals that are people, after correcting the model's labels.

    A name tagged as an organisation (or a nationality...) that is the full name (spelling
    variants allowed) or exactly the surname of a person another report names in full is
    that person. A name tagged as a place that the text also uses as one ("into Jordan")
    keeps its label: the country is not Michael Jordan. A one-word "person" that fits no
    full name and is the name of a place or organisation elsewhere in the story is that
    place ("Wasilla").
    """
    people = {i for i, local in enumerate(locals_) if local.label == "PERSON"}
    full_names = [text for i in sorted(people) for text in _full_names(locals_[i])]
    name_parts = {word for text in full_names for word in name_words(text)}
    place_labels = {
        organisation_key(text): local.label
        for local in locals_
        if local.label != "PERSON"
        for text in local.texts("name")
    }
    people_of_surname: dict[str, list[_Local]] = {}
    for i in sorted(people):
        for text in _full_names(locals_[i]):
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
    local: _Local,
    name: str,
    people_of_surname: dict[str, list[_Local]],
    settings: NameSettings,
) -> bool:
    """True when a one-word non-person name is a spelling variant of the surname of a
    person named in full, written beside a name that person is written beside too
    ("Preibus and Spicer" / "Reince Priebus met Sean Spicer")."""
    if " " in name or name in COUNTRY_OF_WORD or canonical_key(name):
        return False
    return any(
        abs(len(other) - len(name)) <= 2
        and surnames_match(other, name, settings)
        and any(_share_context(local, person, settings) for person in people)
        for other, people in people_of_surname.items()
    )


def _is_mislabelled_person(name: str, full_names: list[str], settings: NameSettings) -> bool:
    """True when a folded non-person name is a full name or surname of a named person."""
    if " " in name:
        return any(full_names_match(name, full, settings) for full in full_names)
    surnames = {surname(full) for full in full_names}
    return name in surnames and name not in COUNTRY_OF_WORD


def _used_as_place(local: _Local) -> bool:
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


def _join_organisations(
    locals_: list[_Local], groups: Groups, people: set[int]
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


def _join_short_forms(locals_: list[_Local], groups: Groups, people: set[int]) -> None:
    """Join a one-word organisation to the one longer name it shortens.

    "the Times" / "The New York Times", "the Saints" / "New Orleans Saints": the last
    word of an organisation's name stands for it when it says no kind ("Party",
    "Department"). "Interior" / "the Interior Department", "the Potomac" / "the Potomac
    River": a name without the word for its kind. When two longer names fit, neither is
    taken.
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
            or (len(words) == 2 and words[0] == word and words[1] in GENERIC_NAME_TAILS)
        }
        if len(fitting) == 1:
            groups.join(fitting.pop(), index)


def _join_full_names(
    locals_: list[_Local], groups: Groups, people: set[int], names: NameSettings
) -> None:
    """Join people whose full names agree on surname and first name."""
    full = [i for i in sorted(people) if _full_names(locals_[i])]
    for position, index in enumerate(full):
        for earlier in full[:position]:
            if any(
                full_names_match(one, other, names)
                for one in _full_names(locals_[earlier])
                for other in _full_names(locals_[index])
            ):
                groups.join(earlier, index)


def _full_names(local: _Local) -> list[str]:
    return local.full_names()


def _join_bare_names(
    locals_: list[_Local], groups: Groups, people: set[int], names: NameSettings
) -> None:
    """Join a person named only by one word to the one full-named person it fits.

    When several fit ("Trump" with Donald and Melania Trump named in full), the one with
    clearly the most mentions in the story wins; on a tie the bare name stays apart.
    """
    full = [i for i in sorted(people) if _full_names(locals_[i])]
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
            if _fits(word, _full_names(locals_[i]), names)
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
                and (key == word or _share_context(locals_[seen], locals_[index], names))
            ),
            None,
        )
        if match is not None:
            groups.join(match, index)
        else:
            bare_seen[word] = index


def _context_allows(bare: _Local, full: _Local, word: str, names: NameSettings) -> bool:
    """True unless a bare name fits a full name only by a spelling variant of its surname
    and the two share no context: a misspelt name ("Preibus") is taken for another
    report's "Reince Priebus" only where both stand beside a common name."""
    exact = any(
        surname(text) == word or first_name(text) == word for text in _full_names(full)
    )
    return exact or _share_context(bare, full, names)


def _share_context(one: _Local, other: _Local, names: NameSettings) -> bool:
    """True when the sentences of two locals hold at least ``shared_context_names``
    common names (each local's own names aside)."""
    shared = one.context() & other.context()
    shared -= one.own_keys() | other.own_keys()
    return len(shared) >= names.shared_context_names


def _fits(word: str, full_names: list[str], names: NameSettings) -> bool:
    """True when a one-word name is the surname, or else the first name, of a full name."""
    return any(surnames_match(surname(name), word, names) for name in full_names) or any(
        first_name(name) == word for name in full_names
    )


def _join_roles(locals_: list[_Local], groups: Groups, names: NameSettings) -> None:
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


def _story_entities(
    locals_: list[_Local], groups: Groups
) -> tuple[tuple[Entity, ...], dict[tuple[str, str], str]]:
    """Build one Entity per group, numbered by first mention, and the id map."""
    entities = []
    mapping: dict[tuple[str, str], str] = {}
    grouped = sorted(
        groups.members().values(), key=lambda members: locals_[members[0]].first
    )
    for number, members in enumerate(grouped, start=1):
        story_id = f"e{number}"
        members_locals = [locals_[i] for i in members]
        for local in members_locals:
            mapping[(local.article.id, local.local_id)] = story_id
        entities.append(_entity(story_id, members_locals))
    return tuple(entities), mapping


def _entity(story_id: str, members: list[_Local]) -> Entity:
    """One story entity from the locals that denote it."""
    names = [text for local in members for text in local.texts("name")]
    roles = [text for local in members for text in local.texts("role")]
    name = _display_name(names) if names else _role_name(roles)
    aliases: dict[str, str] = {}
    for text in names + roles:
        if text.lower() != name.lower():
            aliases.setdefault(text.lower(), text)
    evidence = sorted(
        (
            (local.order, m.start, m.end),
            Evidence(
                local.article.id, m.start, m.end, local.article.sentence_index(m.start)
            ),
        )
        for local in members
        for m in local.mentions
    )
    return Entity(
        story_id,
        name,
        _label(members),
        tuple(aliases.values()),
        tuple(e for _, e in evidence),
        named=bool(names),
    )


def _display_name(texts: list[str]) -> str:
    """The fullest name: most words, then most often written, then longest."""
    counts = Counter(texts)
    return max(
        counts, key=lambda text: (len(name_words(text)), counts[text], len(text))
    )


def _role_name(roles: list[str]) -> str:
    """The most used role phrase, with a sentence-initial "The" lowered ("the president")."""
    counts = Counter(
        role[0].lower() + role[1:] if role.startswith("The ") else role
        for role in roles
    )
    return max(counts, key=lambda text: (counts[text], len(text)))


def _label(members: list[_Local]) -> str:
    """PERSON when any member is a person, else the label of most mentions."""
    labels: Counter[str] = Counter()
    for local in members:
        labels[local.label] += len(local.mentions)
    if "PERSON" in labels:
        return "PERSON"
    return labels.most_common(1)[0][0]


class StoryEntities:
    """Look-ups from article mentions to the story-level entities they belong to."""

    def __init__(self, articles: Sequence[Article], names: NameSettings = NameSettings()) -> None:
        every, self._story_id = merge_entities(articles, names)
        self._by_id = {entity.id: entity for entity in every}
        self.entities = tuple(entity for entity in every if entity.named)
        """The entities a brief lists: those some report names."""

    def ids_in(self, article: Article, span: Span) -> tuple[str, ...]:
        """Story entity ids of the mentions inside ``span``, in text order, once each."""
        found: list[str] = []
        for mention in article.mentions:
            if span.contains(mention.span):
                story_id = self._story_id.get((article.id, mention.entity))
                if story_id and story_id not in found:
                    found.append(story_id)
        return tuple(found)

    def typed_in(self, article: Article, span: Span) -> dict[str, tuple[str, str]]:
        """Named story entities inside ``span``: id -> (type, name)."""
        return {
            story_id: (self._by_id[story_id].type, self._by_id[story_id].name)
            for story_id in self.ids_in(article, span)
            if self._by_id[story_id].named
        }

    def speaker(self, article: Article, quote: Quote) -> tuple[str | None, str]:
        """The story entity id of a quote's speaker (or None) and the speaker as written."""
        written = quote.speaker.of(article.text) if quote.speaker else ""
        local = article.speaker_entity(quote)
        story_id = self._story_id.get((article.id, local)) if local else None
        if story_id and self._by_id[story_id].named:
            return story_id, written
        return None, written
