"""The long-running writer beside the others, as real processes.

``watch`` (feeds from a real local newsroom) and ``ingest`` (files) write one store at the
same time while ``serve`` answers readers: every process ends with exit code 0, nothing is
lost, the store is sound, and every page asked for meanwhile was answered. Then ``watch`` is
killed with SIGKILL at ten random moments; after each kill the store is sound and the next
``watch --once`` completes it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from watch.newsroom import Newsroom, serving
from watch.test_stop_and_kill import _assert_sound, _publish, _settings, _stored

from .test_writers import _newsprism, _write_reports

FEED_ARTICLES = 30
FILES = 200
KILLS = 10


def _serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(_newsprism("serve", "--db", str(db), "--port", "0", "--quiet"),
                              stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()
    address = line[line.index("http://"):].split()[0].rstrip("/")
    return server, address


def test_watch_ingest_and_serve_side_by_side(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    _write_reports(folder, "s", FILES)
    db = tmp_path / "shared.db"
    subprocess.run(_newsprism("ingest", str(folder / "s000.txt"), "--db", str(db)), check=True, timeout=120)
    with serving(Newsroom()) as room:
        feed = _publish(room, FEED_ARTICLES, delay=0.05)
        server, address = _serve(db)
        answered: list[int] = []
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                with urllib.request.urlopen(address + "/", timeout=30) as response:
                    answered.append(response.status)
                time.sleep(0.05)

        reader = threading.Thread(target=read)
        reader.start()
        watch = subprocess.Popen(
            _newsprism("watch", "--db", str(db), "--once", "--settings", str(_settings(tmp_path)), feed),
            stderr=subprocess.PIPE, text=True,
        )
        ingest = subprocess.Popen(_newsprism("ingest", str(folder), "--db", str(db)), stderr=subprocess.PIPE, text=True)
        watched, ingested = watch.communicate(timeout=300), ingest.communicate(timeout=300)
        stop.set()
        reader.join()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert watch.returncode == 0, watched[1]
    assert ingest.returncode == 0, ingested[1]
    assert "Traceback" not in watched[1] + ingested[1]
    assert _assert_sound(db) == FILES + FEED_ARTICLES
    assert answered and set(answered) == {200}


def test_watch_killed_at_ten_random_moments_resumes_to_every_article(tmp_path: Path) -> None:
    chance = random.Random(13)
    with serving(Newsroom()) as room:
        feed = _publish(room, FEED_ARTICLES, delay=0.01)
        settings = _settings(tmp_path)
        killed_with = []
        for number in range(KILLS):
            db = tmp_path / f"watched-{number}.db"
            run = subprocess.Popen(_newsprism("watch", "--db", str(db), "--settings", str(settings), feed),
                                   stderr=subprocess.DEVNULL)
            if number < 3:  # at a random time from start-up on
                time.sleep(chance.uniform(0.0, 2.5))
            else:  # once a random number of articles is stored
                wanted, deadline = chance.randint(1, FEED_ARTICLES - 1), time.monotonic() + 120
                while _stored(db) < wanted and time.monotonic() < deadline:
                    time.sleep(0.002)
            os.kill(run.pid, signal.SIGKILL)
            run.wait(timeout=10)
            killed_with.append(_assert_sound(db) if db.exists() else 0)
            rerun = subprocess.run(
                _newsprism("watch", "--db", str(db), "--once", "--settings", str(settings), feed),
                capture_output=True, text=True, timeout=120,
            )
            assert rerun.returncode == 0, rerun.stderr
            assert _assert_sound(db) == FEED_ARTICLES, f"run {number}, killed with {killed_with[-1]} stored"
    print("stored when killed:", killed_with)
    assert sum(0 < stored < FEED_ARTICLES for stored in killed_with) >= 4, killed_with
