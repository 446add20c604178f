"""A whole fetch has a deadline, and a malformed URL is a one-line failure.

Before: a server sending a few bytes a second kept ``brief URL`` running past 150 s (each
read came within the per-read time-out), and ``http://[::1`` ended in a traceback.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from newsprism.errors import FetchError
from newsprism.ingest import ReadOptions, read_sources
from newsprism.ingest.fetch import Fetcher

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


@pytest.fixture
def trickling_server() -> Iterator[tuple[str, threading.Event]]:
    """A real server that sends its response one byte every 50 ms: the headers first
    (path ``/headers``) or the body (any other path), for as long as the client listens."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(connection: socket.socket) -> None:
        with connection:
            request = connection.recv(4096)
            payload = HEADERS + b"<p>" + b"z" * 99_990 if b" /headers " in request else HEADERS
            if payload == HEADERS:
                connection.sendall(HEADERS)
                payload = b"<p>" + b"z" * 99_990
            for byte in payload:
                if stop.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    host, port = listener.getsockname()
    yield f"http://{host}:{port}", stop
    stop.set()
    thread.join(5)
    listener.close()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_server_that_trickles_bytes_is_cut_off_at_the_deadline(
    trickling_server: tuple[str, threading.Event], path: str
) -> None:
    base, _ = trickling_server
    fetcher = Fetcher(ReadOptions(host_delay=0.0, timeout=1.0, deadline=1.5, obey_robots=False))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no full response within the 1\.5 s deadline$"):
        fetcher.fetch(base + path)
    # Every read arrives well within the 1 s time-out: only the deadline ends the fetch.
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1", "invalid URL (invalid IPv6 URL)"),
        ("http://example.org:99999/a", "invalid URL (port out of range 0-65535)"),
        ("http:///nohost", "invalid URL (no host)"),
        ("https://exa mple.org/", "invalid URL (it holds a space or a control character)"),
    ],
)
def test_a_malformed_url_is_one_failure_with_its_reason(url: str, reason: str) -> None:
    articles, failures = read_sources([url], ReadOptions(host_delay=0.0, obey_robots=False))
    assert articles == []
    assert [(failure.source, failure.reason) for failure in failures] == [(url, reason)]
