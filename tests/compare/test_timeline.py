"""The story's timeline: dated events from all reports, the same event merged."""

from __future__ import annotations

from datetime import datetime

from newsprism.model import Article
from newsprism.pipeline import compare_articles


def report(outlet: str, text: str, published: datetime | None = datetime(2026, 5, 6)) -> Article:
    return Article(id=outlet.lower(), text=text, source=outlet, outlet=outlet, published=published)


def test_events_are_dated_from_publication_and_ordered() -> None:
    comparison = compare_articles(
        [report("Ledger", "The council met last Tuesday. The mayor will visit Oslo on Friday.")]
    )
    assert [event.date[:10] for event in comparison.timeline] == ["2026-05-05", "2026-05-08"]
    assert "council met" in comparison.timeline[0].text


def test_the_same_event_in_two_reports_is_one_event_citing_both() -> None:
    comparison = compare_articles(
        [
            report("Ledger", "The transport minister, Maria Olsen, will fly out to Oslo on Friday for talks."),
            report("Post", "Transport minister Maria Olsen travels to Oslo on Friday."),
        ]
    )
    (event,) = [e for e in comparison.timeline if e.date.startswith("2026-05-08")]
    assert {source.article for source in event.sources} == {"ledger", "post"}


def test_without_a_publication_date_a_weekday_stays_unresolved() -> None:
    comparison = compare_articles([report("Ledger", "The council met on Tuesday.", published=None)])
    assert [(event.date, event.text) for event in comparison.timeline] == [("XXXX-WXX-2", "The council met on Tuesday")]
    article = comparison.articles[0]
    assert article.times and not article.times[0].resolved


def test_a_date_naming_a_thing_dates_no_event() -> None:
    comparison = compare_articles([report("Ledger", "Democrats keep reminding voters of the 2016 election.")])
    assert comparison.timeline == ()


def test_one_quotation_carried_by_two_reports_is_one_event() -> None:
    words = "\u201cIn March 2025 the dam failed after days of rain,\u201d the engineers wrote."
    comparison = compare_articles(
        [report("Ledger", f"Officials cited the report. {words}"), report("Post", f"{words} Officials disagreed.")]
    )
    (event,) = [e for e in comparison.timeline if e.date.startswith("2025-03")]
    assert {source.article for source in event.sources} == {"ledger", "post"}
