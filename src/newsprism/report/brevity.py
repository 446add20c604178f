"""The default brief is shorter than the articles: what it folds away, and how it says so.

A reader who wanted to save time must not read more than the reports themselves. Every
fact told by every outlet and every difference stays; the facts some outlets report are cut
to those told by the most outlets, what one outlet alone reports to its most telling
sentences (leads and numbers first), and the long tails (quotes, entities, a timeline of
undated or unanchored expressions) to their first lines.
Each cut is counted in a note ("and 14 more sentences only in Fox News"); ``--all`` shows
everything. The text and Markdown briefs fold; HTML and the web app show the cut sentences
of each outlet inside an expandable element under that note; JSON keeps everything.

Nothing is said twice: the facts the summary ("In short") states are left out of the
sections below it, whose headings count them ("10, 4 of them in short above").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from newsprism.model import Comparison, Fact
from newsprism.report.evidence import EvidenceIndex
from newsprism.report.outline import split_facts
from newsprism.report.summary import summarised_facts

SINGLES_SHOWN = 3
"""Sentences shown per outlet among those it alone reports."""
PARTIAL_SHOWN = 8
"""Facts shown among those some outlets (not all) report, those told by the most outlets
first: five long reports of one story share dozens of such facts in twos and threes."""
QUOTES_SHOWN = 6
"""Quotes shown, those carried by the most reports first."""
ENTITIES_SHOWN = 6
"""Entities shown, the most mentioned first (``ordered_entities``)."""
TIMELINE_SHOWN = 5
"""Timeline events shown, only those with a resolved date."""

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Folded:
    """What the default brief shows, and a note for each thing it leaves out."""

    comparison: Comparison
    notes: tuple[str, ...]
    entities_shown: int | None = None
    """How many of the entity table's rows to show (None: all). The entities themselves
    stay in the comparison: quotes find their speakers' names there."""
    above: dict[str, int] = field(default_factory=dict)
    """How many of a section's facts ("shared", "partial") the summary states instead, so
    the section leaves them out."""


def without_summarised(comparison: Comparison) -> Folded:
    """``comparison`` without the facts its summary states (nothing twice)."""
    said = summarised_facts(comparison)
    left_out = {id(fact) for fact in said}
    facts = tuple(fact for fact in comparison.facts if id(fact) not in left_out)
    above = {
        "shared": sum(fact.status == "shared" for fact in said),
        "partial": sum(fact.status == "partial" for fact in said),
    }
    return Folded(replace(comparison, facts=facts), (), None, above)


def heading_count(shown: int, above: int) -> str:
    """A section's count: ``shown``, and how many more the summary states instead."""
    if not above:
        return str(shown)
    return f"{above}, all in short above" if not shown else f"{shown + above}, {above} of them in short above"


def ranked_singles(comparison: Comparison, facts: tuple[Fact, ...]) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    """One outlet's own facts split into the most telling :data:`SINGLES_SHOWN` (leads
    and numbers first) and the rest, each part in reading order."""
    ranked = sorted(facts, key=lambda fact: _importance(comparison, fact))
    kept = {id(fact) for fact in ranked[:SINGLES_SHOWN]}
    return tuple(fact for fact in facts if id(fact) in kept), tuple(fact for fact in facts if id(fact) not in kept)


def ranked_partial(comparison: Comparison, facts: tuple[Fact, ...]) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    """Facts some outlets report split into those shown (each with a difference, and the
    :data:`PARTIAL_SHOWN` others told by the most outlets, then the most telling) and the
    rest, each part in reading order."""
    ranked = sorted(
        (fact for fact in facts if not fact.differences),
        key=lambda fact: (-len(set(fact.outlets)), _importance(comparison, fact)),
    )
    kept = {id(fact) for fact in ranked[:PARTIAL_SHOWN]} | {id(fact) for fact in facts if fact.differences}
    return tuple(fact for fact in facts if id(fact) in kept), tuple(fact for fact in facts if id(fact) not in kept)


def more_partial(count: int) -> str:
    """The note for what is cut of the facts some outlets report."""
    return f"and {count} more {'fact' if count == 1 else 'facts'} carried by some outlets"


def more_only_in(count: int, outlet: str) -> str:
    """The note for what is cut of one outlet's own facts."""
    return f"and {count} more {_sentences(count)} only in {outlet}"


def fold(comparison: Comparison) -> Folded:
    """``comparison`` cut to what the default brief shows, with what was cut counted."""
    unsaid = without_summarised(comparison)
    comparison = unsaid.comparison
    notes: list[str] = []
    sections = split_facts(comparison)
    _, partial_rest = ranked_partial(comparison, sections.partial)
    cut: set[int] = {id(fact) for fact in partial_rest}
    if partial_rest:
        notes.append(more_partial(len(partial_rest)))
    for outlet, facts in sections.single_by_outlet:
        _, rest = ranked_singles(comparison, facts)
        cut.update(id(fact) for fact in rest)
        if rest:
            notes.append(more_only_in(len(rest), outlet))
    facts = tuple(fact for fact in comparison.facts if id(fact) not in cut)

    widest = sorted(range(len(comparison.quotes)), key=lambda n: -len(comparison.quotes[n].versions))
    shown_quotes = set(widest[:QUOTES_SHOWN])
    quotes = tuple(group for number, group in enumerate(comparison.quotes) if number in shown_quotes)
    if len(comparison.quotes) > len(quotes):
        notes.append(f"and {len(comparison.quotes) - len(quotes)} more quotes")

    if len(comparison.entities) > ENTITIES_SHOWN:
        notes.append(f"and {len(comparison.entities) - ENTITIES_SHOWN} more people, organisations and places")

    dated = tuple(event for event in comparison.timeline if "X" not in event.date)[:TIMELINE_SHOWN]
    if len(comparison.timeline) > len(dated):
        notes.append(f"and {len(comparison.timeline) - len(dated)} more timeline entries")
    folded = replace(comparison, facts=facts, quotes=quotes, timeline=dated)
    return Folded(folded, tuple(notes), ENTITIES_SHOWN, unsaid.above)


def _importance(comparison: Comparison, fact: Fact) -> int:
    """Lower first: the nearer the article's lead, a sentence with a number as if three
    sentences nearer (news puts what matters first, and numbers are what readers check)."""
    first = fact.statements[0]
    words = EvidenceIndex(comparison).span_text(first)
    return max(first.sentence, 0) - (3 if _NUMBER.search(words) else 0)


def _sentences(count: int) -> str:
    return "sentence" if count == 1 else "sentences"
