"""Whatever bytes a file holds, reading it yields articles or one-line failures, never an exception."""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from newsprism.ingest import FILE_SUFFIXES, Ingested, ReadOptions, iter_sources
from newsprism.model import SourceFailure


def garbage_samples(seed: int, valid: bytes) -> list[bytes]:
    """Random bytes, random text, and cut or bit-flipped copies of a valid input."""
    rng = random.Random(seed)
    samples = [
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))),
        "".join(rng.choice("<>&;/\"'=abc \n{}[]:,ÿé€") for _ in range(2000)).encode(),
    ]
    for _ in range(6):
        cut = valid[: rng.randrange(1, len(valid))]
        flipped = bytearray(valid)
        for _ in range(5):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        samples += [cut, bytes(flipped)]
    return samples


def valid_input(suffix: str, page: str) -> bytes:
    record = b'{"id": "a1", "title": "Bridge", "text": "The harbour bridge reopened on Monday after repairs."}'
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Bridge</title>'
        b"<link>https://herald.example/b</link><description>The harbour bridge reopened on Monday.</description></item></channel></rss>"
    )
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://herald.example/b\r\nWARC-Date: 2025-03-04T12:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
    )
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page.encode()
    warc += b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    lines = record + b"\n" + record.replace(b"a1", b"a2")
    by_suffix = {".json": record, ".jsonl": lines, ".ndjson": lines, ".jsonl.gz": gzip.compress(lines), ".xml": feed, ".rss": feed, ".atom": feed,
                 ".warc": warc, ".warc.gz": gzip.compress(warc), ".html": page.encode(), ".htm": page.encode()}
    return by_suffix.get(suffix, b"Bridge reopens\nThe harbour bridge reopened on Monday after repairs.")


def damaged_files(tmp_path: Path, suffix: str, page: str) -> list[str]:
    """The garbage samples for ``suffix`` written to files; the first is purely random bytes."""
    paths = []
    for number, sample in enumerate(garbage_samples(len(suffix), valid_input(suffix, page))):
        path = tmp_path / f"sample{number}{suffix}"
        path.write_bytes(sample)
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("suffix", FILE_SUFFIXES)
def test_damaged_inputs_fail_cleanly(tmp_path: Path, suffix: str, article_html: Callable[..., str]) -> None:
    paths = damaged_files(tmp_path, suffix, article_html())
    items = list(iter_sources(paths, ReadOptions(fetch_pages=False)))  # raises nothing
    failures = [item for item in items if isinstance(item, SourceFailure)]
    assert failures, "random bytes and cut copies cannot all be readable"
    assert all(failure.reason.strip() and "\n" not in failure.reason for failure in failures)
    assert any(failure.source.startswith(paths[0]) for failure in failures), "pure noise fails, naming its file"


@pytest.mark.parametrize(
    "suffix",
    [
        pytest.param(
            suffix,
            marks=pytest.mark.xfail(
                strict=True,
                reason="a damaged .warc whose records hold no page (even the 8 bytes 'WARC/1.0') yields "
                "nothing, not a failure, unlike an empty feed or folder: to be decided in ingest/warc.py",
            ),
        )
        if suffix == ".warc"
        else suffix
        for suffix in FILE_SUFFIXES
    ],
)
def test_every_damaged_file_gives_an_article_or_a_failure(tmp_path: Path, suffix: str, article_html: Callable[..., str]) -> None:
    """Nothing vanishes without a word: each file is read or named by a failure."""
    for path in damaged_files(tmp_path, suffix, article_html()):
        items = list(iter_sources([path], ReadOptions(fetch_pages=False)))
        assert items, f"{Path(path).name} gave neither an article nor a failure"


def test_valid_samples_are_read(tmp_path: Path, article_html: Callable[..., str]) -> None:
    for suffix in FILE_SUFFIXES:
        path = tmp_path / f"valid{suffix}"
        path.write_bytes(valid_input(suffix, article_html()))
        items = list(iter_sources([str(path)], ReadOptions(fetch_pages=False)))
        assert items and all(isinstance(item, Ingested) for item in items), (suffix, items)
