"""Anchors in the HTML brief: every article sentence and every cited span gets an id.

Sentence ``k`` of article ``n`` is ``<span id="a{n}-s{k}">`` (both counted from 1). Evidence
that is not exactly one sentence (a quote, a differing value, a date phrase) becomes a
``<mark id="a{n}-m{k}">`` over its exact characters, so a link from the brief lands on, and
highlights, the very words it cites. Marks may overlap each other and cross sentence
borders; the text is cut into pieces at every border so the markup always nests, and a mark
cut into several pieces is highlighted whole through a generated CSS ``:has()`` rule.
"""

from __future__ import annotations

import html
import itertools
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


class AnchorMap:
    """Assigns the anchor of each cited piece of evidence, then renders article texts.

    Build it from the comparison (which decides every mark up front), ask :meth:`anchor`
    for the link target of a brief line, then :meth:`render_text` for each article.
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

    def render_text(self, article: Article) -> tuple[str, list[str]]:
        """The escaped article text with sentence spans and marks, and the split mark ids.

        The second value lists marks cut into more than one piece (they need the
        whole-mark highlight rule from :func:`split_mark_css`).
        """
        number = self._index.number(article.id)
        marks = sorted(self._marks[article.id].values(), key=lambda mark: (mark.start, -mark.end))
        pieces: list[str] = []
        mark_pieces: dict[str, int] = {}
        opened_sentences: set[int] = set()
        open_sentence = -1
        for start, end in _segments(article, marks):
            sentence = article.sentence_index(start)
            if sentence != open_sentence:
                if open_sentence >= 0:
                    pieces.append("</span>")
                if sentence >= 0:
                    pieces.append(_sentence_tag(number, sentence, opened_sentences))
                open_sentence = sentence
            covering = [mark for mark in marks if mark.start <= start and end <= mark.end]
            pieces.append(_marked(html.escape(article.text[start:end]), covering, mark_pieces))
        if open_sentence >= 0:
            pieces.append("</span>")
        return "".join(pieces), [mark_id for mark_id, count in mark_pieces.items() if count > 1]


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


def _sentence_tag(number: int, sentence: int, opened: set[int]) -> str:
    """Open a sentence span; only its first piece carries the id (ids must be unique)."""
    if sentence in opened:
        return '<span class="s">'
    opened.add(sentence)
    return f'<span class="s" id="a{number}-s{sentence + 1}">'


def _marked(text: str, covering: list[Mark], mark_pieces: dict[str, int]) -> str:
    """Wrap escaped ``text`` in one ``<mark>`` per covering mark, outermost first."""
    for mark in reversed(covering):
        seen = mark_pieces.get(mark.id, 0)
        mark_pieces[mark.id] = seen + 1
        identity = "" if seen else f' id="{mark.id}"'
        text = f'<mark{identity} class="{mark.kind} {mark.id}">{text}</mark>'
    return text


def split_mark_css(mark_ids: list[str]) -> str:
    """CSS that highlights every piece of a split mark when its first piece is the target."""
    return "\n".join(
        f"body:has(#{mark_id}:target) .{mark_id} {{ outline: 2px solid var(--target); background: var(--target-bg); }}"
        for mark_id in mark_ids
    )
