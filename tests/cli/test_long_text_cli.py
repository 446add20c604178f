"""A 5 MB text on one line (under the 10 MB input limit, five times spaCy's own limit):
``brief``, ``ingest`` and ``show`` each end with the text compared by its first part and a
note, never a traceback. Before, ``brief`` crashed on spaCy's max_length and a stored copy
made its whole story unreadable."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import EXIT_OK, EXIT_SOURCE_FAILED, main

SENTENCE = "The mayor of Arden said the bridge would reopen on Monday after the floods. "


def test_a_five_megabyte_line_is_briefed_ingested_and_shown_in_part(tmp_path: Path) -> None:
    long = tmp_path / "one-line.txt"
    long.write_text("Arden bridge\n\n" + SENTENCE * 66_000, encoding="utf-8")
    assert 4_900_000 < long.stat().st_size < 10_000_000
    # A small part keeps the test quick; the cut is the same at the default 100,000.
    settings = tmp_path / "settings.toml"
    settings.write_text("[compare]\nmax_characters = 3000\n", encoding="utf-8")
    runner = CliRunner()

    briefed = runner.invoke(main, ["brief", str(long), "--format", "json", "--settings", str(settings)])
    assert briefed.exit_code == EXIT_SOURCE_FAILED, briefed.output
    assert briefed.exception is None or isinstance(briefed.exception, SystemExit)
    [note] = json.loads(briefed.stdout)["skipped"]
    assert "only its first" in note["reason"] and f"of {len((SENTENCE * 66_000).rstrip()):,} characters" in note["reason"]
    assert "Traceback" not in briefed.stderr

    db = str(tmp_path / "long.db")
    ingested = runner.invoke(main, ["ingest", str(long), "--db", db])
    assert ingested.exit_code == EXIT_OK, ingested.output
    shown = runner.invoke(main, ["show", "1", "--db", db, "--format", "json", "--settings", str(settings)])
    assert shown.exit_code == EXIT_OK, shown.output  # the note is in the brief; the store was read
    report = json.loads(shown.stdout)
    assert report["facts"] and "only its first" in report["skipped"][0]["reason"]
