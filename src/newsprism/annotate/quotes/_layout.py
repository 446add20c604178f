"""Where quotations, sentences and paragraphs sit in a parsed document, by token.

:func:`sentence_window` gives the words around a quotation that may hold its cue and
speaker: the rest of its sentence, outside every quotation.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.annotate.nlp import text_of
from newsprism.annotate.quotes._cues import cue_strength
from newsprism.annotate.quotes._marks import QuotedStretch, paragraph_spans
from newsprism.settings import QuoteSettings

SENTENCE_END = frozenset({".", "!", "?"})
CLOSING_MARKS = frozenset({'"', "”", "’", "“"})


@dataclass(frozen=True)
class Layout:
    """Where quotations and paragraphs sit, by token, for one document."""

    doc: Doc
    inside_quote: list[bool]
    token_starts: list[int]
    paragraph_starts: list[int]
    settings: QuoteSettings

    def token_at(self, offset: int) -> int:
        """Index of the token holding character ``offset`` (or the last one before it)."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset``."""
        return bisect_right(self.paragraph_starts, offset) - 1


def lay_out(
    doc: Doc, stretches: list[QuotedStretch], settings: QuoteSettings = QuoteSettings()
) -> Layout:
    """Mark the tokens inside ``stretches`` (marks included) and find the paragraphs."""
    inside = [False] * len(doc)
    token_starts = [token.idx for token in doc]
    for stretch in stretches:
        first = max(0, bisect_right(token_starts, stretch.open_mark) - 1)
        for index in range(first, len(doc)):
            if token_starts[index] >= stretch.outer_end:
                break
            inside[index] = True
    paragraph_starts = [start for start, _ in paragraph_spans(text_of(doc))] or [0]
    return Layout(doc, inside, token_starts, paragraph_starts, settings)


def sentence_window(
    layout: Layout, stretch: QuotedStretch
) -> tuple[list[Token], list[Token]]:
    """Tokens of the quotation's sentence before its opening and after its closing mark.

    Other quotations are skipped over. The window stops at a sentence end or a paragraph
    break, except that a paragraph ending with a colon ('X said:') is read too.
    """
    doc = layout.doc
    before: list[Token] = []
    index = layout.token_at(stretch.open_mark) - 1
    while index >= 0:
        token = doc[index]
        if "\n" in token.text:
            if not _previous_text_ends_with_colon(doc, index):
                break
        elif layout.inside_quote[index]:
            if _quotation_ended_sentence(layout, index):
                break  # 'X said "it was over." Jane Doe called it "a pause"'
        elif not token.is_space:
            if token.text in SENTENCE_END:
                break
            before.append(token)
        index -= 1
    after: list[Token] = []
    if stretch.close_mark >= 0:
        index = layout.token_at(stretch.close_mark) + 1
        while index < len(doc) and "\n" not in doc[index].text:
            if not layout.inside_quote[index] and not doc[index].is_space:
                if doc[index].text in SENTENCE_END:
                    break
                after.append(doc[index])
            index += 1
    if after and _starts_new_sentence(text_of(doc), stretch, after, layout.settings.short_clause_tokens):
        after = []
    return before, after


def _starts_new_sentence(
    text: str, stretch: QuotedStretch, after: list[Token], reach: int
) -> bool:
    """True when the quotation ended its sentence and what follows is a new statement.

    '"Stop!" Jane shouted, ...' and '"Why?" Jane asked.' go with the quotation; '"Stop."
    Jane said the talks were over.' reports something new (the cue has a clause of its own).
    """
    closed_sentence = (
        text[stretch.content_end - 1 : stretch.content_end] in SENTENCE_END
    )
    if not (closed_sentence and after[0].text[:1].isupper()):
        return False
    return not any(
        cue_strength(token) == 2
        and not any(child.dep_ == "ccomp" for child in token.children)
        for token in after[:reach]
    )


def _quotation_ended_sentence(layout: Layout, index: int) -> bool:
    """True when token ``index`` closes a quotation ending in '.', '!' or '?' and the word
    after it starts a new sentence with a capital."""
    doc = layout.doc
    following = index + 1
    while following < len(doc) and doc[following].is_space:
        following += 1
    if following >= len(doc) or layout.inside_quote[following] or index == 0:
        return False
    closes = (
        doc[index].text in CLOSING_MARKS and doc[index - 1].text[-1:] in SENTENCE_END
    )
    return closes and doc[following].text[:1].isupper()


def _previous_text_ends_with_colon(doc: Doc, break_index: int) -> bool:
    return break_index > 0 and doc[break_index - 1].text.endswith(":")
