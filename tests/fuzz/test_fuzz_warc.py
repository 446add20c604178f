"""WARC archives (``.warc``, ``.warc.gz``) built from random records, then cut off or damaged:
pages or one-line failures, never an exception."""

from __future__ import annotations

import gzip

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import DATES, damaged, fuzz_settings, read_bytes_as
from fuzz.test_fuzz_html import SENTENCES, pages
from newsprism.ingest import Ingested

URIS = st.sampled_from(["https://herald.example/a", "<https://herald.example/b>", "", "not a uri", "https://herald.example/a?utm_source=x", "http://bücher.example/"])


@st.composite
def html_bodies(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(pages())
    return ("<html><body><article>" + "".join(f"<p>{s}</p>" for s in draw(st.lists(SENTENCES, min_size=3, max_size=5))) + "</article></body></html>").encode()


@st.composite
def records(draw: st.DrawFn) -> bytes:
    """One WARC record: a response (HTML or not, any status), request or metadata, with a
    Content-Length that is right, short or long."""
    kind = draw(st.sampled_from(["response", "response", "response", "request", "metadata", "warcinfo"]))
    status = draw(st.sampled_from(["200 OK", "200 OK", "404 Not Found", "301 Moved", "999 X", "abc"]))
    content_type = draw(st.sampled_from(["text/html", "text/html; charset=koi8-r", "text/html; charset=\"bad\"", "application/xhtml+xml", "image/png", ""]))
    body = draw(html_bodies())
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    payload = http if kind in ("response", "request") else body[:200]
    length = len(payload) + draw(st.sampled_from([0, 0, 0, -5, 7]))
    headers = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {draw(URIS)}\r\nWARC-Date: {draw(DATES)}\r\n"
        f"WARC-Record-ID: <urn:uuid:{draw(st.integers(0, 999))}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    return headers + payload + b"\r\n\r\n"


@fuzz_settings(250)
@given(st.lists(records(), max_size=4), st.booleans(), st.data())
def test_any_warc_gives_pages_or_failures(parts: list[bytes], compressed: bool, data: st.DataObject) -> None:
    if compressed:
        archive = b"".join(gzip.compress(part, mtime=0) for part in parts)
        read_bytes_as(data.draw(damaged(archive)), "crawl.warc.gz")
    else:
        read_bytes_as(data.draw(damaged(b"".join(parts))), "crawl.warc")


@fuzz_settings(100)
@given(st.binary(max_size=1000), st.sampled_from(["crawl.warc", "crawl.warc.gz"]))
def test_any_bytes_named_warc_give_pages_or_failures(data: bytes, name: str) -> None:
    read_bytes_as(data, name)


@fuzz_settings(20)
@given(st.lists(st.lists(SENTENCES, min_size=3, max_size=4), min_size=1, max_size=3))
def test_a_whole_warc_gives_its_pages(articles: list[list[str]]) -> None:
    parts = []
    for number, sentences in enumerate(articles):
        body = ("<html><body><article>" + "".join(f"<p>{s}</p>" for s in sentences) + "</article></body></html>").encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        parts.append(
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://herald.example/{number}\r\n"
            f"WARC-Date: 2025-03-04T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{number}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n".encode() + http + b"\r\n\r\n"
        )
    items = read_bytes_as(b"".join(parts), "crawl.warc")
    assert len(items) == len(articles)
    assert all(isinstance(item, Ingested) or "no article text" in item.reason for item in items)
