"""The shared spaCy pipeline: loaded once, and quotation marks typed without spaces split off."""

from __future__ import annotations

import pytest

from newsprism.annotate.nlp import load_pipeline, parse, parse_many


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


LONG = (
    "The council of Arden voted on Monday to rebuild the bridge.\n\n"
    "Mayor Ana Ruiz said the work would cost 4 million euros. It starts in May. "
    "Engineers warned that the river could rise again before the summer "
) * 12 + "without a break in the last line"


@pytest.mark.parametrize("limit", [80, 250, 1000])
def test_a_text_longer_than_a_piece_is_parsed_in_pieces_with_whole_text_offsets(limit: int) -> None:
    from newsprism.annotate import annotate_parsed
    from newsprism.model import Article

    [whole] = parse_many([LONG], piece_characters=100_000)
    [pieced] = parse_many([LONG], piece_characters=limit)
    assert pieced.text == LONG
    assert [(token.idx, token.text) for token in pieced] == [(token.idx, token.text) for token in whole]
    article = annotate_parsed(Article(id="long", text=LONG, source="long"), pieced)
    assert article.sentences and all(0 <= span.start < span.end <= len(LONG) for span in article.sentences)
    assert "Ana Ruiz" in {LONG[m.start : m.end] for m in article.mentions}
    assert all(0 <= m.start < m.end <= len(LONG) for m in article.mentions + article.times)


def test_pieces_join_back_into_the_text_and_cut_at_paragraphs_first() -> None:
    from newsprism.annotate.nlp import _pieces

    pieces = _pieces(LONG, 300)
    assert "".join(pieces) == LONG
    assert all(len(piece) <= 300 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    unbroken = "x" * 1000
    assert "".join(_pieces(unbroken, 300)) == unbroken
