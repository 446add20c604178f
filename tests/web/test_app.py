"""The web app called in-process as a WSGI application, over a real store."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest

from builders import store_row
from newsprism.errors import NotFoundError
from newsprism.model import Article
from newsprism.store import Store, story_summaries
from newsprism.web import WebApp, create_app
from newsprism.web.app import content_security_policy
from newsprism.web.assets import static_url


@pytest.fixture(scope="module")
def app(web_store: Path) -> WebApp:
    return create_app(web_store)


def call(app: WebApp, path: str, method: str = "GET", query: str = "") -> tuple[str, dict[str, str], str]:
    environ: dict[str, Any] = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REQUEST_METHOD": method,
        "wsgi.errors": io.StringIO(),
    }
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return answer["status"], answer["headers"], body


def story_id(web_store: Path, word: str) -> int:
    with Store.open(web_store) as store:
        return next(s.id for s in story_summaries(store) if word in s.title)


def test_story_list_links_every_story_with_its_counts(app: WebApp, web_store: Path) -> None:
    status, headers, body = call(app, "/")
    assert status == "200 OK"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    flood = story_id(web_store, "Kestrel")
    assert f'href="/stories/{flood}"' in body
    assert "Kestrel Bridge" in body
    assert "Northern Ledger" in body and "Tamsin Courier" in body


def test_search_keeps_only_matching_stories(app: WebApp) -> None:
    _, _, body = call(app, "/", query="q=kestrel")
    assert "1 story match" in body
    _, _, body = call(app, "/", query="q=no+such+words+anywhere")
    assert "0 stories match" in body


def test_since_keeps_recent_stories_and_rejects_a_bad_date(app: WebApp) -> None:
    _, _, body = call(app, "/", query="since=2026-01-01")
    assert "Kestrel Bridge" in body
    assert "Council vote" not in body
    status, _, body = call(app, "/", query="since=yesterday")
    assert status == "400 Bad Request"
    assert "must be a date such as" in body


def test_story_page_is_the_brief_with_evidence_links(app: WebApp, web_store: Path) -> None:
    flood = story_id(web_store, "Kestrel")
    status, _, body = call(app, f"/stories/{flood}")
    assert status == "200 OK"
    assert '<nav class="site"><a href="/">← All stories</a>' in body
    assert f'href="/stories/{flood}.json"' in body
    assert 'class="ref" href="#a1-s' in body  # a fact cites a sentence of article 1
    assert 'id="a1-s1"' in body


def test_story_in_other_formats(app: WebApp, web_store: Path) -> None:
    flood = story_id(web_store, "Kestrel")
    status, headers, body = call(app, f"/stories/{flood}.json")
    assert status == "200 OK" and headers["Content-Type"].startswith("application/json")
    document = json.loads(body)
    assert len(document["articles"]) == 4 and document["independent_sources"] == 3
    _, headers, body = call(app, f"/stories/{flood}.md")
    assert headers["Content-Type"].startswith("text/markdown") and body.startswith("# ")
    _, headers, _ = call(app, f"/stories/{flood}.txt")
    assert headers["Content-Type"].startswith("text/plain")


def test_article_page_shows_the_text_and_its_story(app: WebApp, web_store: Path) -> None:
    flood = story_id(web_store, "Kestrel")
    status, _, body = call(app, "/articles/1")
    assert status == "200 OK"
    assert f'href="/stories/{flood}"' in body
    assert "Harbour Times" in body


def test_hostile_article_text_is_escaped_everywhere(app: WebApp, web_store: Path) -> None:
    hostile = story_id(web_store, "Council vote")
    pages = [call(app, "/")[2], call(app, f"/stories/{hostile}")[2], call(app, "/errors")[2]]
    with Store.open(web_store) as store:
        rowid = store.connection.execute("SELECT rowid FROM articles WHERE id = 'hostile-1'").fetchone()[0]
    pages.append(call(app, f"/articles/{rowid}")[2])
    for body in pages:
        assert "<script>" not in body
        assert "<img" not in body
        assert "<b>Evil" not in body
        assert 'href="javascript:' not in body
    assert "&lt;script&gt;" in pages[0]


def test_every_page_forbids_scripts_and_sniffing(app: WebApp) -> None:
    _, headers, _ = call(app, "/")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/errors", "/articles/1", "/nothing"])
def test_pages_allow_only_the_apps_own_stylesheets(app: WebApp, path: str) -> None:
    _, headers, body = call(app, path)
    assert "style-src 'self';" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    document = lxml.html.document_fromstring(body)
    assert document.xpath("//style") == [] and document.xpath("//@style") == []
    assert document.xpath("//link[@rel='stylesheet']/@href") == [static_url("app.css")]


def test_a_brief_allows_by_hash_only_its_rules_for_marks_cut_into_pieces(
    app: WebApp, web_store: Path
) -> None:
    _, headers, body = call(app, f"/stories/{story_id(web_store, 'Kestrel')}")
    document = lxml.html.document_fromstring(body)
    assert document.xpath("//link[@rel='stylesheet']/@href") == [static_url("brief.css")]
    (style,) = document.xpath("//style")
    assert style.text.strip().startswith("body:has(#a")  # the split-mark rules, nothing else
    assert headers["Content-Security-Policy"] == content_security_policy(style.text)
    digest = base64.b64encode(hashlib.sha256(style.text.encode("utf-8")).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}';" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "package", "path"),
    [("app.css", "newsprism.web", "static/app.css"), ("brief.css", "newsprism.report", "templates/brief.css")],
)
def test_a_stylesheet_at_its_version_is_cached_for_a_year(app: WebApp, name: str, package: str, path: str) -> None:
    address, version = static_url(name).split("?v=")
    status, headers, body = call(app, address, query=f"v={version}")
    assert status == "200 OK" and headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body == resources.files(package).joinpath(path).read_text(encoding="utf-8")
    assert version == hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]  # changes with the file


def test_a_stylesheet_at_another_version_is_served_but_not_kept(app: WebApp) -> None:
    for query in ("", "v=0123456789ab"):
        status, headers, body = call(app, "/static/app.css", query=query)
        assert status == "200 OK" and body
        assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/static/other.css", "/static/../app.py", "/static/app.css.map"])
def test_only_the_apps_stylesheets_are_served(app: WebApp, path: str) -> None:
    assert call(app, path)[0] == "404 Not Found"


def test_failures_page_lists_reasons(app: WebApp) -> None:
    _, _, body = call(app, "/errors")
    assert "broken.warc" in body
    assert "not a WARC file: &lt;bad&gt; header" in body


@pytest.mark.parametrize(
    "path", ["/stories/999", "/articles/999", "/nothing", "/stories/1.exe", "/../etc/passwd", "/stories/" + "9" * 30]
)
def test_unknown_addresses_are_not_found(app: WebApp, path: str) -> None:
    status, _, body = call(app, path)
    assert status == "404 Not Found"
    assert "Not found" in body


def test_missing_story_names_the_next_step(app: WebApp) -> None:
    _, _, body = call(app, "/stories/999")
    assert "Run `newsprism stories` to list ids." in body


def test_only_reading_is_allowed(app: WebApp) -> None:
    status, headers, _ = call(app, "/", method="POST")
    assert status == "405 Method Not Allowed"
    assert headers["Allow"] == "GET, HEAD"


def test_head_answers_without_a_body(app: WebApp) -> None:
    status, headers, body = call(app, "/", method="HEAD")
    assert status == "200 OK" and body == "" and int(headers["Content-Length"]) > 0


def test_bad_page_number_is_a_bad_request(app: WebApp) -> None:
    status, _, _ = call(app, "/", query="page=two")
    assert status == "400 Bad Request"


def test_app_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="newsprism ingest"):
        create_app(tmp_path / "missing.db")


def test_story_list_as_json_takes_the_same_search(app: WebApp) -> None:
    status, headers, body = call(app, "/stories.json", query="q=kestrel")
    assert status == "200 OK" and headers["Content-Type"].startswith("application/json")
    (story,) = json.loads(body)["stories"]
    assert story["independent_sources"] == 3 and len(story["articles"]) == 4


def test_a_file_that_is_no_store_is_refused_at_start(tmp_path: Path) -> None:
    from newsprism.errors import StoreError

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01 not a database " * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        create_app(junk)


def test_a_hostile_search_is_echoed_escaped(app: WebApp) -> None:
    status, _, body = call(app, "/", query="q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&since=")
    assert status == "200 OK"
    assert "<script>" not in body
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    (search,) = lxml.html.document_fromstring(body).xpath("//input[@name='q']")
    assert search.get("value") == '"><script>alert(1)</script>'


@pytest.fixture(scope="module")
def long_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 120 one-article stories, a day apart (story N published on day N), every fifth undated."""
    path = tmp_path_factory.mktemp("long") / "newsprism.db"
    with Store.open(path) as store:
        for number in range(1, 121):
            text = f"Report number {number} of the long list, told by one outlet."
            published = None if number % 5 == 0 else datetime(2024, 1, 1) + timedelta(days=number)
            article = Article(
                id=f"long-{number}", text=text, source="long.jsonl", title=f"Story {number:03d}", published=published
            )
            store.add_article(store_row(article, story=number))
    return path


def test_story_list_pages_newest_first_and_clamps_past_the_end(long_list: Path) -> None:
    app = create_app(long_list)
    _, _, first = call(app, "/")
    assert "120 stories" in first and "page 1 of 3" in first
    assert first.count('href="/stories/') == 50
    assert first.index("Story 119") < first.index("Story 101")  # newest activity first
    assert "Story 050" not in first and 'href="/?page=2"' in first
    _, _, last = call(app, "/", query="page=3")
    assert last.count('href="/stories/') == 20 and "page 3 of 3" in last
    assert last.index("Story 025") < last.index("Story 005")  # the undated ones, newest id first
    _, _, beyond = call(app, "/", query="page=9")
    assert beyond == last


def test_story_list_pages_a_search_and_json_keeps_every_match(long_list: Path) -> None:
    app = create_app(long_list)
    _, _, body = call(app, "/", query="q=story+0&since=2024-02-01&page=2")
    with Store.open(long_list) as store:
        recent = story_summaries(store, datetime(2024, 2, 1))
    # Every word is in the headline or an article id ("0" is in "long-10" too).
    wanted = [s for s in recent if all(word in f"{s.title} {s.articles[0]}".casefold() for word in ("story", "0"))]
    assert f"{len(wanted)} stories match" in body and "page 2 of 2" in body
    assert [int(part.split('"')[0]) for part in body.split('href="/stories/')[1:]] == [s.id for s in wanted[50:]]
    _, _, listed = call(app, "/stories.json", query="q=STORY")
    with Store.open(long_list) as store:
        assert json.loads(listed)["stories"] == [s.as_json() for s in story_summaries(store)]


def test_a_merged_story_moves_to_the_story_that_absorbed_it(tmp_path: Path) -> None:
    path = tmp_path / "merged.db"
    with Store.open(path) as store:
        for number in (1, 2):
            text = f"Crews rebuilt footbridge number {number} over the Tarn in nine days."
            article = Article(id=f"m{number}", text=text, source="m.jsonl")
            store.add_article(store_row(article, story=number))
        store.merge_stories(1, 2)
    app = create_app(path)
    for suffix in ("", ".json", ".md"):
        status, headers, body = call(app, f"/stories/2{suffix}")
        assert status == "301 Moved Permanently"
        assert headers["Location"] == f"/stories/1{suffix}"
        assert "merged into story 1" in body
    assert call(app, "/stories/3")[0] == "404 Not Found"


def test_a_page_kept_as_rendered_is_rendered_again_once_the_store_changes(tmp_path: Path) -> None:
    path = tmp_path / "changing.db"
    with Store.open(path) as store:
        store.add_article(store_row(Article(id="c1", text="Crews reopened the Tarn ferry.", source="c.jsonl",
                                            title="Ferry reopens"), story=1))
    app = create_app(path)
    first = call(app, "/")
    assert call(app, "/") == first and "1 story" in first[2]
    with Store.open(path) as store:  # another process, as an ingest would be
        store.add_article(store_row(Article(id="c2", text="A storm closed the Tarn ferry again.", source="c.jsonl",
                                            title="Storm closes ferry"), story=2))
    status, _, body = call(app, "/")
    assert status == "200 OK" and "2 stories" in body and "Storm closes ferry" in body
    assert call(app, "/stories/3")[0] == "404 Not Found"
    with Store.open(path) as store:
        store.add_article(store_row(Article(id="c3", text="The ferry sailed on Friday.", source="c.jsonl",
                                            title="Ferry sails"), story=3))
    assert call(app, "/stories/3")[0] == "200 OK"  # a page that failed was not kept
    app.close()
