"""Fetching pages politely: time-outs, size limits, robots.txt and a pause between requests.

Everything goes through one :class:`Fetcher`, whose ``opener`` can be replaced (tests, a
caller's own session). An opener is called as ``opener(request, timeout)`` and returns a
response like :func:`urllib.request.urlopen` does, raising :class:`urllib.error.HTTPError`
for HTTP errors.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from newsprism.errors import FetchError
from newsprism.ingest.options import ReadOptions
from newsprism.ingest.text import describe_seconds, describe_size
from newsprism.ingest.urls import host_key, url_problem

Opener = Callable[[urllib.request.Request, float], Any]
_CHUNK = 65536
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FetchedPage:
    """A fetched body. ``url`` is the address after redirects; ``media_type`` is lowercase
    without parameters ("" when the server sent none); ``charset`` is the declared one."""

    url: str
    media_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    """The response's ETag, to send back as If-None-Match (conditional GET)."""
    last_modified: str | None = None
    """The response's Last-Modified, to send back as If-Modified-Since."""
    not_modified: bool = False
    """True when the server answered 304 to a conditional request: ``body`` is empty and
    the copy the caller holds is still current."""


@dataclass(frozen=True)
class Validators:
    """What a caller holds of an earlier response, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


class _StatusError(FetchError):
    """An HTTP error status, kept as a number for robots.txt rules."""

    def __init__(self, source: str, status: int, reason: str) -> None:
        super().__init__(source, reason)
        self.status = status


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (never ftp: or file:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        """urllib's redirect, refused for any scheme but http and https."""
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http address {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def default_opener() -> Opener:
    """urllib with redirects limited to http(s); no cookies, no proxies beyond the environment's."""
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    return lambda request, timeout: opener.open(request, timeout=timeout)


class Fetcher:
    """Fetches URLs with the limits of ``options``; one instance per batch keeps the
    robots.txt cache and the per-host clock.

    Safe to share between threads: requests to one host take turns (with the delay
    between them), requests to different hosts run side by side.
    """

    def __init__(
        self,
        options: ReadOptions,
        opener: Opener | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self._opener = opener or default_opener()
        self._sleep = sleep
        self._clock = clock
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._host_locks: dict[str, threading.RLock] = {}
        self._locks_lock = threading.Lock()

    def fetch(
        self, url: str, media_types: Collection[str] | None = None, validators: Validators | None = None
    ) -> FetchedPage:
        """Fetch ``url``, obeying robots.txt and the per-host delay.

        ``media_types``, when given, lists the content types worth reading; another type
        fails before the body is read. ``validators``, when given, make the request
        conditional: a 304 answer is a page with ``not_modified`` set. Raises
        :class:`FetchError` with a one-line reason.
        """
        problem = url_problem(url)
        if problem is not None:
            raise FetchError(url, problem)
        with self._host_lock(url):
            if self.options.obey_robots and not self.allowed(url):
                raise FetchError(url, "blocked by the site's robots.txt")
            return self._request(url, media_types, validators)

    def allowed(self, url: str) -> bool:
        """True when the host's robots.txt lets our user agent fetch ``url``."""
        key = host_key(url)
        with self._host_lock(url):
            if key not in self._robots:
                self._robots[key] = self._read_robots(key)
            return self._robots[key].can_fetch(self.options.user_agent, url)

    def _host_lock(self, url: str) -> threading.RLock:
        key = host_key(url)
        with self._locks_lock:
            return self._host_locks.setdefault(key, threading.RLock())

    def _read_robots(self, key: str) -> urllib.robotparser.RobotFileParser:
        """robots.txt of one host. Missing (4xx) allows all; a server error (5xx) disallows
        all, as RFC 9309 asks; an unreachable host allows all, so the page's own fetch
        reports the real problem."""
        parser = urllib.robotparser.RobotFileParser(f"{key}/robots.txt")
        try:
            # robots.txt is not spaced from the page that asked for it: one small file more
            # per host, and a single-URL read is not slowed by a full host delay.
            page = self._get(f"{key}/robots.txt", None)
        except _StatusError as error:
            parser.parse(_DISALLOW_ALL if error.status >= 500 else [])
            return parser
        except FetchError:
            parser.parse([])
            return parser
        parser.parse(page.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _request(
        self, url: str, media_types: Collection[str] | None, validators: Validators | None = None
    ) -> FetchedPage:
        """One GET after the host's delay, with every failure turned into a FetchError."""
        key = host_key(url)
        self._wait_for(key)
        try:
            return self._get(url, media_types, validators)
        finally:
            self._last_request[key] = self._clock()

    def _delay_for(self, key: str) -> float:
        """The pause between requests to a host: ours, or its robots.txt Crawl-delay if longer."""
        robots = self._robots.get(key)
        crawl_delay = robots.crawl_delay(self.options.user_agent) if robots and self.options.obey_robots else None
        return max(self.options.host_delay, float(crawl_delay or 0))

    def _wait_for(self, key: str) -> None:
        last = self._last_request.get(key)
        if last is not None:
            remaining = last + self._delay_for(key) - self._clock()
            if remaining > 0:
                self._sleep(remaining)

    def _get(
        self, url: str, media_types: Collection[str] | None, validators: Validators | None = None
    ) -> FetchedPage:
        """One request within ``deadline``: a server that sends its headers or body a few
        bytes at a time gets no longer than that, though each read is within ``timeout``.

        The request runs in a worker thread waited for until the deadline; past it, the
        worker is left to end at its next read (daemon: it never holds up an exit).
        """
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                deadline = self._clock() + self.options.deadline
                outcome["page"] = self._get_now(url, media_types, deadline, validators)
            except BaseException as error:  # handed to the caller's thread below
                outcome["error"] = error

        worker = threading.Thread(target=run, name=f"fetch {url}", daemon=True)
        worker.start()
        worker.join(self.options.deadline)
        if worker.is_alive():
            raise FetchError(url, f"no full response within the {describe_seconds(self.options.deadline)} deadline")
        if "error" in outcome:
            raise outcome["error"]
        page: FetchedPage = outcome["page"]
        return page

    def _get_now(
        self, url: str, media_types: Collection[str] | None, deadline: float, validators: Validators | None
    ) -> FetchedPage:
        headers = {"User-Agent": self.options.user_agent, "Accept": _ACCEPT}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        request = urllib.request.Request(url, headers=headers)
        timed_out = describe_seconds(self.options.timeout)
        try:
            with self._opener(request, self.options.timeout) as response:
                return self._read_response(url, response, media_types, deadline)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 304 and validators is not None:
                return _not_modified(url, error.headers, validators)
            raise _StatusError(url, error.code, _http_reason(error)) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise FetchError(url, f"timed out after {timed_out}") from None
            raise FetchError(url, f"could not connect: {_connect_reason(error.reason)}") from None
        except TimeoutError:
            raise FetchError(url, f"timed out after {timed_out}") from None
        except (http.client.HTTPException, ConnectionError, OSError) as error:
            raise FetchError(url, f"connection broken: {error.__class__.__name__} {error}".strip()) from None
        except ValueError as error:
            raise FetchError(url, f"invalid URL ({error})") from None

    def _read_response(
        self, url: str, response: Any, media_types: Collection[str] | None, deadline: float
    ) -> FetchedPage:
        headers = response.headers
        media_type = headers.get_content_type() if headers.get("Content-Type") else ""
        if media_types is not None and media_type and media_type not in media_types:
            raise FetchError(url, f"not an article or feed (content type {media_type})")
        length = headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.options.max_bytes:
            raise FetchError(url, f"larger than {describe_size(self.options.max_bytes)} limit")
        body = self._read_body(url, response, deadline)
        if headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip", "deflate"):
            body = self._decompress(url, body)
        if not body.strip():
            raise FetchError(url, "empty response")
        return FetchedPage(
            url=response.geturl(),
            media_type=media_type,
            charset=headers.get_content_charset(),
            body=body,
            etag=headers.get("ETag"),
            last_modified=headers.get("Last-Modified"),
        )

    def _read_body(self, url: str, response: Any, deadline: float) -> bytes:
        """Read at most ``max_bytes`` by ``deadline``: each read returns what has come
        (``read1``), so a trickling body is noticed at once."""
        read = getattr(response, "read1", response.read)
        chunks: list[bytes] = []
        size = 0
        while chunk := read(_CHUNK):
            size += len(chunk)
            if size > self.options.max_bytes:
                raise FetchError(url, f"larger than {describe_size(self.options.max_bytes)} limit")
            if self._clock() > deadline:
                raise FetchError(url, f"no full response within the {describe_seconds(self.options.deadline)} deadline")
            chunks.append(chunk)
        return b"".join(chunks)

    def _decompress(self, url: str, body: bytes) -> bytes:
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32)
        try:
            data = decompressor.decompress(body, self.options.max_bytes + 1)
        except zlib.error as error:
            raise FetchError(url, f"corrupt compressed response ({error})") from None
        if len(data) > self.options.max_bytes or decompressor.unconsumed_tail:
            raise FetchError(url, f"larger than {describe_size(self.options.max_bytes)} limit")
        return data


def _not_modified(url: str, headers: Any, validators: Validators) -> FetchedPage:
    """A 304 answer: the caller's copy stands; new validators when the server sent them."""
    return FetchedPage(
        url=url,
        media_type="",
        charset=None,
        body=b"",
        etag=(headers.get("ETag") if headers else None) or validators.etag,
        last_modified=(headers.get("Last-Modified") if headers else None) or validators.last_modified,
        not_modified=True,
    )


def _http_reason(error: urllib.error.HTTPError) -> str:
    if 300 <= error.code < 400:
        return f"too many redirects or a bad redirect (HTTP {error.code})"
    return f"HTTP {error.code} {error.reason}".strip()


def _connect_reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)
