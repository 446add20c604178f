"""HTML pages: script-only, mis-nested, mis-declared, cut off, with JSON-LD right and wrong:
an article or one failure, never an exception."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import DATES, PROSE, WORDS, damaged, fuzz_settings, read_bytes_as
from newsprism.ingest import Ingested

SENTENCES = st.lists(WORDS, min_size=8, max_size=30).map(lambda words: " ".join(words) + ".")
TAGS = st.sampled_from(["p", "div", "span", "article", "section", "li", "h2", "blockquote", "script", "style", "table", "td", "noscript", "svg", "template", "iframe"])


@st.composite
def json_ld(draw: st.DrawFn) -> str:
    """A JSON-LD block: a NewsArticle, a @graph, a wrong type, or broken JSON."""
    article = {
        "@type": draw(st.sampled_from(["NewsArticle", ["Article", "X"], "Recipe", 3, None])),
        "articleBody": draw(st.one_of(PROSE, SENTENCES, st.integers(), st.none())),
        "headline": draw(st.one_of(PROSE, st.none(), st.integers())),
        "datePublished": draw(st.one_of(DATES, st.none(), st.lists(DATES, max_size=2))),
        "publisher": draw(st.one_of(st.just({"name": "The Herald"}), st.lists(st.just({"name": 5})), PROSE, st.none())),
    }
    data: object = draw(st.sampled_from(["plain", "graph", "list"]))
    data = {"plain": article, "graph": {"@graph": [article]}, "list": [article]}[str(data)]
    text = json.dumps(data)
    kind = draw(st.sampled_from(["good", "good", "cut", "deep"]))
    if kind == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "deep":
        text = '{"@type": "NewsArticle", "articleBody": "deep", "x": ' + "[" * 990 + "]" * 990 + "}"
    return f'<script type="application/ld+json">{text}</script>'


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """A page: head with title, charset and dates; a body of paragraphs in random (often wrong)
    nesting; maybe JSON-LD; then encoded (maybe not as declared) and damaged."""
    charset = draw(st.sampled_from(["utf-8", "windows-1252", "koi8-r", "utf-16", "no-such-charset", ""]))
    head = [f'<meta charset="{charset}">', f"<title>{draw(PROSE)}</title>"]
    if draw(st.booleans()):
        head.append(f'<meta property="article:published_time" content="{draw(DATES)}">')
    if draw(st.booleans()):
        head.append(f'<meta property="og:site_name" content="{draw(PROSE)}">')
    body = []
    for sentence in draw(st.lists(st.one_of(SENTENCES, PROSE), max_size=8)):
        tag = draw(TAGS)
        close = draw(st.sampled_from([f"</{tag}>", "", f"</{draw(TAGS)}>"]))  # right, missing, wrong
        body.append(f"<{tag}>{sentence}{close}")
    if draw(st.booleans()):
        body.append(draw(json_ld()))
    html = "<!doctype html><html><head>" + "".join(head) + "</head><body>" + "\n".join(body) + "</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16", "koi8-r"]))
    return draw(damaged(html.encode(encoding, errors="xmlcharrefreplace")))


@fuzz_settings(200)
@given(st.one_of(pages(), st.binary(max_size=1500)))
def test_any_html_page_gives_an_article_or_a_failure(data: bytes) -> None:
    read_bytes_as(data, "page.html")


@fuzz_settings(30)
@given(st.lists(SENTENCES, min_size=4, max_size=8))
def test_a_plain_article_page_is_read(sentences: list[str]) -> None:
    paragraphs = "".join(f"<p>{sentence}</p>\n" for sentence in sentences)
    page = f"<html><head><title>Bridge</title></head><body><article>{paragraphs}</article></body></html>"
    items = read_bytes_as(page.encode(), "page.htm")
    assert len(items) == 1
    if isinstance(items[0], Ingested):
        assert items[0].article.text


@fuzz_settings(20)
@given(st.sampled_from([10, 200, 2000]), st.sampled_from(["div", "span", "table", "b"]))
def test_deeply_nested_html_fails_cleanly_or_is_read(depth: int, tag: str) -> None:
    page = f"<html><body>{f'<{tag}>' * depth}<p>The harbour bridge reopened on Monday after repairs.</p>{f'</{tag}>' * depth}</body></html>"
    read_bytes_as(page.encode(), "deep.html")
