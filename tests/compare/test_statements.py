"""Statements of different reports that state the same fact, found across wordings."""

from __future__ import annotations

from datetime import datetime

from newsprism.compare import compare
from newsprism.model import Article, Comparison
from newsprism.pipeline import compare_articles

PUBLISHED = datetime(2026, 5, 6)  # a Wednesday


def report(outlet: str, text: str) -> Article:
    return Article(id=outlet.lower(), text=text, source=outlet, outlet=outlet, published=PUBLISHED)


def shared_texts(comparison: Comparison) -> list[set[str]]:
    return [
        {comparison.article(s.article).text[s.start : s.end] for s in fact.statements}
        for fact in comparison.facts
        if fact.status != "single"
    ]


def test_the_same_trip_in_other_words_is_one_fact() -> None:
    comparison = compare_articles(
        [
            report("Ledger", "The transport minister, Maria Olsen, will fly out to Oslo on Friday for talks."),
            report("Post", "Transport minister Maria Olsen travels to Oslo on Friday."),
        ]
    )
    (fact,) = [f for f in comparison.facts if f.status == "shared"]
    assert fact.outlets == ("Ledger", "Post")


def test_unrelated_statements_about_the_same_people_stay_apart() -> None:
    comparison = compare_articles(
        [
            report("Ledger", "Maria Olsen opened a new rail line in Bergen."),
            report("Post", "Maria Olsen criticised the budget of the health ministry."),
        ]
    )
    assert shared_texts(comparison) == []
    assert [f.status for f in comparison.facts] == ["single", "single"]


def test_a_fact_carried_by_two_of_three_outlets_is_partial_and_names_them() -> None:
    comparison = compare_articles(
        [
            report("Ledger", "The factory in Tarnow will close in June, costing 400 jobs."),
            report("Post", "The Tarnow factory will close in June with the loss of 400 jobs."),
            report("Herald", "Local football club Tarnow United won the cup."),
        ]
    )
    partial = [f for f in comparison.facts if f.status == "partial"]
    assert len(partial) == 1 and partial[0].outlets == ("Ledger", "Post")


def test_different_counts_of_the_same_thing_are_one_fact_with_a_number_difference() -> None:
    comparison = compare_articles(
        [
            report("Ledger", "The storm forced 340 residents from their homes."),
            report("Post", "About 400 residents were evacuated after the storm."),
        ]
    )
    (fact,) = [f for f in comparison.facts if f.status == "shared"]
    kinds = {d.kind for d in fact.differences}
    assert "number" in kinds


def test_statements_inside_direct_quotes_are_left_to_the_quotes_section() -> None:
    text = 'The council met on Monday. "We will rebuild the bridge this year," the mayor said.'
    comparison = compare([*compare_articles([report("Ledger", text)]).articles])
    stated = [comparison.article(s.article).text[s.start : s.end] for f in comparison.facts for s in f.statements]
    assert stated == ["The council met on Monday."], "the sentence outside the quote is a fact; the quote is not"
    assert [len(group.versions) for group in comparison.quotes] == [1]


def test_subheadings_are_not_facts() -> None:
    text = "The council approved the new budget for the harbour.\nTrouble at the harbour\nFishermen protested at the harbour on Monday."
    comparison = compare_articles([report("Ledger", text)])
    stated = [comparison.article(s.article).text[s.start : s.end] for f in comparison.facts for s in f.statements]
    assert not any("Trouble at the harbour" in words for words in stated)
    assert any("Fishermen protested" in words for words in stated)


def test_no_one_outlet_fact_repeats_a_shared_one() -> None:
    comparison = compare_articles(
        [
            report(
                "Ledger",
                "Protests continue in the capital as transport minister Maria Olsen travels to Oslo on Friday, "
                "following a strike by rail workers over pay.",
            ),
            report("Post", "Transport minister Maria Olsen will fly to Oslo on Friday."),
        ]
    )
    assert any(f.status == "shared" for f in comparison.facts)
    singles = [
        comparison.article(s.article).text[s.start : s.end]
        for f in comparison.facts if f.status == "single" for s in f.statements
    ]
    assert not any("Oslo" in text for text in singles)


def test_a_role_speaker_naming_a_nationality_is_the_person_not_the_nationality() -> None:
    text = (
        "The French president, Jean Dupont, arrived in Oslo on Monday.\n"
        'The French leader called for a "pause in the fighting" during the talks.'
    )
    comparison = compare_articles([report("Ledger", text)])
    (group,) = [g for g in comparison.quotes if "pause" in comparison.article("ledger").text[g.versions[0].start : g.versions[0].end]]
    speaker = next(e for e in comparison.entities if e.id == group.speaker)
    assert speaker.type == "PERSON" and speaker.name == "Jean Dupont"


def test_a_chain_of_links_does_not_join_statements_that_share_little() -> None:
    # The Post's one clause is close to both others; the Ledger and the Herald state
    # different things and must not end up as one fact through it.
    comparison = compare_articles(
        [
            report("Ledger", "The harbour board approved a new ferry terminal on Monday."),
            report("Post", "The harbour board's approval of the new ferry terminal means higher fares for commuters next spring."),
            report("Herald", "Fares for commuters will rise by a third next spring, the operator warned."),
        ]
    )
    joined = [set(fact.outlets) for fact in comparison.facts if fact.status != "single"]
    assert joined in ([{"Ledger", "Post"}], [{"Post", "Herald"}]), "the Post joins one of them, not both"


def test_calls_to_sign_up_and_reprint_notices_state_no_fact() -> None:
    comparison = compare_articles(
        [
            report(
                "Courier",
                "Sign up for our morning newsletter to get the top stories. "
                "The ferry terminal in Tarnow will close in June. "
                "This article first appeared in the Tarnow Herald.",
            )
        ]
    )
    texts = [comparison.article(s.article).text[s.start : s.end] for f in comparison.facts for s in f.statements]
    assert texts and all("ferry terminal" in text for text in texts)
