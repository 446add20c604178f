"""The brief, annotate and show-text commands: output, exit codes, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "flood"
EXAMPLE_ARGS = [
    str(EXAMPLE / "northern-ledger.txt"),
    str(EXAMPLE / "harbour-times.html"),
    str(EXAMPLE / "valley-post.jsonl"),
    "--meta",
    str(EXAMPLE / "meta.csv"),
]


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_brief_on_the_example_exits_zero_with_a_report() -> None:
    code, out, err = run("brief", *EXAMPLE_ARGS)
    assert code == 0, err
    assert "Northern Ledger" in out and "Harbour Times" in out and "Valley Post" in out
    assert err == ""


def test_a_missing_source_is_skipped_with_one_line_and_exit_one(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    code, out, err = run("brief", *EXAMPLE_ARGS, str(missing))
    assert code == 1
    assert err.count("\n") == 1 and str(missing) in err
    assert "Traceback" not in err
    assert "Valley Post" in out


def test_binary_and_empty_files_are_skipped_and_the_rest_compared(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run("brief", *EXAMPLE_ARGS, str(binary), str(empty))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert any(str(binary) in line for line in lines) and any(str(empty) in line for line in lines)
    assert "Northern Ledger" in out and "Harbour Times" in out and "Valley Post" in out


def test_no_usable_source_exits_one_naming_each(tmp_path: Path) -> None:
    code, _, err = run("brief", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 1
    assert "a.txt" in err and "b.txt" in err and "no usable source" in err


def test_wrong_usage_exits_two() -> None:
    assert run("brief")[0] == 2
    assert run("brief", *EXAMPLE_ARGS, "--format", "pdf")[0] == 2
    assert run("brief", *EXAMPLE_ARGS, "--published", "last tuesday")[0] == 2


def test_one_source_still_gives_a_single_source_brief() -> None:
    code, out, _ = run("brief", str(EXAMPLE / "valley-post.jsonl"), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert len(report["articles"]) == 1
    assert report["facts"] and all(fact["status"] == "single" for fact in report["facts"])


def test_json_offsets_can_be_checked_with_show_text() -> None:
    code, out, _ = run("brief", *EXAMPLE_ARGS, "--format", "json")
    assert code == 0
    report = json.loads(out)
    version = report["quotes"][0]["versions"][0]
    article = next(a for a in report["articles"] if a["id"] == version["article"])
    code, shown, _ = run(
        "show-text", article["source"], "--article", article["id"], "--meta", str(EXAMPLE / "meta.csv"),
        "--start", str(version["start"]), "--end", str(version["end"]),
    )
    assert code == 0
    assert shown.rstrip("\n") == version["text"]


def test_annotate_gives_offsets_into_the_text_it_prints() -> None:
    code, out, _ = run("annotate", str(EXAMPLE / "valley-post.jsonl"))
    assert code == 0
    (article,) = json.loads(out)["articles"]
    assert article["id"] == "valley-post-2026-10-14-flood"
    for quote in article["quotes"]:
        start, end = quote["content"]
        assert article["text"][start:end].strip()
    assert any(time["value"] == "2026-10-16" for time in article["times"])


def test_debug_shows_the_traceback_and_plain_mode_does_not(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    plain = subprocess.run(
        [sys.executable, "-m", "newsprism", "brief", missing], capture_output=True, text=True, check=False
    )
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    debug = subprocess.run(
        [sys.executable, "-m", "newsprism", "--debug", "brief", missing], capture_output=True, text=True, check=False
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_renders_the_example(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"brief.{fmt}"
    code, _, err = run("brief", *EXAMPLE_ARGS, "--format", fmt, "--output", str(target))
    assert code == 0, err
    assert "Kestrel Bridge" in target.read_text(encoding="utf-8")


def test_a_settings_file_reaches_the_brief(tmp_path: Path) -> None:
    """An unreachable alignment threshold leaves nothing shared; the default shares facts."""
    from click.testing import CliRunner

    from newsprism.cli import main

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Bridge\nThe city council approved the bridge budget of 40 million euros on Monday.\n")
    second.write_text("Budget\nOn Monday the city council approved a bridge budget of 40 million euros.\n")
    strict = tmp_path / "strict.toml"
    strict.write_text("[compare.facts]\nsame_fact = 1.5\n")
    runner = CliRunner()
    default = runner.invoke(main, ["brief", str(first), str(second), "--format", "json"])
    tightened = runner.invoke(main, ["brief", str(first), str(second), "--format", "json", "--settings", str(strict)])
    statuses = [[fact["status"] for fact in json.loads(result.output)["facts"]] for result in (default, tightened)]
    assert "shared" in statuses[0]
    assert statuses[1] and "shared" not in statuses[1]


def test_an_unknown_setting_is_a_usage_error_naming_the_key(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main

    source = tmp_path / "a.txt"
    source.write_text("Bridge\nThe city council approved the bridge budget on Monday.\n")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[compare.facts]\nsame_fakt = 0.5\n")
    result = CliRunner().invoke(main, ["brief", str(source), "--settings", str(wrong)])
    assert result.exit_code == 2
    assert "'compare.facts.same_fakt'" in result.output + (result.stderr if result.stderr_bytes else "")
