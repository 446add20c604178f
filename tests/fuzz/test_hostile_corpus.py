"""The hostile corpus (``tests/data/hostile``) through the real command line and the web app.

Every file is given to ``newsprism brief`` and ``newsprism ingest`` (a fresh store), every
story stored is shown, and every page of the web app over that store is asked for. Each
command ends with a documented exit code and no traceback; each refused input is named on one
line with its reason (``brief`` on stderr, ``ingest`` in ``newsprism errors``); the store is
consistent afterwards.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from newsprism.cli import EXIT_NOT_FOUND, EXIT_OK, EXIT_SOURCE_FAILED, EXIT_USAGE
from newsprism.ingest import normalise_text
from newsprism.store import Store, story_summaries
from newsprism.web import create_app

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
NOT_SOURCES = (".py", ".csv", ".toml")

REFUSED = {
    "empty.txt": "empty file",
    "whitespace-only.txt": "empty file",
    "binary-junk.txt": "binary file, not text",
    "png-header.html": "binary file, not text",
    "script-only.html": "no article text found in the HTML",
    "deep-nested.html": "no article text found in the HTML",
    "malformed.rss": "malformed feed",
    "malformed.atom": "malformed feed",
    "xxe.xml": "feed declares XML entities; refused as unsafe",
    "billion-laughs.xml": "feed declares XML entities; refused as unsafe",
    "truncated.warc": "corrupt or truncated WARC",
    "truncated.warc.gz": "corrupt or truncated WARC",
    "deep-json.json": "invalid JSON: nested too deeply",
    "broken.jsonl": "invalid JSON",
    "wrong-types.jsonl": "must be a string",
}
"""Each input refused whole or in part, and what its reason says."""
READ = {"good-report.txt", "résumé-北京-📰.txt", "utf16-bom.txt", "invalid-utf8.txt", "broken.jsonl", "truncated.warc", "wrong-types.jsonl"}
"""Inputs that give at least one article (some also have refused parts)."""


def load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed corpus and the large inputs made at test time, in one folder."""
    folder = tmp_path_factory.mktemp("hostile")
    for path in HOSTILE.iterdir():
        if path.is_file() and path.suffix != ".py":
            shutil.copy(path, folder / path.name)
    load_maker().write_large(folder)
    return folder


def sources(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.endswith(NOT_SOURCES))


def newsprism(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line in ``folder``; its stderr holds no traceback."""
    environment = {key: value for key, value in os.environ.items() if key != "NEWSPRISM_DB"}
    result = subprocess.run(
        [sys.executable, "-m", "newsprism", *arguments], cwd=folder, capture_output=True, text=True,
        encoding="utf-8", env=environment, timeout=120, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert all(line.startswith("newsprism: ") for line in result.stderr.splitlines()), result.stderr
    return result


def assert_each_refusal_named(lines: list[str], pattern: str) -> None:
    """One line per refused input, naming it (or its record) with the reason."""
    for name, reason in REFUSED.items():
        named = [line for line in lines if re.search(pattern.format(name=re.escape(name)), line)]
        assert named, f"{name} is not named in:\n" + "\n".join(lines)
        assert any(reason in line for line in named), (name, reason, named)


def test_the_committed_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    written = load_maker().write_corpus(tmp_path)
    for path in written:
        assert (HOSTILE / path.name).read_bytes() == path.read_bytes(), f"rerun make_hostile.py: {path.name} differs"
        assert path.stat().st_size < 100_000, path.name
    assert set(sources(tmp_path)) | {"deep-nested.html"} == set(REFUSED) | READ


def test_brief_reads_what_it_can_and_names_every_refused_input(corpus: Path) -> None:
    result = newsprism(corpus, "brief", *sources(corpus))
    assert result.returncode == EXIT_SOURCE_FAILED
    assert result.stdout.strip()
    assert_each_refusal_named(result.stderr.splitlines(), r"^newsprism: skipped {name}(:\d+)?: ")


def test_brief_names_a_bad_sidecar_and_a_bad_settings_file(corpus: Path) -> None:
    meta = newsprism(corpus, "brief", "good-report.txt", "--meta", "meta-bad-date.csv")
    assert meta.returncode == EXIT_SOURCE_FAILED
    assert meta.stderr.splitlines() == ["newsprism: error: meta-bad-date.csv: row 1: unreadable published date 'not a date'"]
    settings = newsprism(corpus, "brief", "good-report.txt", "--settings", "settings-wrong-type.toml")
    assert settings.returncode == EXIT_USAGE
    assert len(settings.stderr.splitlines()) == 1 and "settings-wrong-type.toml" in settings.stderr


@pytest.fixture(scope="module")
def store_path(corpus: Path) -> Path:
    """The corpus ingested into a fresh store by the real command."""
    result = newsprism(corpus, "ingest", "--db", "hostile.db", *sources(corpus))
    assert result.returncode == EXIT_SOURCE_FAILED
    assert len(result.stderr.splitlines()) == 1 and re.match(r"newsprism: \d+ new, \d+ duplicate, \d+ failed", result.stderr)
    return corpus / "hostile.db"


def test_ingest_records_every_refused_input_and_errors_names_it(corpus: Path, store_path: Path) -> None:
    result = newsprism(corpus, "errors", "--db", str(store_path))
    assert result.returncode == EXIT_OK
    assert_each_refusal_named(result.stdout.splitlines(), r"  {name}(:\d+)?: ")


def test_the_store_is_consistent_after_hostile_input(corpus: Path, store_path: Path) -> None:
    with Store.open(store_path) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = list(store.index_rows())
        articles = [store.article(row.rowid) for row in rows]
        summaries = story_summaries(store)
    assert articles, "the readable inputs are stored"
    assert {Path(article.source).name for article in articles} <= READ
    for article in articles:
        assert article.text and normalise_text(article.text) == article.text
    assert {row.story for row in rows} == {summary.id for summary in summaries}
    assert sum(len(summary.articles) for summary in summaries) == len(articles)
    again = newsprism(corpus, "ingest", "--db", str(store_path), *sources(corpus))
    assert again.returncode == EXIT_SOURCE_FAILED
    assert again.stderr.startswith("newsprism: 0 new,"), again.stderr


def story_ids(corpus: Path, store_path: Path) -> list[int]:
    result = newsprism(corpus, "stories", "--db", str(store_path), "--format", "json")
    assert result.returncode == EXIT_OK
    return [story["id"] for story in json.loads(result.stdout)["stories"]]


def test_show_renders_every_stored_story(corpus: Path, store_path: Path) -> None:
    ids = story_ids(corpus, store_path)
    assert ids
    for story in ids:
        for fmt in ("text", "json"):
            result = newsprism(corpus, "show", str(story), "--db", str(store_path), "--format", fmt)
            assert result.returncode == EXIT_OK, result.stderr
            assert result.stdout.strip()
    missing = newsprism(corpus, "show", "999999", "--db", str(store_path))
    assert missing.returncode == EXIT_NOT_FOUND
    assert len(missing.stderr.splitlines()) == 1


def call(app: Any, path: str) -> tuple[str, str]:
    """The web app called as WSGI, as ``tests/web`` does: (status, body)."""
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": "GET", "wsgi.errors": io.StringIO()}
    setup_testing_defaults(environ)
    answer: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"] = status

    body = b"".join(app(environ, start_response)).decode("utf-8")
    assert not environ["wsgi.errors"].getvalue(), environ["wsgi.errors"].getvalue()
    return answer["status"], body


def test_every_web_page_over_the_hostile_store_answers(corpus: Path, store_path: Path) -> None:
    app = create_app(store_path)
    with Store.open(store_path) as store:
        rowids = [row.rowid for row in store.index_rows()]
    paths = ["/", "/stories.json", "/errors"]
    for story in story_ids(corpus, store_path):
        paths += [f"/stories/{story}", f"/stories/{story}.json", f"/stories/{story}.md", f"/stories/{story}.txt"]
    paths += [f"/articles/{rowid}" for rowid in rowids]
    for path in paths:
        status, body = call(app, path)
        assert status == "200 OK", (path, status)
        assert body.strip(), path
    _, errors_page = call(app, "/errors")
    for name in REFUSED:
        assert name in errors_page, name
    assert call(app, "/stories/999999")[0] == "404 Not Found"
