"""RSS and Atom feeds, from files and URLs; entry pages fetched or entry content used; hostile XML refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from newsprism.ingest import Ingested, ReadOptions, iter_sources, read_sources
from newsprism.ingest.html import html_fragment_to_text

NO_FETCH = ReadOptions(fetch_pages=False, host_delay=0.0)
FAST = ReadOptions(host_delay=0.0, timeout=2.0)


def rss(items: list[tuple[str, str, str]], base: str = "https://valleypost.example") -> str:
    """An RSS 2.0 feed of ``(path, title, description)`` items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Tue, 04 Mar 2025 09:15:00 +0000</pubDate><description>{description}</description></item>"
        for path, title, description in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Valley Post</title><link>{base}/</link>{entries}</channel></rss>'


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title><id>urn:hill</id><updated>2025-03-04T10:00:00Z</updated>
<entry><title>Dam inspection finds cracks</title><id>urn:hill:1</id><link href="https://hilltimes.example/dam"/>
<updated>2025-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;Inspectors found three cracks in the Lowmoor dam wall on Monday, the water board said.&lt;/p&gt;&lt;p&gt;Repairs will start next week.&lt;/p&gt;</content>
</entry></feed>"""

SUMMARY = "&lt;p&gt;Heavy rain closed the coast road on Sunday, police said, and it reopened at noon.&lt;/p&gt;"


def test_rss_file_without_fetching_uses_entry_content(tmp_path: Path) -> None:
    path = tmp_path / "valley.rss"
    path.write_text(rss([("/coast", "Storm closes the coast road", SUMMARY)]))
    [item] = list(iter_sources([str(path)], NO_FETCH))
    assert isinstance(item, Ingested)
    article = item.article
    assert article.id == "https://valleypost.example/coast"
    assert article.title == "Storm closes the coast road"
    assert article.text == "Heavy rain closed the coast road on Sunday, police said, and it reopened at noon."
    assert article.published == datetime(2025, 3, 4, 9, 15, tzinfo=UTC)
    assert article.outlet == "valleypost.example"


def test_atom_content_keeps_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "hill.atom"
    path.write_text(ATOM)
    [article], failures = read_sources([str(path)], NO_FETCH)
    assert failures == []
    assert article.text == (
        "Inspectors found three cracks in the Lowmoor dam wall on Monday, the water board said.\nRepairs will start next week."
    )
    assert article.published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def test_feed_url_fetches_each_entry_page(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/bridge", article_html())
    feed = rss([("/bridge", "Bridge reopens", "Short teaser.")], base=local_site.base_url)
    feed_url = local_site.add("/feed.xml", feed, content_type="application/rss+xml")
    [item] = list(iter_sources([feed_url], FAST))
    assert isinstance(item, Ingested) and item.media_type == "text/html"
    assert item.article.id == local_site.url("/bridge")
    assert item.article.title == "Harbour bridge reopens after repairs"
    assert item.article.text.startswith("The old harbour bridge in Porthaven")
    assert item.raw == local_site.routes["/bridge"].body


def test_feed_detected_by_content_when_served_as_xml_or_html(local_site) -> None:
    feed = rss([("/coast", "Storm closes the coast road", SUMMARY)], base=local_site.base_url)
    for content_type in ("text/xml", "text/html; charset=utf-8"):
        feed_url = local_site.add("/rss", feed, content_type=content_type)
        [article], failures = read_sources([feed_url], NO_FETCH)
        assert failures == [] and article.title == "Storm closes the coast road"


def test_entry_whose_page_fails_falls_back_to_its_content(local_site) -> None:
    feed = rss([("/gone", "Storm closes the coast road", SUMMARY)], base=local_site.base_url)
    feed_url = local_site.add("/feed", feed, content_type="application/rss+xml")
    [article], failures = read_sources([feed_url], FAST)
    assert failures == []
    assert article.text.startswith("Heavy rain closed the coast road")
    assert "/gone" in local_site.paths_requested()


def test_entry_with_no_page_and_no_content_fails_with_both_reasons(local_site) -> None:
    feed = rss([("/gone", "Storm", "")], base=local_site.base_url)
    feed_url = local_site.add("/feed", feed, content_type="application/rss+xml")
    _, [failure] = read_sources([feed_url], FAST)
    assert failure.source == local_site.url("/gone")
    assert failure.reason == "feed entry has no content and its page failed: HTTP 404 Not Found"


def test_skip_is_asked_with_each_normalised_entry_link(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/one", article_html())
    local_site.add("/two/", article_html(title="Second story"))
    feed = rss([("/one?utm_medium=rss", "One", "x"), ("/two/", "Two", "y")], base=local_site.base_url)
    feed_url = local_site.add("/feed", feed, content_type="application/rss+xml")
    asked: list[str] = []

    def skip(key: str) -> bool:
        asked.append(key)
        return key.endswith("/one")

    items = list(iter_sources([feed_url], FAST, skip=skip))
    assert asked == [feed_url, local_site.url("/one"), local_site.url("/two")]
    assert [item.article.title for item in items if isinstance(item, Ingested)] == ["Second story"]
    assert "/one?utm_medium=rss" not in local_site.paths_requested()


def test_external_entity_feed_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>&leak;</title>'
        "<description>&leak; and more words for the article body here</description></item></channel></rss>"
    )
    path = tmp_path / "hostile.xml"
    path.write_text(hostile)
    articles, [failure] = read_sources([str(path)], NO_FETCH)
    assert articles == []
    assert failure.reason.startswith("feed declares XML entities; refused as unsafe")


def test_entity_declarations_are_found_in_utf16_feeds_too(tmp_path: Path) -> None:
    hostile = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/hostname">]><rss version="2.0"><channel><item><title>&leak;</title></item></channel></rss>'
    path = tmp_path / "hostile16.xml"
    path.write_bytes(hostile.encode("utf-16"))
    _, [failure] = read_sources([str(path)], NO_FETCH)
    assert failure.reason.startswith("feed declares XML entities")


def test_billion_laughs_feed_is_refused(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]>'
        '<rss version="2.0"><channel><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>'
    )
    path = tmp_path / "laughs.rss"
    path.write_text(hostile)
    _, [failure] = read_sources([str(path)], NO_FETCH)
    assert failure.reason.startswith("feed declares XML entities")


def test_malformed_feed_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>Half')
    _, [failure] = read_sources([str(path)], NO_FETCH)
    assert failure.reason.startswith("malformed feed (")


def test_xml_that_is_not_a_feed_fails(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    _, [failure] = read_sources([str(path)], NO_FETCH)
    assert failure.reason == "not an RSS or Atom feed"


def test_feed_with_no_entries_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text(rss([]))
    _, [failure] = read_sources([str(path)], NO_FETCH)
    assert failure.reason == "feed has no entries"


def test_entry_page_behind_a_redirect_keeps_the_feed_link_as_id(local_site, article_html: Callable[..., str]) -> None:
    local_site.add("/news/bridge", article_html())
    local_site.redirect("/r/123", "/news/bridge")
    feed = rss([("/r/123", "Bridge reopens", "Short teaser.")], base=local_site.base_url)
    feed_url = local_site.add("/feed", feed, content_type="application/rss+xml")
    [article], _ = read_sources([feed_url], FAST)
    assert (article.id, article.url) == (local_site.url("/r/123"), local_site.url("/news/bridge"))


def test_entry_content_gives_one_paragraph_per_line_without_scripts() -> None:
    fragment = "<div><div><p>First   paragraph.</p></div><script>track()</script></div><p>Second<br>line.</p>"
    assert html_fragment_to_text(fragment) == "First paragraph.\nSecond\nline."


def test_entry_pages_on_different_hosts_are_fetched_side_by_side(local_site, article_html: Callable[..., str]) -> None:
    # A page asked for alone is held until another request comes: one after the other,
    # each would wait out its five seconds alone.
    local_site.add("/a", article_html(title="First story"), hold=5)
    local_site.add("/b", article_html(title="Second story"), hold=5)
    other = local_site.base_url.replace("127.0.0.1", "localhost")
    items = "".join(
        f"<item><title>t</title><link>{base}{path}</link></item>" for base, path in ((local_site.base_url, "/a"), (other, "/b"))
    )
    feed_url = local_site.add("/feed", f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>', content_type="application/rss+xml")
    articles, failures = read_sources([feed_url], ReadOptions(host_delay=0.0, obey_robots=False))
    assert local_site.most_in_flight == 2
    assert failures == [] and [article.title for article in articles] == ["First story", "Second story"]
