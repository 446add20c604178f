"""What a brief says, decided once for every format: title, sections and their order.

The text, Markdown and HTML reports lay out the same content; this module chooses it
(which title, which facts go in which section, how quotes group by speaker, which entities
come first, how a date reads) so the formats only differ in markup.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsprism.model import (
    Article,
    Comparison,
    CopiedText,
    Difference,
    Entity,
    Evidence,
    Fact,
    QuoteGroup,
)
from newsprism.report.evidence import collapse_whitespace

UNTITLED = "Untitled story"

COPY_PASSAGES_CITED = 4
"""Repeated sentences a copy line cites; the JSON report lists them all."""

SPEAKER_UNKNOWN = "Unattributed"

_ENTITY_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def story_title(comparison: Comparison) -> str:
    """The title of the earliest dated article, else the most common headline.

    Articles without a title are passed over; a story whose articles have no title at all
    is called "Untitled story".
    """
    titled = [article for article in comparison.articles if article.title]
    dated = [article for article in titled if article.published is not None]
    if dated:
        earliest = min(dated, key=_publication_key)
        return earliest.title or UNTITLED
    if titled:
        counts = Counter(article.title for article in titled)
        title, _ = counts.most_common(1)[0]
        return title or UNTITLED
    return UNTITLED


def _publication_key(article: Article) -> float:
    assert article.published is not None
    return article.published.timestamp()


def published_text(article: Article) -> str:
    """The publication time as a reader scans it ("2025-03-04 09:30 UTC"), or "unknown"."""
    published = article.published
    if published is None:
        return "unknown"
    moment = published.strftime("%Y-%m-%d %H:%M")
    offset = published.utcoffset()
    if offset is None:
        return moment
    if not offset:
        return f"{moment} UTC"
    return f"{moment} {published.strftime('%z')}"


@dataclass(frozen=True)
class FactSections:
    """The facts of a story split the way a brief shows them."""

    shared: tuple[Fact, ...]
    partial: tuple[Fact, ...]
    single_by_outlet: tuple[tuple[str, tuple[Fact, ...]], ...]
    """Facts one outlet alone carries, grouped by that outlet in article order."""


def split_facts(comparison: Comparison) -> FactSections:
    """Put each fact in its section, keeping the comparison's order inside each.

    With one article there is nothing to share: every fact is listed under its outlet,
    whatever status it carries ("shared by every outlet" would mislead a reader).
    """
    if is_single_source(comparison):
        only = ((comparison.articles[0].name, comparison.facts),) if comparison.facts else ()
        return FactSections((), (), only)
    shared = tuple(fact for fact in comparison.facts if fact.status == "shared")
    partial = tuple(fact for fact in comparison.facts if fact.status == "partial")
    singles = [fact for fact in comparison.facts if fact.status == "single"]
    outlets = _outlet_order(comparison, singles)
    by_outlet = tuple(
        (outlet, tuple(fact for fact in singles if _single_outlet(fact) == outlet))
        for outlet in outlets
    )
    return FactSections(shared=shared, partial=partial, single_by_outlet=by_outlet)


def _single_outlet(fact: Fact) -> str:
    return fact.outlets[0] if fact.outlets else ""


def _outlet_order(comparison: Comparison, singles: list[Fact]) -> list[str]:
    """Outlets in article order, then any an article does not name, as first seen."""
    wanted = {_single_outlet(fact) for fact in singles}
    order = [article.name for article in comparison.articles if article.name in wanted]
    for fact in singles:
        outlet = _single_outlet(fact)
        if outlet not in order:
            order.append(outlet)
    return list(dict.fromkeys(order))


@dataclass(frozen=True)
class SpeakerQuotes:
    """Every quote group of one speaker, under the name a reader knows them by."""

    speaker: str
    entity: str | None
    groups: tuple[QuoteGroup, ...]


def group_quotes_by_speaker(comparison: Comparison) -> tuple[SpeakerQuotes, ...]:
    """Group quote groups by speaker, speakers in order of their first quote.

    A group whose ``speaker`` is a story entity id takes that entity's name; otherwise it
    goes under its speaker as written, or "Unattributed" when there is none.
    """
    names = {entity.id: entity.name for entity in comparison.entities}
    order: dict[tuple[str | None, str], list[QuoteGroup]] = {}
    for group in comparison.quotes:
        if group.speaker and group.speaker in names:
            key: tuple[str | None, str] = (group.speaker, names[group.speaker])
        else:
            key = (None, group.speaker_text.strip() or SPEAKER_UNKNOWN)
        order.setdefault(key, []).append(group)
    return tuple(
        SpeakerQuotes(speaker=name, entity=entity, groups=tuple(groups))
        for (entity, name), groups in order.items()
    )


def changes_by_outlet(comparison: Comparison, group: QuoteGroup) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each report's word changes against the first version, as (outlet, ((op, words), ...))."""
    names = {article.id: article.name for article in comparison.articles}
    grouped: dict[str, list[tuple[str, str]]] = {}
    for change in group.changes:
        grouped.setdefault(names.get(change.article, change.article), []).append((change.operation, change.words))
    return tuple((outlet, tuple(changes)) for outlet, changes in grouped.items())


def first_mentions(entity: Entity) -> tuple[Evidence, ...]:
    """The first mention of the entity in each article that names it, in mention order."""
    first: dict[str, Evidence] = {}
    for mention in entity.mentions:
        first.setdefault(mention.article, mention)
    return tuple(first.values())


def speaker_as_written(group: QuoteGroup, heading: str) -> str | None:
    """The speaker as the article wrote it, when that says more than the heading's name."""
    written = group.speaker_text.strip()
    if not written or written.casefold() == heading.casefold():
        return None
    return written


def ordered_entities(comparison: Comparison) -> tuple[Entity, ...]:
    """People first, then organisations, places and the rest; most mentioned first."""

    def rank(entity: Entity) -> tuple[int, int, str]:
        kind = (
            _ENTITY_TYPE_ORDER.index(entity.type)
            if entity.type in _ENTITY_TYPE_ORDER
            else len(_ENTITY_TYPE_ORDER)
        )
        return (kind, -len(entity.mentions), entity.name.casefold())

    return tuple(sorted(comparison.entities, key=rank))


def difference_wordings(difference: Difference) -> tuple[tuple[str, tuple[Evidence, ...]], ...]:
    """Each distinct wording of a differing detail with every place it appears.

    Reports agreeing on one wording are cited together, so a detail that five reports give
    one way and one report another reads as two values, not six.
    """
    grouped: dict[str, list[Evidence]] = {}
    for wording, evidence in difference.values:
        grouped.setdefault(" ".join(wording.split()), []).append(evidence)
    return tuple((wording, tuple(evidence)) for wording, evidence in grouped.items())


def is_single_source(comparison: Comparison) -> bool:
    """True when the brief rests on one article only."""
    return len(comparison.articles) == 1


_WEB_URL = re.compile(r"^https?://[^\s<>\"'`()\\]+$", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address safe to make a link of, else None.

    Anything else (``javascript:``, ``data:``, addresses with quotes or brackets) is shown
    as text and never linked.
    """
    if url and _WEB_URL.match(url):
        return url
    return None


@dataclass(frozen=True)
class CopyLine:
    """One finding of copied text as a reader reads it, with the sentences it cites.

    ``evidence`` holds the first repeated sentences of the copy, each followed by the
    origin's sentence it repeats.
    """

    text: str
    evidence: tuple[Evidence, ...]


def copy_lines(comparison: Comparison) -> tuple[CopyLine, ...]:
    """Which report copied from which, one line per pair, reprints first."""
    labels = {article.id: f"A{number} {article.name}" for number, article in enumerate(comparison.articles, 1)}
    ordered = sorted(comparison.copies, key=lambda copied: (copied.kind != "reprint", -copied.share))
    return tuple(
        CopyLine(
            _copy_text(copied, labels[copied.origin], labels[copied.copy]),
            tuple(
                evidence
                for pair in copied.passages[:COPY_PASSAGES_CITED]
                for evidence in (pair[1], pair[0])
            ),
        )
        for copied in ordered
    )


def _copy_text(copied: CopiedText, origin: str, copy: str) -> str:
    sentences = _count(len(copied.passages), "sentence", "sentences")
    share = f"{round(copied.share * 100)}% of its words outside quotes"
    if not copied.dated:
        if copied.kind == "reprint":
            return f"{copy} and {origin} are one text ({share}); which came first is unknown"
        return f"{copy} and {origin} share {sentences} word for word; which came first is unknown"
    if copied.kind == "reprint":
        return f"{copy} reprints {origin}: {sentences}, {share}"
    return f"{copy} repeats {sentences} of {origin} word for word ({share})"


SHORT_SENTENCE_WORDS = 40
"""A fragment is shown in its sentence when the sentence is no longer than this."""


@dataclass(frozen=True)
class Wording:
    """How a brief shows a fact: the words ``shown``, and inside them the ``focus`` that is
    the fact itself when ``shown`` is a whole sentence around a fragment (else None)."""

    shown: Evidence
    focus: Evidence | None = None


def fact_wording(comparison: Comparison, fact: Fact) -> Wording:
    """The words that show a reader what a fact states.

    The first statement that reads alone (a clause that starts a sentence: "Russian agents
    hacked the party's computers"); else the shortest short sentence holding a statement,
    with that statement as its focus; else the first statement as it is. Evidence citing an
    unknown article is passed through for the report to refuse.
    """
    articles = {article.id: article for article in comparison.articles}
    known = [s for s in fact.statements if s.article in articles]
    for statement in known:
        words = articles[statement.article].text[statement.start : statement.end].lstrip("\"'“‘ ")
        if words and not words[0].islower():
            return Wording(statement)
    around: list[Wording] = []
    for statement in known:
        article = articles[statement.article]
        if 0 <= statement.sentence < len(article.sentences):
            sentence = article.sentences[statement.sentence]
            if len(sentence.of(article.text).split()) <= SHORT_SENTENCE_WORDS:
                shown = Evidence(article.id, sentence.start, sentence.end, statement.sentence)
                around.append(Wording(shown, statement))
    if around:
        return min(around, key=lambda wording: wording.shown.end - wording.shown.start)
    return Wording(fact.statements[0])


def focus_parts(text: str, wording: Wording) -> tuple[str, str, str]:
    """The shown words on one line, cut around the focus: (before, focus, after).

    Without a focus all of it is the focus. ``before`` keeps a space at its end and
    ``after`` one at its start where the text has one, so the parts join back as written.
    """
    shown, focus = wording.shown, wording.focus
    if focus is None or not shown.start <= focus.start <= focus.end <= shown.end:
        return "", collapse_whitespace(text[shown.start : shown.end]), ""
    before, middle, after = (
        text[shown.start : focus.start],
        text[focus.start : focus.end],
        text[focus.end : shown.end],
    )
    return (
        collapse_whitespace(before) + (" " if before[-1:].isspace() else ""),
        collapse_whitespace(middle),
        (" " if after[:1].isspace() else "") + collapse_whitespace(after),
    )


def carried_by(comparison: Comparison, fact: Fact) -> str:
    """The outlets carrying a fact, with how many independent sources they are when fewer."""
    outlets = ", ".join(fact.outlets)
    articles = tuple(dict.fromkeys(evidence.article for evidence in fact.statements))
    independent = comparison.independent_sources(articles)
    if independent < len(articles):
        return f"{outlets} ({_count(independent, 'independent source', 'independent sources')})"
    return outlets


def cited_evidence(comparison: Comparison) -> tuple[Evidence, ...]:
    """Every piece of evidence a brief line cites, in the order the brief shows them.

    Copied text, facts (statements, then their differing values), quotes, entities (the
    first mention in each article), then the timeline.
    """
    cited: list[Evidence] = [evidence for line in copy_lines(comparison) for evidence in line.evidence]
    for fact in comparison.facts:
        cited.extend(fact.statements)
        cited.extend(
            evidence for difference in fact.differences for _, evidence in difference.values
        )
    cited.extend(version for group in comparison.quotes for version in group.versions)
    cited.extend(mention for entity in comparison.entities for mention in first_mentions(entity))
    cited.extend(source for event in comparison.timeline for source in event.sources)
    return tuple(cited)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary_line(comparison: Comparison) -> str:
    """The brief in one line of counts, for the top of every report."""
    facts = split_facts(comparison)
    singles = sum(len(group) for _, group in facts.single_by_outlet)
    articles = _count(len(comparison.articles), "article", "articles")
    independent = comparison.independent_sources()
    if independent < len(comparison.articles):
        articles += f" ({independent} independent)"
    if comparison.skipped:
        articles += f" ({len(comparison.skipped)} skipped)"
    return " · ".join(
        [
            articles,
            f"facts: {len(facts.shared)} in all, {len(facts.partial)} in some, "
            f"{singles} in one only",
            _count(len(comparison.quotes), "quote", "quotes"),
            _count(len(comparison.timeline), "timeline event", "timeline events"),
        ]
    )


def outlet_labels_text(comparison: Comparison, article: Article) -> str:
    """The source table's labels of the article's outlet on one line ("leaning: centre ·
    owner: Daily Group"), empty without a table."""
    return " · ".join(f"{column}: {value}" for column, value in comparison.labels_of(article.name).items())
