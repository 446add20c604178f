"""Random articles and spans: every mark and sentence in the HTML holds exactly its slice.

A seeded generator stands in for property-based testing (Hypothesis is MPL-licensed and
not a dependency): texts mix markup characters, entities, emoji and line breaks; spans
overlap each other and cross sentence borders.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from typing import Any

import pytest

from newsprism.model import (
    Article,
    Comparison,
    Difference,
    Evidence,
    Fact,
    QuoteGroup,
    Span,
    TimelineEvent,
)
from newsprism.report import render
from newsprism.report.evidence import EvidenceIndex
from newsprism.report.html_anchors import AnchorMap

ALPHABET = "abc XYZ <>&\"'é—“”😀\n;#[]*_|"


def _random_article(rng: random.Random, number: int) -> Article:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 120)))
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(2, 8))))
    sentences = tuple(Span(a, b) for a, b in itertools.pairwise(cuts) if a < b)
    return Article(
        f"art{number}", text, f"art{number}.txt", outlet=f"O{number}", sentences=sentences
    )


def _random_evidence(rng: random.Random, article: Article) -> Evidence:
    start = rng.randint(0, len(article.text))
    end = rng.randint(start, len(article.text))
    return Evidence(article.id, start, end, article.sentence_index(start))


def _random_comparison(rng: random.Random) -> Comparison:
    articles = tuple(_random_article(rng, number) for number in range(rng.randint(1, 3)))

    def some(count: int) -> tuple[Evidence, ...]:
        return tuple(_random_evidence(rng, rng.choice(articles)) for _ in range(count))

    facts = tuple(
        Fact(some(2), ("O0",), "partial", (Difference("number", tuple(("v", e) for e in some(2))),))
        for _ in range(rng.randint(0, 3))
    )
    quotes = tuple(QuoteGroup(None, "x", some(2), "reworded") for _ in range(rng.randint(0, 3)))
    timeline = tuple(TimelineEvent("2025-03-05", "t", some(1)) for _ in range(rng.randint(0, 2)))
    return Comparison(articles, facts=facts, quotes=quotes, timeline=timeline)


def _all_evidence(comparison: Comparison) -> list[Evidence]:
    found = [version for group in comparison.quotes for version in group.versions]
    for fact in comparison.facts:
        found.extend(fact.statements)
        found.extend(
            evidence for difference in fact.differences for _, evidence in difference.values
        )
    found.extend(source for event in comparison.timeline for source in event.sources)
    return found


@pytest.mark.parametrize("seed", range(150))
def test_marks_and_sentences_hold_exactly_their_characters(
    parse_page: Callable[[str], Any], seed: int
) -> None:
    comparison = _random_comparison(random.Random(seed))
    parser = parse_page(render(comparison, "html"))
    for number, article in enumerate(comparison.articles, 1):
        for index, sentence in enumerate(article.sentences, 1):
            assert parser.text_by_id[f"a{number}-s{index}"] == sentence.of(article.text)
        body = parser.text_by_class.get("body", "")
        assert article.text in body or not article.text
    anchors = AnchorMap(comparison, EvidenceIndex(comparison))
    for evidence in _all_evidence(comparison):
        anchor = anchors.anchor(evidence)
        words = comparison.article(evidence.article).text[evidence.start : evidence.end]
        if "-m" in anchor:
            assert parser.text_by_class[anchor] == words
        else:
            assert words in parser.text_by_id[anchor]
    document = json.loads(render(comparison, "json"))
    for group in document["quotes"]:
        for version in group["versions"]:
            article = comparison.article(version["article"])
            assert version["text"] == article.text[version["start"] : version["end"]]
