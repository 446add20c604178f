"""Briefs computed ahead of readers: ``newsprism serve`` computes every story's brief in a
process beside it, serves story pages from the stored brief, says so (and refreshes) while a
brief is not ready, and computes a brief again when an ingest changes its story.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from newsprism.errors import NewsprismError
from newsprism.model import Comparison
from newsprism.web import WebApp
from newsprism.web.briefs import BackgroundBriefs

from ..conftest import REPO_ROOT


def _copy(source: Path, target: Path) -> Path:
    """A copy of the store at ``source`` without the briefs other tests stored in it."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
        copy.execute("DELETE FROM briefs")
    return target


def _stories_with_members(db: Path) -> set[int]:
    with sqlite3.connect(db) as connection:
        return {int(row[0]) for row in connection.execute("SELECT DISTINCT story FROM articles")}


def _stored_pages(db: Path) -> dict[int, dict[str, str]]:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT story, pages FROM briefs").fetchall()
    return {int(story): json.loads(zlib.decompress(data)) for story, data in rows}


def _wait_for(condition: Any, seconds: float = 180.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


@pytest.fixture
def served(web_store: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the web store, served by a real ``newsprism serve`` process."""
    db = _copy(web_store, tmp_path / "served.db")
    command = [sys.executable, "-m", "newsprism", "serve", "--port", "0", "--quiet", "--db", str(db)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()
    port = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert port, line
    try:
        yield db, f"http://127.0.0.1:{port.group(1)}"
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0


def test_serve_computes_every_brief_without_being_asked_and_serves_the_stored_page(served: tuple[Path, str]) -> None:
    db, base = served
    stories = _stories_with_members(db)
    _wait_for(lambda: set(_stored_pages(db)) == stories)

    pages = _stored_pages(db)
    for story in stories:
        status, body, _ = _get(f"{base}/stories/{story}")
        assert status == 200
        assert body == pages[story]["html"]  # the page is the stored brief, not a new one
        status, text, headers = _get(f"{base}/stories/{story}.txt")
        assert status == 200 and text == pages[story]["text"] and headers["Content-Type"].startswith("text/plain")


def test_an_ingest_beside_the_server_makes_its_story_brief_again(served: tuple[Path, str], tmp_path: Path) -> None:
    db, base = served
    _wait_for(lambda: set(_stored_pages(db)) == _stories_with_members(db))
    with sqlite3.connect(db) as connection:
        flood = int(connection.execute("SELECT story FROM articles WHERE outlet = 'Valley Post'").fetchone()[0])
    record = json.loads((REPO_ROOT / "examples" / "flood" / "valley-post.jsonl").read_text(encoding="utf-8"))
    record.update(id="lakeside-echo-flood", outlet="Lakeside Echo", url="https://lakeside.example/flood")
    extra = tmp_path / "lakeside.jsonl"
    extra.write_text(json.dumps(record) + "\n", encoding="utf-8")

    ingest = subprocess.run(
        [sys.executable, "-m", "newsprism", "ingest", str(extra), "--db", str(db)], capture_output=True, text=True, timeout=300
    )
    assert ingest.returncode == 0, ingest.stderr
    assert flood in _stories_with_members(db)

    def rebriefed() -> bool:
        status, body, _ = _get(f"{base}/stories/{flood}")
        return status == 200 and "Lakeside Echo" in body

    _wait_for(rebriefed)
    assert "Lakeside Echo" in _stored_pages(db)[flood]["html"]


class NoComparing(WebApp):
    """The web app, failing the test if it ever compares a story itself."""

    def comparison(self, story_id: int) -> Comparison:
        raise AssertionError("compared on a request")


def _call(app: WebApp, path: str) -> tuple[str, dict[str, str], str]:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    answer: list[Any] = []
    body = b"".join(app(environ, lambda status, headers: answer.append((status, headers)))).decode("utf-8")
    return answer[0][0], dict(answer[0][1]), body


def test_a_story_not_ready_says_so_refreshes_and_is_served_once_the_maker_has_it(web_store: Path, tmp_path: Path) -> None:
    db = _copy(web_store, tmp_path / "waiting.db")
    story = min(_stories_with_members(db))
    maker = BackgroundBriefs(db)  # not started yet: nothing is computed
    app = NoComparing(db, maker)
    try:
        status, headers, body = _call(app, f"/stories/{story}")
        assert status == "202 Accepted" and headers["Retry-After"] == "2"
        assert '<meta http-equiv="refresh" content="2">' in body
        assert "being computed" in body and "/articles/" in body  # the reports can be read meanwhile
        status, _, text = _call(app, f"/stories/{story}.json")
        assert status == "202 Accepted" and "being computed" in text

        maker.start()
        _wait_for(lambda: _call(app, f"/stories/{story}")[0] == "200 OK")
        status, _, body = _call(app, f"/stories/{story}.json")
        assert status == "200 OK" and json.loads(body)["articles"]
    finally:
        app.close()
    assert not maker.alive


def test_without_a_maker_a_brief_is_computed_once_and_stored_for_the_next_app(web_store: Path, tmp_path: Path) -> None:
    db = _copy(web_store, tmp_path / "inline.db")
    story = min(_stories_with_members(db))
    first = WebApp(db)
    status, _, body = _call(first, f"/stories/{story}")
    first.close()
    assert status == "200 OK" and story in _stored_pages(db)

    second = NoComparing(db)
    assert _call(second, f"/stories/{story}") == (status, _call(second, f"/stories/{story}")[1], body)
    second.close()


def test_a_brief_that_cannot_be_made_is_a_failure_page_naming_the_reason(web_store: Path, tmp_path: Path) -> None:
    class Failing(WebApp):
        def comparison(self, story_id: int) -> Comparison:
            raise NewsprismError("every member of this story is unreadable")

    db = _copy(web_store, tmp_path / "failing.db")
    app = Failing(db)
    status, _, body = _call(app, f"/stories/{min(_stories_with_members(db))}")
    app.close()
    assert status.startswith("500") and "every member of this story is unreadable" in body
