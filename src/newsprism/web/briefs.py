"""Briefs computed ahead of readers, in a process of their own, and stored.

A brief costs seconds (parsing each member, comparing them); a reader should not wait for it,
and the server's threads should not share an interpreter with it. So ``newsprism serve``
starts one *brief maker* process beside the server (:class:`BackgroundBriefs`). It computes
the brief of every story whose stored brief is missing or stale, newest story first, stores
it (:mod:`newsprism.store.briefs`), and starts again whenever anything else commits to the
store (an ``ingest``, a ``watch``): a new report or an edit makes the story's fingerprint
change, so its brief is computed again. A story a reader asks for is computed next.

Meanwhile the story page says that its brief is being computed and refreshes itself
(:func:`newsprism.web.pages.computing_page`). Without a brief maker (:class:`WebApp` used as
a library or in tests) a story page computes its brief on the spot and stores it.

The maker runs at a lower scheduling priority than the server, and ends when the server
does (it checks that its parent is alive) or when told to.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing
import os
import queue
import sqlite3
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from newsprism.errors import MergedStoryError, NewsprismError, NotFoundError
from newsprism.ingest.outlets import OutletTable
from newsprism.model import Comparison, SourceFailure
from newsprism.store import Store
from newsprism.store.briefs import StoredBrief, save_brief, stale_stories, stored_brief, story_fingerprints

FAILED = "failed"
"""The page name under which a brief that could not be computed keeps its reason."""

RESCAN_AFTER = 2.0
"""Seconds between looks for stale briefs while other processes keep committing: finding
them reads every article's row id (tens of milliseconds at 20,000 articles), so an ingest
committing many times a second is not followed commit by commit."""

IDLE_WAIT = 1.0
"""Seconds the maker waits for a reader's request when nothing is stale, before it looks at
the store again."""

BRIEFS_KEPT = 64
"""Decoded briefs a web app keeps in memory (a brief's pages are some hundred kilobytes)."""

ASK_AGAIN_AFTER = 30.0
"""Seconds within which a story asked for again is not sent to the maker again: it is
already first in line, and a flood of requests must not fill the pipe to the maker."""

NICENESS = 19
"""How much lower the maker's scheduling priority is than the server's: the lowest there is,
so that on a busy machine the server's answers come first and the briefs after (at 5, a
brief being computed beside 50 readers and a writer put the story list's p95 over a
second on two cores)."""

_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""The maker's numerical libraries use one thread: a second would take the core the server
answers on."""


@dataclass(frozen=True)
class Wanted:
    """What a story page finds: the story's fresh stored brief, or why there is none."""

    brief: StoredBrief | None
    fingerprint: str | None
    """The story's fingerprint now; None when the story has no members (merged or unknown)."""


@functools.lru_cache(maxsize=8)
def brief_version(sources: OutletTable | None = None) -> str:
    """What a stored brief depends on besides its story: the versions of newsprism, of the
    annotator and of the JSON schema, and the source table it was labelled with. An upgrade
    or another table makes every stored brief stale."""
    from newsprism.annotate import ANNOTATOR_VERSION
    from newsprism.report.json import SCHEMA_VERSION

    try:
        package = version("newsprism")
    except PackageNotFoundError:  # run from a source tree that is not installed
        package = "source"
    table = hashlib.sha256(repr(sources.rows).encode("utf-8")).hexdigest()[:16] if sources else "none"
    return f"newsprism {package}; annotator {ANNOTATOR_VERSION}; schema {SCHEMA_VERSION}; sources {table}"


class KeptBriefs:
    """Stored briefs read lately, kept decoded by story and fingerprint: a story page asked
    for again costs the fingerprint's query, not a read and a decompression of every page,
    whatever else was committed meanwhile."""

    def __init__(self, kept: int = BRIEFS_KEPT) -> None:
        self._kept = kept
        self._briefs: OrderedDict[tuple[int, str], StoredBrief] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, story: int, fingerprint: str) -> StoredBrief | None:
        with self._lock:
            brief = self._briefs.get((story, fingerprint))
            if brief is not None:
                self._briefs.move_to_end((story, fingerprint))
            return brief

    def keep(self, brief: StoredBrief) -> None:
        with self._lock:
            self._briefs[(brief.story, brief.fingerprint)] = brief
            while len(self._briefs) > self._kept:
                self._briefs.popitem(last=False)


def fresh_brief(store: Store, story: int, sources: OutletTable | None = None, kept: KeptBriefs | None = None) -> Wanted:
    """The stored brief of ``story`` when it matches the story as it is now (from ``kept``
    when it holds it)."""
    fingerprint = story_fingerprints(store, brief_version(sources), story).get(story)
    if fingerprint is None:
        return Wanted(None, None)
    if kept is not None and (brief := kept.get(story, fingerprint)) is not None:
        return Wanted(brief, fingerprint)
    stored = stored_brief(store, story)
    fresh = stored if stored is not None and stored.fingerprint == fingerprint else None
    if fresh is not None and kept is not None:
        kept.keep(fresh)
    return Wanted(fresh, fingerprint)


Compare = Callable[[Store, int], Comparison]
"""How a story's members are compared (the stored story's comparison, unless told)."""


def stored_comparison(store: Store, story: int) -> Comparison:
    """The comparison of the members of a stored story (:func:`newsprism.corpus.story_comparison`)."""
    from newsprism.corpus import story_comparison

    return story_comparison(store, story)


def comparison_without(hidden: Collection[str]) -> Compare:
    """How to compare a stored story's members but those from the ``hidden`` outlets."""

    def compare(store: Store, story: int) -> Comparison:
        from newsprism.corpus import annotated_members
        from newsprism.pipeline import compare_articles
        from newsprism.settings import Settings

        settings = Settings()
        skipped: list[SourceFailure] = []
        members = [article for article in annotated_members(store, story, settings, skipped) if article.name not in hidden]
        if not members:
            raise NotFoundError(f"Every report of story {story} is from an outlet hidden here.", kind="story", key=story)
        return compare_articles(members, skipped, settings)

    return compare


def compute_brief(
    store: Store,
    story: int,
    fingerprint: str,
    compare: Compare = stored_comparison,
    sources: OutletTable | None = None,
    hidden: Collection[str] = (),
) -> StoredBrief:
    """Compare the members of ``story`` and render every page of its brief.

    ``fingerprint`` is the story's, read before comparing: a report that arrives meanwhile
    leaves the brief stale, to be computed again. A brief that cannot be computed is kept as
    its reason (page :data:`FAILED`), so it is not tried again until the story changes.
    Merged and unknown stories raise, as the page should say so. With ``sources``, each
    outlet carries its labels; the links offer to hide each outlet (or, with ``hidden``, to
    show them all again).
    """
    from newsprism.pipeline import label_outlets
    from newsprism.report import render
    from newsprism.report.html import brief_document
    from newsprism.web.assets import static_url

    started = time.perf_counter()
    try:
        comparison = compare(store, story)
    except (MergedStoryError, NotFoundError):
        raise
    except NewsprismError as error:
        return StoredBrief(story, fingerprint, {FAILED: str(error)}, time.perf_counter() - started)
    if sources is not None:
        comparison = label_outlets(comparison, sources)
    kept = f"?{urlencode([('hide', outlet) for outlet in sorted(hidden)])}" if hidden else ""
    links = [
        ("/", "← All stories"),
        (f"/stories/{story}.json{kept}", "JSON"),
        (f"/stories/{story}.md{kept}", "Markdown"),
        (f"/stories/{story}.txt{kept}", "Text"),
    ]
    if hidden:
        links.append((f"/stories/{story}", f"Show all outlets ({len(hidden)} hidden)"))
    outlets = list(dict.fromkeys(article.name for article in comparison.articles))
    if len(outlets) > 1:
        links += [(f"/stories/{story}?{urlencode([('hide', name) for name in sorted({*hidden, outlet})])}", f"Hide {outlet}") for outlet in outlets]
    document = brief_document(comparison, links, stylesheet=static_url("brief.css"))
    pages = {
        "html": document.html,
        "style": document.inline_style,
        "json": render(comparison, "json"),
        "markdown": render(comparison, "markdown"),
        "text": render(comparison, "text"),
    }
    return StoredBrief(story, fingerprint, pages, time.perf_counter() - started)


def make_brief(
    store: Store, story: int, compare: Compare = stored_comparison, sources: OutletTable | None = None
) -> StoredBrief:
    """The brief of ``story``: as stored when fresh, else computed now and stored."""
    found = fresh_brief(store, story, sources)
    if found.brief is not None:
        return found.brief
    if found.fingerprint is None:
        stored_comparison(store, story)  # raises the story's MergedStoryError or NotFoundError
        raise NotFoundError(f"No story {story}.", kind="story", key=story)
    brief = compute_brief(store, story, found.fingerprint, compare, sources)
    save_brief(store, brief)
    return brief


class BackgroundBriefs:
    """The brief maker process of one store: :meth:`start`, :meth:`want`, :meth:`stop`."""

    def __init__(self, db_path: str | Path, sources: OutletTable | None = None) -> None:
        context = multiprocessing.get_context("spawn")  # no threads or locks inherited
        self._wanted: Any = context.Queue()
        self._asked: dict[int, float] = {}
        self._lock = threading.Lock()
        self._process: BaseProcess = context.Process(
            target=_make_briefs, args=(str(db_path), self._wanted, os.getpid(), sources), name="newsprism briefs", daemon=True
        )

    def start(self) -> None:
        """Start computing the stale briefs of the store."""
        saved = {name: os.environ.get(name) for name in _ONE_THREAD}
        os.environ.update(dict.fromkeys(_ONE_THREAD, "1"))  # the new process starts with them
        try:
            self._process.start()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def want(self, story: int) -> None:
        """Compute the brief of ``story`` next (a reader is waiting for it). Asked again
        within :data:`ASK_AGAIN_AFTER` seconds (a page refreshing itself, many readers),
        it is not asked again."""
        now = time.monotonic()
        with self._lock:
            if now - self._asked.get(story, -ASK_AGAIN_AFTER) < ASK_AGAIN_AFTER:
                return
            self._asked[story] = now
            if len(self._asked) > 10_000:
                self._asked = {number: when for number, when in self._asked.items() if now - when < ASK_AGAIN_AFTER}
        self._wanted.put_nowait(story)

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def stop(self, seconds: float = 5.0) -> None:
        """Stop the maker (a brief being computed is lost, never half stored)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(seconds)
        self._wanted.cancel_join_thread()  # what the maker never read is dropped, not waited on
        self._wanted.close()


def _make_briefs(db_path: str, wanted: Any, parent: int, sources: OutletTable | None) -> None:
    """The maker's loop: wanted stories first, then stale ones; look again after commits."""
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    current = brief_version(sources)
    asked: list[int] = []
    pending: list[int] = []
    last_version: int | None = None
    last_scan = 0.0
    with Store.open(db_path) as store:
        while os.getppid() == parent:
            asked.extend(_drain(wanted))
            data_version = int(store.connection.execute("PRAGMA data_version").fetchone()[0])
            if data_version != last_version and time.monotonic() - last_scan >= RESCAN_AFTER:
                pending = stale_stories(store, current)
                last_version, last_scan = data_version, time.monotonic()
            story = asked.pop(0) if asked else pending.pop(0) if pending else None
            if story is None:
                asked.extend(_drain(wanted, IDLE_WAIT))
                continue
            _make_one(store, story, sources)


def _make_one(store: Store, story: int, sources: OutletTable | None) -> None:
    try:
        found = fresh_brief(store, story, sources)
        if found.brief is None and found.fingerprint is not None:
            save_brief(store, compute_brief(store, story, found.fingerprint, sources=sources))
    except (NewsprismError, sqlite3.Error) as error:  # merged meanwhile, or the store is busy: later
        print(f"newsprism: brief of story {story} not computed: {error}", file=sys.stderr)


def _drain(wanted: Any, wait: float = 0.0) -> list[int]:
    """Every story asked for so far, waiting up to ``wait`` seconds for the first."""
    stories: list[int] = []
    try:
        stories.append(int(wanted.get(timeout=wait) if wait else wanted.get_nowait()))
        while True:
            stories.append(int(wanted.get_nowait()))
    except queue.Empty:
        pass
    except (EOFError, OSError):  # the server is gone
        pass
    return stories
