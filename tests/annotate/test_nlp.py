"""The shared spaCy pipeline: loaded once, and quotation marks typed without spaces split off."""

from __future__ import annotations

import pytest

from newsprism.annotate.nlp import load_pipeline, parse


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("He said,“Look at this.”", ["He", "said", ",", "“", "Look", "at", "this", ".", "”"]),
        ('She replied:"No."', ["She", "replied", ":", '"', "No", ".", '"']),
        ("It was “good”,he said.", ["It", "was", "“", "good", "”", ",", "he", "said", "."]),
        ("The vote ended.“Next year,” she said.", ["The", "vote", "ended", ".", "“", "Next", "year", ",", "”", "she", "said", "."]),
    ],
)
def test_quotation_marks_without_spaces_are_tokens_of_their_own(text: str, tokens: list[str]) -> None:
    assert [token.text for token in parse(text)] == tokens


@pytest.mark.parametrize("text", ["Pay 3,000 now", "odds of 3:1", "see http://example.org/a,b"])
def test_numbers_and_addresses_keep_their_punctuation(text: str) -> None:
    assert [token.text for token in parse(text)] == text.split()


def test_the_pipeline_is_loaded_once() -> None:
    assert load_pipeline() is load_pipeline()


def test_the_text_of_a_document_is_built_once_and_equals_spacys() -> None:
    from newsprism.annotate.nlp import text_of

    doc = parse("The council met on Tuesday. “We agreed,” she said.")
    assert text_of(doc) == doc.text
    assert text_of(doc) is text_of(doc)
