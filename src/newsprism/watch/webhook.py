"""A webhook: alerts POSTed as JSON from a thread of their own, retried, never blocking.

:meth:`Webhook.send` only queues; a daemon thread posts, retrying a failed POST after 1, 2,
4 ... seconds up to ``webhook_attempts`` tries. A queue full of alerts for a hook that
does not answer drops new ones (counted in ``dropped``) rather than grow: the alert log
and the store keep every alert anyway.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from newsprism.ingest.options import DEFAULT_USER_AGENT
from newsprism.settings import WatchSettings

__all__ = ["Webhook"]

_DONE = object()


class Webhook:
    """POSTs alerts to ``url`` in the background; :meth:`close` lets it finish."""

    def __init__(
        self, url: str, settings: WatchSettings = WatchSettings(), sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.url = url
        self.settings = settings
        self.sent = 0
        self.failed = 0
        self.dropped = 0
        self._sleep = sleep
        self._queue: queue.Queue[object] = queue.Queue(maxsize=settings.webhook_queue)
        self._thread = threading.Thread(target=self._post_all, name="newsprism webhook", daemon=True)
        self._thread.start()

    def send(self, alert: dict[str, Any]) -> None:
        """Queue one alert for posting; returns at once."""
        try:
            self._queue.put_nowait(alert)
        except queue.Full:
            self.dropped += 1

    def close(self, grace: float | None = None) -> None:
        """Post what is queued, waiting at most ``grace`` seconds (the settings' by default)."""
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_DONE)
        self._thread.join(self.settings.stop_grace if grace is None else grace)

    def _post_all(self) -> None:
        while (alert := self._queue.get()) is not _DONE:
            if self._post(alert):
                self.sent += 1
            else:
                self.failed += 1

    def _post(self, alert: object) -> bool:
        body = json.dumps(alert, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": DEFAULT_USER_AGENT}
        for attempt in range(self.settings.webhook_attempts):
            if attempt:
                self._sleep(2.0 ** (attempt - 1))
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.settings.webhook_timeout) as response:
                    if 200 <= response.status < 300:
                        return True
            except (urllib.error.URLError, OSError, ValueError):
                continue
        return False
