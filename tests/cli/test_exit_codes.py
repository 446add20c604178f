"""Each kind of error ends a command with one line on stderr and its documented exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism import errors
from newsprism.cli import main
from newsprism.model import SourceFailure

REPO = Path(__file__).resolve().parents[2]
ONE_SOURCE = str(REPO / "examples" / "flood" / "valley-post.jsonl")


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.SourceError("meta.csv", "row 2: unreadable published date 'soon'"), 1),
        (errors.NoArticlesError([SourceFailure("a.txt", "not found")]), 1),
        (errors.UsageError("Unknown report format 'pdf'."), 2),
        (errors.SettingsError("my.toml", "unknown setting 'x'"), 2),
        (errors.NotFoundError("No story 42 in n.db.", kind="story", key=42), 3),
        (errors.MergedStoryError(4, 9, "n.db"), 3),
        (errors.StoreError("cannot open the store n.db: file is not a database", path="n.db"), 4),
        (errors.ModelUnavailableError("No English spaCy model is installed."), 5),
        (errors.InconsistentComparisonError("a1", 0, 999, 10), 70),
        (errors.NewsprismError("something newsprism did not classify"), 70),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_an_error_is_one_line_and_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, error: errors.NewsprismError, code: int
) -> None:
    def failing_brief(*arguments: object, **options: object) -> None:
        raise error

    monkeypatch.setattr("newsprism.pipeline.brief", failing_brief)
    result = CliRunner().invoke(main, ["brief", ONE_SOURCE])
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.endswith(f"newsprism: error: {error}\n")
    assert "Traceback" not in result.stderr


def test_no_usable_source_names_each_failure_before_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_brief(*arguments: object, **options: object) -> None:
        raise errors.NoArticlesError([SourceFailure("a.txt", "not found"), SourceFailure("b.txt", "empty file")])

    monkeypatch.setattr("newsprism.pipeline.brief", failing_brief)
    result = CliRunner().invoke(main, ["brief", "a.txt", "b.txt"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "newsprism: skipped a.txt: not found",
        "newsprism: skipped b.txt: empty file",
        "newsprism: error: no usable source: all 2 source(s) failed",
    ]


def test_debug_adds_the_traceback_and_keeps_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_brief(*arguments: object, **options: object) -> None:
        raise errors.StoreError("the store is damaged")

    monkeypatch.setattr("newsprism.pipeline.brief", failing_brief)
    result = CliRunner().invoke(main, ["--debug", "brief", ONE_SOURCE])
    assert result.exit_code == 4
    assert "Traceback" in result.stderr and "failing_brief" in result.stderr
    assert result.stderr.endswith("newsprism: error: the store is damaged\n")


def test_a_report_that_cannot_be_written_is_wrong_usage(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "brief.md"
    result = CliRunner().invoke(main, ["brief", ONE_SOURCE, "--format", "markdown", "--output", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsprism: error: cannot write the report to {target}: ")
    assert result.stderr.count("\n") == 1


def test_show_text_of_an_article_the_source_lacks_is_not_found() -> None:
    result = CliRunner().invoke(main, ["show-text", ONE_SOURCE, "--article", "no-such-id"])
    assert result.exit_code == 3
    assert result.stderr == f"newsprism: error: no article with id 'no-such-id' in {ONE_SOURCE}\n"


def test_help_lists_every_exit_code() -> None:
    shown = CliRunner().invoke(main, ["--help"]).output
    for code in (0, 1, 2, 3, 4, 5, 70):
        assert f"\n    {code:<3} " in shown, code
