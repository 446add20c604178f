"""``newsprism watch`` as a reader runs it: feeds named by OPML lists (a file and a URL),
``--status`` after a pass, ``--interval`` as the base, and one-line errors for bad lists.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

from newsprism.settings import Settings

from .newsroom import Newsroom, story_text


def _newsprism(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsprism", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _opml(*feeds: str) -> str:
    outlines = "".join(f"<outline text='feed' xmlUrl={quoteattr(feed)}/>" for feed in feeds)
    return f"<?xml version='1.0'?><opml version='2.0'><head/><body><outline text='news'>{outlines}</outline></body></opml>"


def _two_feeds(room: Newsroom) -> tuple[str, str]:
    for number in range(4):
        room.article(f"/a{number}", f"Bridge closure {number}", *story_text(f"bridge closure {number}", number))
    first = room.feed("/first.xml", [("Bridge 0", "/a0"), ("Bridge 1", "/a1")])
    second = room.feed("/second.xml", [("Bridge 2", "/a2"), ("Bridge 3", "/a3")])
    return first, second


def _fast(folder: Path) -> str:
    path = folder / "fast.toml"
    path.write_text("[watch]\nhost_delay = 0.0\n", encoding="utf-8")
    return str(path)


def test_an_opml_file_and_an_opml_url_name_the_feeds_and_status_reports_each(newsroom: Newsroom, tmp_path: Path) -> None:
    first, second = _two_feeds(newsroom)
    listing = tmp_path / "feeds.opml"
    listing.write_text(_opml(first), encoding="utf-8")
    served = newsroom.put("/more.opml", _opml(second, first), content_type="text/x-opml")
    db = tmp_path / "news.db"

    run = _newsprism("watch", str(listing), served, "--once", "--db", str(db), "--settings", _fast(tmp_path))

    assert run.returncode == 0, run.stderr
    summary = [line for line in run.stderr.splitlines() if "watch pass:" in line]
    assert len(summary) == 1 and "2 feeds checked" in summary[0] and "4 new articles" in summary[0]
    assert len(newsroom.seen("/first.xml")) == 1  # named twice, asked once

    status = _newsprism("watch", "--status", "--db", str(db))
    assert status.returncode == 0, status.stderr
    for feed in (first, second):
        block = status.stdout.split(feed, 1)[1].split("\n    ", 3)
        assert "last check 20" in block[1] and "last new item 20" in block[1] and "next check 20" in block[1]
        assert "2 new items" in block[2] and "no errors" in block[2]
    assert "4 articles tracked" in status.stdout


def test_interval_sets_the_base_and_a_failing_feed_shows_its_errors_in_status(newsroom: Newsroom, tmp_path: Path) -> None:
    first, _ = _two_feeds(newsroom)
    broken = newsroom.put("/broken.xml", "oops", status=500)
    db = tmp_path / "news.db"

    run = _newsprism("watch", first, broken, "--once", "--interval", "120", "--db", str(db), "--settings", _fast(tmp_path))

    assert run.returncode == 1  # one feed failed: the rest was stored, and the exit code says so
    assert "1 failed" in run.stderr and "2 new articles" in run.stderr
    status = _newsprism("watch", "--status", "--db", str(db)).stdout
    healthy = status.split(first, 1)[1].split("\n", 3)[2]
    assert f"every {120 * Settings().watch.busier_factor:.0f} s now" in healthy  # a feed with news: busier than the base
    failing = status.split(broken, 1)[1].split("\n", 3)[2]
    assert "every 120 s now" in failing and "1 error in a row" in failing and "500" in failing


def test_a_list_that_is_not_opml_is_one_line_and_exit_2(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.opml"
    listing.write_text("<html><body>not a list</body></html>", encoding="utf-8")

    run = _newsprism("watch", str(listing), "--once", "--db", str(tmp_path / "news.db"))

    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(listing) in lines[0] and "not an OPML list" in lines[0]
