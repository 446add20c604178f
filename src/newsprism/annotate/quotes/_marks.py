"""Find quoted stretches of text by pairing quotation marks (no parsing needed).

Straight (``"``) and curly (“ ”) double quotes are paired within a paragraph. Single curly
quotes (‘ ’) count as quotation marks only at the top level and only when a closing ’ that
cannot be an apostrophe follows; straight single quotes are always left alone, since in news
text they are nearly always apostrophes. Marks inside a quotation (nested quotes) do not end
it. News style lets a quotation run over several paragraphs: a paragraph that ends inside an
open quotation continues into the next paragraph when that one opens with a quotation mark,
and only the last paragraph closes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.common.marks import (
    DOUBLE_CLOSERS,
    DOUBLE_OPENERS,
    SINGLE_CLOSER,
    SINGLE_OPENER,
    STRAIGHT_DOUBLE,
)

# What may stand right before an opening mark (start of text aside).
OPENING_CONTEXT = frozenset(" \t\n\u00a0([{—–-/:;,")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
STRIP_CHARACTERS = " \t\n\u00a0"


@dataclass(frozen=True)
class QuotedStretch:
    """Text between an opening and a closing mark; ``open_mark``/``close_mark`` are offsets.

    ``close_mark`` is -1 when the quotation was never closed (it then ends at its
    paragraph's end). ``content_start``/``content_end`` exclude the marks and any space.
    """

    open_mark: int
    close_mark: int
    content_start: int
    content_end: int

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the content when unclosed)."""
        return self.close_mark + 1 if self.close_mark >= 0 else self.content_end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the non-empty lines of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if text[start : brk.start()].strip():
            spans.append((start, brk.start()))
        start = brk.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def find_quoted_stretches(text: str) -> list[QuotedStretch]:
    """Every quoted stretch of ``text``, top level only, sorted by position."""
    stretches: list[QuotedStretch] = []
    paragraphs = paragraph_spans(text)
    # the opening mark of a quotation still open at the end of the previous paragraph
    carried_open = -1
    for index, (start, end) in enumerate(paragraphs):
        found, still_open = _pair_marks_in_paragraph(text, start, end, carried_open)
        stretches.extend(found)
        carried_open = -1
        if still_open >= 0:
            next_opens_quote = index + 1 < len(paragraphs) and _opens_with_quote(
                text, paragraphs[index + 1][0]
            )
            if next_opens_quote:
                carried_open = still_open
            else:
                stretches.append(_make_stretch(text, still_open, -1, end))
    return sorted(stretches, key=lambda stretch: stretch.open_mark)


def _opens_with_quote(text: str, paragraph_start: int) -> bool:
    first = text[paragraph_start : paragraph_start + 1]
    return first in DOUBLE_OPENERS or first in (STRAIGHT_DOUBLE, SINGLE_OPENER)


def _make_stretch(
    text: str, open_mark: int, close_mark: int, end: int
) -> QuotedStretch:
    content_start = open_mark + 1
    content_end = close_mark if close_mark >= 0 else end
    while content_start < content_end and text[content_start] in STRIP_CHARACTERS:
        content_start += 1
    while content_end > content_start and text[content_end - 1] in STRIP_CHARACTERS:
        content_end -= 1
    return QuotedStretch(open_mark, close_mark, content_start, content_end)


def _pair_marks_in_paragraph(
    text: str, start: int, end: int, carried_open: int
) -> tuple[list[QuotedStretch], int]:
    """Pair the marks of one paragraph; return the stretches and a still-open mark or -1."""
    stretches: list[QuotedStretch] = []
    open_mark = carried_open
    open_kind = ""
    position = start
    if carried_open >= 0:
        open_kind = "single" if text[carried_open] == SINGLE_OPENER else "double"
        position = start + 1  # skip the repeated opening mark of a continued quotation
    while position < end:
        char = text[position]
        if open_mark < 0:
            if _is_double_opener(text, position, start) or (
                char == SINGLE_OPENER and _has_single_closer(text, position, end)
            ):
                open_mark, open_kind = (
                    position,
                    ("single" if char == SINGLE_OPENER else "double"),
                )
        elif _closes(text, position, open_kind):
            stretches.append(_make_stretch(text, open_mark, position, end))
            open_mark, open_kind = -1, ""
        position += 1
    return stretches, open_mark


def _is_double_opener(text: str, position: int, paragraph_start: int) -> bool:
    char = text[position]
    if char in DOUBLE_OPENERS:
        return True
    if char != STRAIGHT_DOUBLE:
        return False
    # A straight mark opens unless it sits glued to the end of a word (a stray closer).
    before = text[position - 1] if position > paragraph_start else " "
    return before in OPENING_CONTEXT or not before.isalnum()


def _closes(text: str, position: int, open_kind: str) -> bool:
    char = text[position]
    if open_kind == "single":
        return char == SINGLE_CLOSER and _is_single_closer(text, position)
    if char in DOUBLE_OPENERS:
        return _is_misused_opener(text, position)
    return char in DOUBLE_CLOSERS or char == STRAIGHT_DOUBLE


def _is_misused_opener(text: str, position: int) -> bool:
    """An opening mark typed where a closing one belongs: 'unusual,“ said Jane Doe'."""
    before = text[position - 1 : position]
    after = text[position + 1 : position + 2]
    return bool(before) and not before.isspace() and (not after or not after.isalnum())


def _has_single_closer(text: str, opener: int, end: int) -> bool:
    if opener > 0 and (text[opener - 1].isalnum()):
        return False
    following = text[opener + 1 : opener + 2]
    if not following or following.isspace() or following.isdigit():
        return False  # "‘90s" and stray marks are not quotations
    return any(
        text[position] == SINGLE_CLOSER and _is_single_closer(text, position)
        for position in range(opener + 2, end)
    )


def _is_single_closer(text: str, position: int) -> bool:
    """A ’ that ends a quotation rather than standing for a letter or a possessive."""
    after = text[position + 1 : position + 2]
    before = text[position - 1 : position]
    if after.isalnum() or before.isspace():
        return False  # "don’t", "’em"
    # a plural possessive ("the students’ votes") is followed by a lowercase word
    return not (
        before in "sS" and text[position + 1 : position + 3].strip()[:1].islower()
    )
