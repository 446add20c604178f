"""Measure find_times on the TimeML corpora in ../shared/datasets/time and print one table.

Usage: .venv/bin/python bench/eval_times.py [--limit N] [--write] [--errors FILE]

For each corpus: span precision, recall and F1, relaxed (any overlap, one-to-one) and
strict (exact offsets); type accuracy over relaxed matches; value accuracy over relaxed
matches whose gold type is DATE or TIME (the task's measure) and over all matches; words
per second of find_times alone and with the spaCy parse. ``--write`` stores the figures in
bench/results/times.json.

Every figure is given three times: over all documents, over the documents with an even
index in the file (0, 2, 4, ...: the half rules and settings are tuned on, ``in_sample``)
and over those with an odd index (``held_out``: looked at only to report). Rules written
before the split (up to issue 15) saw all of TBAQ, so its odd half is held out only for
what changed since.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsprism.annotate.nlp import load_pipeline
from newsprism.annotate.times import find_times

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = REPO_ROOT.parent / "shared" / "datasets" / "time"
CORPORA = ("tbaq-train.jsonl", "meantime-en.jsonl")
# MEANTIME annotates only the headline, the dateline and the first four sentences of each
# article (one per line): predictions further on cannot be scored and are left out.
ANNOTATED_LINES = {"meantime-en.jsonl": 6}
RESULTS = REPO_ROOT / "bench" / "results" / "times.json"


def same_value(predicted: str, gold: str) -> bool:
    """TIMEX3 values are equal, reading one-digit ISO weeks ("2000-W7") as two ("2000-W07")."""

    def canonical(value: str) -> str:
        return re.sub(r"W(\d)(?!\d)", r"W0\1", value)

    return canonical(predicted) == canonical(gold)


@dataclass
class Tally:
    """Counts from which every figure of one corpus is computed."""

    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    type_correct: int = 0
    value_pairs: int = 0
    value_correct: int = 0
    all_value_correct: int = 0
    words: int = 0
    parse_seconds: float = 0.0
    find_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add_document(self, record: dict, predicted: tuple) -> None:
        """Match one document's predictions to its gold expressions and count."""
        gold = record["timexes"]
        self.gold += len(gold)
        self.predicted += len(predicted)
        exact = {(p.start, p.end) for p in predicted}
        self.strict += sum((g["start"], g["end"]) in exact for g in gold)
        unused = list(predicted)
        for g in gold:
            match = next((p for p in unused if p.start < g["end"] and g["start"] < p.end), None)
            if match is None:
                self.errors.append(f"MISS {record['dct']} {g['text']!r} {g['type']} {g['value']}")
                continue
            unused.remove(match)
            self._count_match(record, g, match)
        for p in unused:
            self.errors.append(
                f"EXTRA {record['dct']} {record['text'][p.start : p.end]!r} {p.type} {p.value}"
            )

    def _count_match(self, record: dict, gold: dict, match) -> None:
        self.relaxed += 1
        self.type_correct += match.type == gold["type"]
        correct = same_value(match.value, gold["value"])
        self.all_value_correct += correct
        if gold["type"] in ("DATE", "TIME"):
            self.value_pairs += 1
            self.value_correct += correct
        if (match.start, match.end) != (gold["start"], gold["end"]):
            found = record["text"][match.start : match.end]
            self.errors.append(f"SPAN {gold['text']!r} -> {found!r}")
        if not correct:
            found = record["text"][match.start : match.end]
            self.errors.append(
                f"VALUE {record['dct']} {gold['text']!r}->{found!r} gold {gold['type']} {gold['value']} got {match.type} {match.value}"
            )

    def figures(self) -> dict[str, float]:
        """The scores, rounded to three places."""

        def ratio(a: float, b: float) -> float:
            return round(a / b, 3) if b else 0.0

        def f1(p: float, r: float) -> float:
            return round(2 * p * r / (p + r), 3) if p + r else 0.0

        relaxed_p, relaxed_r = ratio(self.relaxed, self.predicted), ratio(self.relaxed, self.gold)
        strict_p, strict_r = ratio(self.strict, self.predicted), ratio(self.strict, self.gold)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "relaxed_precision": relaxed_p,
            "relaxed_recall": relaxed_r,
            "relaxed_f1": f1(relaxed_p, relaxed_r),
            "strict_precision": strict_p,
            "strict_recall": strict_r,
            "strict_f1": f1(strict_p, strict_r),
            "type_accuracy": ratio(self.type_correct, self.relaxed),
            "value_accuracy_date_time": ratio(self.value_correct, self.value_pairs),
            "value_accuracy_all": ratio(self.all_value_correct, self.relaxed),
            "find_words_per_second": round(self.words / self.find_seconds)
            if self.find_seconds
            else 0,
            "parse_and_find_words_per_second": round(
                self.words / (self.parse_seconds + self.find_seconds)
            ),
        }


def read_corpus(path: Path, limit: int | None = None, every: int = 1) -> list[dict]:
    """Records of one JSONL corpus: every ``every``-th, at most ``limit``."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    records = records[::every]
    return records[:limit] if limit else records


def annotated_end(text: str, lines: int | None) -> int:
    """Offset where the annotated part of ``text`` ends (its first ``lines`` lines)."""
    if lines is None:
        return len(text)
    end = 0
    for _ in range(lines):
        newline = text.find("\n", end)
        if newline < 0:
            return len(text)
        end = newline + 1
    return end


HALVES = {"in_sample": 0, "held_out": 1}
"""Which half of a corpus each name covers: documents whose index modulo 2 is this."""
_SPEED_FIGURES = ("find_words_per_second", "parse_and_find_words_per_second")


def evaluate(records: list[dict], lines: int | None = None) -> Tally:
    """Parse, find and score every record (within its first ``lines`` lines when given)."""
    return evaluate_by_half(records, lines)["all"]


def evaluate_by_half(records: list[dict], lines: int | None = None) -> dict[str, Tally]:
    """As :func:`evaluate`: one tally over all records ("all") and one per half of
    :data:`HALVES`, counted by each record's index in ``records``."""
    tallies = {"all": Tally(), **{half: Tally() for half in HALVES}}
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(record["text"] for record in records))
    parse_seconds = time.perf_counter() - started
    for index, (record, doc) in enumerate(zip(records, docs, strict=False)):
        started = time.perf_counter()
        predicted = find_times(doc, date.fromisoformat(record["dct"][:10]))
        seconds = time.perf_counter() - started
        limit = annotated_end(record["text"], lines)
        scored = tuple(p for p in predicted if p.start < limit)
        half = next(name for name, rest in HALVES.items() if index % 2 == rest)
        for tally in (tallies["all"], tallies[half]):
            tally.find_seconds += seconds
            tally.words += len(record["text"].split())
            tally.add_document(record, scored)
    words = max(1, tallies["all"].words)
    for tally in tallies.values():
        tally.parse_seconds = parse_seconds * tally.words / words
    return tallies


def corpus_figures(tallies: dict[str, Tally]) -> dict:
    """All-document figures, with each half's beside them (speed only over all)."""
    figures: dict = tallies["all"].figures()
    for half in HALVES:
        half_figures = tallies[half].figures()
        figures[half] = {k: v for k, v in half_figures.items() if k not in _SPEED_FIGURES}
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus")
    parser.add_argument("--write", action="store_true", help="write bench/results/times.json")
    parser.add_argument(
        "--errors", type=Path, default=None, help="write misses/extras of the in-sample half here"
    )
    options = parser.parse_args()
    if not DATASETS.is_dir():
        print(f"{DATASETS} is not present", file=sys.stderr)
        return 1
    results, error_lines = {}, []
    for name in CORPORA:
        records = read_corpus(DATASETS / name, options.limit)
        tallies = evaluate_by_half(records, ANNOTATED_LINES.get(name))
        results[name.removesuffix(".jsonl")] = corpus_figures(tallies)
        error_lines += [f"[{name}] {line}" for line in tallies["in_sample"].errors]
    print_table(results)
    if options.errors:
        options.errors.write_text("\n".join(error_lines) + "\n", encoding="utf-8")
    if options.write:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def print_table(results: dict[str, dict]) -> None:
    """One row per figure; per corpus a column for all documents and one for each half."""
    names = list(results)
    columns = [(name, part) for name in names for part in ("all", *HALVES)]
    print(f"{'figure':34}" + "".join(f"{name:>36}" for name in names))
    print(f"{'':34}" + "".join(f"{part:>12}" for _, part in columns))
    first = results[names[0]]
    for key in (k for k in first if k not in HALVES):
        cells = []
        for name, part in columns:
            row = results[name] if part == "all" else results[name][part]
            cells.append(f"{row.get(key, ''):>12}")
        print(f"{key:34}" + "".join(cells))


if __name__ == "__main__":
    sys.exit(main())
