"""The fact-alignment scorers of ``bench/eval_facts.py``, checked on small hand-built inputs.

The metric is code too: these tests pin what counts as a pair, a found chain, a false "one
outlet only", a told proposition and a found planted discrepancy, and how gold sentences
are located in a text. No dataset is read.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from newsprism import Comparison, Difference, Evidence, Fact

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while being built
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scoring = load_bench_module("facts_scoring")
perturb = load_bench_module("facts_perturb")
Link, PredictedFact, GoldSentence = scoring.Link, scoring.PredictedFact, scoring.GoldSentence


def sentence(document: str, start: int, end: int, *chains: str, outlet: str | None = None) -> object:
    return GoldSentence(document, outlet or document, (start, end), frozenset(chains))


def fact(*links: tuple[str, int, int]) -> object:
    return PredictedFact(tuple(Link(*link) for link in links), len({link[0] for link in links}))


# --- Locating gold sentences ---------------------------------------------------------------


def test_sentence_is_found_despite_spacing_punctuation_and_case() -> None:
    document = "Title here.\n\nThe mayor said: “We will rebuild,” on Monday. Then rain."
    [span] = scoring.locate_sentences(document, ['the Mayor said : " We will rebuild , " on Monday'])
    assert document[span[0] : span[1]] == "The mayor said: “We will rebuild,” on Monday"


def test_repeated_sentence_takes_its_next_occurrence() -> None:
    document = "It rained. Roads closed. It rained."
    spans = scoring.locate_sentences(document, ["It rained.", "Roads closed.", "It rained."])
    assert spans == [(0, 9), (11, 23), (25, 34)]


def test_sentence_out_of_order_is_still_found_from_the_start() -> None:
    assert scoring.locate_sentences("Alpha beta. Gamma delta.", ["Gamma delta", "Alpha beta"]) == [(12, 23), (0, 10)]


def test_sentence_not_in_the_document_has_no_span() -> None:
    assert scoring.locate_sentences("Alpha beta.", ["Gamma", ""]) == [None, None]


def test_normalised_text_keeps_the_offset_of_every_character() -> None:
    assert scoring.normalised("Straße, 5!") == ("strasse5", [0, 1, 2, 3, 4, 4, 5, 8])


# --- A. Pairs, chains, false "one outlet only" ---------------------------------------------


def story() -> list[object]:
    """Three reports: a and b tell event E1 (a twice), c tells E2; a's second sentence also E2."""
    return [
        sentence("a", 0, 10, "E1"),
        sentence("a", 20, 30, "E1", "E2"),
        sentence("b", 0, 10, "E1"),
        sentence("c", 0, 10, "E2"),
    ]


def test_gold_pairs_join_sentences_of_two_documents_sharing_a_chain() -> None:
    assert scoring.gold_pairs(story()) == {(0, 2), (1, 2), (1, 3)}


def test_predicted_pairs_need_one_fact_in_both_sentences_of_two_documents() -> None:
    facts = [fact(("a", 2, 5), ("a", 22, 25), ("b", 5, 12)), fact(("c", 0, 3))]
    holding = scoring.facts_of_sentences(story(), facts)
    assert holding == [[0], [0], [0], [1]]
    # (0, 1) are both in a: not a cross-document pair
    assert scoring.predicted_pairs(story(), holding) == {(0, 2), (1, 2)}


def test_a_statement_touching_no_character_of_a_sentence_is_not_in_it() -> None:
    holding = scoring.facts_of_sentences(story(), [fact(("a", 10, 20), ("b", 10, 11))])
    assert holding == [[], [], [], []]


def test_story_counts_pairs_chains_and_false_single_outlet_sentences() -> None:
    facts = [fact(("a", 0, 5), ("c", 0, 5)), fact(("b", 0, 10))]
    tally = scoring.score_story(story(), facts)
    assert (tally.pairs, tally.gold_pairs, tally.predicted_pairs, tally.true_pairs) == (5, 3, 1, 0)
    assert tally.false_pairs == [(0, 3)]
    # E1 is in a and b, E2 in a and c: two chains, no predicted pair inside either
    assert (tally.chains, tally.chains_found) == (2, 0)
    # every sentence is told elsewhere; b is shown only in a single-outlet fact, a's second in none
    assert (tally.told_elsewhere, tally.single_only, tally.in_no_fact) == (4, 1, 1)
    assert sorted(tally.false_single) == [1, 2]


def test_chain_is_found_by_one_predicted_pair_holding_it() -> None:
    tally = scoring.score_story(story(), [fact(("a", 20, 30), ("c", 0, 10))])
    assert (tally.chains, tally.chains_found, tally.true_pairs) == (2, 1, 1)


def test_a_chain_told_in_one_document_only_is_not_counted() -> None:
    sentences = [sentence("a", 0, 10, "E1"), sentence("a", 20, 30, "E1"), sentence("b", 0, 10)]
    assert scoring.score_story(sentences, []).chains == 0


def test_told_elsewhere_means_by_another_outlet() -> None:
    sentences = [sentence("a", 0, 10, "E1", outlet="x"), sentence("b", 0, 10, "E1", outlet="x")]
    tally = scoring.score_story(sentences, [])
    assert tally.gold_pairs == 1 and tally.told_elsewhere == 0


def test_unlocated_sentence_is_gold_but_never_predicted() -> None:
    sentences = [GoldSentence("a", "a", None, frozenset({"E1"})), sentence("b", 0, 10, "E1")]
    tally = scoring.score_story(sentences, [fact(("a", 0, 100), ("b", 0, 10))])
    assert (tally.gold_pairs, tally.true_pairs, tally.in_no_fact) == (1, 0, 1)


def test_figures_sum_stories_and_give_the_all_in_one_group_line() -> None:
    total = scoring.CoreferenceTally()
    for tally in (scoring.CoreferenceTally(pairs=10, gold_pairs=4, predicted_pairs=2, true_pairs=2),
                  scoring.CoreferenceTally(pairs=10, gold_pairs=4, predicted_pairs=2, true_pairs=0)):
        total.add(tally)
    figures = scoring.coreference_figures(total)
    assert (figures["pair_precision"], figures["pair_recall"], figures["pair_f1"]) == (0.5, 0.25, 0.3333)
    assert figures["base_rate"] == 0.4
    assert figures["all_in_one_group_f1"] == round(2 * 0.4 / 1.4, 4)


# --- B. Told in the premise ------------------------------------------------------------------


def test_told_needs_one_fact_with_the_proposition_and_the_premise() -> None:
    apart = [fact(("d1", 0, 10), ("d3", 0, 5)), fact(("d2", 0, 5), ("d3", 6, 9))]
    together = [fact(("d1", 8, 12), ("d2", 40, 50))]
    spans = [(10, 14), (20, 25)]
    assert not scoring.told_in(apart, "d1", spans, "d2")
    assert scoring.told_in(together, "d1", spans, "d2")
    assert not scoring.told_in(together, "d1", [(12, 20)], "d2")


def test_entailment_figures_from_counts() -> None:
    tally = scoring.EntailmentTally()
    for label, told, times in (("entails", True, 3), ("entails", False, 1), ("neither", True, 2),
                               ("neither", False, 8), ("contradicts", False, 1)):
        for _ in range(times):
            tally.count(label, told)
    figures = scoring.entailment_figures(tally)
    assert figures["accuracy"] == round(12 / 15, 4)
    assert (figures["entailment_precision"], figures["entailment_recall"]) == (0.6, 0.75)
    assert figures["false_only_this_report"] == 0.25
    assert figures["false_also_told"] == 0.2
    assert figures["always_not_entailed_accuracy"] == round(11 / 15, 4)


def test_facts_are_read_from_the_model_in_both_tiers() -> None:
    told = Fact(statements=(Evidence("a", 0, 5), Evidence("b", 3, 9)), outlets=("A", "B"), status="shared")
    assert [f.links for f in scoring.predicted_facts(Comparison(articles=(), facts=(told,)))] == [
        (Link("a", 0, 5), Link("b", 3, 9))
    ]
    single = SimpleNamespace(statements=(Evidence("a", 0, 5),), outlets=("A",), near=(Evidence("c", 1, 2),))
    assert scoring.fact_links(single) == (Link("a", 0, 5),)
    assert scoring.fact_links(single, "possibly") == (Link("a", 0, 5), Link("c", 1, 2))
    assert (scoring.fact_outlets(single), scoring.fact_outlets(single, "possibly")) == (1, 2)


# --- C. Planted discrepancies ------------------------------------------------------------------


PLANTED = scoring.Planted("number", "a", (100, 150), "a-edited", (100, 151))


def difference(kind: str, *links: tuple[str, int, int]) -> object:
    return scoring.FlaggedDifference(kind, tuple(Link(*link) for link in links))


def test_planted_change_found_with_its_kind_and_other_flags_counted_false() -> None:
    differences = [
        difference("number", ("a", 110, 120), ("a-edited", 110, 121)),
        difference("date", ("a", 0, 20), ("a-edited", 0, 20)),
        difference("date", ("a", 0, 20), ("b", 0, 20)),  # not between the two: not counted
    ]
    outcome = scoring.score_planted(PLANTED, [fact(("a", 100, 150), ("a-edited", 100, 151))], differences)
    assert (outcome.aligned, outcome.found_any_kind, outcome.found_right_kind, outcome.false_flags) == (
        True, True, True, 1)


def test_planted_change_flagged_as_another_kind_is_found_but_not_right() -> None:
    outcome = scoring.score_planted(PLANTED, [], [difference("qualifier", ("a-edited", 140, 151), ("a", 140, 150))])
    assert (outcome.aligned, outcome.found_any_kind, outcome.found_right_kind, outcome.false_flags) == (
        False, True, False, 0)


def test_flag_citing_another_sentence_of_the_copy_does_not_find_the_change() -> None:
    outcome = scoring.score_planted(PLANTED, [], [difference("number", ("a", 110, 120), ("a-edited", 160, 170))])
    assert (outcome.found_any_kind, outcome.false_flags) == (False, 1)


def test_differences_are_read_from_the_model() -> None:
    flagged = Difference("number", (("12", Evidence("a", 1, 3)), ("17", Evidence("b", 4, 6))))
    facts = (Fact(statements=(), outlets=(), status="partial", differences=(flagged,)),)
    assert scoring.flagged_differences(Comparison(articles=(), facts=facts)) == [
        difference("number", ("a", 1, 3), ("b", 4, 6))
    ]


# --- C. The edits themselves ---------------------------------------------------------------------


def edited(text: str, edits: list[object]) -> list[str]:
    return [perturb.apply_edit(text, edit) for edit in edits]


def test_number_edits_change_counts_but_not_years_or_days() -> None:
    text = "In 2019, 12 people and three dogs left on March 5; 1,200 stayed."
    assert edited(text, perturb.number_edits(text, 0, len(text))) == [
        "In 2019, 18 people and three dogs left on March 5; 1,200 stayed.",
        "In 2019, 12 people and three dogs left on March 5; 1,800 stayed.",
        "In 2019, 12 people and six dogs left on March 5; 1,200 stayed.",
    ]


def test_number_edits_leave_times_decimals_and_scores_alone() -> None:
    text = "At 9.25 a.m. a 5.9 quake hit; the score was 20-13."
    assert perturb.number_edits(text, 0, len(text)) == []


def test_date_edits_move_weekdays_months_and_days() -> None:
    text = "On Monday, May 4, in June"
    assert edited(text, perturb.date_edits(text, 0, len(text))) == [
        "On Wednesday, May 4, in June",
        "On Monday, August 4, in June",
        "On Monday, May 4, in September",
        "On Monday, May 7, in June",
    ]


def test_date_edits_skip_may_as_a_verb_and_named_weekdays() -> None:
    text = "It may rain after Patch Tuesday."
    assert perturb.date_edits(text, 0, len(text)) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The man was arrested on Friday.", "The man was not arrested on Friday."),
        ("Police did not say why.", "Police did say why."),
        ("She won't return and is leaving.", "She will return and is leaving."),
        ("He has been charged.", "He has not been charged."),
    ],
)
def test_negation_edit_turns_the_first_auxiliary(before: str, after: str) -> None:
    assert edited(before, perturb.negation_edits(before, 0, len(before))) == [after]


def test_negation_edit_needs_an_auxiliary() -> None:
    text = "Police arrested him."
    assert perturb.negation_edits(text, 0, len(text)) == []


def test_name_edit_swaps_a_known_surname_only() -> None:
    text = "Jane Holloway met Mark Vinter."
    edits = perturb.name_edits(text, [(0, 13), (18, 29)], ["Holloway"], random.Random(0))
    [edit] = edits
    assert text[edit.start : edit.end] == "Holloway" and edit.replacement in perturb.NEW_SURNAMES


def test_copy_sentence_follows_the_edit_length() -> None:
    original = SimpleNamespace(text="First one. He was seen. Last.", sentences=(
        SimpleNamespace(start=0, end=10), SimpleNamespace(start=11, end=23), SimpleNamespace(start=24, end=29)))
    planted = perturb.Perturbation("s", "negation", original, 1, perturb.Edit(17, 17, " not"))
    assert planted.copy_text == "First one. He was not seen. Last."
    start, end = planted.copy_sentence
    assert planted.copy_text[start:end] == "He was not seen."
