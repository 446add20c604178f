"""A small threaded HTTP server for the web app (standard library ``wsgiref``).

Made for one person's machine: it listens on 127.0.0.1 by default and is not hardened
for the open internet.
"""

from __future__ import annotations

from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def create_server(app: Any, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False) -> WSGIServer:
    """A server bound to ``host``:``port`` (0 picks a free port) that serves ``app``.

    Call ``serve_forever()`` on it; ``server_port`` tells the port it got. With ``quiet``,
    requests are not logged to stderr.
    """
    handler = _QuietHandler if quiet else WSGIRequestHandler
    return make_server(host, port, app, server_class=_ThreadingServer, handler_class=handler)
