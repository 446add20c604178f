"""What ``annotate`` prints: offsets into the stored text, speakers as entity ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsprism.errors import UsageError
from newsprism.model import Article, Mention, Quote, Span
from newsprism.report import render_annotations


def annotate(articles: list[Article]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_annotations(articles, "json"))
    return document


def test_spans_slice_the_stored_text(builders: Any) -> None:
    article = builders.annotated_article()
    shown = annotate([article])["articles"][0]
    text = shown["text"]
    assert text == article.text
    assert [text[start:end] for start, end in shown["sentences"]] == [
        "Mayor Ada Quill visited the bridge on Tuesday.",
        "\u201cIt is finished,\u201d she said.",
    ]
    assert [(e["text"], text[e["start"] : e["end"]]) for e in shown["entities"]] == [
        ("Ada Quill", "Ada Quill"),
        ("she", "she"),
    ]
    quote = shown["quotes"][0]
    assert text[slice(*quote["content"])] == "It is finished,"
    assert text[slice(*quote["speaker_span"])] == "she"
    assert text[slice(*quote["speaker_resolved"])] == "Ada Quill"
    assert text[slice(*quote["cue"])] == "said"
    time = shown["times"][0]
    assert (time["text"], time["type"], time["value"], time["resolved"]) == (
        "Tuesday",
        "DATE",
        "2031-03-04",
        True,
    )


def test_pronoun_speaker_takes_the_entity_of_the_resolved_name(builders: Any) -> None:
    article = builders.annotated_article()
    named = replace(
        article, mentions=(replace(article.mentions[0], entity="E7"), article.mentions[1])
    )
    assert annotate([named])["articles"][0]["quotes"][0]["speaker"] == "E7"


def test_speaker_falls_back_to_the_written_speaker_then_null(builders: Any) -> None:
    article = builders.annotated_article()
    quote = article.quotes[0]
    unresolved = replace(article, quotes=(replace(quote, speaker_resolved=None),))
    only_pronoun = replace(unresolved, mentions=(replace(article.mentions[1], entity="E2"),))
    assert annotate([only_pronoun])["articles"][0]["quotes"][0]["speaker"] == "E2"
    nobody = replace(article, quotes=(Quote(quote.start, quote.end, "partial"),))
    shown = annotate([nobody])["articles"][0]["quotes"][0]
    assert (shown["speaker"], shown["speaker_span"], shown["cue"], shown["kind"]) == (
        None,
        None,
        None,
        "partial",
    )


def test_speaker_prefers_the_mention_sharing_most_characters() -> None:
    text = "Sir Ada Quill of Marrowby said so."
    article = Article(
        "t",
        text,
        "t.txt",
        mentions=(Mention(0, 13, "PERSON", "name", "E1"), Mention(17, 25, "GPE", "name", "E2")),
        quotes=(Quote(30, 32, speaker=Span(0, 25)),),
    )
    assert annotate([article])["articles"][0]["quotes"][0]["speaker"] == "E1"


def test_unresolved_times_say_what_they_mean() -> None:
    from newsprism.model import TimeExpression

    article = Article(
        "t",
        "They met last Tuesday.",
        "t.txt",
        times=(TimeExpression(9, 21, "DATE", "XXXX-WXX-2", False, "previous Tuesday"),),
    )
    time = annotate([article])["articles"][0]["times"][0]
    assert (time["resolved"], time["relative"]) == (False, "previous Tuesday")
    assert "unresolved, previous Tuesday" in render_annotations([article], "text")


def test_annotate_json_matches_its_published_schema(
    builders: Any, docs_dir: Path, schema_errors: Callable[[Any, Any], list[str]]
) -> None:
    schema = json.loads((docs_dir / "annotate.schema.json").read_text(encoding="utf-8"))
    articles = [builders.annotated_article(), Article("bare", "", "bare.txt")]
    assert schema_errors(annotate(articles), schema) == []


def test_text_listing_names_each_annotation(builders: Any) -> None:
    shown = render_annotations([builders.annotated_article()], "text")
    assert "A1  Northern Ledger  (annotated)" in shown
    assert "[6:15] Ada Quill  PERSON name E1" in shown
    assert "speaker: she -> Ada Quill (E1); cue: said" in shown
    assert "[38:45] Tuesday  DATE 2031-03-04 (resolved)" in shown


def test_unknown_annotation_format_is_a_usage_error(builders: Any) -> None:
    with pytest.raises(UsageError, match="html"):
        render_annotations([builders.annotated_article()], "html")
