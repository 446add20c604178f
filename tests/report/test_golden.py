"""Whole reports of one hand-built story, compared with files reviewed by a person.

Rewrite them on purpose only: ``pytest tests/report --update-golden``, then read the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.model import Comparison
from newsprism.report import render, render_annotations

SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def check_golden(path: Path, output: str, update_golden: bool) -> None:
    if update_golden:
        path.write_text(output, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; create it with `pytest tests/report --update-golden`")
    assert output == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the output; if the change is wanted, "
        "run `pytest tests/report --update-golden` and review the diff"
    )


@pytest.mark.parametrize("format", sorted(SUFFIX))
def test_sample_brief_matches_golden(
    sample: Comparison, golden_dir: Path, update_golden: bool, format: str
) -> None:
    output = render(sample, format, width=100)
    check_golden(golden_dir / f"sample.{SUFFIX[format]}", output, update_golden)


@pytest.mark.parametrize("format", ["json", "text"])
def test_annotations_match_golden(
    builders: Any, golden_dir: Path, update_golden: bool, format: str
) -> None:
    output = render_annotations([builders.annotated_article()], format)
    check_golden(
        golden_dir / f"annotations.{'txt' if format == 'text' else 'json'}", output, update_golden
    )
