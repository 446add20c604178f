"""Find the words behind each claim: article numbers, sentence labels and quoted spans.

Every report format cites evidence the same way, so the lookups live here once: which
article an :class:`~newsprism.model.Evidence` points into, its number in the report
(``A1``, ``A2``, ...), the sentence it sits in (``§3``, counted from 1) and the exact
characters it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.errors import InconsistentComparisonError
from newsprism.model import Article, Comparison, Evidence, Span

_WHITESPACE = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Join the lines of ``text`` with single spaces: report lines are one line each."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Citation:
    """Where one piece of evidence is, in the terms a report shows a reader."""

    article_number: int
    """1-based position of the article in the comparison (``A1`` is the first)."""
    outlet: str
    """The outlet's name, or the article label (``A1``) when the outlet is unknown."""
    sentence_number: int
    """1-based sentence index, or 0 when the evidence lies in no known sentence."""
    start: int
    end: int

    @property
    def article_label(self) -> str:
        """``A1``, ``A2``, ...: the short name of the article in Markdown and HTML."""
        return f"A{self.article_number}"

    @property
    def place(self) -> str:
        """``§3`` when the sentence is known, else the character offset ``@120``."""
        if self.sentence_number:
            return f"§{self.sentence_number}"
        return f"@{self.start}"


class EvidenceIndex:
    """Look up the articles of one comparison by id, checking every offset on the way.

    Raises :class:`~newsprism.errors.InconsistentComparisonError` when evidence cites an article the
    comparison does not hold or offsets outside its text: such a comparison is a bug
    upstream, and a report quoting the wrong words would be worse than no report.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._numbers = {
            article.id: number for number, article in enumerate(comparison.articles, 1)
        }
        self._articles = {article.id: article for article in comparison.articles}

    def article(self, article_id: str) -> Article:
        """The article with id ``article_id``."""
        try:
            return self._articles[article_id]
        except KeyError:
            raise InconsistentComparisonError(article_id) from None

    def number(self, article_id: str) -> int:
        """1-based number of the article in the report (``A1`` is 1)."""
        self.article(article_id)
        return self._numbers[article_id]

    def span_text(self, evidence: Evidence) -> str:
        """The exact characters ``article.text[start:end]`` the evidence covers."""
        text = self.article(evidence.article).text
        if not 0 <= evidence.start <= evidence.end <= len(text):
            raise InconsistentComparisonError(evidence.article, evidence.start, evidence.end, len(text))
        return text[evidence.start : evidence.end]

    def sentence_index(self, evidence: Evidence) -> int:
        """0-based index of the sentence holding the evidence, -1 when there is none.

        The evidence's own ``sentence`` is used when that sentence does hold its start;
        otherwise the sentence is looked up from the offsets, which are what a reader checks.
        """
        article = self.article(evidence.article)
        if 0 <= evidence.sentence < len(article.sentences):
            sentence = article.sentences[evidence.sentence]
            if sentence.start <= evidence.start < sentence.end or sentence.start == evidence.start:
                return evidence.sentence
        return article.sentence_index(evidence.start)

    def sentence_span(self, evidence: Evidence) -> Span:
        """The sentence holding the evidence, or the evidence itself when none does."""
        index = self.sentence_index(evidence)
        if index < 0:
            return Span(evidence.start, evidence.end)
        return self.article(evidence.article).sentences[index]

    def cite(self, evidence: Evidence) -> Citation:
        """Where ``evidence`` is, as a report names it to a reader."""
        self.span_text(evidence)  # raises when the evidence lies outside its article
        article = self.article(evidence.article)
        number = self.number(evidence.article)
        return Citation(
            article_number=number,
            outlet=article.outlet or f"A{number}",
            sentence_number=self.sentence_index(evidence) + 1,
            start=evidence.start,
            end=evidence.end,
        )

    def covers_whole_sentence(self, evidence: Evidence) -> bool:
        """True when the evidence is exactly one sentence of its article."""
        index = self.sentence_index(evidence)
        if index < 0:
            return False
        sentence = self.article(evidence.article).sentences[index]
        return (sentence.start, sentence.end) == (evidence.start, evidence.end)
