"""WARC and WARC.gz archives written with warcio: HTML responses become articles; damage fails once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import Ingested, ReadOptions, iter_sources, read_sources

CAPTURED = "2025-03-04T12:00:00Z"


def write_warc(path: Path, pages: list[tuple[str, str, bytes, str]], gzip: bool) -> str:
    """A WARC of ``(uri, status, body, content type)`` responses, each after its request."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsprism tests"}))
        for uri, status, body, content_type in pages:
            request = writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            response = writer.create_warc_record(
                uri, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": CAPTURED}
            )
            writer.write_record(response)
    return str(path)


def crawl(article_html: Callable[..., str]) -> list[tuple[str, str, bytes, str]]:
    html = "text/html; charset=utf-8"
    return [
        ("https://herald.example/bridge", "200 OK", article_html().encode(), html),
        ("https://herald.example/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://herald.example/old", "301 Moved Permanently", b"", html),
        ("https://herald.example/menu", "200 OK", b"<html><body><nav>Home</nav></body></html>", html),
        ("https://post.example/ferry", "200 OK", article_html(title="Ferry resumes", site_name=None, published=None).encode(), html),
    ]


def test_html_responses_become_articles_with_uri_and_dates(tmp_path: Path, article_html: Callable[..., str]) -> None:
    path = write_warc(tmp_path / "crawl.warc", crawl(article_html), gzip=False)
    items = list(iter_sources([path], ReadOptions()))
    ingested = [item for item in items if isinstance(item, Ingested)]
    assert [item.article.id for item in ingested] == ["https://herald.example/bridge", "https://post.example/ferry"]
    bridge, ferry = (item.article for item in ingested)
    assert bridge.source == path and bridge.outlet == "The Coastal Herald" and bridge.published.year == 2024
    assert ferry.outlet == "post.example"
    assert ferry.published == datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
    assert ingested[0].raw == article_html().encode()
    failures = [item for item in items if not isinstance(item, Ingested)]
    assert [(failure.source, failure.reason) for failure in failures] == [
        ("https://herald.example/menu", "no article text found in the HTML")
    ]


def test_gzipped_warc_reads_the_same(tmp_path: Path, article_html: Callable[..., str]) -> None:
    plain, _ = read_sources([write_warc(tmp_path / "a.warc", crawl(article_html), gzip=False)], ReadOptions())
    zipped, _ = read_sources([write_warc(tmp_path / "a.warc.gz", crawl(article_html), gzip=True)], ReadOptions())
    assert [article.text for article in zipped] == [article.text for article in plain]
    assert len(zipped) == 2


def test_truncated_warc_gz_yields_pages_before_the_cut_and_one_failure(tmp_path: Path, article_html: Callable[..., str]) -> None:
    pages = [(f"https://herald.example/story/{n}", "200 OK", article_html(title=f"Story {n}").encode(), "text/html") for n in range(6)]
    whole = Path(write_warc(tmp_path / "whole.warc.gz", pages, gzip=True)).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * 0.6)])
    articles, failures = read_sources([str(cut)], ReadOptions())
    assert 1 <= len(articles) < 6
    assert [article.title for article in articles] == [f"Story {n}" for n in range(len(articles))]
    assert len(failures) == 1 and failures[0].source == str(cut)
    assert failures[0].reason.startswith(f"corrupt or truncated WARC after {len(articles)} pages")


def test_truncated_plain_warc_drops_the_cut_record(tmp_path: Path, article_html: Callable[..., str]) -> None:
    pages = [(f"https://herald.example/story/{n}", "200 OK", article_html(title=f"Story {n}").encode(), "text/html") for n in range(3)]
    whole = Path(write_warc(tmp_path / "whole.warc", pages, gzip=False)).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.rindex(b"Porthaven")])
    articles, [failure] = read_sources([str(cut)], ReadOptions())
    assert [article.title for article in articles] == ["Story 0", "Story 1"]
    assert failure.reason == "corrupt or truncated WARC after 2 pages (EOFError: the archive ends inside a record)"


def test_file_that_is_not_a_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not an archive.\n")
    articles, [failure] = read_sources([str(path)], ReadOptions())
    assert articles == [] and failure.reason.startswith("not a WARC archive")


def test_skip_passes_over_records_already_read(tmp_path: Path, article_html: Callable[..., str]) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", crawl(article_html), gzip=True)
    asked: list[str] = []

    def skip(key: str) -> bool:
        asked.append(key)
        return key == "https://herald.example/bridge"

    articles = [item.article.id for item in iter_sources([path], ReadOptions(), skip=skip) if isinstance(item, Ingested)]
    assert articles == ["https://post.example/ferry"]
    assert "https://herald.example/logo.png" not in asked


def test_record_over_the_size_limit_fails_alone(tmp_path: Path, article_html: Callable[..., str]) -> None:
    big = article_html(paragraphs=("A long paragraph of council news. " * 200,))
    pages = [("https://herald.example/big", "200 OK", big.encode(), "text/html"), *crawl(article_html)[:1]]
    articles, failures = read_sources([write_warc(tmp_path / "c.warc", pages, gzip=False)], ReadOptions(max_bytes=4000))
    assert [article.id for article in articles] == ["https://herald.example/bridge"]
    assert [(failure.source, failure.reason) for failure in failures] == [("https://herald.example/big", "larger than 4 kB limit")]


def test_record_charset_from_the_http_header_decodes_the_page(tmp_path: Path, article_html: Callable[..., str]) -> None:
    page = article_html(title="Caf\u00e9 de la Gare reopens", charset="utf-8").replace('<meta charset="utf-8">', "")
    pages = [("https://herald.example/cafe", "200 OK", page.encode("cp1252"), "text/html; charset=windows-1252")]
    [article], failures = read_sources([write_warc(tmp_path / "c.warc", pages, gzip=False)], ReadOptions())
    assert failures == [] and article.title == "Caf\u00e9 de la Gare reopens"
