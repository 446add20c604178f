"""Pictures where looking beats reading: what the HTML brief draws, as plain numbers.

Two pictures, drawn as inline SVG by ``templates/pictures.html`` (no script; each with a
title and a text equivalent, legible in print and in both colour schemes):

- **coverage**: one bar per article, its sentences split by what became of them: told by
  every outlet, by some, by this outlet only, copied from another report, or not compared
  (headings, quotations, page furniture); with a source table, the bars are grouped under
  the values of its first label column that tells the outlets apart (``leaning: left``);
- **matrix**: which outlet carries which fact, one row per fact told by more than one
  outlet, a mark where that outlet's wording differs from the others;
- **timeline**: the events with a resolved day or month on one axis of time, a row per
  outlet, a dot where that outlet reports the event.

This module decides the numbers and the geometry; the template only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from newsprism.model import Comparison, Fact
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
from newsprism.report.outline import fact_wording

COVERAGE_KINDS = ("shared", "partial", "single", "copied", "other")
COVERAGE_LABELS = {
    "shared": "told by every outlet",
    "partial": "told by some outlets",
    "single": "told by this outlet only",
    "copied": "copied from another report",
    "other": "not compared",
}
BAR_WIDTH = 420
"""Pixels of a full coverage bar; the SVG scales with the page."""
ROW_HEIGHT = 26
"""Pixels of one coverage row (a bar, or a group's heading)."""
NO_VALUE = "not in the source table"
MATRIX_ROWS = 14
"""Facts drawn at most, those told by the most outlets first."""
ROW_LABEL_WORDS = 9


@dataclass(frozen=True)
class Segment:
    """One part of a coverage bar: ``count`` sentences of ``kind``, ``x`` and ``width`` in pixels."""

    kind: str
    label: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class CoverageBar:
    number: int
    outlet: str
    sentences: int
    segments: tuple[Segment, ...]
    y: float = 0.0
    """Where the bar's row starts, in pixels from the top of the picture."""
    heading: str = ""
    """The label group this bar opens ("leaning: left"), drawn in a row above it; empty when
    it continues a group or there are no groups."""
    heading_y: float = 0.0

    @property
    def description(self) -> str:
        """The bar in words, for readers who cannot see it."""
        parts = ", ".join(f"{segment.count} {segment.label}" for segment in self.segments)
        return f"A{self.number} {self.outlet}: {self.sentences} sentences: {parts}"


@dataclass(frozen=True)
class MatrixRow:
    label: str
    cells: tuple[str, ...]
    """Per outlet column: "carries", "differs" or "" (does not carry it)."""


@dataclass(frozen=True)
class Matrix:
    outlets: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    more: int
    """Facts told by several outlets that are not drawn."""


def coverage(comparison: Comparison) -> tuple[CoverageBar, ...]:
    """A coverage bar per article."""
    rank = {kind: position for position, kind in enumerate(COVERAGE_KINDS)}
    bars = []
    for number, article in enumerate(comparison.articles, 1):
        kinds = ["other"] * len(article.sentences)
        marks: list[tuple[int, str]] = [(s.start, fact.status) for fact in comparison.facts for s in fact.statements if s.article == article.id]
        # A copied sentence is shown as copied whatever its facts: it is no independent telling.
        marks += [
            (copy_span.start, "copied")
            for copied in comparison.copies
            if copied.copy == article.id
            for _, copy_span in copied.passages
        ]
        for start, kind in marks:
            index = article.sentence_index(start)
            if 0 <= index < len(kinds) and (kind == "copied" or rank[kind] < rank[kinds[index]]):
                kinds[index] = kind if kinds[index] != "copied" else "copied"
        counts = {kind: kinds.count(kind) for kind in COVERAGE_KINDS}
        total = max(len(kinds), 1)
        segments, x = [], 0.0
        for shown in COVERAGE_KINDS:
            if counts[shown]:
                width = BAR_WIDTH * counts[shown] / total
                segments.append(Segment(shown, COVERAGE_LABELS[shown], counts[shown], round(x, 1), round(width, 1)))
                x += width
        bars.append(CoverageBar(number, article.name, len(kinds), tuple(segments)))
    return _grouped(comparison, bars)


def coverage_height(bars: tuple[CoverageBar, ...]) -> float:
    """The height of the coverage picture: its last row, and a margin."""
    return (bars[-1].y + ROW_HEIGHT + 4) if bars else 0.0


def grouping_column(comparison: Comparison) -> str | None:
    """The source table's first label column that gives the outlets two values or more
    (outlets it does not list aside), if any."""
    labels = [comparison.labels_of(article.name) for article in comparison.articles]
    for column in dict.fromkeys(column for found in labels for column in found):
        if len({found[column] for found in labels if column in found}) > 1:
            return column
    return None


def _grouped(comparison: Comparison, bars: list[CoverageBar]) -> tuple[CoverageBar, ...]:
    """The bars with their rows laid out: under each value of :func:`grouping_column` in
    order of first appearance (outlets it does not list last), else in article order."""
    column = grouping_column(comparison)
    if column is None:
        return tuple(replace(bar, y=ROW_HEIGHT * row + 4) for row, bar in enumerate(bars))
    value = {article.name: comparison.labels_of(article.name).get(column, NO_VALUE) for article in comparison.articles}
    order = list(dict.fromkeys(value[bar.outlet] for bar in bars if value[bar.outlet] != NO_VALUE))
    if any(value[bar.outlet] == NO_VALUE for bar in bars):
        order.append(NO_VALUE)
    laid_out, row = [], 0
    for group in order:
        members = [bar for bar in bars if value[bar.outlet] == group]
        heading = f"{column}: {group}" if group != NO_VALUE else NO_VALUE
        for position, bar in enumerate(members):
            if position == 0:
                row += 1
            laid_out.append(replace(
                bar, y=ROW_HEIGHT * row + 4, heading=heading if position == 0 else "", heading_y=ROW_HEIGHT * (row - 1) + 4
            ))
            row += 1
    return tuple(laid_out)


def fact_matrix(comparison: Comparison) -> Matrix | None:
    """Which outlet carries which fact told by more than one outlet; None when none is."""
    outlets = tuple(dict.fromkeys(article.name for article in comparison.articles))
    told = [fact for fact in comparison.facts if len(fact.outlets) > 1]
    if len(outlets) < 2 or not told:
        return None
    drawn = sorted(told, key=lambda fact: -len(fact.outlets))[:MATRIX_ROWS]
    drawn.sort(key=told.index)  # back to reading order
    index = EvidenceIndex(comparison)
    rows = tuple(MatrixRow(_label(comparison, index, fact), _cells(comparison, fact, outlets)) for fact in drawn)
    return Matrix(outlets, rows, len(told) - len(drawn))


def _cells(comparison: Comparison, fact: Fact, outlets: tuple[str, ...]) -> tuple[str, ...]:
    names = {article.id: article.name for article in comparison.articles}
    differing = {names.get(evidence.article) for difference in fact.differences for _, evidence in difference.values}
    # A difference names every wording; the outlets in the minority are the ones that differ.
    minority = set()
    for difference in fact.differences:
        by_value: dict[str, set[str | None]] = {}
        for value, evidence in difference.values:
            by_value.setdefault(value, set()).add(names.get(evidence.article))
        smallest = min(len(group) for group in by_value.values())
        minority |= {name for group in by_value.values() if len(group) == smallest for name in group}
    differing &= minority
    return tuple(
        ("differs" if outlet in differing else "carries") if outlet in fact.outlets else "" for outlet in outlets
    )


def _label(comparison: Comparison, index: EvidenceIndex, fact: Fact) -> str:
    words = collapse_whitespace(index.span_text(fact_wording(comparison, fact).shown)).split()
    return " ".join(words[:ROW_LABEL_WORDS]) + (" …" if len(words) > ROW_LABEL_WORDS else "")


TIMELINE_WIDTH = 440
"""Pixels of the time axis."""


@dataclass(frozen=True)
class TimelineDot:
    x: float
    row: int
    label: str
    """The date and what happened, for the dot's tooltip and the description."""


@dataclass(frozen=True)
class TimelineChart:
    outlets: tuple[str, ...]
    dots: tuple[TimelineDot, ...]
    first: str
    last: str
    description: str


def timeline_chart(comparison: Comparison) -> TimelineChart | None:
    """Dated events on one axis, a row per outlet; None with fewer than two dated events."""
    outlets = tuple(dict.fromkeys(article.name for article in comparison.articles))
    names = {article.id: article.name for article in comparison.articles}
    dated = [(day, event) for event in comparison.timeline if (day := _day(event.date)) is not None]
    if len({day for day, _ in dated}) < 2:
        return None
    first, last = min(day for day, _ in dated), max(day for day, _ in dated)
    span = max((last - first).days, 1)
    dots: list[TimelineDot] = []
    lines: list[str] = []
    for day, event in dated:
        x = round(TIMELINE_WIDTH * (day - first).days / span, 1)
        reporters = tuple(dict.fromkeys(names.get(source.article, source.article) for source in event.sources))
        label = f"{event.date}: {collapse_whitespace(event.text)}"
        dots.extend(TimelineDot(x, outlets.index(name), label) for name in reporters if name in outlets)
        lines.append(f"{label} ({', '.join(reporters)})")
    return TimelineChart(outlets, tuple(dots), first.isoformat(), last.isoformat(), "; ".join(lines))


def _day(value: str) -> date | None:
    """The day a TIMEX3 value names ("2025-03-05"), or the first of its month ("2025-03")."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
    except ValueError:
        return None
    return None
