"""docs/cli.md is the `--help` of every command: a command or option missing there fails.

Regenerate with `pytest tests/cli/test_cli_docs.py --update-golden` after changing the CLI.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

HEADER = """# newsprism command reference

Generated from `newsprism --help` and each command's `--help`; a test keeps it in step with
the code (`pytest tests/cli/test_cli_docs.py --update-golden` rewrites it).
"""


def rendered_reference() -> str:
    runner = CliRunner()
    sections = [HEADER]
    for name in [None, *sorted(main.commands)]:
        arguments = [name, "--help"] if name else ["--help"]
        output = runner.invoke(main, arguments, prog_name="newsprism", terminal_width=88).output
        title = f"newsprism {name}" if name else "newsprism"
        sections.append(f"## `{title}`\n\n```\n{output.rstrip()}\n```\n")
    return "\n".join(sections)


def test_every_command_and_option_is_documented(update_golden: bool) -> None:
    reference = rendered_reference()
    if update_golden:
        DOCS.write_text(reference, encoding="utf-8")
    assert DOCS.exists(), "docs/cli.md is missing: run pytest --update-golden"
    assert DOCS.read_text(encoding="utf-8") == reference, "docs/cli.md is stale: run pytest --update-golden"
