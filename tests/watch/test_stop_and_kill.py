"""``newsprism watch`` as a real process: SIGTERM stops it cleanly with exit code 0, and a
SIGKILL at any moment leaves a sound store from which the next run finishes the job.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsprism.cluster.copies import content_hash

from .newsroom import Newsroom, story_text

ARTICLES = 40


def _settings(folder: Path) -> Path:
    path = folder / "fast.toml"
    path.write_text("[watch]\nhost_delay = 0.0\n", encoding="utf-8")
    return path


def _publish(room: Newsroom, count: int, delay: float) -> str:
    items = []
    for number in range(count):
        path = f"/story{number}"
        room.article(path, f"Harbour fire report {number}", *story_text(f"harbour fire {number}", number))
        room.pages[path].delay = delay
        items.append((f"Harbour fire {number}", path))
    return room.feed("/feed.xml", items)


def _watch(db: Path, *arguments: str, stderr: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsprism", "watch", "--db", str(db), *arguments]
    with stderr.open("wb") as sink:
        return subprocess.Popen(command, stderr=sink, stdout=subprocess.DEVNULL)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_for(condition: object, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.01)


def _assert_sound(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for text, digest in connection.execute("SELECT text, content_hash FROM articles"):
            assert content_hash(text) == digest
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_sigterm_between_passes_stops_at_once_with_exit_code_0(newsroom: Newsroom, tmp_path: Path) -> None:
    feed = _publish(newsroom, 3, delay=0.0)
    db, log = tmp_path / "news.db", tmp_path / "stderr.txt"
    run = _watch(db, feed, "--settings", str(_settings(tmp_path)), stderr=log)
    _wait_for(lambda: "watch pass:" in log.read_text(encoding="utf-8"))
    started = time.monotonic()
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=10) == 0
    assert time.monotonic() - started < 5
    assert "watch stopped" in log.read_text(encoding="utf-8")
    assert _assert_sound(db) == 3


def test_sigterm_mid_batch_finishes_the_current_article_and_the_next_run_stores_the_rest(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    feed = _publish(newsroom, ARTICLES, delay=0.0)
    db, log = tmp_path / "news.db", tmp_path / "stderr.txt"
    settings = _settings(tmp_path)
    # Pages are fetched before the batch is stored: stop it while the pages are read.
    slow = f"/story{ARTICLES // 2}"
    newsroom.pages[slow].delay = 1.0
    asked = threading.Event()
    newsroom.on_request[slow] = asked.set
    run = _watch(db, feed, "--settings", str(settings), stderr=log)
    assert asked.wait(60)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=20) == 0
    stored = _assert_sound(db)
    assert stored < ARTICLES
    rerun = subprocess.run(
        [sys.executable, "-m", "newsprism", "watch", "--db", str(db), "--once", "--settings", str(settings), feed],
        capture_output=True, text=True, timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _assert_sound(db) == ARTICLES


def test_sigkill_mid_batch_leaves_a_sound_store_and_the_next_run_resumes(newsroom: Newsroom, tmp_path: Path) -> None:
    feed = _publish(newsroom, ARTICLES, delay=0.0)
    db, log = tmp_path / "news.db", tmp_path / "stderr.txt"
    settings = _settings(tmp_path)
    run = _watch(db, feed, "--settings", str(settings), stderr=log)
    _wait_for(lambda: _stored(db) >= ARTICLES // 3)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=10)
    stored = _assert_sound(db)
    assert 0 < stored <= ARTICLES
    rerun = subprocess.run(
        [sys.executable, "-m", "newsprism", "watch", "--db", str(db), "--once", "--settings", str(settings), feed],
        capture_output=True, text=True, timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _assert_sound(db) == ARTICLES
    with sqlite3.connect(db) as connection:
        tracked = connection.execute("SELECT count(*) FROM tracked_articles").fetchone()[0]
        urls = connection.execute("SELECT count(DISTINCT normalised_url) FROM articles").fetchone()[0]
    assert tracked == ARTICLES and urls == ARTICLES
