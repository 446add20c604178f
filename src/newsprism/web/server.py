"""The HTTP server for the web app: waitress, a pure-Python server with a pool of threads.

Made for one person's machine: it listens on 127.0.0.1 by default and is not hardened
for the open internet.

Requests run on ``threads`` worker threads, so a brief being computed (seconds, the first
time a story is shown) does not hold up the story list or a brief already computed. Each
request opens its own store connection in the thread that answers it (see
:meth:`newsprism.web.app.WebApp._open`), so no SQLite connection is shared between threads.
One thread waits on the sockets (waitress's ``wasyncore`` loop) and hands whole requests to
the workers.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

# waitress ships no type hints (pyproject lists no override for it).
from waitress import wasyncore  # type: ignore[import-untyped]
from waitress.server import create_server as create_waitress_server  # type: ignore[import-untyped]

from newsprism.errors import UsageError

__all__ = ["DEFAULT_THREADS", "Server", "create_server"]

DEFAULT_THREADS = 8
"""Worker threads: a few more than the cores of a laptop, since a request spends part of its
time in SQLite (which lets other threads run) and one may sit computing a brief."""

_SERVER_NAME = "newsprism"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class Server:
    """A waitress server bound to its address, driven like :mod:`socketserver`'s servers.

    ``serve_forever()`` answers requests until ``shutdown()`` is called from another thread
    or the process is interrupted (``KeyboardInterrupt`` reaches the caller, as from
    ``socketserver``); ``server_close()`` then stops the worker threads and closes the
    sockets. ``server_port`` is the port it got (useful when asked for port 0).
    """

    def __init__(self, app: WSGIApp, host: str, port: int, threads: int) -> None:
        self._map: dict[int, Any] = {}
        try:
            self._server = create_waitress_server(
                app, map=self._map, host=host, port=port, threads=threads, ident=_SERVER_NAME
            )
        except OSError as error:  # the port is taken, or the host is not this machine's
            reason = error.strerror or str(error)
            raise UsageError(
                f"Cannot listen on {host}:{port}: {reason}. Choose another --port (0 picks a free one)."
            ) from error
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    @property
    def server_port(self) -> int:
        """The port listened on (the first one, should ``host`` name several addresses)."""
        server = self._server
        if hasattr(server, "effective_listen"):  # one socket per address of ``host``
            return int(server.effective_listen[0][1])
        return int(server.effective_port)

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Answer requests until :meth:`shutdown`; ``poll_interval`` (seconds) is how often
        the loop looks whether it was asked to stop."""
        self._stop.clear()
        self._stopped.clear()
        adjustments = self._server.adj
        try:
            # waitress's own run() swallows KeyboardInterrupt; this loop lets it reach the
            # caller, which says it stopped and closes the server.
            while self._map and not self._stop.is_set():
                wasyncore.loop(
                    timeout=poll_interval, map=self._map, use_poll=adjustments.asyncore_use_poll, count=1
                )
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (called from another thread) and wait until it has."""
        self._stop.set()
        wake = getattr(self._server, "pull_trigger", None)  # one socket: the loop wakes at once
        if wake is not None:
            wake()
        self._stopped.wait()

    def server_close(self) -> None:
        """Stop the worker threads (waiting a few seconds for requests still running; those
        waiting for a thread are dropped) and close every socket."""
        self._server.task_dispatcher.shutdown()
        wasyncore.close_all(self._map)


def create_server(
    app: WSGIApp,
    host: str = "127.0.0.1",
    port: int = 8765,
    quiet: bool = False,
    threads: int = DEFAULT_THREADS,
) -> Server:
    """A server bound to ``host``:``port`` (0 picks a free port) that serves ``app`` on
    ``threads`` worker threads.

    Call ``serve_forever()`` on it; ``server_port`` tells the port it got. Unless ``quiet``,
    each request is logged to stderr as one line (address, time, request line, status, size).
    Raises :class:`~newsprism.errors.UsageError` when it cannot listen there (a port taken).
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    if quiet:
        # waitress warns on stderr when requests wait for a free thread: the per-request
        # chatter that quiet asks to leave out.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    return Server(app if quiet else _logged(app), host, port, threads)


def _logged(app: WSGIApp) -> WSGIApp:
    """``app`` logging each request to stderr in the common log format (as ``wsgiref`` did)."""

    def logged_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        answer: dict[str, str] = {}

        def recording_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            answer["status"] = status.split(" ", 1)[0]
            answer["size"] = {name.lower(): value for name, value in headers}.get("content-length", "-")
            return start_response(status, headers, *args)

        body = app(environ, recording_start_response)
        query = environ.get("QUERY_STRING")
        target = environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")
        when = datetime.now(UTC).strftime("%d/%b/%Y %H:%M:%S")
        line = (
            f'{environ.get("REMOTE_ADDR", "-")} - - [{when}] '
            f'"{environ.get("REQUEST_METHOD", "-")} {target} {environ.get("SERVER_PROTOCOL", "-")}" '
            f'{answer.get("status", "-")} {answer.get("size", "-")}\n'
        )
        sys.stderr.write(line)
        return body

    return logged_app
