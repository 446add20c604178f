"""The real server (waitress on a thread) answers many readers at once, a slow page holding
up no other, each request on its own store connection."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from newsprism.cli.web import DEFAULT_THREADS as CLI_DEFAULT_THREADS
from newsprism.errors import UsageError
from newsprism.store import Store
from newsprism.web import WebApp, create_app, create_server
from newsprism.web.server import DEFAULT_THREADS

SLOW_PATH = "/slow"
SLOW_SECONDS = 3.0


@pytest.fixture(scope="module")
def app(web_store: Path) -> WebApp:
    return create_app(web_store)


@pytest.fixture(scope="module")
def slow_page_started() -> threading.Event:
    return threading.Event()


@pytest.fixture(scope="module")
def base_url(app: WebApp, slow_page_started: threading.Event) -> Iterator[str]:
    server = create_server(with_slow_page(app, slow_page_started), "127.0.0.1", 0, quiet=True, threads=8)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    assert not thread.is_alive()


def with_slow_page(app: WebApp, started: threading.Event) -> Callable[..., Iterable[bytes]]:
    """``app`` with one more page, ``/slow``, that takes ``SLOW_SECONDS`` (as a brief computed
    for the first time does) before answering."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == SLOW_PATH:
            started.set()
            time.sleep(SLOW_SECONDS)
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"slow"]
        return app(environ, start_response)

    return wrapped


def get(url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a GET (an error status is returned, not raised)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def story_id(web_store: Path, word: str) -> int:
    with Store.open(web_store) as store:
        return int(store.connection.execute(
            "SELECT story FROM articles WHERE title LIKE ? LIMIT 1", (f"%{word}%",)
        ).fetchone()[0])


def test_thirty_concurrent_requests_all_answer_with_their_own_page(base_url: str, web_store: Path) -> None:
    flood = story_id(web_store, "Kestrel")
    pages = {
        "/": "Kestrel Bridge",
        f"/stories/{flood}": "Kestrel",
        "/stories.json": '"stories"',
        "/errors": "broken.warc",
    }
    get(f"{base_url}/stories/{flood}")  # the brief is computed once, before the crowd comes
    paths = [path for _ in range(30 // len(pages) + 1) for path in pages][:30]
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(lambda path: (path, get(base_url + path)), paths))
    assert len(answers) == 30
    for path, (status, headers, body) in answers:
        assert status == 200, path
        assert pages[path] in body, path
        assert "script-src" not in headers["Content-Security-Policy"]
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_slow_request_does_not_hold_up_the_others(base_url: str, slow_page_started: threading.Event) -> None:
    slow_page_started.clear()
    with ThreadPoolExecutor(max_workers=1) as pool:
        slow = pool.submit(get, base_url + SLOW_PATH)
        assert slow_page_started.wait(timeout=30), "the slow page never started"
        started = time.perf_counter()
        statuses = [get(base_url + "/")[0] for _ in range(5)]
        others_took = time.perf_counter() - started
        assert not slow.done(), "the story list should be answered while the slow page is still running"
        assert statuses == [200] * 5
        assert slow.result(timeout=60)[2] == "slow"
    # Five list pages, one after the other, while the slow page sleeps on another thread:
    # with one request at a time they would all wait for it (SLOW_SECONDS at least).
    assert others_took < SLOW_SECONDS


def test_each_request_reads_the_store_on_the_thread_that_answers_it(base_url: str, web_store: Path) -> None:
    flood = story_id(web_store, "Kestrel")
    paths = ["/", f"/stories/{flood}.json", "/errors", "/stories.json"] * 10
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda path: get(base_url + path), paths))
    # A connection used from another thread fails the request (500, "SQLite objects created
    # in a thread can only be used in that same thread" in the server's log).
    assert [status for status, _, _ in answers] == [200] * len(paths)


def test_server_stops_when_shut_down_while_idle(app: WebApp) -> None:
    server = create_server(app, "127.0.0.1", 0, quiet=True, threads=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert get(f"http://127.0.0.1:{server.server_port}/")[0] == 200
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_requests_are_logged_one_line_each_unless_quiet(app: WebApp, capsys: pytest.CaptureFixture[str]) -> None:
    server = create_server(app, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        get(f"http://127.0.0.1:{server.server_port}/errors?x=1")
    finally:
        server.shutdown()
        server.server_close()
    assert '"GET /errors?x=1 HTTP/1.1" 200 ' in capsys.readouterr().err


def test_serve_command_defaults_to_the_servers_thread_count() -> None:
    assert CLI_DEFAULT_THREADS == DEFAULT_THREADS


def test_a_port_already_taken_is_a_usage_error_naming_it(app: WebApp) -> None:
    server = create_server(app, "127.0.0.1", 0, quiet=True, threads=1)
    try:
        with pytest.raises(UsageError, match=rf"127\.0\.0\.1:{server.server_port}.*--port"):
            create_server(app, "127.0.0.1", server.server_port, quiet=True, threads=1)
    finally:
        server.server_close()
