"""RSS and Atom feeds built from random titles, links, dates and content, then damaged
(cut off, bad bytes, wrong nesting, entity declarations): articles or one-line failures."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import DATES, PROSE, damaged, fuzz_settings, read_bytes_as
from newsprism.ingest import Ingested

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")

LINKS = st.one_of(
    st.sampled_from(["https://herald.example/a", "https://herald.example/a?utm_source=rss", "/relative/b", "", "javascript:alert(1)", "mailto:x@y", "https://bücher.example/ü", "http://herald.example:80/c/../d", "http://[", "https://[x]/y"]),
    st.text(alphabet=st.characters(exclude_characters="<&"), max_size=20),
)
"""Entry links, right and wrong (stray brackets included)."""
CONTENT = st.one_of(
    PROSE.map(escape),
    PROSE.map(lambda text: f"<![CDATA[<p>{text}</p><script>alert(1)</script>]]>"),
    PROSE.map(lambda text: escape(f"<p>{text}</p><p>{text}")),
    st.sampled_from(["", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#x1F600;", "&bogus;", "]]>"]),
)


@st.composite
def entries(draw: st.DrawFn, atom: bool) -> str:
    title, link, date, content = (draw(PROSE.map(escape)), draw(LINKS), draw(DATES), draw(CONTENT))
    guid = draw(st.one_of(st.none(), PROSE.map(escape)))
    if atom:
        parts = [f"<title>{title}</title>", f'<link href="{escape(link)}"/>', f"<updated>{escape(date)}</updated>",
                 f'<content type="html">{content}</content>', f"<id>{guid}</id>" if guid else ""]
        tag = "entry"
    else:
        parts = [f"<title>{title}</title>", f"<link>{escape(link)}</link>", f"<pubDate>{escape(date)}</pubDate>",
                 f"<description>{content}</description>", f"<guid>{guid}</guid>" if guid else ""]
        tag = "item"
    parts = draw(st.permutations(parts))
    if draw(st.integers(0, 4)) == 0:  # wrong nesting: an element closed in the wrong place
        parts = [part.replace("</title>", "") for part in parts] + ["</title>"]
    return f"<{tag}>" + "".join(parts) + f"</{tag}>"


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """An RSS 2.0, Atom or RDF feed with 0-5 entries, maybe hostile, encoded and damaged."""
    kind = draw(st.sampled_from(["rss", "atom", "rdf"]))
    items = "".join(draw(st.lists(entries(kind == "atom"), max_size=5)))
    declared = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "no-such-encoding", None]))
    prolog = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    if draw(st.integers(0, 9)) == 0:
        prolog += draw(st.sampled_from([
            '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
            '<!DOCTYPE html>',
        ]))
    if kind == "rss":
        xml = f'{prolog}<rss version="2.0"><channel><title>{draw(PROSE.map(escape))}</title>{items}</channel></rss>'
    elif kind == "atom":
        xml = f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{items}</feed>'
    else:
        xml = (f'{prolog}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
               f"<channel><title>t</title></channel>{items}</rdf:RDF>")
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return draw(damaged(xml.encode(encoding, errors="xmlcharrefreplace")))


@fuzz_settings(400)
@given(st.one_of(feeds(), st.binary(max_size=800)), st.sampled_from(["feed.xml", "feed.rss", "feed.atom"]))
def test_any_feed_gives_articles_or_failures(data: bytes, name: str) -> None:
    read_bytes_as(data, name)


@fuzz_settings(40)
@given(st.lists(PROSE.filter(str.strip), min_size=1, max_size=4))
def test_a_well_formed_feed_gives_one_item_per_entry_with_content(bodies: list[str]) -> None:
    items = "".join(f"<item><title>t{n}</title><guid>g{n}</guid><description>{escape(body)}</description></item>" for n, body in enumerate(bodies))
    read = read_bytes_as(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(), "feed.rss")
    assert len(read) == len(bodies)
    assert all(isinstance(item, Ingested) for item in read if item)


BAD_DATES = st.sampled_from(
    ["0000-00-00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "Mon, 31 Dec 9999 23:59:59 -2359",
     "Sat, 01 Jan 0000 00:00:00 GMT", "2025-02-30", "-1", "99999-01-01", "1970-01-01T00:00:00Z"]
)


@fuzz_settings(40)
@given(BAD_DATES, st.sampled_from(["rss", "atom"]))
def test_a_feed_date_outside_the_calendar_is_no_date(date: str, kind: str) -> None:
    if kind == "rss":
        xml = f"<rss version='2.0'><channel><item><guid>g</guid><pubDate>{date}</pubDate><description>Text.</description></item></channel></rss>"
    else:
        xml = f"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>g</id><updated>{date}</updated><summary>Text.</summary></entry></feed>"
    read = read_bytes_as(xml.encode(), "feed.xml")
    assert len(read) == 1 and isinstance(read[0], Ingested)


@fuzz_settings(30)
@given(st.sampled_from(["\x08", "\x1d", "\x0b", "\x7f"]), st.sampled_from(["", "<p>", "</p>", "<br>"]))
def test_control_characters_in_entry_content_are_dropped(control: str, tag: str) -> None:
    content = escape(f"<p>The bridge</p>{tag}re{control}opened{control}")
    xml = f"<rss version='2.0'><channel><item><guid>g</guid><description>{content}</description></item></channel></rss>"
    read = read_bytes_as(xml.encode(), "feed.xml")
    assert len(read) == 1 and isinstance(read[0], Ingested)
    assert control not in read[0].article.text
