"""``newsprism annotate-store`` as a real process beside another writer: it waits for the
writer lock, names who holds it, then annotates everything and exits 0."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsprism.corpus import ingest_sources
from newsprism.store import Store
from newsprism.store.lock import writer_lock
from scale.ecb import write_ecb


def test_annotate_store_waits_for_the_writer_then_annotates_every_article(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        summary = ingest_sources(store, [str(write_ecb(tmp_path / "six.jsonl", 6))])
    with writer_lock(db):
        run = subprocess.Popen(
            [sys.executable, "-m", "newsprism", "annotate-store", "--db", str(db)], stderr=subprocess.PIPE, text=True
        )
        assert run.stderr is not None
        first = run.stderr.readline()
        assert f"waiting for pid {os.getpid()}" in first
        assert run.poll() is None
    rest = run.communicate(timeout=300)[1]
    assert run.returncode == 0, rest
    assert f"{summary.new} annotated, 0 failed" in rest
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM annotations").fetchone()[0] == summary.new
