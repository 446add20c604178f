"""Writers side by side, as real processes: one writes at a time, none dies, nothing is lost.

Before the writer lock, a second ``ingest`` on one store died half-way with
``UNIQUE constraint failed: stories.id`` (both allotted the same new story id).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.errors import StoreBusyError
from newsprism.store import Store
from newsprism.store.lock import writer_lock

TOPICS = (
    "the council of {place} voted on a budget of {n} million for roads and schools",
    "floods closed the main bridge of {place} after {n} millimetres of rain fell overnight",
    "workers at the {place} port went on strike over pay, and {n} ships waited offshore",
    "the {place} hospital opened a new wing with {n} beds after years of delays",
)
PLACES = ("Arden", "Bexley", "Corran", "Dunmore", "Elstow", "Farley")


def _write_reports(folder: Path, prefix: str, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        place = PLACES[(number // len(TOPICS)) % len(PLACES)]
        text = f"Report {prefix}{number}\n\n" + (
            f"{topic.format(place=place, n=number + 3).capitalize()}. "
            f"Officials in {place} said on Monday that item {prefix}{number} would be reviewed. "
            f"Residents were told to expect more news about report {prefix}{number} soon."
        )
        (folder / f"{prefix}{number:03}.txt").write_text(text, encoding="utf-8")


def _newsprism(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "newsprism", *arguments]


def _partition(path: Path) -> set[frozenset[str]]:
    """Which articles share a story, by article id (story numbers may differ)."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT story, id FROM articles").fetchall()
    stories: dict[int, set[str]] = {}
    for story, article in rows:
        stories.setdefault(story, set()).add(Path(article).name)
    return {frozenset(members) for members in stories.values()}


def _assert_intact(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_two_ingests_at_once_both_finish_and_match_one_after_the_other(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _write_reports(first, "a", 400)
    _write_reports(second, "b", 400)
    shared = tmp_path / "shared.db"
    Store.open(shared).close()
    environment = {**os.environ, "NEWSPRISM_DB": str(shared)}
    runs = [
        subprocess.Popen(_newsprism("ingest", str(folder)), env=environment, stderr=subprocess.PIPE, text=True)
        for folder in (first, second)
    ]
    # A reader meanwhile: the story list stays readable while a writer writes.
    listed = subprocess.run(
        _newsprism("stories", "--format", "json"), env=environment, capture_output=True, text=True, timeout=120
    )
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert listed.returncode == 0 and isinstance(json.loads(listed.stdout)["stories"], list), listed.stderr
    assert all("Traceback" not in error for error in errors)
    waited = [index for index, error in enumerate(errors) if "waiting for pid" in error]
    assert len(waited) <= 1
    _assert_intact(shared)

    # The same reports ingested one folder after the other, in the order the lock gave.
    order = (first, second) if waited != [0] else (second, first)
    alone = tmp_path / "alone.db"
    for folder in order:
        subprocess.run(_newsprism("ingest", "--db", str(alone), str(folder)), check=True, timeout=300)
    partition = _partition(shared)
    assert sum(len(members) for members in partition) == 800
    assert partition == _partition(alone)


def test_a_second_writer_waits_and_names_the_holder(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder, "c", 6)
    path = tmp_path / "held.db"
    Store.open(path).close()
    with writer_lock(path):
        run = subprocess.Popen(
            _newsprism("ingest", "--db", str(path), str(folder)), stderr=subprocess.PIPE, text=True
        )
        time.sleep(3)
        assert run.poll() is None, "the second writer did not wait"
    error = run.communicate(timeout=120)[1]
    assert run.returncode == 0, error
    assert f"waiting for pid {os.getpid()}" in error
    with Store.open(path) as store:
        assert store.connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_no_wait_fails_at_once_with_one_line_and_exit_four(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder, "d", 3)
    path = tmp_path / "busy.db"
    Store.open(path).close()
    with writer_lock(path):
        started = time.monotonic()
        run = subprocess.run(
            _newsprism("ingest", "--no-wait", "--db", str(path), str(folder)),
            capture_output=True, text=True, timeout=120,
        )
        assert time.monotonic() - started < 60
    assert run.returncode == 4
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and f"pid {os.getpid()}" in lines[0] and "--no-wait" in lines[0]
    with Store.open(path) as store:
        assert store.connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_the_lock_is_reentrant_within_a_store_and_exclusive_across_processes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    probe = (
        "import sys; from pathlib import Path; from newsprism.store.lock import writer_lock\n"
        "from newsprism.errors import StoreBusyError\n"
        "try:\n    with writer_lock(Path(sys.argv[1]), wait=False): print('got it')\n"
        "except StoreBusyError as error: print('busy:', error)\n"
    )
    with Store.open(path) as store, store.writing(), store.writing():
        held = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
        assert held.stdout.startswith("busy:")
    free = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    assert free.stdout.strip() == "got it"
    with pytest.raises(StoreBusyError), writer_lock(path), writer_lock(path, wait=False):
        pass
