"""A real HTTP server on 127.0.0.1 for ingest tests (and for anyone who needs one).

``local_site`` starts a threaded ``http.server`` on a free port and serves what a test adds:
pages, feeds, redirects, error statuses, held and huge bodies, robots.txt. Every request is
recorded, so tests can check what was fetched, in which order, with which user agent, and
whether two requests were ever in flight at once. Never the internet.

Nothing here sleeps through a fixed delay: a request *held* waits only until another one
arrives (or the test ends), and the fetcher's pauses run on ``fake_clock``, a clock that
moves only when the fetcher sleeps on it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class Route:
    """What the server answers on one path.

    ``hold``: a request that arrives while no other is in flight waits up to that many
    seconds for another to arrive, and is answered the moment one does; a test sees whether
    the fetcher overlaps requests without waiting through a fixed delay when it does.
    ``chunks`` streams the body in that many pieces with no Content-Length (for size limits
    that must count bytes as they come).
    """

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    hold: float = 0.0
    chunks: int = 0


@dataclass(frozen=True)
class SeenRequest:
    """One request the server received."""

    path: str
    user_agent: str


@dataclass
class LocalSite:
    """Routes served by the local server, the requests it saw, and how many were in flight.

    A request is in flight from its arrival until its answer starts, so a request the
    fetcher sends only after reading the previous answer never counts as overlapping it.
    """

    base_url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    closing: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def url(self, path: str) -> str:
        """The full URL of ``path`` on this server."""
        return self.base_url + path

    def add(self, path: str, body: bytes | str, **route: object) -> str:
        """Serve ``body`` at ``path`` (see :class:`Route` for options); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **route)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """Redirect ``path`` to ``to`` (a path or a full URL); returns the URL of ``path``."""
        target = to if "://" in to else self.url(to)
        self.routes[path] = Route(status=status, content_type=None, headers=(("Location", target),))
        return self.url(path)

    def paths_requested(self) -> list[str]:
        """Paths in the order they were requested."""
        return [request.path for request in self.requests]

    def arrive(self, request: SeenRequest, hold: float = 0.0) -> None:
        """Record ``request`` as received and in flight; when it came alone, wait up to
        ``hold`` seconds for another request to arrive (or the test to end)."""
        with self.changed:
            self.requests.append(request)
            arrived = len(self.requests)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.changed.notify_all()
            if hold and self.in_flight == 1:
                self.changed.wait_for(lambda: len(self.requests) > arrived or self.closing, timeout=hold)

    def answer(self) -> None:
        """The request is being answered: no longer in flight."""
        with self.changed:
            self.in_flight -= 1
            self.changed.notify_all()

    def close(self) -> None:
        """Release every held request: the test is over."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()


def _handler_for(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = site.routes.get(self.path, Route(body=b"not here", status=404, content_type="text/plain"))
            site.arrive(SeenRequest(self.path, self.headers.get("User-Agent", "")), route.hold)
            site.answer()
            # The client may have given up (time-out or size limit): what the test wanted.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers:
                self.send_header(name, value)
            if route.chunks:
                self.send_header("Connection", "close")
                self.end_headers()
                size = len(route.body) // route.chunks + 1
                for start in range(0, len(route.body), size):
                    self.wfile.write(route.body[start : start + size])
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    return Handler


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """A running local HTTP server; add routes with ``local_site.add(path, body, ...)``."""
    site = LocalSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(site))
    server.daemon_threads = True
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.close()
        server.shutdown()
        server.server_close()


class FakeClock:
    """A monotonic clock that moves only when slept on (or advanced): pauses cost no time.

    Pass ``clock`` as a :class:`~newsprism.ingest.Fetcher`'s clock and ``clock.sleep`` as its
    sleep; ``sleeps`` lists every pause asked for, in order. Safe to share between threads.
    """

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        """Record the pause and move the clock on by it, at once."""
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass without anyone sleeping (time spent working)."""
        with self._lock:
            self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    """A :class:`FakeClock` starting at 0."""
    return FakeClock()


def build_article_html(
    title: str = "Harbour bridge reopens after repairs",
    paragraphs: tuple[str, ...] = (
        "The old harbour bridge in Porthaven reopened to traffic on Monday after eight months of repairs, the town council said.",
        "Engineers replaced 40 steel cables and repainted the deck. \"We are delighted to have it back,\" said council leader Maria Olsen.",
        "The work cost 3.2 million pounds, slightly more than the original estimate of 2.9 million.",
    ),
    site_name: str | None = "The Coastal Herald",
    published: str | None = "2024-05-06T08:30:00+01:00",
    charset: str = "utf-8",
) -> str:
    """A small news page with navigation and footer around the article, as sites serve it."""
    head = [f'<meta charset="{charset}">', f"<title>{title} | {site_name or 'News'}</title>"]
    if site_name:
        head.append(f'<meta property="og:site_name" content="{site_name}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        "<!doctype html><html><head>" + "".join(head) + "</head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>\n{body}</article>"
        "<footer>Copyright The Coastal Herald. All rights reserved.</footer></body></html>"
    )


@pytest.fixture
def article_html() -> Callable[..., str]:
    """The page builder :func:`build_article_html`, for tests that write their own pages."""
    return build_article_html
