"""Which report copied from which: repeated sentences outside quotes, credited to the earliest."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsprism.compare.copied_text import find_copied_text
from newsprism.model import Article
from newsprism.pipeline import compare_articles
from newsprism.report.outline import carried_by, copy_lines, summary_line

MORNING = datetime(2026, 5, 6, 8, 0)

WIRE = (
    "Firefighters battled a blaze at a paint warehouse in the port of Kellen for six hours on Tuesday night. "
    "The fire started in a loading bay shortly after nine o'clock and spread to the roof within minutes. "
    "Nearby residents were told to keep their windows closed because of the thick smoke. "
    "The cause of the fire is being investigated by the regional fire service."
)
OWN_REPORT = (
    "A warehouse full of paint burned through the night in Kellen, and neighbours say they saw flames from a mile away. "
    "Dock workers who finished their shift at eight said the building had no sprinklers. "
    "The harbour authority will meet on Thursday to discuss safety checks for every warehouse on the quay."
)


def report(outlet: str, text: str, hours: float | None = 0) -> Article:
    published = None if hours is None else MORNING + timedelta(hours=hours)
    return Article(id=outlet.lower(), text=text, source=outlet, outlet=outlet, published=published)


def test_a_reprint_with_boilerplate_is_found_with_its_origin() -> None:
    reprint = "Sign up for our newsletter.\n\n" + WIRE.replace("six hours", "about six hours")
    comparison = compare_articles([report("Gazette", reprint, hours=3), report("Wire", WIRE, hours=1)])
    (copied,) = comparison.copies
    assert (copied.origin, copied.copy, copied.kind, copied.dated) == ("wire", "gazette", "reprint", True)
    assert copied.share > 0.9
    assert len(copied.passages) == 4
    origin_sentence, copy_sentence = copied.passages[0]
    assert comparison.article("wire").text[origin_sentence.start : origin_sentence.end].startswith("Firefighters")
    assert comparison.article("gazette").text[copy_sentence.start : copy_sentence.end].startswith("Firefighters")
    assert comparison.independent_sources() == 1


def test_three_outlets_running_one_wire_story_are_copies_of_the_first() -> None:
    comparison = compare_articles(
        [report("Wire", WIRE, hours=0), report("Gazette", WIRE, hours=2), report("Post", WIRE, hours=1)]
    )
    assert sorted((c.origin, c.copy) for c in comparison.copies) == [("wire", "gazette"), ("wire", "post")]
    assert comparison.independent_sources() == 1
    assert "3 articles (1 independent)" in summary_line(comparison)


def test_copied_passages_inside_an_own_report_are_passages_not_a_reprint() -> None:
    sentences = WIRE.split(". ")
    borrowed = ". ".join(sentences[1:3]) + "."
    mixed = f"{OWN_REPORT}\n\n{borrowed}"
    comparison = compare_articles([report("Wire", WIRE), report("Herald", mixed, hours=5)])
    (copied,) = comparison.copies
    assert (copied.origin, copied.copy, copied.kind) == ("wire", "herald", "passages")
    assert len(copied.passages) == 2
    assert 0.2 < copied.share < 0.5
    assert comparison.independent_sources() == 2
    (line,) = copy_lines(comparison)
    assert line.text.startswith("A2 Herald repeats 2 sentences of A1 Wire word for word")


def test_the_same_quotation_in_two_reports_is_not_copying() -> None:
    quote = (
        "\u201cWe have never seen a fire spread so fast through a building of this size in all "
        "my years of service,\u201d said fire chief Lena Ortiz."
    )
    first = f"A paint warehouse burned in Kellen overnight. {quote}"
    second = f"Flames tore through a Kellen warehouse. {quote}"
    comparison = compare_articles([report("Wire", first), report("Herald", second, hours=1)])
    assert comparison.copies == ()


def test_independent_reports_of_one_event_share_no_text() -> None:
    comparison = compare_articles([report("Wire", WIRE), report("Herald", OWN_REPORT, hours=1)])
    assert comparison.copies == ()
    assert comparison.independent_sources() == 2


def test_undated_copies_keep_the_order_given_and_say_so() -> None:
    comparison = compare_articles([report("Wire", WIRE, hours=None), report("Gazette", WIRE, hours=None)])
    (copied,) = comparison.copies
    assert (copied.origin, copied.copy, copied.dated) == ("wire", "gazette", False)
    assert "which came first is unknown" in copy_lines(comparison)[0].text


def test_a_later_report_given_first_is_still_the_copy() -> None:
    comparison = compare_articles([report("Gazette", WIRE, hours=4), report("Wire", WIRE, hours=1)])
    assert [(c.origin, c.copy) for c in comparison.copies] == [("wire", "gazette")]


def test_a_fact_carried_by_a_reprint_counts_one_independent_source() -> None:
    comparison = compare_articles(
        [report("Wire", WIRE), report("Gazette", WIRE, hours=1), report("Herald", OWN_REPORT, hours=2)]
    )
    from_wire = [f for f in comparison.facts if set(f.outlets) == {"Wire", "Gazette"}]
    assert from_wire
    assert carried_by(comparison, from_wire[0]) == "Wire, Gazette (1 independent source)"


def test_short_shared_sentences_are_not_copying() -> None:
    common = "Police said the road was closed. The investigation continues."
    articles = [report("Wire", common), report("Herald", common, hours=1)]
    comparison = compare_articles(articles)
    assert find_copied_text(comparison.articles) == ()
