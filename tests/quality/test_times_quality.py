"""Quality gate for find_times on a fixed subset of the TimeML corpora.

Scores every 8th TBAQ document and every 4th MEANTIME document with the same scorer as
``bench/eval_times.py`` and fails when a figure drops below its floor. The floors sit just
under the figures measured when they were pinned (bench/results/times.json holds the
whole-corpus figures): a change that lowers one is a failed change, not a new floor.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# corpus file -> (every n-th document, annotated lines, floors)
GATES = {
    "tbaq-train.jsonl": (
        8,
        None,
        {
            "relaxed_f1": 0.92,
            "strict_f1": 0.885,
            "type_accuracy": 0.955,
            "value_accuracy_date_time": 0.875,
        },
    ),
    "meantime-en.jsonl": (
        4,
        6,
        {
            "relaxed_f1": 0.92,
            "strict_f1": 0.885,
            "type_accuracy": 0.94,
            "value_accuracy_date_time": 0.935,
        },
    ),
}


def load_scorer() -> ModuleType:
    """The evaluation module in bench/, imported from its file (bench is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "eval_times", REPO_ROOT / "bench" / "eval_times.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(GATES))
def test_time_expressions_stay_above_their_floors(shared_dir: Path, corpus: str) -> None:
    folder = shared_dir / "datasets" / "time"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    every, lines, floors = GATES[corpus]
    scorer = load_scorer()
    records = scorer.read_corpus(folder / corpus, every=every)
    figures = scorer.evaluate(records, lines).figures()
    low = {name: (figures[name], floor) for name, floor in floors.items() if figures[name] < floor}
    assert not low, f"{corpus}: below floor (measured, floor): {low}; all figures: {figures}"
