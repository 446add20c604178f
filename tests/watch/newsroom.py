"""A real newsroom on 127.0.0.1 whose feeds and pages change while a test watches them.

``newsroom`` serves what a test puts there: RSS feeds built from items, article pages,
robots.txt, error statuses, slow and malformed answers. It answers conditional requests as
a careful server does: an ETag and a Last-Modified per body, and 304 when the client's
If-None-Match (or, without one, If-Modified-Since) still matches. Every request is
recorded with the validators it carried and the status it got, and how many were in flight
at once. ``clock`` is a clock a test moves by hand, so a watcher's schedule runs without
sleeping. Never the internet, never a mock of newsprism.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Page:
    """What the server answers on one path."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    modified: float = 0.0
    validators: bool = True


@dataclass(frozen=True)
class Seen:
    """One request: its path, whether it was conditional, and the status it got."""

    path: str
    conditional: bool
    status: int


@dataclass
class Newsroom:
    """Pages served, requests seen, and the most requests ever in flight at once."""

    base_url: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    edits: int = 0
    posted: list[bytes] = field(default_factory=list)
    """Bodies POSTed to the newsroom (a webhook's deliveries), in order."""
    post_statuses: list[int] = field(default_factory=list)
    """Statuses to answer the next POSTs with, one each (200 once none are left)."""
    on_request: dict[str, Callable[[], None]] = field(default_factory=dict)
    """Called when a request for the path arrives (a test's way to act mid-pass)."""

    def url(self, path: str) -> str:
        """The full URL of ``path``."""
        return self.base_url + path

    def put(self, path: str, body: str | bytes, **page: object) -> str:
        """Serve ``body`` at ``path`` from now on; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.edits += 1
            self.pages[path] = Page(body=data, modified=1_700_000_000 + self.edits * 60, **page)  # type: ignore[arg-type]
        return self.url(path)

    def article(self, path: str, title: str, *paragraphs: str, outlet: str = "Daily Example") -> str:
        """Serve an article page; returns its URL."""
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
        html = (
            f'<html><head><title>{escape(title)}</title><meta property="og:site_name" content="{escape(outlet)}">'
            f'<meta property="article:published_time" content="2026-12-07T08:00:00+00:00"></head>'
            f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
        )
        return self.put(path, html)

    def feed(self, path: str, items: list[tuple[str, str]], title: str = "Example news") -> str:
        """Serve an RSS feed of (title, article path) items, newest first; returns its URL."""
        entries = "".join(
            f"<item><title>{escape(item_title)}</title><link>{escape(self.url(link))}</link>"
            f"<guid>{escape(self.url(link))}</guid><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>"
            for item_title, link in items
        )
        rss = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{self.base_url}/</link><description>test</description>{entries}</channel></rss>"
        )
        return self.put(path, rss, content_type="application/rss+xml")

    def seen(self, path: str) -> list[Seen]:
        """The requests for ``path``, in order."""
        return [request for request in self.requests if request.path == path]


class _Handler(BaseHTTPRequestHandler):
    newsroom: Newsroom
    _counted = False

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        room = self.newsroom
        with room.lock:
            room.in_flight += 1
            room.most_in_flight = max(room.most_in_flight, room.in_flight)
            page = room.pages.get(self.path)
            hook = room.on_request.get(self.path)
        if hook is not None:
            hook()
        self._counted = True
        try:
            status = self._answer(page)
        finally:
            self._done()
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        with room.lock:
            room.requests.append(Seen(self.path, conditional, status))

    def do_POST(self) -> None:
        room = self.newsroom
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with room.lock:
            status = room.post_statuses.pop(0) if room.post_statuses else 200
            if status == 200:
                room.posted.append(body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _done(self) -> None:
        """The request stops counting as in flight: called just before the last bytes of
        the answer go out, since the client may send its next request the moment they
        arrive, before this thread has returned."""
        if self._counted:
            self._counted = False
            with self.newsroom.lock:
                self.newsroom.in_flight -= 1

    def _answer(self, page: Page | None) -> int:
        if page is None:
            self._done()
            self.send_error(404)
            return 404
        if page.delay:
            time.sleep(page.delay)
        if page.status != 200:
            self._done()
            self.send_error(page.status)
            return page.status
        etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
        modified = formatdate(page.modified, usegmt=True)
        if page.validators and self._still_current(etag, modified):
            self.send_response(304)
            self.send_header("ETag", etag)
            self._done()
            self.end_headers()
            return 304
        self.send_response(200)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if page.validators:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
        self.end_headers()
        self._done()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(page.body)
        return 200

    def _still_current(self, etag: str, modified: str) -> bool:
        asked = self.headers.get("If-None-Match")
        if asked is not None:
            return asked == etag
        return self.headers.get("If-Modified-Since") == modified


@contextlib.contextmanager
def serving(room: Newsroom) -> Iterator[Newsroom]:
    """Serve ``room`` on a free port of 127.0.0.1 for the block."""
    handler = type("Handler", (_Handler,), {"newsroom": room})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    room.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield room
    finally:
        server.shutdown()
        server.server_close()


class HandClock:
    """Epoch seconds that move only when a test (or a pause) moves them."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock on."""
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        """A pause that passes at once, moving the clock."""
        self.now += max(0.0, seconds)


def story_text(subject: str, number: int) -> list[str]:
    """Paragraphs of a plausible news report about ``subject`` citing ``number``."""
    return [
        f"Officials said {number} people were affected by the {subject} on Monday, according to the regional council.",
        f'"We are working around the clock to help everyone affected by the {subject}," the council leader said.',
        f"Residents described a long night as emergency crews worked to contain the {subject} near the river.",
    ]
