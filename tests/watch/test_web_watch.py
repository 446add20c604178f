"""The web app's watch pages: an article's revisions with their changes, and /alerts.atom,
both over a store a real watcher filled from the local newsroom; hostile text stays inert.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest

from newsprism.settings import Settings, WatchSettings
from newsprism.store import Store
from newsprism.watch import Alerter, Rules, Watcher
from newsprism.watch.alerts import Rule
from newsprism.web import WebApp, create_app

from .newsroom import HandClock, Newsroom, story_text

FAST = replace(Settings(), watch=replace(WatchSettings(), host_delay=0.0))
HOSTILE = '<script>window.pwned=1</script> "<img src=x onerror=alert(1)>" the mayor said.'
ATOM = "{http://www.w3.org/2005/Atom}"


def _call(app: WebApp, path: str) -> tuple[str, dict[str, str], str]:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": "GET", "wsgi.errors": io.StringIO()}
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return answer["status"], answer["headers"], body


@pytest.fixture
def watched(newsroom: Newsroom, tmp_path: Path) -> Path:
    """A store holding one article in two revisions, the second with hostile text, and alerts."""
    newsroom.article("/flood", "Flood <b>reaches</b> the harbour", *story_text("flood", 12))
    feed = newsroom.feed("/feed.xml", [("Flood", "/flood")])
    db = tmp_path / "news.db"
    clock = HandClock()
    alerter = Alerter(Rules((Rule("new_story", words=("flood",)),)), io.StringIO())
    with Store.open(db) as store:
        watcher = Watcher(store, [feed], FAST, clock=clock, sleep=clock.sleep, alerter=alerter)
        watcher.run_pass()
        paragraphs = story_text("flood", 12)
        newsroom.article("/flood", "Flood <b>reaches</b> the harbour", paragraphs[0].replace("12", "15"), HOSTILE, paragraphs[2])
        clock.advance(FAST.watch.first_recheck)
        assert watcher.run_pass().revisions == 1
    return db


def test_an_articles_revisions_page_shows_each_change_struck_out_and_put_in(watched: Path) -> None:
    app = create_app(watched)
    status, _, body = _call(app, "/articles/1/revisions")
    assert status == "200 OK"
    page = lxml.html.fromstring(body)
    assert [heading.text_content().split()[1] for heading in page.xpath("//section[@class='revision']/h2")] == ["1", "2"]
    assert "12" in [node.text for node in page.xpath("//del")] and "15" in [node.text for node in page.xpath("//ins")]
    assert not page.xpath("//script") and not page.xpath("//img") and not page.xpath("//main//b")
    assert "window.pwned" in page.text_content()
    _, _, article = _call(app, "/articles/1")
    assert 'href="/articles/1/revisions"' in article


def test_alerts_atom_is_a_valid_feed_of_the_alerts_raised(watched: Path) -> None:
    status, headers, body = _call(create_app(watched), "/alerts.atom")
    assert status == "200 OK" and headers["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(body)
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}id") == "urn:newsprism:alerts"
    entries = feed.findall(f"{ATOM}entry")
    # Newest first; the revision is there because the watcher had an alert log.
    assert [entry.find(f"{ATOM}category").get("term") for entry in entries] == ["revision", "new_story"]  # type: ignore[union-attr]
    entry = entries[1]
    assert "Flood <b>reaches</b> the harbour" in (entry.findtext(f"{ATOM}title") or "")
    assert entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}id", "").startswith("urn:newsprism:alert:")


def test_the_revisions_of_an_unknown_article_are_a_404(watched: Path) -> None:
    status, _, _ = _call(create_app(watched), "/articles/99/revisions")
    assert status == "404 Not Found"
