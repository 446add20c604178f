"""Every HTML page, with a hostile string in every field an article, a source or a request brings.

Each page is parsed (lxml) and must be inert: no script element, no element that loads or
embeds anything, no ``on*`` attribute, no ``javascript:`` address, no hostile text inside a
``<style>``, nothing evaluated as a template (``{{ 7*7 }}`` stays as written); and every
hostile string reads, as text, where it was put.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest

from builders import store_row
from newsprism.model import (
    Article,
    Comparison,
    CopiedText,
    Difference,
    Entity,
    Evidence,
    Fact,
    QuoteGroup,
    SourceFailure,
    Span,
    TimelineEvent,
    WordChange,
)
from newsprism.report import render_html
from newsprism.store import Store
from newsprism.web import WebApp

HOSTILE = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)></style>{{ 7*7 }}"
SCRIPT_URL = "javascript:alert(1)"
BREAKOUT_URL = 'https://calm.example/"><img src=x onerror=alert(2)>'
LOADING_TAGS = ("script", "img", "iframe", "object", "embed", "math", "base", "meta[@http-equiv]")
SVG_ALLOWED = {"svg", "title", "desc", "g", "rect", "text"}
"""The only SVG the pages may hold is the brief's own pictures, drawn from these elements:
nothing in them can run (script), load (image, use) or embed HTML (foreignObject)."""


def _article(id: str, outlet: str, url: str | None, sentences: list[str], published: int) -> Article:
    text, spans = "", []
    for sentence in sentences:
        text += " " if text else ""
        spans.append(Span(len(text), len(text) + len(sentence)))
        text += sentence
    return Article(
        id=id,
        text=text,
        source=f"feed {HOSTILE}.jsonl",
        title=f"Title {HOSTILE}",
        outlet=outlet,
        published=datetime(2031, 3, 4, published, tzinfo=UTC),
        url=url,
        sentences=tuple(spans),
    )


def _find(article: Article, phrase: str) -> Evidence:
    start = article.text.index(phrase)
    return Evidence(article.id, start, start + len(phrase), article.sentence_index(start))


EVIL = _article(
    f"evil {HOSTILE}",
    f"Outlet {HOSTILE}",
    SCRIPT_URL,
    [f"Officials said {HOSTILE} on Friday.", f"“We will {HOSTILE} again.", f"We are sure,” said {HOSTILE}."],
    9,
)
CALM = _article("calm", "Calm News", BREAKOUT_URL, ["Officials said nothing on Friday."], 10)
QUIET = _article("quiet", "Quiet Post", None, ["A report with no address, shown by its source."], 11)
SOURCE = QUIET.source  # shown where an article has no address


def hostile_comparison() -> Comparison:
    """A brief whose every shown string (speaker, entity, dates, changes, failures) is hostile."""
    quote_words = _find(EVIL, f"We will {HOSTILE} again. We are sure,")  # crosses a sentence: a split mark
    statements = (_find(EVIL, EVIL.text[EVIL.sentences[0].start : EVIL.sentences[0].end]), _find(CALM, CALM.text))
    difference = Difference("qualifier", ((HOSTILE, _find(EVIL, HOSTILE)), ("nothing", _find(CALM, "nothing"))))
    speaker = Entity(f"E {HOSTILE}", f"Eve {HOSTILE}", "PERSON", (HOSTILE,), (_find(EVIL, HOSTILE),))
    return Comparison(
        articles=(EVIL, CALM, QUIET),
        entities=(speaker,),
        facts=(Fact(statements, (EVIL.name, CALM.name), "shared", (difference,)),),
        quotes=(QuoteGroup(None, f"said {HOSTILE}", (quote_words,), "single", (WordChange(CALM.id, "+", HOSTILE),)),),
        timeline=(TimelineEvent(HOSTILE, f"Event {HOSTILE}", (_find(EVIL, "on Friday"),)),),
        skipped=(SourceFailure(f"missing {HOSTILE}", f"reason {HOSTILE}"),),
        copies=(CopiedText(EVIL.id, CALM.id, "passages", 0.5, ((statements[0], statements[1]),)),),
    )


class HandBuiltBriefs(WebApp):
    """The web app, with every story's brief the hand-built hostile comparison (no language model)."""

    def comparison(self, story_id: int) -> Comparison:
        return hostile_comparison()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> WebApp:
    path = tmp_path_factory.mktemp("hostile") / "newsprism.db"
    with Store.open(path) as store:
        origin = store.add_article(store_row(EVIL, story=1))
        store.add_article(store_row(CALM, story=1, copy_of=origin))
        store.add_article(store_row(QUIET, story=1))
        store.record_failure(f"source {HOSTILE}", f"reason {HOSTILE}")
    return HandBuiltBriefs(path)


def get(app: WebApp, path: str, query: str = "", method: str = "GET") -> tuple[str, lxml.html.HtmlElement]:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    environ["wsgi.errors"] = io.StringIO()
    answer: list[str] = []
    body = b"".join(app(environ, lambda status, headers: answer.append(status))).decode("utf-8")
    return answer[0], assert_inert(body)


def assert_inert(page: str) -> lxml.html.HtmlElement:
    """The parsed page, after checking nothing in it can run, load or restyle anything."""
    document = lxml.html.document_fromstring(page)
    for tag in LOADING_TAGS:
        assert document.xpath(f"//{tag}") == [], tag
    for picture in document.xpath("//svg"):
        assert picture.get("class") in ("coverage", "matrix", "timeline-chart"), picture.get("class")
        assert {element.tag for element in picture.iter() if isinstance(element.tag, str)} <= SVG_ALLOWED
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "action", "formaction", "srcset"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), value
    for style in document.xpath("//style"):
        assert "alert" not in style.text_content() and "{{" not in style.text_content()
    assert "49" not in document.findtext(".//title", "")  # {{ 7*7 }} is no template
    return document


def shown_text(document: lxml.html.HtmlElement) -> str:
    return "".join(document.body.itertext())


def test_the_standalone_brief_shows_every_hostile_string_as_text() -> None:
    document = assert_inert(render_html(hostile_comparison()))
    text = shown_text(document)
    for field in (EVIL.title, EVIL.outlet, SCRIPT_URL, BREAKOUT_URL, SOURCE, f"said {HOSTILE}", f"Eve {HOSTILE}"):
        assert field in text
    for field in (f"missing {HOSTILE}", f"reason {HOSTILE}", f"Event {HOSTILE}", f"We will {HOSTILE} again."):
        assert field in text
    assert document.xpath("//a[starts-with(@href, 'javascript:') or contains(@href, '<')]") == []
    assert HOSTILE in document.findtext(".//title", "")


def test_the_story_page_shows_every_hostile_string_as_text(app: WebApp) -> None:
    status, document = get(app, "/stories/1")
    assert status == "200 OK"
    text = shown_text(document)
    for field in (EVIL.title, EVIL.outlet, SCRIPT_URL, SOURCE, f"said {HOSTILE}", f"reason {HOSTILE}", EVIL.text):
        assert field in text


def test_the_story_list_and_a_hostile_search_are_inert(app: WebApp) -> None:
    _, listing = get(app, "/")
    assert EVIL.title in shown_text(listing) and EVIL.outlet in shown_text(listing)
    status, searched = get(app, "/", query=urlencode({"q": HOSTILE, "since": ""}))
    assert status == "200 OK"
    assert searched.xpath("//input[@name='q']/@value") == [HOSTILE]


@pytest.mark.parametrize("rowid", [1, 2])
def test_an_article_and_its_copy_are_inert(app: WebApp, rowid: int) -> None:
    article = (EVIL, CALM)[rowid - 1]
    status, document = get(app, f"/articles/{rowid}")
    assert status == "200 OK"
    text = shown_text(document)
    assert article.title in text and article.text in text and (article.url or "") in text
    assert EVIL.id in text  # the copy links name the other article
    assert document.xpath("//a[@href='/articles/1' or @href='/articles/2']")


def test_an_article_without_an_address_shows_its_hostile_source_as_text(app: WebApp) -> None:
    _, document = get(app, "/articles/3")
    assert SOURCE in shown_text(document)


def test_the_failures_page_is_inert(app: WebApp) -> None:
    _, document = get(app, "/errors")
    assert f"source {HOSTILE}" in shown_text(document) and f"reason {HOSTILE}" in shown_text(document)


def test_problem_pages_echo_the_request_as_text(app: WebApp) -> None:
    status, missing = get(app, "/nothing/" + HOSTILE)  # PATH_INFO arrives decoded
    assert status == "404 Not Found" and HOSTILE in shown_text(missing)
    status, bad = get(app, "/", query=urlencode({"since": HOSTILE}))
    assert status == "400 Bad Request" and repr(HOSTILE) in shown_text(bad)  # the message quotes it
    status, refused = get(app, "/", method="POST")
    assert status == "405 Method Not Allowed" and "only reads" in shown_text(refused)


def test_the_hostile_brief_still_cuts_its_quote_into_marked_pieces() -> None:
    page = render_html(hostile_comparison())
    assert "body:has(#a1-m" in page  # the inline style the web app must allow by hash
