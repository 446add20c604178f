"""`newsprism serve`: a real process serving the store over HTTP, stopped with Ctrl+C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main


def test_serve_answers_over_http_and_stops_on_interrupt(web_store: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--db", str(web_store), "--port", "0", "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, line
        with urllib.request.urlopen(address.group(0), timeout=30) as response:
            assert response.status == 200
            assert "Kestrel Bridge" in response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def test_serve_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3, "a missing store is a thing not found"
    assert "No store at" in result.output and "newsprism ingest" in result.output
    assert not (tmp_path / "none.db").exists()
