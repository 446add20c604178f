"""Fetching URLs from a real local HTTP server: limits, errors, redirects, robots.txt, delays."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest

from newsprism.errors import FetchError
from newsprism.ingest import Fetcher, Ingested, ReadOptions, iter_sources, read_sources
from newsprism.model import SourceFailure

FAST = ReadOptions(host_delay=0.0, timeout=2.0)


def only_failure(url: str, options: ReadOptions = FAST) -> SourceFailure:
    articles, failures = read_sources([url], options)
    assert articles == [] and len(failures) == 1
    return failures[0]


def test_html_page_is_fetched_and_extracted(local_site, article_html: Callable[..., str]) -> None:
    url = local_site.add("/news/bridge", article_html())
    [item] = list(iter_sources([url], FAST))
    assert isinstance(item, Ingested)
    article = item.article
    assert (article.id, article.url, article.source) == (url, url, url)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Coastal Herald"
    assert article.published == datetime(2024, 5, 6, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert item.raw == local_site.routes["/news/bridge"].body


def test_requests_carry_the_configured_user_agent(local_site, article_html: Callable[..., str]) -> None:
    url = local_site.add("/a", article_html())
    read_sources([url], ReadOptions(host_delay=0.0, user_agent="newsprism-test/1.0"))
    assert {request.user_agent for request in local_site.requests} == {"newsprism-test/1.0"}


def test_page_without_site_name_takes_the_domain_as_outlet(local_site, article_html: Callable[..., str]) -> None:
    [article], _ = read_sources([local_site.add("/a", article_html(site_name=None))], FAST)
    assert article.outlet == "127.0.0.1"


def test_redirects_are_followed_and_the_final_address_kept(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/new-home", article_html())
    url = local_site.redirect("/old-home", "/new-home", status=301)
    [article], failures = read_sources([url], FAST)
    assert failures == [] and article.id == url
    assert article.url == local_site.url("/new-home")
    assert local_site.paths_requested()[-2:] == ["/old-home", "/new-home"]


def test_redirect_loop_fails(local_site) -> None:
    local_site.redirect("/loop-a", "/loop-b")
    url = local_site.redirect("/loop-b", "/loop-a")
    assert "redirect" in only_failure(url).reason


def test_http_error_status_is_the_reason(local_site) -> None:
    assert only_failure(local_site.url("/missing")).reason == "HTTP 404 Not Found"
    url = local_site.add("/broken", "oops", status=500, content_type="text/plain")
    assert only_failure(url).reason == "HTTP 500 Internal Server Error"


def test_slow_server_times_out(local_site, article_html: Callable[..., str]) -> None:
    url = local_site.add("/slow", article_html(), delay=1.5)
    started = time.monotonic()
    failure = only_failure(url, ReadOptions(host_delay=0.0, timeout=0.3, obey_robots=False))
    assert failure.reason == "timed out after 0.3 s"
    assert time.monotonic() - started < 1.2


def test_body_over_the_size_limit_fails_by_declared_length(local_site) -> None:
    url = local_site.add("/huge", b"<p>" + b"x" * 50_000 + b"</p>")
    assert only_failure(url, ReadOptions(host_delay=0.0, max_bytes=20_000)).reason == "larger than 20 kB limit"


def test_body_over_the_size_limit_fails_while_streaming(local_site) -> None:
    url = local_site.add("/stream", b"<p>" + b"y" * 300_000 + b"</p>", chunks=30)
    failure = only_failure(url, ReadOptions(host_delay=0.0, max_bytes=100_000))
    assert failure.reason == "larger than 100 kB limit"


def test_unreachable_host_fails_as_could_not_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = only_failure(f"http://127.0.0.1:{port}/story")
    assert failure.reason.startswith("could not connect: ")


def test_content_that_is_not_a_page_is_refused_before_reading(local_site) -> None:
    url = local_site.add("/photo.jpg", b"\xff\xd8" * 10, content_type="image/jpeg")
    assert only_failure(url).reason == "not an article or feed (content type image/jpeg)"


def test_plain_text_url_is_read_as_text_without_a_title_line(local_site) -> None:
    url = local_site.add("/story.txt", "Storm closes road\nHeavy rain closed the road.", content_type="text/plain")
    [article], _ = read_sources([url], FAST)
    assert article.title is None and article.text.startswith("Storm closes road\n")


def test_robots_txt_disallowing_a_path_blocks_it(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    blocked = local_site.add("/private/story", article_html())
    allowed = local_site.add("/public/story", article_html())
    articles, failures = read_sources([blocked, allowed], FAST)
    assert failures == [SourceFailure(blocked, "blocked by the site's robots.txt")]
    assert [article.id for article in articles] == [allowed]
    assert local_site.paths_requested() == ["/robots.txt", "/public/story"]


def test_robots_txt_can_be_ignored_on_request(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = local_site.add("/story", article_html())
    articles, _ = read_sources([url], ReadOptions(host_delay=0.0, obey_robots=False))
    assert len(articles) == 1 and "/robots.txt" not in local_site.paths_requested()


def test_robots_txt_names_our_agent(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/robots.txt", "User-agent: newsprism\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain")
    url = local_site.add("/story", article_html())
    assert only_failure(url).reason == "blocked by the site's robots.txt"


def test_robots_txt_server_error_disallows_and_missing_allows(local_site, article_html: Callable[..., str]) -> None:
    url = local_site.add("/story", article_html())
    assert len(read_sources([url], FAST)[0]) == 1
    local_site.add("/robots.txt", "down", status=503, content_type="text/plain")
    assert only_failure(url).reason == "blocked by the site's robots.txt"


def test_robots_txt_is_fetched_once_per_host(local_site, article_html: Callable[..., str]) -> None:
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(3)]
    read_sources(urls, FAST)
    assert local_site.paths_requested().count("/robots.txt") == 1


def test_requests_to_one_host_are_spaced_by_the_delay(local_site, article_html: Callable[..., str]) -> None:
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(3)]
    read_sources(urls, ReadOptions(host_delay=0.25))
    times = [request.at for request in local_site.requests if request.path != "/robots.txt"]
    assert len(times) == 3
    assert all(later - earlier >= 0.24 for earlier, later in pairwise(times))


def test_robots_crawl_delay_lengthens_the_pause(local_site, article_html: Callable[..., str]) -> None:
    robots = "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"  # urllib reads whole seconds only
    local_site.add("/robots.txt", robots, content_type="text/plain")
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(2)]
    read_sources(urls, FAST)
    first, second = (request.at for request in local_site.requests if request.path != "/robots.txt")
    assert second - first >= 0.99


def test_redirect_to_another_scheme_is_refused(local_site) -> None:
    url = local_site.redirect("/elsewhere", "ftp://files.example/story.txt")
    assert "redirect" in only_failure(url).reason


def test_skip_prevents_the_fetch(local_site, article_html: Callable[..., str]) -> None:
    kept = local_site.add("/kept", article_html())
    skipped = local_site.add("/skipped", article_html())
    seen: list[str] = []

    def skip(key: str) -> bool:
        seen.append(key)
        return key.endswith("/skipped")

    articles = [item for item in iter_sources([kept, skipped + "?utm_source=x#top"], FAST, skip=skip)]
    assert [item.article.id for item in articles if isinstance(item, Ingested)] == [kept]
    assert seen == [kept, skipped]
    assert "/skipped" not in local_site.paths_requested()


def test_fetcher_takes_an_injected_opener() -> None:
    calls: list[tuple[str, float]] = []

    def opener(request, timeout: float):  # type: ignore[no-untyped-def]
        calls.append((request.full_url, timeout))
        raise TimeoutError

    fetcher = Fetcher(ReadOptions(timeout=4.0, obey_robots=False), opener=opener)
    with pytest.raises(FetchError, match="timed out after 4 s"):
        fetcher.fetch("https://news.example/story")
    assert calls == [("https://news.example/story", 4.0)]


def test_json_url_is_read_as_records(local_site) -> None:
    body = '[{"id": "v1", "text": "Heavy rain closed the coast road on Sunday, police said."}]'
    url = local_site.add("/api/story", body, content_type="application/json")
    [article], failures = read_sources([url], FAST)
    assert failures == [] and article.id == "v1" and article.source == url


def other_host(local_site, path: str) -> str:
    """The same server under another host name: a second host for the per-host rules."""
    return local_site.url(path).replace("127.0.0.1", "localhost")


def test_pages_of_different_hosts_download_side_by_side_in_order(local_site, article_html: Callable[..., str]) -> None:
    first = local_site.add("/slow-a", article_html(title="First story"), delay=0.6)
    local_site.add("/slow-b", article_html(title="Second story"), delay=0.6)
    second = other_host(local_site, "/slow-b")
    started = time.monotonic()
    articles, failures = read_sources([first, second], ReadOptions(host_delay=0.0, parallel_fetches=4))
    assert time.monotonic() - started < 1.1
    assert failures == [] and [article.title for article in articles] == ["First story", "Second story"]


def test_one_at_a_time_when_parallel_fetches_is_one(local_site, article_html: Callable[..., str]) -> None:
    first = local_site.add("/slow-a", article_html(), delay=0.6)
    local_site.add("/slow-b", article_html(), delay=0.6)
    started = time.monotonic()
    read_sources([first, other_host(local_site, "/slow-b")], ReadOptions(host_delay=0.0, parallel_fetches=1))
    assert time.monotonic() - started >= 1.2


def test_one_host_is_never_asked_twice_at_once(local_site, article_html: Callable[..., str]) -> None:
    urls = [local_site.add(f"/slow/{number}", article_html(), delay=0.3) for number in range(3)]
    read_sources(urls, ReadOptions(host_delay=0.0, parallel_fetches=4, obey_robots=False))
    starts = sorted(request.at for request in local_site.requests)
    assert all(later - earlier >= 0.29 for earlier, later in pairwise(starts))


def test_html_page_that_mentions_feed_markup_is_still_a_page(local_site, article_html: Callable[..., str]) -> None:
    page = article_html().replace("<nav>", "<nav><code>&lt;rss version='2.0'&gt;</code><rss >")
    [article], failures = read_sources([local_site.add("/howto", page)], FAST)
    assert failures == [] and article.title == "Harbour bridge reopens after repairs"


def test_gzip_encoded_page_is_decompressed(local_site, article_html: Callable[..., str]) -> None:
    body = gzip.compress(article_html().encode())
    url = local_site.add("/zipped", body, headers=(("Content-Encoding", "gzip"),))
    [article], failures = read_sources([url], FAST)
    assert failures == [] and article.outlet == "The Coastal Herald"


def test_gzip_bomb_stops_at_the_size_limit(local_site) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")
    url = local_site.add("/bomb", bomb, headers=(("Content-Encoding", "gzip"),))
    assert len(bomb) < 100_000
    assert only_failure(url, ReadOptions(host_delay=0.0, max_bytes=1_000_000)).reason == "larger than 1 MB limit"
