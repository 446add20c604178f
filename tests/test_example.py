"""End to end on the bundled example story: what it was written to show, and a golden report."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.ingest import ReadOptions, read_meta
from newsprism.model import Comparison
from newsprism.pipeline import brief
from newsprism.report import render

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "flood"
GOLDEN = Path(__file__).resolve().parent / "golden" / "example-brief.json"


@pytest.fixture(scope="module")
def comparison() -> Iterator[Comparison]:
    # Read with paths relative to the repository, as `make demo` does, so that article ids
    # (paths for files) do not depend on where the clone lives.
    before = os.getcwd()
    os.chdir(REPO)
    try:
        folder = EXAMPLE.relative_to(REPO)
        names = ("northern-ledger.txt", "harbour-times.html", "valley-post.jsonl", "tamsin-courier.txt")
        sources = [str(folder / name) for name in names]
        yield brief(sources, ReadOptions(meta=read_meta(str(folder / "meta.csv"))))
    finally:
        os.chdir(before)


def words(comparison: Comparison, article: str, start: int, end: int) -> str:
    return comparison.article(article).text[start:end]


def test_every_outlet_is_named_with_its_publication_time(comparison: Comparison) -> None:
    assert [a.outlet for a in comparison.articles] == ["Northern Ledger", "Harbour Times", "Valley Post", "Tamsin Courier"]
    # From meta.csv for the two .txt files, from the page and the record for the others.
    assert [a.published.isoformat() if a.published else None for a in comparison.articles] == [
        "2026-10-14T06:45:00+01:00",
        "2026-10-14T07:30:00+01:00",
        "2026-10-14T09:00:00+01:00",
        "2026-10-14T08:10:00+01:00",
    ]


def test_the_barrier_failure_is_shared_by_all_four(comparison: Comparison) -> None:
    shared = [f for f in comparison.facts if f.status == "shared"]
    assert any(
        all("barrier" in words(comparison, s.article, s.start, s.end) for s in f.statements) and len(f.outlets) == 4
        for f in shared
    )


def test_the_reprint_is_found_and_counts_with_its_origin(comparison: Comparison) -> None:
    ledger, courier = comparison.articles[0], comparison.articles[3]
    (copied,) = comparison.copies
    assert (copied.origin, copied.copy, copied.kind, copied.dated) == (ledger.id, courier.id, "reprint", True)
    assert comparison.independent_sources() == 3
    only_ledger_and_reprint = [f for f in comparison.facts if set(f.outlets) == {"Northern Ledger", "Tamsin Courier"}]
    assert only_ledger_and_reprint
    assert all(comparison.independent_sources(tuple(s.article for s in f.statements)) == 1 for f in only_ledger_and_reprint)


def test_the_reprints_sign_up_line_is_no_fact(comparison: Comparison) -> None:
    courier = comparison.articles[3]
    assert courier.text.startswith("Sign up for the Tamsin Courier morning briefing.\n"), "the line the test is about"
    stated = [words(comparison, s.article, s.start, s.end) for f in comparison.facts for s in f.statements if s.article == courier.id]
    assert any("Ana Ruiz will meet the barrier's engineers" in text for text in stated), "the next line is a fact"
    assert not any("Sign up" in text for text in stated)


def test_the_water_rise_differs_in_number(comparison: Comparison) -> None:
    differing = [
        d for f in comparison.facts for d in f.differences
        if d.kind == "number" and any("metres" in words(comparison, s.article, s.start, s.end) for s in f.statements)
    ]
    assert differing and {"1.8", "2"} == {text for text, _ in differing[0].values}


def test_the_damage_estimate_is_one_outlets_alone(comparison: Comparison) -> None:
    (fact,) = [
        f for f in comparison.facts
        if any("£12m" in words(comparison, s.article, s.start, s.end) for s in f.statements)
    ]
    assert fact.status == "single" and fact.outlets == ("Harbour Times",)


def test_the_same_quote_worded_differently_shows_the_changed_word(comparison: Comparison) -> None:
    (group,) = [
        g for g in comparison.quotes
        if any("answer for that" in words(comparison, v.article, v.start, v.end) for v in g.versions)
    ]
    assert group.match == "reworded" and len(group.versions) == 4
    changes = {(change.operation, change.words) for change in group.changes}
    assert ("-", "Someone") in changes and ("+", "Somebody") in changes


def test_a_pronoun_speaker_is_the_person_named_before(comparison: Comparison) -> None:
    wren = next(e for e in comparison.entities if e.name == "Tomasz Wren")
    (group,) = [
        g for g in comparison.quotes
        if any("inspection report" in words(comparison, v.article, v.start, v.end) for v in g.versions)
    ]
    assert group.speaker == wren.id


def test_relative_dates_resolve_from_each_publication_time(comparison: Comparison) -> None:
    dates = {event.date[:10] for event in comparison.timeline}
    assert {"2026-10-16", "2026-10-13", "2026-09"} <= dates


def test_json_report_matches_the_golden_file(comparison: Comparison, update_golden: bool) -> None:
    produced = json.loads(render(comparison, "json"))
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(produced, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run pytest --update-golden and review the diff"
    assert produced == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_brief_opens_with_a_summary_of_cited_lines(comparison: Comparison) -> None:
    from newsprism.report.summary import MOST_LINES, summarise

    lines = summarise(comparison)
    assert 0 < len(lines) <= MOST_LINES
    kinds = [line.kind for line in lines]
    assert kinds == sorted(kinds, key=["shared", "partial", "difference", "quote", "timeline", "single"].index)
    # The barrier's rise is 1.8 metres in three reports and 2 in one: the one difference.
    [difference] = [line for line in lines if line.kind == "difference"]
    assert "“1.8”" in difference.text and "“2” (Harbour Times)" in difference.text
    for line in lines:
        assert line.evidence, line
        for evidence in line.evidence:
            assert 0 <= evidence.start < evidence.end <= len(comparison.article(evidence.article).text)
    text = render(comparison, "text")
    assert text.index("In short") < text.index("Shared by every outlet")
    assert json.loads(render(comparison, "json"))["summary"][0]["kind"] == "shared"


def test_a_single_report_summary_claims_nothing_shared(comparison: Comparison) -> None:
    from newsprism.pipeline import compare_articles
    from newsprism.report.summary import summarise

    alone = compare_articles([comparison.articles[0]])
    assert {line.kind for line in summarise(alone)} <= {"quote", "timeline"}
