"""Stored text: normalisation every offset relies on, and decoding of any encoding."""

from __future__ import annotations

import random

import pytest

from newsprism.errors import SourceError
from newsprism.ingest.text import (
    decode_text,
    describe_seconds,
    describe_size,
    looks_binary,
    normalise_text,
)


def test_line_endings_become_newlines_and_trailing_spaces_go() -> None:
    assert normalise_text("First line  \r\nSecond\rThird \t\n") == "First line\nSecond\nThird"


def test_paragraph_breaks_are_kept_but_runs_of_blank_lines_shrink() -> None:
    assert normalise_text("One.\n\n\n\nTwo.\n\nThree.") == "One.\n\nTwo.\n\nThree."


def test_text_is_put_in_nfc() -> None:
    decomposed = "Cafe\u0301 owner"
    assert normalise_text(decomposed) == "Caf\u00e9 owner"


def test_invisible_control_characters_are_dropped() -> None:
    assert normalise_text("\ufeffMayor\u200b said\x0c no") == "Mayor said no"


def test_normalising_twice_changes_nothing() -> None:
    text = " \n\nA storm  \r\n\r\n\r\nhit the  coast\u2028overnight.\n"
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_utf8_is_decoded_as_utf8() -> None:
    assert decode_text("Zoë’s café".encode(), "x.txt") == "Zoë’s café"


def test_windows_1252_text_is_detected_and_decoded() -> None:
    text = "The mayor’s office said the café would reopen on Tuesday, according to “officials”. " * 4
    assert decode_text(text.encode("cp1252"), "x.txt") == text


def test_utf16_with_byte_order_mark_is_text_not_binary() -> None:
    data = "Council votes on budget".encode("utf-16")
    assert not looks_binary(data)
    assert decode_text(data, "x.txt") == "Council votes on budget"


def test_a_wrong_declared_charset_loses_to_valid_utf8() -> None:
    assert decode_text("naïve".encode(), "page", declared="iso-8859-1") == "naïve"


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(SourceError, match="binary file, not text"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt")


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(SourceError, match="empty file"):
        decode_text(b" \n\t\n", "blank.txt")


def test_sizes_and_durations_read_like_a_person_writes_them() -> None:
    assert describe_size(10_000_000) == "10 MB"
    assert describe_size(1500) == "1.5 kB"
    assert describe_size(12) == "12 bytes"
    assert describe_seconds(10.0) == "10 s"
    assert describe_seconds(0.25) == "0.25 s"


def test_normalisation_is_idempotent_and_leaves_no_carriage_returns_on_random_text() -> None:
    rng = random.Random(11)
    alphabet = "ab \t\r\n\u00a0\u2028\ufeff\u200bé\u0301“”\x0c."
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        once = normalise_text(text)
        assert normalise_text(once) == once
        assert "\r" not in once and "\n\n\n" not in once and once == once.strip()
