"""Pages kept as rendered until the store changes.

Rendering the story list of a large store or a long brief costs tens of milliseconds of
Python; under many readers at once that cost queues behind the interpreter's lock. A page
asked for again while the store holds the same data is the same page, so it is kept: the
next request for it costs a dictionary lookup.

"The same data" is SQLite's own answer: ``PRAGMA data_version`` on a connection that never
writes changes whenever any other connection (an ``ingest``, a ``watch``, this app storing an
annotation) has committed. Asking costs about a microsecond, so it is asked on every request
and a change is seen at once, with no timer and no stale page.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

PAGES_KEPT = 512
"""Rendered pages held at most, the least recently used dropped first: a story list page or
a brief is tens of kilobytes, so this is some megabytes at most."""

Page = TypeVar("Page")


class StoreVersion:
    """A number that changes whenever anything is committed to the store at ``db_path``."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def current(self) -> int | None:
        """The store's data version, or None when the store cannot be read (nothing is kept
        then: each request opens the store itself and reports the problem)."""
        with self._lock:
            try:
                if self._connection is None:
                    uri = f"{self._db_path.resolve().as_uri()}?mode=ro"
                    self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                self.close()
                return None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class PageCache(Generic[Page]):
    """Rendered pages by address, each valid for the store version it was rendered at."""

    def __init__(self, db_path: Path, kept: int = PAGES_KEPT) -> None:
        self._version = StoreVersion(db_path)
        self._kept = kept
        self._pages: OrderedDict[str, tuple[int, Page]] = OrderedDict()
        self._lock = threading.Lock()
        self._rendering: dict[str, threading.Lock] = {}

    def get(self, address: str, render: Callable[[], Page], keep: Callable[[Page], bool]) -> Page:
        """The page at ``address``: as kept when the store has not changed since, else
        ``render()``, kept when ``keep`` says so (a page that failed is rendered again).

        The version is read before rendering, so a page rendered while a write lands is
        kept under the older version and rendered again on the next request. One page is
        rendered once at a time: readers who ask for it meanwhile get the page as it was
        before the last commit when there is one (after a write, fifty readers of the story
        list cost one rendering and wait for none), else wait for that rendering.
        """
        version = self._version.current()
        if version is None:
            return render()
        kept = self._kept_page(address, version)
        if kept is not None:
            return kept
        with self._lock:
            rendering = self._rendering.get(address)
            earlier = self._pages.get(address)
            if rendering is not None and rendering.locked() and earlier is not None:
                # Another reader is rendering it anew: meanwhile the page as it was a commit
                # ago is served at once, rather than every reader queueing behind the
                # rendering (a store written to many times a second never waits for it).
                return earlier[1]
            rendering = self._rendering.setdefault(address, threading.Lock())
        with rendering:
            kept = self._kept_page(address, version)
            if kept is not None:
                return kept
            page = render()
            with self._lock:
                self._rendering.pop(address, None)
                if keep(page):
                    self._pages[address] = (version, page)
                    self._pages.move_to_end(address)
                    while len(self._pages) > self._kept:
                        self._pages.popitem(last=False)
        return page

    def _kept_page(self, address: str, version: int) -> Page | None:
        with self._lock:
            kept = self._pages.get(address)
            if kept is None or kept[0] != version:
                return None
            self._pages.move_to_end(address)
            return kept[1]

    def close(self) -> None:
        self._version.close()
