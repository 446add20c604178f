"""Quality gate for quotes: a fixed PolNeAR-dev subset scored as ``bench/eval_quotes.py`` does.

The floors sit just under the figures measured on this subset (the first
:data:`SUBSET_DOCUMENTS` documents of ``polnear-dev.jsonl``). A change that lowers a figure
below its floor fails; raise a floor when the figure rises, never lower it to let a change
through. Full-set figures are in ``bench/results/quotes.json``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SUBSET_DOCUMENTS = 40
FLOORS = {
    "overlap_f1": 0.945,
    "overlap_precision": 0.94,
    "overlap_recall": 0.95,
    "exact_recall_pure_quotes": 0.845,
    "speaker_accuracy": 0.85,
    "speaker_accuracy_speech_cues": 0.935,
}


def load_evaluation() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "eval_quotes.py"
    spec = importlib.util.spec_from_file_location("bench_eval_quotes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while being built
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def subset_figures(shared_dir: Path) -> dict[str, float]:
    dataset = shared_dir / "datasets" / "quotes" / "polnear-dev.jsonl"
    if not dataset.is_file():
        pytest.skip(f"{dataset} is not present")
    evaluation = load_evaluation()
    documents = evaluation.load_documents("dev", SUBSET_DOCUMENTS)
    return evaluation.figures(evaluation.evaluate(documents))


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_quote_figure_stays_above_its_floor(
    subset_figures: dict[str, float], figure: str
) -> None:
    assert subset_figures[figure] >= FLOORS[figure], (
        f"{figure} fell to {subset_figures[figure]} (floor {FLOORS[figure]})"
    )
