"""The JSON brief: versioned, documented, deterministic, and every span checkable."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.errors import NewsprismError
from newsprism.model import Comparison, Evidence, Fact
from newsprism.report import SCHEMA_VERSION, render

Document = dict[str, Any]


def brief(comparison: Comparison) -> Document:
    document: Document = json.loads(render(comparison, "json"))
    return document


def spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in the document that cites ``{article, start, end, text}``."""
    if isinstance(value, dict):
        if {"article", "start", "end", "text"} <= value.keys():
            yield value
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


def test_every_span_text_equals_the_article_slice(sample: Comparison, hostile: Comparison) -> None:
    for comparison in (sample, hostile):
        document = brief(comparison)
        found = list(spans(document))
        assert len(found) >= 7
        for span in found:
            assert (
                span["text"]
                == comparison.article(span["article"]).text[span["start"] : span["end"]]
            )


def test_document_matches_the_published_schema(
    sample: Comparison,
    hostile: Comparison,
    docs_dir: Path,
    schema_errors: Callable[[Any, Any], list[str]],
) -> None:
    schema = json.loads((docs_dir / "brief.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    for comparison in (sample, hostile):
        assert schema_errors(brief(comparison), schema) == []


def test_schema_check_catches_an_undocumented_field(
    sample: Comparison, docs_dir: Path, schema_errors: Callable[[Any, Any], list[str]]
) -> None:
    schema = json.loads((docs_dir / "brief.schema.json").read_text(encoding="utf-8"))
    document = brief(sample)
    document["facts"][0]["confidence"] = 0.9
    del document["quotes"][0]["match"]
    assert sorted(schema_errors(document, schema)) == [
        "$.facts[0]: undocumented 'confidence'",
        "$.quotes[0]: missing 'match'",
    ]


def test_every_field_is_described_in_the_prose_docs(docs_dir: Path) -> None:
    schema = json.loads((docs_dir / "brief.schema.json").read_text(encoding="utf-8"))
    prose = (docs_dir / "json-schema.md").read_text(encoding="utf-8")
    for name in _property_names(schema):
        assert f"`{name}`" in prose, name


def _property_names(schema: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        names.update(schema.get("properties", {}))
        for item in schema.values():
            names |= _property_names(item)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


def test_articles_entities_and_quotes_carry_ids_that_resolve(sample: Comparison) -> None:
    document = brief(sample)
    assert document["schema_version"] == SCHEMA_VERSION
    assert [article["id"] for article in document["articles"]] == [
        "ledger-1",
        "harbour-7",
        "radio-3",
    ]
    assert document["articles"][0]["published"] == "2031-03-04T09:30:00+00:00"
    assert document["articles"][2]["published"] is None
    entity_ids = {entity["id"] for entity in document["entities"]}
    assert document["quotes"][0]["speaker"] in entity_ids
    assert document["quotes"][1]["speaker"] is None
    assert document["quotes"][0]["changes"] == [
        {"article": "harbour-7", "op": "-", "words": "the two"},
        {"article": "harbour-7", "op": "+", "words": "both"},
    ]


def test_facts_keep_status_outlets_and_differences(sample: Comparison) -> None:
    facts = brief(sample)["facts"]
    assert [fact["status"] for fact in facts] == ["shared", "partial", "single", "single", "single"]
    assert facts[1]["outlets"] == ["Northern Ledger", "Daily Harbour"]
    difference = facts[0]["differences"][0]
    assert difference["kind"] == "number"
    assert [(value["value"], value["article"]) for value in difference["values"]] == [
        ("£4.2m", "ledger-1"),
        ("£4.5m", "harbour-7"),
    ]
    assert facts[2]["statements"][0]["sentence"] == 1


def test_timeline_says_which_dates_are_resolved(sample: Comparison) -> None:
    timeline = brief(sample)["timeline"]
    assert [(event["date"], event["resolved"]) for event in timeline] == [
        ("2030-10", True),
        ("2031-03-07", True),
        ("XXXX-WXX-5", False),
    ]


def test_skipped_sources_and_single_source_are_reported(sample: Comparison, builders: Any) -> None:
    assert brief(sample)["skipped"] == [{"source": "missing.txt", "reason": "file not found"}]
    assert brief(sample)["single_source"] is False
    assert brief(builders.single_source_comparison())["single_source"] is True


def test_output_is_deterministic_with_sorted_keys_and_raw_unicode(sample: Comparison) -> None:
    first, second = render(sample, "json"), render(sample, "json")
    assert first == second
    assert "£4.2m" in first and "\\u00a3" not in first
    assert list(json.loads(first)) == sorted(json.loads(first))


@pytest.mark.parametrize(
    ("evidence", "problem"),
    [
        (Evidence("nowhere", 0, 3, 0), "not in this comparison"),
        (Evidence("ledger-1", 0, 100_000, 0), "lies outside article"),
    ],
)
def test_evidence_that_cannot_be_checked_is_refused(
    builders: Any, evidence: Evidence, problem: str
) -> None:
    comparison = builders.single_source_comparison()
    broken = Comparison(
        comparison.articles, facts=(Fact((evidence,), ("Northern Ledger",), "single"),)
    )
    for kind in ("json", "html", "text", "markdown"):
        with pytest.raises(NewsprismError, match=problem):
            render(broken, kind)


def test_a_wrong_sentence_index_is_corrected_from_the_offsets(builders: Any) -> None:
    comparison = builders.single_source_comparison()
    article = comparison.articles[0]
    words = builders.find(article, "Engineers closed the bridge")
    mislabelled = Evidence(words.article, words.start, words.end, sentence=0)
    fact = Fact((mislabelled,), ("Northern Ledger",), "single")
    document = brief(Comparison(comparison.articles, facts=(fact,)))
    assert document["facts"][0]["statements"][0]["sentence"] == 3
    assert "[Northern Ledger §4]" in render(Comparison(comparison.articles, facts=(fact,)), "text")
