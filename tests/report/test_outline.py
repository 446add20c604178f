"""The choices every format shares: title, sections, speaker names, order, dates, links."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from newsprism.model import Article, Comparison, Entity, QuoteGroup
from newsprism.report.outline import (
    UNTITLED,
    group_quotes_by_speaker,
    ordered_entities,
    published_text,
    split_facts,
    story_title,
    web_url,
)


def _article(id: str, title: str | None, published: datetime | None = None) -> Article:
    return Article(id, "Some text.", f"{id}.txt", title=title, published=published)


def test_title_is_that_of_the_earliest_dated_article() -> None:
    late = _article("late", "Late headline", datetime(2031, 3, 5, tzinfo=UTC))
    early = _article("early", "Early headline", datetime(2031, 3, 4, tzinfo=UTC))
    undated = _article("undated", "Undated headline")
    assert story_title(Comparison((late, undated, early))) == "Early headline"


def test_title_without_dates_is_the_most_common_headline() -> None:
    articles = (
        _article("a", "One"),
        _article("b", "Two"),
        _article("c", "Two"),
        _article("d", None),
    )
    assert story_title(Comparison(articles)) == "Two"
    assert story_title(Comparison((_article("x", None),))) == UNTITLED


def test_single_outlet_facts_group_by_outlet_in_article_order(sample: Comparison) -> None:
    sections = split_facts(sample)
    assert [outlet for outlet, _ in sections.single_by_outlet] == [
        "Northern Ledger",
        "Daily Harbour",
        "Coast Radio",
    ]
    assert len(sections.shared) == 1 and len(sections.partial) == 1


def test_quotes_group_under_entity_name_else_as_written(sample: Comparison) -> None:
    extra = QuoteGroup("S1", "she", sample.quotes[0].versions[:1], "single")
    anonymous = QuoteGroup(None, "  ", sample.quotes[1].versions, "single")
    unknown_id = QuoteGroup("S99", "a witness", sample.quotes[1].versions, "single")
    speakers = group_quotes_by_speaker(
        replace(sample, quotes=(*sample.quotes, extra, anonymous, unknown_id))
    )
    assert [(speaker.speaker, speaker.entity, len(speaker.groups)) for speaker in speakers] == [
        ("Ada Quill", "S1", 2),
        ("a council spokesperson", None, 1),
        ("Unattributed", None, 1),
        ("a witness", None, 1),
    ]


def test_entities_list_people_first_then_most_mentioned(sample: Comparison, builders: Any) -> None:
    ledger = sample.articles[0]
    council = Entity("S9", "Marrowby Council", "ORG", (), (builders.find(ledger, "Marrowby"),))
    ordered = ordered_entities(replace(sample, entities=(council, *sample.entities)))
    assert [entity.name for entity in ordered] == [
        "Ada Quill",
        "Tom Reyes",
        "Marrowby Council",
        "Marrowby",
    ]


def test_published_time_reads_in_utc_or_its_offset() -> None:
    assert published_text(_article("a", None)) == "unknown"
    utc = _article("b", None, datetime(2025, 3, 4, 9, 5, 59, 123, tzinfo=UTC))
    assert published_text(utc) == "2025-03-04 09:05 UTC"
    assert published_text(_article("c", None, datetime(2025, 3, 4, 9, 5))) == "2025-03-04 09:05"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://a.example/x?y=1", True),
        ("HTTP://a.example", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ('https://a.example/"><img>', False),
        ("//a.example", False),
        (None, False),
    ],
)
def test_only_plain_web_addresses_become_links(url: str | None, linked: bool) -> None:
    assert (web_url(url) is not None) is linked


def test_difference_wordings_cite_agreeing_reports_together(sample: Comparison) -> None:
    from newsprism.model import Difference
    from newsprism.report.outline import difference_wordings

    ledger, harbour, radio = (fact.statements[0] for fact in sample.facts[2:5])
    difference = Difference("qualifier", (("(none)", ledger), ("all", harbour), ("(none)", radio)))
    assert difference_wordings(difference) == (("(none)", (ledger, radio)), ("all", (harbour,)))


def test_one_article_lists_every_fact_under_its_outlet(builders: Any) -> None:
    comparison = builders.single_source_comparison()
    shared = replace(comparison, facts=(replace(comparison.facts[0], status="shared"),))
    sections = split_facts(shared)
    assert sections.shared == () and sections.partial == ()
    assert sections.single_by_outlet == (("Northern Ledger", shared.facts),)


def test_one_article_without_facts_has_no_fact_sections(builders: Any) -> None:
    comparison = replace(builders.single_source_comparison(), facts=())
    assert split_facts(comparison).single_by_outlet == ()


def _sentences(article_id: str, *sentences: str) -> Article:
    from newsprism.model import Span

    text, spans = "", []
    for sentence in sentences:
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        spans.append(Span(start, len(text)))
    return Article(article_id, text, f"{article_id}.txt", outlet=article_id, sentences=tuple(spans))


def _clause(article: Article, words: str, sentence: int) -> Any:
    from newsprism.model import Evidence

    start = article.text.index(words)
    return Evidence(article.id, start, start + len(words), sentence)


def test_a_fact_shows_the_statement_that_reads_alone() -> None:
    from newsprism.model import Fact
    from newsprism.report.outline import fact_wording

    first = _sentences("a", "The party said it would go to court to pursue civil litigation against the campaign.")
    second = _sentences("b", "The party will pursue civil litigation, its chairman said.")
    fact = Fact(
        (_clause(first, "to pursue civil litigation", 0), _clause(second, "The party will pursue civil litigation", 0)),
        ("a", "b"),
        "shared",
    )
    comparison = Comparison(articles=(first, second), facts=(fact,))
    assert fact_wording(comparison, fact).shown == fact.statements[1]
    assert fact_wording(comparison, fact).focus is None


def test_a_fragment_alone_is_shown_in_its_sentence_when_that_is_short() -> None:
    from newsprism.model import Fact
    from newsprism.report.outline import SHORT_SENTENCE_WORDS, fact_wording, focus_parts

    short = _sentences("a", "The party said it would go to court to pursue civil litigation.")
    fact = Fact((_clause(short, "to pursue civil litigation", 0),), ("a",), "single")
    wording = fact_wording(Comparison(articles=(short,), facts=(fact,)), fact)
    assert (wording.shown.start, wording.shown.end) == (0, len(short.text))
    assert wording.focus == fact.statements[0]
    assert focus_parts(short.text, wording) == (
        "The party said it would go to court ",
        "to pursue civil litigation",
        ".",
    )
    long = _sentences("b", "The party said " + "very " * SHORT_SENTENCE_WORDS + "much it would pursue civil litigation.")
    fact = Fact((_clause(long, "it would pursue civil litigation", 0),), ("b",), "single")
    assert fact_wording(Comparison(articles=(long,), facts=(fact,)), fact).shown == fact.statements[0]
