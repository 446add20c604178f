"""Fetching URLs from a real local HTTP server: limits, errors, redirects, robots.txt, delays.

No test sleeps through the fetcher's pauses: they run on a fake clock (the Fetcher's
injectable ``sleep`` and ``clock``), and overlap is shown by the server holding a request
until another one arrives. Two real waits remain, a tenth of a second each: a socket
time-out, and the chance given to requests to overlap where a test shows they never do.
"""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone

import pytest

from newsprism.errors import FetchError
from newsprism.ingest import Fetcher, Ingested, ReadOptions, iter_sources, read_sources
from newsprism.ingest.fetch import default_opener
from newsprism.model import Article, SourceFailure

FAST = ReadOptions(host_delay=0.0, timeout=2.0)


def only_failure(url: str, options: ReadOptions = FAST) -> SourceFailure:
    articles, failures = read_sources([url], options)
    assert articles == [] and len(failures) == 1
    return failures[0]


def on_fake_clock(options: ReadOptions, clock) -> Fetcher:
    """A Fetcher whose pauses and time limits run on ``clock`` instead of real time."""
    return Fetcher(options, sleep=clock.sleep, clock=clock)


def read_with(fetcher: Fetcher, urls: Sequence[str]) -> tuple[list[Article], list[SourceFailure]]:
    """``read_sources`` through a given Fetcher."""
    items = list(iter_sources(urls, fetcher.options, fetcher=fetcher))
    return [item.article for item in items if isinstance(item, Ingested)], [
        item for item in items if isinstance(item, SourceFailure)
    ]


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


def test_a_server_that_does_not_answer_times_out(local_site, article_html: Callable[..., str]) -> None:
    # Held five seconds, far past the time-out: only the fetcher's own (real, socket)
    # time-out can end the wait in time.
    url = local_site.add("/slow", article_html(), hold=5)
    failure = only_failure(url, ReadOptions(host_delay=0.0, timeout=0.1, obey_robots=False))
    assert failure.reason == "timed out after 0.1 s"


def test_a_body_still_coming_when_the_time_is_up_times_out(local_site, fake_clock) -> None:
    url = local_site.add("/trickle", b"<p>" + b"z" * 300_000 + b"</p>", chunks=30)

    def a_second_per_look() -> float:
        fake_clock.advance(1.0)
        return fake_clock()

    options = ReadOptions(host_delay=0.0, deadline=2.0, obey_robots=False)
    fetcher = Fetcher(options, sleep=fake_clock.sleep, clock=a_second_per_look)
    with pytest.raises(FetchError, match=r"no full response within the 2 s deadline$"):
        fetcher.fetch(url)
    short = local_site.add("/short", "<p>" + "z" * 2000 + "</p>")
    assert fetcher.fetch(short).body.startswith(b"<p>zz"), "a body read within the limit is fine"


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


def test_requests_to_one_host_are_spaced_by_the_delay(
    local_site, article_html: Callable[..., str], fake_clock
) -> None:
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(3)]
    articles, failures = read_with(on_fake_clock(ReadOptions(host_delay=0.25), fake_clock), urls)
    assert failures == [] and len(articles) == 3
    assert fake_clock.sleeps == [0.25, 0.25], "no pause before the first page, the whole delay before the others"


def test_time_spent_since_the_last_request_counts_toward_the_delay(
    local_site, article_html: Callable[..., str], fake_clock
) -> None:
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(2)]
    options = ReadOptions(host_delay=0.25, parallel_fetches=1, obey_robots=False)
    items = iter_sources(urls, options, fetcher=on_fake_clock(options, fake_clock))
    next(items)
    fake_clock.advance(0.1)  # the caller works on the first page for a tenth of a second
    next(items)
    assert fake_clock.sleeps == [pytest.approx(0.15)]


def test_different_hosts_do_not_wait_for_each_other(
    local_site, article_html: Callable[..., str], fake_clock
) -> None:
    first = local_site.add("/story", article_html())
    options = ReadOptions(host_delay=5.0, parallel_fetches=1)  # one after the other: no luck of timing
    articles, _ = read_with(on_fake_clock(options, fake_clock), [first, other_host(local_site, "/story")])
    assert len(articles) == 2 and fake_clock.sleeps == []


def test_robots_crawl_delay_lengthens_the_pause(
    local_site, article_html: Callable[..., str], fake_clock
) -> None:
    robots = "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"  # urllib reads whole seconds only
    local_site.add("/robots.txt", robots, content_type="text/plain")
    urls = [local_site.add(f"/story/{number}", article_html()) for number in range(2)]
    articles, _ = read_with(on_fake_clock(FAST, fake_clock), urls)
    assert len(articles) == 2
    assert fake_clock.sleeps == [1.0], "FAST has no delay of its own: the pause is robots.txt's"


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

    articles = list(iter_sources([kept, skipped + "?utm_source=x#top"], FAST, skip=skip))
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
    # A page asked for alone is held until another request comes: fetched one after the
    # other, each would wait out its five seconds alone.
    first = local_site.add("/slow-a", article_html(title="First story"), hold=5)
    local_site.add("/slow-b", article_html(title="Second story"), hold=5)
    second = other_host(local_site, "/slow-b")
    articles, failures = read_sources([first, second], ReadOptions(host_delay=0.0, parallel_fetches=4, obey_robots=False))
    assert local_site.most_in_flight == 2
    assert failures == [] and [article.title for article in articles] == ["First story", "Second story"]


def test_one_at_a_time_when_parallel_fetches_is_one(local_site, article_html: Callable[..., str]) -> None:
    first = local_site.add("/a", article_html(title="First story"))
    local_site.add("/b", article_html(title="Second story"))
    fetched_by: list[threading.Thread] = []
    opener = default_opener()

    def recording_opener(request, timeout: float):  # type: ignore[no-untyped-def]
        fetched_by.append(threading.current_thread())
        return opener(request, timeout)

    options = ReadOptions(host_delay=0.0, parallel_fetches=1, obey_robots=False)
    items = iter_sources([first, other_host(local_site, "/b")], options, fetcher=Fetcher(options, opener=recording_opener))
    assert next(items).article.title == "First story"
    assert local_site.paths_requested() == ["/a"], "nothing is fetched ahead of the page being read"
    assert next(items).article.title == "Second story"
    # Each request runs in its own deadline worker, started by the caller, one at a time.
    assert [thread.name.split("/")[-1] for thread in fetched_by] == ["a", "b"]
    assert local_site.most_in_flight == 1, "in turn, never both at once"


def test_one_host_is_never_asked_twice_at_once(local_site, article_html: Callable[..., str]) -> None:
    # Each page is held a tenth of a second for company (the one real wait in these tests:
    # showing that requests never overlap takes giving them the chance to). A second
    # request to the host while one is open would be counted, and end the hold at once.
    urls = [local_site.add(f"/slow/{number}", article_html(), hold=0.1) for number in range(3)]
    articles, failures = read_sources(urls, ReadOptions(host_delay=0.0, parallel_fetches=4, obey_robots=False))
    assert failures == [] and len(articles) == 3
    assert local_site.most_in_flight == 1


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
