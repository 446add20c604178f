"""One writer at a time: the lock a process holds while it adds articles to a store.

SQLite keeps every transaction whole, but ingest also keeps indexes in memory (copies,
stories, story ids) built from what was stored when it started. Two ingests at once would
each extend their own picture and collide (a story id allotted twice). So a writer holds an
exclusive ``flock`` on ``<store>.lock`` for the whole run, and builds its indexes only once
it holds it. A second writer waits, told who holds the lock, or with ``wait=False`` fails
at once. Readers (``show``, ``stories``, ``serve``) never take the lock: WAL mode lets them
read while a writer writes.

The operating system drops the lock when its process ends, however it ends (a kill -9
included), so a crashed writer never leaves the store locked. The lock file holds the
holder's pid, command and start time, only to name it to whoever waits.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsprism.errors import StoreBusyError, StoreError

__all__ = ["lock_path", "writer_lock"]

POLL_SECONDS = 0.2
"""How often a waiting writer tries the lock again."""


def lock_path(store: Path) -> Path:
    """The lock file beside a store: ``news.db`` -> ``news.db.lock``."""
    return store.with_name(store.name + ".lock")


@contextmanager
def writer_lock(
    store: Path,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the store's writer lock for the block.

    When another process holds it: with ``wait``, ``on_wait`` is told once who holds it
    and the call blocks until it is free; without, :class:`StoreBusyError` names the holder.
    """
    path = lock_path(store)
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreError(f"cannot create the lock file {path}: {error.strerror}", path=store) from error
    try:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if not wait:
                    raise StoreBusyError(
                        f"the store {store} is being written by {holder}; run again when it "
                        "is done, or without --no-wait to wait for it",
                        path=store,
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"waiting for {holder} to finish writing to {store}")
                    told = True
                time.sleep(POLL_SECONDS)
        _write_holder(handle)
        try:
            yield
        finally:
            os.ftruncate(handle, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _write_holder(handle: int) -> None:
    program = Path(sys.argv[0]).name.replace("__main__.py", "newsprism") if sys.argv and sys.argv[0] else "python"
    command = " ".join([program, *sys.argv[1:2]])
    started = datetime.now(UTC).isoformat(timespec="seconds")
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"pid {os.getpid()} ({command}) since {started}".encode(), 0)


def _holder(handle: int) -> str:
    """Who holds the lock, as its holder wrote it (or "another process")."""
    text = os.pread(handle, 300, 0).decode("utf-8", "replace").strip()
    return text or "another process"
