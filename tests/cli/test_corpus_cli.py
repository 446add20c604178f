"""The corpus commands: ingest, stories, show and errors over a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main

# Three short invented reports, shared with the other corpus tests.
TEXTS = json.loads((Path(__file__).resolve().parent.parent / "data" / "corpus_texts.json").read_text(encoding="utf-8"))
FLOOD, FLOOD_OTHER_OUTLET, STRIKE = TEXTS["flood"], TEXTS["flood_other_outlet"], TEXTS["strike"]


def run(*arguments: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    records = [
        {
            "id": "flood-1",
            "text": FLOOD,
            "title": "Bramwick flooded",
            "outlet": "one.example",
            "published": "2024-09-02",
        },
        {
            "id": "flood-2",
            "text": FLOOD_OTHER_OUTLET,
            "title": "Hundreds leave homes",
            "outlet": "two.example",
            "published": "2024-09-02",
        },
        {
            "id": "strike-1",
            "text": STRIKE,
            "title": "Drivers strike",
            "outlet": "one.example",
            "published": "2024-09-02",
        },
    ]
    (folder / "batch.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    return folder


def test_ingest_then_stories_as_json_groups_articles_by_their_own_ids(
    tmp_path: Path, sources: Path
) -> None:
    db = str(tmp_path / "n.db")
    code, _, err = run("ingest", str(sources), "--db", db)
    assert code == 0, err
    assert "3 new, 0 duplicate, 0 failed" in err
    code, out, _ = run("stories", "--format", "json", "--db", db)
    assert code == 0
    groups = sorted(sorted(story["articles"]) for story in json.loads(out)["stories"])
    assert groups == [["flood-1", "flood-2"], ["strike-1"]]


def test_stories_text_lists_headline_outlets_and_independent_sources(
    tmp_path: Path, sources: Path
) -> None:
    db = str(tmp_path / "n.db")
    run("ingest", str(sources), "--db", db)
    code, out, _ = run("stories", "--db", db)
    assert code == 0
    assert (
        "Bramwick flooded" in out
        and "2 independent" in out
        and "one.example, two.example" in out
    )


def test_second_ingest_counts_duplicates(tmp_path: Path, sources: Path) -> None:
    db = str(tmp_path / "n.db")
    run("ingest", str(sources), "--db", db)
    code, _, err = run("ingest", str(sources), "--db", db)
    assert code == 0
    assert "0 new, 3 duplicate" in err


def test_db_defaults_to_the_environment_variable(tmp_path: Path, sources: Path) -> None:
    db = tmp_path / "from-env.db"
    code, _, _ = run("ingest", str(sources), env={"NEWSPRISM_DB": str(db)})
    assert code == 0
    assert db.exists()


def test_failed_source_exits_one_and_is_listed_by_errors(
    tmp_path: Path, sources: Path
) -> None:
    db = str(tmp_path / "n.db")
    code, _, err = run(
        "ingest", str(sources), str(tmp_path / "missing.txt"), "--db", db
    )
    assert code == 1
    assert "1 failed" in err
    code, out, _ = run("errors", "--db", db)
    assert code == 0 and "missing.txt" in out


def test_show_of_an_unknown_story_is_one_line_and_exit_three(
    tmp_path: Path, sources: Path
) -> None:
    db = str(tmp_path / "n.db")
    run("ingest", str(sources), "--db", db)
    code, _, err = run("show", "999", "--db", db)
    assert code == 3
    assert err.strip().count("\n") == 0 and "newsprism stories" in err


def test_since_filters_out_older_stories(tmp_path: Path, sources: Path) -> None:
    db = str(tmp_path / "n.db")
    run("ingest", str(sources), "--db", db)

    def listed_since(day: str) -> list[list[str]]:
        code, out, _ = run("stories", "--since", day, "--format", "json", "--db", db)
        assert code == 0
        return sorted(sorted(story["articles"]) for story in json.loads(out)["stories"])

    # The reports are of 2024-09-02: a later day leaves none, that very day keeps both.
    assert listed_since("2024-10-01") == []
    assert listed_since("2024-09-02") == [["flood-1", "flood-2"], ["strike-1"]]


@pytest.mark.slow
def test_show_gives_the_brief_of_a_story_and_caches_annotations(
    tmp_path: Path, sources: Path
) -> None:
    db = str(tmp_path / "n.db")
    run("ingest", str(sources), "--db", db)
    _, out, _ = run("stories", "--format", "json", "--db", db)
    flood = next(s for s in json.loads(out)["stories"] if "flood-1" in s["articles"])
    code, brief, err = run("show", str(flood["id"]), "--format", "json", "--db", db)
    assert code == 0, err
    assert {a["id"] for a in json.loads(brief)["articles"]} == {"flood-1", "flood-2"}
    import sqlite3

    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2
    assert run("show", str(flood["id"]), "--format", "json", "--db", db)[1] == brief


def _stored(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(
                connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            )
    except sqlite3.OperationalError:
        return 0


def test_killed_ingest_command_resumes_where_it_stopped(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    folder, db, total = tmp_path / "many", tmp_path / "killed.db", 400
    folder.mkdir()
    for number in range(total):
        text = (
            f"Council {number} of the valley district met on Monday to vote on plan {number * 7}. "
            f"Member Holt{number} said the works on road {number} would cost {number * 13} thousand "
            f"and take {number % 9 + 2} months, and residents of ward {number} asked for a hearing."
        )
        (folder / f"report-{number:04d}.txt").write_text(
            f"Valley council vote {number}\n\n{text}\n", encoding="utf-8"
        )
    command = [
        sys.executable,
        "-m",
        "newsprism",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--published",
        "2024-09-02",
    ]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _stored(db) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _stored(db)
    assert 0 < stored < total
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False
    )
    assert finished.returncode == 0, finished.stderr
    assert f"{total - stored} new, {stored} duplicate, 0 failed" in finished.stderr
    assert _stored(db) == total
