"""Is the default brief shorter than the reports it compares? On the ten real five-outlet
stories of NewsWCL50 (and the seeds, when they are beside the repository).

Usage: python bench/bench_brevity.py [--json bench/results/brevity.json]

For each story, its reports go through ``brief`` as one JSONL file (outlet, title and text
as the dataset gives them); printed per story: the words of the reports together, of the
default text brief, of the default Markdown brief, and of the text brief with ``--all``, and
each brief's ratio to the reports. Goal (issue 12): every default text brief under 1.0.
Words are what ``str.split`` counts; the brief's box-drawing rules are not words and are
left out.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsprism import ReadOptions, brief, render

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"
NEWSWCL = SHARED / "datasets" / "stories" / "newswcl50.jsonl"
SEEDS = SHARED / "seeds"
GOAL = 1.0
_RULE = re.compile(r"^[─━═\-]+$")


def words(text: str) -> int:
    """Words of ``text``, the lines and pieces drawn with box characters left out."""
    return sum(1 for word in text.split() if not _RULE.match(word))


def stories() -> dict[str, list[Path]]:
    """Each story's reports as files ``brief`` reads: NewsWCL50's as one JSONL file per story."""
    found: dict[str, list[Path]] = {}
    if NEWSWCL.exists():
        folder = Path(tempfile.mkdtemp(prefix="brevity-"))
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in NEWSWCL.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            grouped[record["story"]].append(record)
        for story, records in sorted(grouped.items(), key=lambda item: int(item[0])):
            path = folder / f"newswcl-{story}.jsonl"
            path.write_text("".join(json.dumps({key: record[key] for key in ("id", "outlet", "title", "text")}) + "\n"
                                    for record in records), encoding="utf-8")
            found[f"NewsWCL50 story {story}"] = [path]
    if SEEDS.is_dir():
        found["seeds"] = sorted(SEEDS.glob("*.txt"))
    return found


def measure(paths: list[Path]) -> dict[str, Any]:
    comparison = brief([str(path) for path in paths], ReadOptions())
    reports = sum(words(article.text) for article in comparison.articles)
    figures: dict[str, Any] = {"reports": len(comparison.articles), "report_words": reports}
    for name, text in (
        ("text", render(comparison, "text")),
        ("markdown", render(comparison, "markdown")),
        ("text_all", render(comparison, "text", full=True)),
    ):
        figures[f"{name}_words"] = words(text)
        figures[f"{name}_ratio"] = round(words(text) / reports, 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    found = stories()
    if not found:
        sys.exit(f"no stories: {NEWSWCL} and {SEEDS} are missing")
    results = {}
    print(f"{'story':<22} {'reports':>7} {'words':>7} {'text':>12} {'markdown':>12} {'--all':>12}")
    for name, paths in found.items():
        figures = measure(paths)
        results[name] = figures
        print(f"{name:<22} {figures['reports']:>7} {figures['report_words']:>7} "
              + " ".join(f"{figures[f'{kind}_words']:>6} {figures[f'{kind}_ratio']:>5.2f}" for kind in ("text", "markdown", "text_all")),
              flush=True)
    ratios = [figures["text_ratio"] for figures in results.values()]
    summary = {
        "stories": len(results),
        "text_ratio_median": round(statistics.median(ratios), 3),
        "text_ratio_max": max(ratios),
        "markdown_ratio_median": round(statistics.median(figures["markdown_ratio"] for figures in results.values()), 3),
        "text_all_ratio_median": round(statistics.median(figures["text_all_ratio"] for figures in results.values()), 3),
        "goal_text_ratio_below": GOAL,
        "goal_met": max(ratios) < GOAL,
    }
    print(json.dumps(summary, indent=2))
    if options.json:
        options.json.write_text(json.dumps({"stories": results, "summary": summary}, indent=2) + "\n")


if __name__ == "__main__":
    main()
