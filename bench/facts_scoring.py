"""The scorers behind ``bench/eval_facts.py``: pure functions over offsets, tested on their own.

Nothing here reads a dataset or runs newsprism. A comparison enters through one place,
:func:`predicted_facts` and :func:`flagged_differences`, which turn the model's facts and
differences into plain :class:`Link` tuples; every scorer reads only those. When the model
gains a way for a fact to reach a report (say "possibly also in X"), :func:`fact_links` is the
one function to extend, with a new tier.

A statement "is in" a sentence when its evidence span overlaps the sentence's span.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal, NamedTuple

Tier = Literal["told", "possibly"]
"""How a fact reaches a report: "told" by its statements only, or also "possibly" through its
near matches (the brief's "possibly also in X")."""


class Link(NamedTuple):
    """Characters ``[start, end)`` of article ``article`` that a fact or a difference cites."""

    article: str
    start: int
    end: int


@dataclass(frozen=True)
class PredictedFact:
    """A fact as the scorers see it: what it links, and how many outlets it names."""

    links: tuple[Link, ...]
    outlets: int


@dataclass(frozen=True)
class FlaggedDifference:
    """A difference as the scorers see it: its kind and the evidence of each value."""

    kind: str
    links: tuple[Link, ...]


# --- The one place that reads the model ------------------------------------------------


def fact_links(fact: Any, tier: Tier = "told") -> tuple[Link, ...]:
    """The (article, span) pairs ``fact`` connects: its statements, and for the "possibly"
    tier also its near matches (absent on models without them)."""
    evidence = list(fact.statements)
    if tier == "possibly":
        evidence.extend(getattr(fact, "near", ()))
    return tuple(Link(item.article, item.start, item.end) for item in evidence)


def fact_outlets(fact: Any, tier: Tier = "told") -> int:
    """How many outlets ``fact`` names: those carrying it, and for the "possibly" tier also
    those it may be in (a fact holds one near match per outlet not carrying it)."""
    return len(fact.outlets) + (len(getattr(fact, "near", ())) if tier == "possibly" else 0)


def predicted_facts(comparison: Any, tier: Tier = "told") -> list[PredictedFact]:
    """Every fact of a comparison, as links."""
    return [PredictedFact(fact_links(fact, tier), fact_outlets(fact, tier)) for fact in comparison.facts]


def predicted_events(comparison: Any) -> list[PredictedFact]:
    """The facts of a comparison joined by event (the brief's facts of one happening), as
    links; a fact of no known event stands alone."""
    merged: dict[int, list[Any]] = {}
    alone: list[list[Any]] = []
    for fact in comparison.facts:
        if fact.event >= 0:
            merged.setdefault(fact.event, []).append(fact)
        else:
            alone.append([fact])
    return [
        PredictedFact(
            tuple(link for fact in facts for link in fact_links(fact)),
            len({outlet for fact in facts for outlet in fact.outlets}),
        )
        for facts in [*merged.values(), *alone]
    ]


def flagged_differences(comparison: Any) -> list[FlaggedDifference]:
    """Every difference flagged inside a fact of a comparison, as links."""
    return [
        FlaggedDifference(
            difference.kind,
            tuple(Link(ev.article, ev.start, ev.end) for _, ev in difference.values),
        )
        for fact in comparison.facts
        for difference in fact.differences
    ]


# --- Offsets -----------------------------------------------------------------------------


def overlaps(link: Link, article: str, start: int, end: int) -> bool:
    """True when ``link`` shares a character with ``[start, end)`` of ``article``."""
    return link.article == article and link.start < end and start < link.end


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` reduced to its letters and digits, casefolded, with the offset in ``text``
    of every character kept."""
    characters: list[str] = []
    offsets: list[int] = []
    for offset, character in enumerate(text):
        for folded in character.casefold():
            if folded.isalnum():
                characters.append(folded)
                offsets.append(offset)
    return "".join(characters), offsets


def locate_sentences(document: str, sentences: Sequence[str]) -> list[tuple[int, int] | None]:
    """Character spans of ``sentences`` (given in document order) in ``document``.

    Matching ignores everything but letters and digits, and case. Each sentence is looked
    for after the previous one found (a repeated sentence takes its next occurrence), then
    anywhere; a span runs from its first to its last letter or digit. None when not found.
    """
    haystack, offsets = normalised(document)
    cursor = 0
    spans: list[tuple[int, int] | None] = []
    for sentence in sentences:
        needle = normalised(sentence)[0]
        if not needle:
            spans.append(None)
            continue
        position = haystack.find(needle, cursor)
        if position < 0:
            position = haystack.find(needle)
        if position < 0:
            spans.append(None)
            continue
        last = position + len(needle) - 1
        spans.append((offsets[position], offsets[last] + 1))
        cursor = last + 1
    return spans


# --- A. Event coreference over listed sentences -----------------------------------------


@dataclass(frozen=True)
class GoldSentence:
    """A listed sentence: where it is (None when not in the compared text) and its chains."""

    document: str
    outlet: str
    span: tuple[int, int] | None
    chains: frozenset[str]


@dataclass
class CoreferenceTally:
    """The counts behind the ECB+ figures; tallies of several stories add up."""

    pairs: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0
    true_pairs: int = 0
    chains: int = 0
    chains_found: int = 0
    told_elsewhere: int = 0
    single_only: int = 0
    in_no_fact: int = 0
    sentences: int = 0
    sentences_in_facts: int = 0
    false_pairs: list[tuple[int, int]] = field(default_factory=list)
    false_single: list[int] = field(default_factory=list)

    def add(self, other: CoreferenceTally) -> None:
        """Add the counts of ``other`` (its examples are not kept)."""
        for name in ("pairs", "gold_pairs", "predicted_pairs", "true_pairs", "chains", "chains_found",
                     "told_elsewhere", "single_only", "in_no_fact", "sentences", "sentences_in_facts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def facts_of_sentences(sentences: Sequence[GoldSentence], facts: Sequence[PredictedFact]) -> list[list[int]]:
    """For each sentence, the indices of the facts holding a statement in it."""
    holding: list[list[int]] = [[] for _ in sentences]
    for number, fact in enumerate(facts):
        for index, sentence in enumerate(sentences):
            if sentence.span is not None and any(
                overlaps(link, sentence.document, *sentence.span) for link in fact.links
            ):
                holding[index].append(number)
    return holding


def predicted_pairs(sentences: Sequence[GoldSentence], holding: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    """Pairs of sentences of two documents holding statements of one fact."""
    members: dict[int, list[int]] = defaultdict(list)
    for index, facts in enumerate(holding):
        for fact in facts:
            members[fact].append(index)
    return {
        (i, j)
        for indices in members.values()
        for i, j in combinations(sorted(set(indices)), 2)
        if sentences[i].document != sentences[j].document
    }


def gold_pairs(sentences: Sequence[GoldSentence]) -> set[tuple[int, int]]:
    """Pairs of sentences of two documents sharing a (non-null) chain."""
    return {
        (i, j)
        for i, j in combinations(range(len(sentences)), 2)
        if sentences[i].document != sentences[j].document and sentences[i].chains & sentences[j].chains
    }


def score_story(sentences: Sequence[GoldSentence], facts: Sequence[PredictedFact]) -> CoreferenceTally:
    """Count one story: pairs, chains found, and sentences told elsewhere but shown as one
    outlet's (every fact holding them names fewer than two outlets) or in no fact."""
    holding = facts_of_sentences(sentences, facts)
    predicted, gold = predicted_pairs(sentences, holding), gold_pairs(sentences)
    tally = CoreferenceTally(
        pairs=sum(a.document != b.document for a, b in combinations(sentences, 2)),
        gold_pairs=len(gold),
        predicted_pairs=len(predicted),
        true_pairs=len(predicted & gold),
        sentences=len(sentences),
        sentences_in_facts=sum(bool(facts) for facts in holding),
        false_pairs=sorted(predicted - gold),
    )
    documents_of: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for chain in sentence.chains:
            documents_of[chain].add(sentence.document)
    for chain, documents in documents_of.items():
        if len(documents) >= 2:
            tally.chains += 1
            tally.chains_found += any(chain in sentences[i].chains and chain in sentences[j].chains
                                      for i, j in predicted)
    for index, sentence in enumerate(sentences):
        if not any(other.outlet != sentence.outlet and other.chains & sentence.chains for other in sentences):
            continue
        tally.told_elsewhere += 1
        if not holding[index]:
            tally.in_no_fact += 1
            tally.false_single.append(index)
        elif all(facts[number].outlets < 2 for number in holding[index]):
            tally.single_only += 1
            tally.false_single.append(index)
    return tally


def ratio(part: float, whole: float) -> float:
    """``part / whole`` to 4 places, 0 when ``whole`` is 0."""
    return round(part / whole, 4) if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of two figures, to 4 places."""
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def coreference_figures(tally: CoreferenceTally) -> dict[str, float]:
    """The ECB+ figures of a (summed) tally, by name."""
    precision = ratio(tally.true_pairs, tally.predicted_pairs)
    recall = ratio(tally.true_pairs, tally.gold_pairs)
    base_rate = ratio(tally.gold_pairs, tally.pairs)
    return {
        "pair_precision": precision,
        "pair_recall": recall,
        "pair_f1": f1(precision, recall),
        "chain_recall": ratio(tally.chains_found, tally.chains),
        "false_one_outlet_only": ratio(tally.single_only, tally.told_elsewhere),
        "false_one_outlet_only_or_no_fact": ratio(tally.single_only + tally.in_no_fact, tally.told_elsewhere),
        "told_elsewhere_in_no_fact": ratio(tally.in_no_fact, tally.told_elsewhere),
        "sentences_in_some_fact": ratio(tally.sentences_in_facts, tally.sentences),
        "base_rate": base_rate,
        "all_in_one_group_f1": f1(base_rate, 1.0 if tally.gold_pairs else 0.0),
        "sentences": tally.sentences,
        "pairs": tally.pairs,
        "gold_pairs": tally.gold_pairs,
        "predicted_pairs": tally.predicted_pairs,
        "true_pairs": tally.true_pairs,
        "chains": tally.chains,
        "chains_found": tally.chains_found,
        "told_elsewhere": tally.told_elsewhere,
    }


# --- B. Is a proposition told in the premise? -------------------------------------------


def told_in(facts: Iterable[PredictedFact], document: str, spans: Sequence[tuple[int, int]], premise: str) -> bool:
    """True when some fact links a span overlapping ``spans`` of ``document`` and a span of
    ``premise``."""
    return any(
        any(link.article == premise for link in fact.links)
        and any(overlaps(link, document, start, end) for link in fact.links for start, end in spans)
        for fact in facts
    )


@dataclass
class EntailmentTally:
    """Judgments counted by gold label and prediction ("told in the premise" or not)."""

    counts: dict[tuple[str, bool], int] = field(default_factory=lambda: defaultdict(int))

    def count(self, label: str, told: bool) -> None:
        """Count one judgment."""
        self.counts[(label, told)] += 1

    def add(self, other: EntailmentTally) -> None:
        """Add the counts of ``other``."""
        for key, number in other.counts.items():
            self.counts[key] += number


def entailment_figures(tally: EntailmentTally) -> dict[str, float]:
    """Two-way accuracy (entails against the rest), entailment precision, recall and F1,
    false "only this report" and false "also told" rates, and the always-"not entailed" line."""
    counts = tally.counts
    entailed_told, entailed_missed = counts[("entails", True)], counts[("entails", False)]
    neither_told, neither_quiet = counts[("neither", True)], counts[("neither", False)]
    contradicted_told, contradicted_quiet = counts[("contradicts", True)], counts[("contradicts", False)]
    total = sum(counts.values())
    entailed = entailed_told + entailed_missed
    told = entailed_told + neither_told + contradicted_told
    precision, recall = ratio(entailed_told, told), ratio(entailed_told, entailed)
    return {
        "accuracy": ratio(entailed_told + neither_quiet + contradicted_quiet, total),
        "entailment_precision": precision,
        "entailment_recall": recall,
        "entailment_f1": f1(precision, recall),
        "false_only_this_report": ratio(entailed_missed, entailed),
        "false_also_told": ratio(neither_told, neither_told + neither_quiet),
        "always_not_entailed_accuracy": ratio(total - entailed, total),
        "judgments": total,
        "entailed": entailed,
        "neither": neither_told + neither_quiet,
        "contradicted": contradicted_told + contradicted_quiet,
        "contradicted_shown_told": contradicted_told,
        "predicted_told": told,
    }


# --- C. Perturbed discrepancies -----------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """Where a perturbation sits: the sentence of the original and the edited sentence of
    its copy, as spans of their own texts."""

    kind: str
    original: str
    original_sentence: tuple[int, int]
    copy: str
    copy_sentence: tuple[int, int]


@dataclass(frozen=True)
class PlantedOutcome:
    """What the comparison did with one perturbation."""

    kind: str
    aligned: bool
    found_any_kind: bool
    found_right_kind: bool
    false_flags: int


def score_planted(planted: Planted, facts: Sequence[PredictedFact],
                  differences: Sequence[FlaggedDifference]) -> PlantedOutcome:
    """Found: a difference citing the edited sentence of the copy and the original's sentence
    (of the planted kind for ``found_right_kind``). False flags: every other difference citing
    both the original and the copy (their other sentences are identical)."""

    def cites_both_sentences(links: Sequence[Link]) -> bool:
        return any(overlaps(link, planted.copy, *planted.copy_sentence) for link in links) and any(
            overlaps(link, planted.original, *planted.original_sentence) for link in links
        )

    between = [
        difference for difference in differences
        if {planted.original, planted.copy} <= {link.article for link in difference.links}
    ]
    hits = [difference for difference in between if cites_both_sentences(difference.links)]
    return PlantedOutcome(
        kind=planted.kind,
        aligned=any(cites_both_sentences(fact.links) for fact in facts),
        found_any_kind=bool(hits),
        found_right_kind=any(difference.kind == planted.kind for difference in hits),
        false_flags=len(between) - (1 if hits else 0),
    )


def planted_figures(outcomes: Sequence[PlantedOutcome]) -> dict[str, float]:
    """Found rates and false flags per comparison (each perturbation is one comparison of a
    story with one edited copy)."""
    count = len(outcomes)
    return {
        "perturbations": count,
        "found_right_kind": ratio(sum(o.found_right_kind for o in outcomes), count),
        "found_any_kind": ratio(sum(o.found_any_kind for o in outcomes), count),
        "edited_sentence_aligned": ratio(sum(o.aligned for o in outcomes), count),
        "false_flags_per_story": ratio(sum(o.false_flags for o in outcomes), count),
        "stories_with_false_flags": ratio(sum(o.false_flags > 0 for o in outcomes), count),
    }
