"""The first real story newsprism must get right: two reports of a defence secretary's trip.

The seeds are read from ../shared/seeds; nothing in the code knows them. Each test states what
a reader of both reports would conclude.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsprism.ingest import ReadOptions
from newsprism.model import Comparison, Entity
from newsprism.pipeline import brief


@pytest.fixture(scope="module")
def comparison(seed_paths: list[Path]) -> Comparison:
    return brief([str(path) for path in seed_paths], ReadOptions(published=datetime(2025, 3, 4)))


def entity_named(comparison: Comparison, surface: str) -> Entity:
    matches = [e for e in comparison.entities if e.name == surface or surface in e.aliases]
    assert len(matches) == 1, f"{surface!r} is in {len(matches)} entities"
    return matches[0]


def text_of(comparison: Comparison, article: str, start: int, end: int) -> str:
    return comparison.article(article).text[start:end]


def fact_texts(comparison: Comparison, status: str) -> list[str]:
    return [
        " | ".join(text_of(comparison, s.article, s.start, s.end) for s in fact.statements)
        for fact in comparison.facts
        if fact.status == status
    ]


def test_spellings_of_zelensky_are_one_person(comparison: Comparison) -> None:
    assert entity_named(comparison, "Zelensky") is entity_named(comparison, "Zelenskyy")


def test_sir_keir_keir_starmer_and_the_prime_minister_are_one_person(comparison: Comparison) -> None:
    starmer = entity_named(comparison, "Keir Starmer")
    mentioned = {text_of(comparison, m.article, m.start, m.end).lower() for m in starmer.mentions}
    assert {"keir starmer", "starmer"} <= mentioned
    assert any(form in mentioned for form in ("keir", "sir keir"))
    assert "the prime minister" in mentioned or "prime minister" in mentioned


def test_healey_dialogue_quote_is_one_quote_in_both_reports_spoken_by_healey(comparison: Comparison) -> None:
    healey = entity_named(comparison, "John Healey")
    groups = [
        g for g in comparison.quotes
        if any("dialogue with friends and allies" in text_of(comparison, v.article, v.start, v.end) for v in g.versions)
    ]
    assert len(groups) == 1
    group = groups[0]
    assert len({v.article for v in group.versions}) == 2
    assert group.speaker == healey.id
    assert group.match in ("punctuation", "reworded")


def test_he_said_after_a_quote_resolves_to_healey(comparison: Comparison) -> None:
    healey = entity_named(comparison, "John Healey")
    (group,) = [
        g for g in comparison.quotes
        if any("crucial that the UK and Europe step up" in text_of(comparison, v.article, v.start, v.end) for v in g.versions)
    ]
    assert group.speaker == healey.id


def test_the_no_10_readout_is_found_in_both_reports(comparison: Comparison) -> None:
    groups = [
        g for g in comparison.quotes
        if any("updated on his discussion with President Trump" in text_of(comparison, v.article, v.start, v.end) for v in g.versions)
    ]
    assert len(groups) == 1 and len({v.article for v in groups[0].versions}) == 2


@pytest.mark.parametrize(
    "words",
    [("Washington", "Wednesday"), ("Hegseth",), ("military aid",), ("2.5%",)],
    ids=["trip", "hegseth", "aid-halt", "gdp"],
)
def test_facts_both_reports_carry(comparison: Comparison, words: tuple[str, ...]) -> None:
    shared = fact_texts(comparison, "shared")
    assert any(all(word in fact for word in words) for fact in shared), shared


def test_the_aid_halt_differs_in_its_qualifier(comparison: Comparison) -> None:
    (fact,) = [
        f for f in comparison.facts
        if f.status == "shared" and any("military aid" in text_of(comparison, s.article, s.start, s.end) for s in f.statements)
    ]
    qualifier = [d for d in fact.differences if d.kind == "qualifier"]
    assert qualifier and {"temporarily", "all"} <= {text for text, _ in qualifier[0].values}


@pytest.mark.parametrize("words", ["minerals deal", "Scott Bessent", "EU leaders", "Islamic State"])
def test_details_one_report_alone_gives(comparison: Comparison, words: str) -> None:
    singles = [f for f in comparison.facts if f.status == "single"]
    carrying = {
        f.outlets[0] for f in singles for s in f.statements if words in text_of(comparison, s.article, s.start, s.end)
    }
    assert len(carrying) == 1
    assert not any(words in fact for fact in fact_texts(comparison, "shared"))


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("2025-02-28", "Friday"),
        ("2025-03-02", "London"),
        ("2025-02-25", "arranged last Tuesday"),
        ("2025-03-05", "Washington"),
        ("2025-03-06", "Thursday"),
    ],
    ids=["white-house-row", "london-summit", "trip-arranged", "trip", "hegseth-meeting"],
)
def test_timeline_dates(comparison: Comparison, date: str, words: str) -> None:
    events = [event for event in comparison.timeline if event.date.startswith(date)]
    assert any(words in event.text for event in events), [(e.date, e.text) for e in comparison.timeline]


def test_the_default_brief_is_shorter_than_the_reports_and_folds_by_count(comparison: Comparison) -> None:
    """Before, the text brief of the seeds was 3,175 words against the reports' 1,397."""
    from newsprism.report import render
    from newsprism.report.brevity import SINGLES_SHOWN

    reports = sum(len(article.text.split()) for article in comparison.articles)
    for kind in ("text", "markdown"):
        folded, everything = render(comparison, kind), render(comparison, kind, full=True)
        assert len(folded.split()) < reports < len(everything.split()), kind
    text = render(comparison, "text")
    for article in comparison.articles:
        alone = [f for f in comparison.facts if f.status == "single" and f.outlets == (article.name,)]
        if len(alone) > SINGLES_SHOWN:
            assert f"and {len(alone) - SINGLES_SHOWN} more sentences only in {article.name}" in text
    # Nothing told by two outlets is folded away.
    full = render(comparison, "text", full=True)
    assert text.count("[") >= sum(1 for f in comparison.facts if f.status != "single")
    assert full.count("Shared by every outlet") == text.count("Shared by every outlet") == 1


def test_nothing_twice_a_fact_in_short_is_not_listed_again_below(comparison: Comparison) -> None:
    from newsprism.report import render
    from newsprism.report.outline import fact_wording
    from newsprism.report.summary import summarised_facts

    said = summarised_facts(comparison)
    assert said, "the summary states some shared facts"
    for kind in ("text", "markdown"):
        brief = render(comparison, kind)
        for fact in said:
            shown = fact_wording(comparison, fact).shown
            words = text_of(comparison, shown.article, shown.start, shown.end)
            opening = " ".join(words.split()[:8])  # the summary shows the start of it
            assert " ".join(brief.split()).count(opening) == 1, (kind, opening)
        shared = sum(fact.status == "shared" for fact in said)
        assert f"{len(fact_texts(comparison, 'shared'))}, {shared} of them in short above" in brief


def test_the_html_brief_folds_each_outlets_own_sentences_under_a_count(comparison: Comparison) -> None:
    import lxml.html

    from newsprism.report import render
    from newsprism.report.brevity import SINGLES_SHOWN

    page = lxml.html.document_fromstring(render(comparison, "html"))
    for article in comparison.articles:
        alone = [f for f in comparison.facts if f.status == "single" and f.outlets == (article.name,)]
        more = len(alone) - SINGLES_SHOWN
        folds = page.xpath(f'//details[@class="more"][summary="and {more} more sentences only in {article.name}"]')
        assert len(folds) == 1, article.name
        assert len(folds[0].xpath(".//li/p[@class='statement']")) == more
        heading = folds[0].xpath("preceding-sibling::h3[1]")[0]
        assert heading.text_content() == article.name
        assert len(heading.xpath("following-sibling::ul[1]/li")) == SINGLES_SHOWN
