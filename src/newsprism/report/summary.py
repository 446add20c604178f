"""The answer first: a dozen lines that say what a story's reports agree on and where not.

Every format opens with these lines (the JSON report as its ``summary`` list), each with the
evidence it rests on, in this order:

1. what every outlet reports (the first few shared facts, in reading order);
2. the main points only some report (those carried by the most outlets);
3. each difference between outlets (a number, a date, a name, a negation, a status);
4. the quotes carried by the most reports, saying whether they quote the same words;
5. the timeline in one line;
6. how much each outlet alone reports, counted (the body of the brief lists it).

The counts of each kind are chosen so the whole stays within :data:`MOST_LINES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsprism.model import Comparison, Difference, Evidence, Fact, QuoteGroup
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
from newsprism.report.outline import fact_wording, is_single_source, split_facts

SummaryKind = Literal["shared", "partial", "difference", "quote", "timeline", "single", "blindspot"]

MOST_LINES = 12
SHARED_LINES = 4
PARTIAL_LINES = 2
DIFFERENCE_LINES = 3
QUOTE_LINES = 2
TIMELINE_EVENTS = 4
WORDS_SHOWN = 28
"""A summary line shows at most this many words of a sentence; the brief has the rest."""

_QUOTE_MARKS = "“”‘’\"' "
_QUOTED_AS = {
    "identical": "quoted in the same words by",
    "punctuation": "quoted in the same words (punctuation aside) by",
    "reworded": "quoted in different words by",
    "shortened": "quoted, some shortening it, by",
}


@dataclass(frozen=True)
class SummaryLine:
    """One line of the summary: what kind of point it makes, its text, its evidence."""

    kind: SummaryKind
    text: str
    evidence: tuple[Evidence, ...]


def summarised_facts(comparison: Comparison) -> tuple[Fact, ...]:
    """The facts :func:`summarise` states in full: the sections below leave them out (a
    sentence appears in one place) and say how many are above. A fact whose outlets differ
    stays in its section, which shows each side's words and evidence, as quotes stay in
    theirs, which shows each version whole with its changes: the summary only names them."""
    said = [line.evidence for line in summarise(comparison) if line.kind in ("shared", "partial")]
    found: list[Fact] = []
    for evidence in said:  # the fact each line was made from: the first so told, once
        fact = next((fact for fact in comparison.facts if fact.statements == evidence and not any(fact is f for f in found)), None)
        if fact is not None and not fact.differences:
            found.append(fact)
    return tuple(found)


def summarise(comparison: Comparison) -> tuple[SummaryLine, ...]:
    """The summary lines of a brief, at most :data:`MOST_LINES`."""
    if not comparison.articles:
        return ()
    outlets = {article.id: article.name for article in comparison.articles}
    sections = split_facts(comparison)
    lines: list[SummaryLine] = []
    if not is_single_source(comparison):
        lines += [_fact_line("shared", comparison, fact, "All report") for fact in sections.shared[:SHARED_LINES]]
        widest = sorted(sections.partial, key=lambda fact: -len(fact.outlets))[:PARTIAL_LINES]
        lines += [_fact_line("partial", comparison, fact, f"Only {_names(fact.outlets)}") for fact in widest]
        differences = [difference for fact in comparison.facts for difference in fact.differences]
        lines += [_difference_line(difference, outlets) for difference in differences[:DIFFERENCE_LINES]]
    quoted = sorted(
        (group for group in comparison.quotes if group.match != "single"), key=lambda group: -len(group.versions)
    )
    lines += [_quote_line(comparison, group, outlets) for group in quoted[:QUOTE_LINES]]
    # Dates no report anchors ("XXXX-WXX": a week, but which?) tell a reader nothing here.
    dated = [event for event in comparison.timeline if "X" not in event.date and event.sources]
    if dated:
        events = dated[:TIMELINE_EVENTS]
        text = "When: " + "; ".join(f"{event.date}: {_shortened(event.text, 10)}" for event in events)
        more = len(dated) - len(events)
        lines.append(SummaryLine("timeline", text + (f"; and {more} more" if more else ""),
                                 tuple(event.sources[0] for event in events)))
    single = _single_line(comparison, sections.single_by_outlet)
    if single is not None:
        lines.append(single)
    blindspot = _blindspot_line(comparison)
    if blindspot is not None:
        return (*lines[: MOST_LINES - 1], blindspot)
    return tuple(lines[:MOST_LINES])


def _blindspot_line(comparison: Comparison) -> SummaryLine | None:
    """When a source table labels every outlet and all share one value of a label column
    (every report from the same leaning, say), the story is seen from one side only."""
    labels = [comparison.labels_of(article.name) for article in comparison.articles]
    if not labels or not all(labels):
        return None
    for column in dict.fromkeys(column for found in labels for column in found):
        values = {found.get(column) for found in labels}
        if len(values) == 1 and None not in values:
            value = values.pop()
            text = f"Blindspot: every report comes from outlets whose {column} is “{value}”"
            leads = tuple(
                Evidence(article.id, article.sentences[0].start, article.sentences[0].end, 0)
                for article in comparison.articles
                if article.sentences
            )
            return SummaryLine("blindspot", text, leads)
    return None


def _fact_line(kind: SummaryKind, comparison: Comparison, fact: Fact, lead: str) -> SummaryLine:
    words = EvidenceIndex(comparison).span_text(fact_wording(comparison, fact).shown)
    return SummaryLine(kind, f"{lead}: {_shortened(words, WORDS_SHOWN)}", fact.statements)


def _difference_line(difference: Difference, outlets: dict[str, str]) -> SummaryLine:
    by_value: dict[str, list[str]] = {}
    for value, evidence in difference.values:
        by_value.setdefault(value, []).append(outlets.get(evidence.article, evidence.article))
    told = " · ".join(
        f"“{_shortened(value, 8)}” ({_names(tuple(dict.fromkeys(names)))})" for value, names in by_value.items()
    )
    return SummaryLine("difference", f"They differ on a {difference.kind}: {told}",
                       tuple(evidence for _, evidence in difference.values))


def _quote_line(comparison: Comparison, group: QuoteGroup, outlets: dict[str, str]) -> SummaryLine:
    words = EvidenceIndex(comparison).span_text(group.versions[0])
    speaker = group.speaker_text.strip() or "Someone unnamed"
    names = _names(tuple(dict.fromkeys(outlets.get(version.article, version.article) for version in group.versions)))
    said = _shortened(words.strip(_QUOTE_MARKS).rstrip(",;: "), 16)
    text = f"{speaker}: “{said}”, {_QUOTED_AS[group.match]} {names}"
    return SummaryLine("quote", text, group.versions)


def _single_line(
    comparison: Comparison, single_by_outlet: tuple[tuple[str, tuple[Fact, ...]], ...]
) -> SummaryLine | None:
    counted = [(outlet, facts) for outlet, facts in single_by_outlet if facts]
    if not counted or is_single_source(comparison):
        return None
    text = "Reported by one outlet alone: " + ", ".join(
        f"{outlet} {len(facts)} {'point' if len(facts) == 1 else 'points'}" for outlet, facts in counted
    )
    return SummaryLine("single", text, tuple(facts[0].statements[0] for _, facts in counted))


def _names(outlets: tuple[str, ...]) -> str:
    if len(outlets) <= 1:
        return "".join(outlets)
    return ", ".join(outlets[:-1]) + " and " + outlets[-1]


def _shortened(text: str, most: int) -> str:
    words = collapse_whitespace(text).split()
    return " ".join(words) if len(words) <= most else " ".join(words[:most]) + " …"
