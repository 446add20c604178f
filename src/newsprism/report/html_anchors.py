"""Anchors in the HTML brief: every article sentence and every cited span gets an id.

Sentence ``k`` of article ``n`` is ``<span id="a{n}-s{k}">`` (both counted from 1). Evidence
that is not exactly one sentence (a quote, a differing value, a date phrase) becomes a
``<mark id="a{n}-m{k}">`` over its exact characters, so a link from the brief lands on, and
highlights, the very words it cites. Marks may overlap each other and cross sentence
borders; the text is cut into pieces at every border so the markup always nests, and a mark
cut into several pieces is highlighted whole through a CSS ``:has()`` rule that the
``split_marks.css`` template writes for it.

This module decides the cuts, the ids and the pills that link to them (:class:`MarkedText`,
:class:`Pill`); the ``marked_text`` and ``pill`` macros of ``templates/macros.html`` write
the tags, and the template engine escapes the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.model import Article, Comparison, Evidence
from newsprism.report.evidence import EvidenceIndex

MarkKind = str
"""CSS class of a mark: "quote", "value", "time" or "span"."""


@dataclass(frozen=True)
class Mark:
    """A highlighted span of one article's text."""

    id: str
    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class Pill:
    """A link from a brief line to the words it rests on: "Outlet §3", offsets as tooltip."""

    target: str
    label: str
    tooltip: str


@dataclass(frozen=True)
class MarkTag:
    """One ``<mark>`` around a piece of text."""

    id: str | None
    """The mark's id, on its first piece only (ids must be unique on a page)."""
    kind: MarkKind
    mark: str
    """The mark's id as a class on every piece, so a split mark can be highlighted whole."""


@dataclass(frozen=True)
class MarkedPiece:
    """Characters of an article that no sentence or mark border cuts, with their marks."""

    text: str
    marks: tuple[MarkTag, ...]
    """Outermost first."""


@dataclass(frozen=True)
class TextRun:
    """Consecutive pieces in one sentence (``sentence`` -1: between sentences)."""

    sentence: int
    id: str | None
    pieces: tuple[MarkedPiece, ...]


@dataclass(frozen=True)
class MarkedText:
    """An article's whole text as runs of marked pieces, and the marks cut into pieces."""

    runs: tuple[TextRun, ...]
    split_marks: tuple[str, ...]


class AnchorMap:
    """Assigns the anchor of each cited piece of evidence, then renders article texts.

    Build it from the comparison (which decides every mark up front), ask :meth:`pills`
    (or :meth:`anchor`) for the links of a brief line, then :meth:`marked_text` for each
    article.
    """

    def __init__(self, comparison: Comparison, index: EvidenceIndex) -> None:
        self._index = index
        self._marks: dict[str, dict[tuple[int, int], Mark]] = {
            a.id: {} for a in comparison.articles
        }
        for group in comparison.quotes:
            for version in group.versions:
                self._add_mark(version, "quote")
        for fact in comparison.facts:
            for difference in fact.differences:
                for _, evidence in difference.values:
                    self._add_mark(evidence, "value")
            for statement in fact.statements:
                self._add_mark_unless_sentence(statement, "span")
        for event in comparison.timeline:
            for source in event.sources:
                self._add_mark_unless_sentence(source, "time")

    def _add_mark(self, evidence: Evidence, kind: MarkKind) -> None:
        self._index.span_text(evidence)
        if evidence.start == evidence.end:
            return  # nothing to highlight: links go to the sentence instead
        marks = self._marks[evidence.article]
        key = (evidence.start, evidence.end)
        if key not in marks:
            number = self._index.number(evidence.article)
            marks[key] = Mark(f"a{number}-m{len(marks) + 1}", evidence.start, evidence.end, kind)

    def _add_mark_unless_sentence(self, evidence: Evidence, kind: MarkKind) -> None:
        if not self._index.covers_whole_sentence(evidence):
            self._add_mark(evidence, kind)

    def anchor(self, evidence: Evidence) -> str:
        """The element id a link to ``evidence`` points at (a mark, else its sentence)."""
        mark = self._marks[self._index.article(evidence.article).id].get(
            (evidence.start, evidence.end)
        )
        if mark is not None:
            return mark.id
        return self.sentence_anchor(evidence)

    def sentence_anchor(self, evidence: Evidence) -> str:
        """The id of the sentence holding ``evidence`` (the article's id when none does)."""
        number = self._index.number(evidence.article)
        sentence = self._index.sentence_index(evidence)
        if sentence < 0:
            return f"a{number}"
        return f"a{number}-s{sentence + 1}"

    def pill(self, evidence: Evidence, target: str | None = None) -> Pill:
        """A pill linking to the evidence ("Outlet §3"), or to ``target`` when given."""
        citation = self._index.cite(evidence)
        return Pill(
            target or self.anchor(evidence),
            f"{citation.outlet} {citation.place}",
            f"{citation.article_label}, characters {citation.start}–{citation.end}",
        )

    def pills(self, evidence: Iterable[Evidence]) -> tuple[Pill, ...]:
        """One pill per sentence; several spans of one sentence link to the whole sentence."""
        by_sentence: dict[str, list[Evidence]] = {}
        for item in evidence:
            by_sentence.setdefault(self.sentence_anchor(item), []).append(item)
        return tuple(
            self.pill(items[0], sentence if len({self.anchor(item) for item in items}) > 1 else None)
            for sentence, items in by_sentence.items()
        )

    def marked_text(self, article: Article) -> MarkedText:
        """The article text cut into sentence runs and marked pieces, for the page template.

        Marks cut into more than one piece are listed in ``split_marks``: they need the
        whole-mark highlight rule of the ``split_marks.css`` template.
        """
        number = self._index.number(article.id)
        marks = sorted(self._marks[article.id].values(), key=lambda mark: (mark.start, -mark.end))
        runs: list[tuple[int, list[MarkedPiece]]] = []
        mark_pieces: dict[str, int] = {}
        for start, end in _segments(article, marks):
            sentence = article.sentence_index(start)
            if not runs or runs[-1][0] != sentence:
                runs.append((sentence, []))
            covering = [mark for mark in marks if mark.start <= start and end <= mark.end]
            runs[-1][1].append(MarkedPiece(article.text[start:end], _mark_tags(covering, mark_pieces)))
        opened: set[int] = set()
        return MarkedText(
            tuple(
                TextRun(sentence, _sentence_id(number, sentence, opened), tuple(pieces))
                for sentence, pieces in runs
            ),
            tuple(mark_id for mark_id, count in mark_pieces.items() if count > 1),
        )


def _segments(article: Article, marks: list[Mark]) -> list[tuple[int, int]]:
    """Cut the text at every sentence and mark border into non-empty pieces."""
    borders = {0, len(article.text)}
    for sentence in article.sentences:
        borders.update(
            (min(sentence.start, len(article.text)), min(sentence.end, len(article.text)))
        )
    for mark in marks:
        borders.update((mark.start, mark.end))
    ordered = sorted(borders)
    return [(start, end) for start, end in itertools.pairwise(ordered) if start < end]


def _sentence_id(number: int, sentence: int, opened: set[int]) -> str | None:
    """The id of a sentence run: only its first run carries it (ids must be unique)."""
    if sentence < 0 or sentence in opened:
        return None
    opened.add(sentence)
    return f"a{number}-s{sentence + 1}"


def _mark_tags(covering: list[Mark], mark_pieces: dict[str, int]) -> tuple[MarkTag, ...]:
    """One tag per covering mark, outermost first; a mark's first piece carries its id."""
    tags = []
    for mark in covering:
        seen = mark_pieces.get(mark.id, 0)
        mark_pieces[mark.id] = seen + 1
        tags.append(MarkTag(None if seen else mark.id, mark.kind, mark.id))
    return tuple(tags)
