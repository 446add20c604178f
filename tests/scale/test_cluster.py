"""Ingest and annotate-store on a real Dask ``LocalCluster`` of worker processes.

The store must be identical whatever the number of workers (same row ids, stories, copy
groups, annotations), and stay so when a worker is killed mid-run; an input that kills
every worker it reaches becomes one recorded failure and the rest goes on; SIGTERM of the
main process stops it cleanly (no worker left behind) and a rerun completes the store.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import psutil
import pytest
from distributed import Client, WorkerPlugin

from newsprism.cluster.copies import content_hash
from newsprism.corpus import ingest_sources
from newsprism.errors import StoreBusyError
from newsprism.ingest.options import Ingested
from newsprism.scale import annotate_store, connect, ingest_on_cluster
from newsprism.settings import ScaleSettings, Settings
from newsprism.store import Store
from newsprism.store.lock import writer_lock
from scale.ecb import store_picture, write_ecb

CHEAP_ARTICLES = 300
ANNOTATED_ARTICLES = 28
# Small batches, so that a few hundred articles make many batches, in flight at once.
SCALE = ScaleSettings(annotated_batch_articles=4, cheap_batch_articles=25, allowed_failures=1)
SETTINGS = Settings(scale=SCALE)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    return {
        "cheap": write_ecb(folder / "cheap.jsonl", CHEAP_ARTICLES),
        # Articles from the whole file, several topics, so stories and copies form.
        "annotated": write_ecb(folder / "annotated.jsonl", ANNOTATED_ARTICLES, start=300),
    }


@pytest.fixture(scope="module")
def expected(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The stores an in-process ingest makes of each input."""
    folder = tmp_path_factory.mktemp("in-process")
    pictures = {}
    for name, source in inputs.items():
        with Store.open(folder / f"{name}.db") as store:
            ingest_sources(store, [str(source)], settings=SETTINGS, annotate=name == "annotated")
        pictures[name] = store_picture(folder / f"{name}.db")
    return pictures


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(workers=2, settings=SCALE) as client:
        yield client


def _ingest(client: Client, db: Path, source: Path, annotate: bool, **arguments: Any) -> dict[str, Any]:
    client.wait_for_workers(2, timeout=60)
    with Store.open(db) as store:
        summary = ingest_on_cluster(store, [str(source)], client, settings=SETTINGS, annotate=annotate, **arguments)
    assert summary.new + summary.duplicate + summary.failed_total > 0
    return store_picture(db)


def test_one_and_two_workers_make_the_store_an_in_process_ingest_makes(
    client: Client, inputs: dict[str, Path], expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    assert len(expected["cheap"]["articles"]) == CHEAP_ARTICLES
    assert len({row[2] for row in expected["cheap"]["articles"]}) > 10  # many stories
    annotated = expected["annotated"]
    assert len(annotated["annotations"]) == len(annotated["articles"]) > ANNOTATED_ARTICLES - 5
    for name, source in inputs.items():
        assert _ingest(client, tmp_path / f"two-{name}.db", source, name == "annotated") == expected[name]
    with connect(workers=1, settings=SCALE) as alone:
        alone.wait_for_workers(1, timeout=60)
        with Store.open(tmp_path / "one.db") as store:
            ingest_on_cluster(store, [str(inputs["cheap"])], alone, settings=SETTINGS)
    assert store_picture(tmp_path / "one.db") == expected["cheap"]


def test_a_worker_killed_mid_run_changes_nothing_in_the_store(
    client: Client, inputs: dict[str, Path], expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    client.wait_for_workers(2, timeout=60)
    before = set(client.run(os.getpid).values())
    stored = [0]

    def kill_one_worker_once() -> bool:
        stored[0] += 1
        if stored[0] == 8:
            os.kill(min(before), signal.SIGKILL)
        return False

    picture = _ingest(client, tmp_path / "killed.db", inputs["annotated"], True, stop=kill_one_worker_once)
    assert picture == expected["annotated"]
    client.wait_for_workers(2, timeout=60)
    assert min(before) not in set(client.run(os.getpid).values())  # it did die, and was replaced


class _KillOnPoison(WorkerPlugin):
    """A worker that starts a task holding the poison article dies at once (as from a
    crash in a parser): the fault is injected into real processes; newsprism is untouched."""

    name = "kill-on-poison"

    def __init__(self, poison: str) -> None:
        self.poison = poison

    def setup(self, worker: Any) -> None:
        self.worker = worker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing":
            return
        arguments = getattr(self.worker.state.tasks[key].run_spec, "args", ())
        units = arguments[0] if arguments else []
        if any(isinstance(unit, Ingested) and unit.article.id == self.poison for unit in units):
            os._exit(1)


def test_an_input_that_kills_workers_is_one_recorded_failure_and_the_rest_is_stored(
    expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    rows = expected["cheap"]["articles"][:60]
    poison = rows[30][1]
    source = write_ecb(tmp_path / "sixty.jsonl", 60)
    db = tmp_path / "poisoned.db"
    # A cluster of its own: four deaths in a row leave the others' cluster alone.
    with connect(workers=2, settings=SCALE) as client:
        client.wait_for_workers(2, timeout=60)
        client.register_plugin(_KillOnPoison(poison))
        with Store.open(db) as store:
            summary = ingest_on_cluster(store, [str(source)], client, settings=SETTINGS)
    assert summary.new == 59 and summary.failed_total == 1
    picture = store_picture(db)
    assert [row[1] for row in picture["articles"]] == [row[1] for row in rows if row[1] != poison]
    (failure,) = picture["failures"]
    assert f"article {poison!r}" in failure[1] and "killed the workers" in failure[1] and "\n" not in failure[1]


def test_annotate_store_fills_in_missing_and_outdated_annotations_under_the_writer_lock(
    client: Client, inputs: dict[str, Path], expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    db = tmp_path / "later.db"
    with Store.open(db) as store:
        ingest_sources(store, [str(inputs["annotated"])], settings=SETTINGS)
        with writer_lock(db), pytest.raises(StoreBusyError):
            annotate_store(store, SETTINGS, client, wait=False)
        client.wait_for_workers(2, timeout=60)
        stored = len(expected["annotated"]["articles"])
        assert annotate_store(store, SETTINGS, client).annotated == stored
        assert store_picture(db) == expected["annotated"]
        store.connection.execute("UPDATE annotations SET annotator_version = 'old' WHERE article % 3 = 0")
        redone = annotate_store(store, SETTINGS)  # in-process this time
        assert redone.annotated == stored // 3 and redone.failed_total == 0
        assert annotate_store(store, SETTINGS).annotated == 0
    assert store_picture(db) == expected["annotated"]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_sigterm_stops_a_cluster_ingest_cleanly_and_a_rerun_completes_the_store(
    inputs: dict[str, Path], expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[scale]\nannotated_batch_articles = 4\ncheap_batch_articles = 25\nallowed_failures = 1\n")
    db = tmp_path / "stopped.db"
    command = [sys.executable, "-m", "newsprism", "ingest", str(inputs["annotated"]), "--db", str(db),
               "--annotate", "--settings", str(settings)]
    run = subprocess.Popen([*command, "--workers", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while _stored(db) < 8:
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    family = psutil.Process(run.pid).children(recursive=True)
    assert len(family) >= 2  # the workers (and their nannies)
    run.send_signal(signal.SIGTERM)
    error = run.communicate(timeout=60)[1]
    assert run.returncode == 0, error
    assert "stopping (SIGTERM)" in error
    _, alive = psutil.wait_procs(family, timeout=20)
    assert alive == []  # no worker outlives the ingest
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = connection.execute("SELECT text, content_hash FROM articles").fetchall()
        assert all(content_hash(text) == digest for text, digest in stored)
        annotated = connection.execute("SELECT count(*) FROM annotations").fetchone()[0]
    total = len(expected["annotated"]["articles"])
    assert 8 <= len(stored) < total and annotated == len(stored)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - len(stored)} new" in rerun.stderr
    assert store_picture(db) == expected["annotated"]


def test_cluster_settings_are_checked_before_anything_starts() -> None:
    from newsprism.errors import UsageError

    with pytest.raises(UsageError), connect(workers=2, scheduler="tcp://127.0.0.1:1"):
        pass
    with pytest.raises(UsageError), connect():
        pass


def test_joining_a_running_scheduler_reads_files_here_or_on_the_workers_to_one_store(
    client: Client, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    source = write_ecb(tmp_path / "some.jsonl", 30, start=600)
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines()):
        (folder / f"{number:02}.json").write_text(line, encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    with Store.open(tmp_path / "alone.db") as store:
        ingest_sources(store, [str(folder)], settings=SETTINGS)
    expected = store_picture(tmp_path / "alone.db")
    assert len(expected["articles"]) >= 25 and len(expected["failures"]) == 1
    client.wait_for_workers(2, timeout=60)
    with connect(scheduler=client.scheduler.address) as joined:
        for files_on_workers in (False, True):
            db = tmp_path / f"joined-{files_on_workers}.db"
            with Store.open(db) as store:
                ingest_on_cluster(store, [str(folder)], joined, settings=SETTINGS, files_on_workers=files_on_workers)
            assert store_picture(db) == expected


def test_a_cluster_without_any_worker_ends_the_run_with_one_clear_error(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from newsprism.errors import NewsprismError

    source = write_ecb(tmp_path / "few.jsonl", 5)
    settings = Settings(scale=replace(SCALE, no_worker_patience=1.0))
    with LocalCluster(n_workers=0, dashboard_address=None) as empty, Client(empty) as lonely:
        with Store.open(tmp_path / "nothing.db") as store, pytest.raises(NewsprismError, match="no Dask worker"):
            ingest_on_cluster(store, [str(source)], lonely, settings=settings)
        with Store.open(tmp_path / "nothing.db") as store:
            assert store.article_count() == 0
