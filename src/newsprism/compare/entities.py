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

from newsprism.common.grouping import Groups
from newsprism.common.names import name_words
from newsprism.compare._entity_joins import (
    join_bare_names,
    join_full_names,
    join_organisations,
    join_roles,
    join_short_forms,
)
from newsprism.compare._local_entities import LocalEntity, find_people, local_entities
from newsprism.model import Article, Entity, Evidence, Quote, Span
from newsprism.settings import NameSettings


def merge_entities(
    articles: Sequence[Article], names: NameSettings = NameSettings()
) -> tuple[tuple[Entity, ...], dict[tuple[str, str], str]]:
    """Story-level entities of ``articles`` and the map (article id, local id) -> story id.

    Story ids are "e1", "e2", ... in order of first mention (articles in the order given,
    then by offset). An entity's ``name`` is its fullest name, ``aliases`` every other
    surface form seen (names and roles), ``mentions`` every mention as evidence.
    """
    locals_ = local_entities(articles)
    groups = Groups(len(locals_))
    people = find_people(locals_, names)
    join_organisations(locals_, groups, people)
    join_short_forms(locals_, groups, people)
    join_full_names(locals_, groups, people, names)
    join_bare_names(locals_, groups, people, names)
    join_roles(locals_, groups, names)
    return _story_entities(locals_, groups)


def _story_entities(
    locals_: list[LocalEntity], groups: Groups
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


def _entity(story_id: str, members: list[LocalEntity]) -> Entity:
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


def _label(members: list[LocalEntity]) -> str:
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
