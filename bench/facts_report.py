"""What ``bench/eval_facts.py`` prints: the tables of figures and, on request, examples of errors.

Examples quote dataset text, so they go to stdout only, never into a file.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from facts_perturb import KINDS, Perturbation
from facts_scoring import CoreferenceTally, GoldSentence, PlantedOutcome

HALVES = ("all", "odd", "even")

ECB_FIGURES = [
    "stories", "pair_precision", "pair_recall", "pair_f1", "chain_recall", "false_one_outlet_only",
    "false_one_outlet_only_or_no_fact", "told_elsewhere_in_no_fact", "sentences_in_some_fact", "base_rate",
    "all_in_one_group_f1", "gold_pairs", "predicted_pairs", "chains", "told_elsewhere",
]
ECB_NEAR_FIGURES = ["pair_precision", "pair_recall", "pair_f1", "chain_recall", "false_one_outlet_only",
                    "false_one_outlet_only_or_no_fact"]
PROPSEGMENT_FIGURES = [
    "accuracy", "entailment_precision", "entailment_recall", "entailment_f1", "false_only_this_report",
    "false_also_told", "always_not_entailed_accuracy", "judgments", "entailed", "contradicted",
    "contradicted_shown_told",
]
PERTURBED_FIGURES = ["perturbations", "found_right_kind", "found_any_kind", "edited_sentence_aligned",
                     "false_flags_per_story", "stories_with_false_flags"]


def print_table(title: str, figures: dict[str, dict[str, Any]], names: Sequence[str],
                columns: Sequence[str] = HALVES) -> None:
    """One block: a figure per row, a half (or a kind) per column."""
    print(f"\n{title}")
    print(f"{'figure':<36}" + "".join(f"{column:>10}" for column in columns))
    for name in names:
        print(f"{name:<36}" + "".join(f"{figures[column][name]!s:>10}" for column in columns))


def print_figures(report: dict[str, Any]) -> None:
    """Every table of a report that was run."""
    if "ecbplus" in report:
        ecb = report["ecbplus"]
        location = ecb["location"]
        print(f"ECB+ events: {location['gold_sentences']} listed sentences, {location['unlocated']} not located, "
              f"{location['in_title_not_compared']} in titles kept apart (--title {report['title']})")
        print_table("A. ECB+ event coreference (statements)", ecb, ECB_FIGURES)
        print_table("A'. ECB+, near matches counted as links", ecb["with_near"], ECB_NEAR_FIGURES)
        if "events" in ecb:
            print_table("A''. ECB+, facts of one event joined (the brief's events)", ecb["events"], ECB_NEAR_FIGURES)
    if "propsegment" in report:
        print_table("B. PropSegmEnt: told in the premise (statements)", report["propsegment"], PROPSEGMENT_FIGURES)
        print_table("B'. PropSegmEnt, near matches counted as told", report["propsegment"]["with_near"],
                    PROPSEGMENT_FIGURES)
    if "perturbed" in report:
        perturbed = report["perturbed"]
        print_table(f"C. Perturbed discrepancies (seed {perturbed['seed']}, {perturbed['per_story']} per story)",
                    perturbed, PERTURBED_FIGURES)
        print_table("C per kind (all stories)", perturbed["all"]["per_kind"], PERTURBED_FIGURES, KINDS)


def excerpt(text: str, span: tuple[int, int] | None, limit: int = 160) -> str:
    """The words of ``span`` on one line, cut at ``limit`` characters."""
    if span is None:
        return "(not in the compared text)"
    words = " ".join(text[span[0] : span[1]].split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def print_ecb_errors(sentences: dict[str, list[GoldSentence]], texts: dict[str, str],
                     tallies: list[tuple[str, CoreferenceTally]], count: int) -> None:
    """``count`` false "one outlet only" sentences (with a sentence of another outlet telling
    the same event) and ``count`` false pairs, drawn at random with a fixed seed."""
    rng = random.Random(0)
    lonely = [(story, index) for story, tally in tallies for index in tally.false_single]
    wrong = [(story, pair) for story, tally in tallies for pair in tally.false_pairs]
    print(f"\nfalse 'one outlet only' sentences ({min(count, len(lonely))} of {len(lonely)})")
    for story, index in rng.sample(lonely, min(count, len(lonely))):
        sentence = sentences[story][index]
        print(f"- {story} {sentence.document}: {excerpt(texts[sentence.document], sentence.span)}")
        other = next(o for o in sentences[story] if o.outlet != sentence.outlet and o.chains & sentence.chains)
        print(f"    also told by {other.document}: {excerpt(texts[other.document], other.span)}")
    print(f"\nfalse pairs ({min(count, len(wrong))} of {len(wrong)})")
    for story, pair in rng.sample(wrong, min(count, len(wrong))):
        for index in pair:
            sentence = sentences[story][index]
            print(f"  {story} {sentence.document}: {excerpt(texts[sentence.document], sentence.span)}")
        print()


def print_perturbed_errors(planned: list[Perturbation], results: list[PlantedOutcome], count: int) -> None:
    """``count`` perturbations not found with the right kind, or with false flags."""
    missed = [(p, o) for p, o in zip(planned, results, strict=True) if not o.found_right_kind or o.false_flags]
    print(f"\nperturbations missed or with false flags ({min(count, len(missed))} of {len(missed)})")
    for perturbation, outcome in random.Random(0).sample(missed, min(count, len(missed))):
        edit, text = perturbation.edit, perturbation.original.text
        print(f"- {perturbation.story} {perturbation.original.id} {perturbation.kind}: "
              f"{text[edit.start:edit.end]!r} -> {edit.replacement!r} at {edit.start}; aligned {outcome.aligned}, "
              f"found {outcome.found_any_kind} (right kind {outcome.found_right_kind}), "
              f"false flags {outcome.false_flags}")
        print(f"    {excerpt(text, perturbation.original_sentence)}")
