"""What changed between two revisions of an article, word by word, and of which kind.

The texts are cut into words and punctuation (each with its character offsets) and aligned
with :class:`difflib.SequenceMatcher`; every run of words that differs is a :class:`Change`
citing its words in both texts by offsets. A change is classed by what it touches:

- ``headline``: the title differs (offsets into the titles, ``field`` "title");
- ``number``: a word with a digit or a number word ("twelve", "million") was changed;
- ``quote``: the change lies inside quotation marks in either text;
- ``sentence_added`` / ``sentence_removed``: whole sentences appear or disappear;
- ``wording``: anything else.

A change may have several kinds (a number inside a quote is both).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsprism.common.marks import DOUBLE_CLOSERS, DOUBLE_OPENERS, STRAIGHT_DOUBLE

__all__ = ["CHANGE_KINDS", "Change", "changes_from_json", "changes_to_json", "diff_revisions", "summarise_changes"]

CHANGE_KINDS = ("headline", "number", "quote", "sentence_added", "sentence_removed", "wording")
"""Every kind of change, in the order summaries list them."""

_LABELS = {
    "headline": ("headline changed", "headline changed"),
    "number": ("number changed", "numbers changed"),
    "quote": ("quote changed", "quotes changed"),
    "sentence_added": ("sentence added", "sentences added"),
    "sentence_removed": ("sentence removed", "sentences removed"),
    "wording": ("wording changed", "wording changes"),
}
_BRIDGED_WORDS = 2
"""Runs of change parted by at most this many unchanged words are one change."""
_TOKEN = re.compile(r"\w+(?:[.,:'’]\w+)*|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)")
_NUMBER_WORDS = frozenset(
    (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
        "dozen", "dozens", "half", "quarter", "percent",
    )
)
"""Words that state a quantity; ordinals ("a second shelter") are left out: they rarely
carry the figure a correction changes."""


@dataclass(frozen=True)
class Change:
    """One run of words that differs between two revisions.

    ``before`` and ``after`` are the words as written (either may be empty); the offsets cite
    them in the earlier and later text (or title, when ``field`` is "title"). An insertion
    has ``before_start == before_end`` at the place it goes.
    """

    kinds: tuple[str, ...]
    before: str
    after: str
    before_start: int
    before_end: int
    after_start: int
    after_end: int
    field: str = "text"

    def as_json(self) -> dict[str, object]:
        """The change as a JSON object."""
        return {
            "kinds": list(self.kinds),
            "field": self.field,
            "before": self.before,
            "after": self.after,
            "before_span": [self.before_start, self.before_end],
            "after_span": [self.after_start, self.after_end],
        }


def diff_revisions(before_title: str | None, before: str, after_title: str | None, after: str) -> list[Change]:
    """The changes from one revision (title and text) to the next, in text order, the
    headline first."""
    changes = []
    if (before_title or "") != (after_title or ""):
        title_a, title_b = before_title or "", after_title or ""
        changes.append(Change(("headline",), title_a, title_b, 0, len(title_a), 0, len(title_b), "title"))
    changes.extend(_text_changes(before, after))
    return changes


def summarise_changes(changes: Sequence[Change]) -> str:
    """One line saying what changed: "2 numbers changed, 1 sentence added"."""
    counts = Counter(kind for change in changes for kind in change.kinds)
    parts = []
    for kind in CHANGE_KINDS:
        if counts[kind]:
            singular, plural = _LABELS[kind]
            parts.append(f"{counts[kind]} {singular if counts[kind] == 1 else plural}")
    return ", ".join(parts) or "no change in the words"


def changes_to_json(changes: Sequence[Change]) -> str:
    """The changes as the JSON text the store keeps with a revision."""
    return json.dumps([change.as_json() for change in changes], ensure_ascii=False)


def changes_from_json(data: str) -> list[Change]:
    """The changes stored with a revision."""
    changes = []
    for item in json.loads(data):
        before_start, before_end = item["before_span"]
        after_start, after_end = item["after_span"]
        changes.append(Change(tuple(item["kinds"]), item["before"], item["after"], before_start, before_end,
                              after_start, after_end, item.get("field", "text")))
    return changes


def _text_changes(before: str, after: str) -> Iterator[Change]:
    tokens_a, tokens_b = _tokens(before), _tokens(after)
    words_a = [before[start:end] for start, end in tokens_a]
    words_b = [after[start:end] for start, end in tokens_b]
    matcher = SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    quoted_a, quoted_b = _quoted_spans(before), _quoted_spans(after)
    sentences_a, sentences_b = _sentence_spans(before), _sentence_spans(after)
    for a1, a2, b1, b2 in _merged_runs(matcher.get_opcodes()):
        span_a = _span(tokens_a, a1, a2, len(before))
        span_b = _span(tokens_b, b1, b2, len(after))
        kinds = _kinds(words_a[a1:a2] + words_b[b1:b2], span_a, span_b, quoted_a, quoted_b, sentences_a, sentences_b)
        yield Change(kinds, before[span_a[0]:span_a[1]], after[span_b[0]:span_b[1]], *span_a, *span_b)


def _merged_runs(opcodes: Sequence[tuple[str, int, int, int, int]]) -> Iterator[tuple[int, int, int, int]]:
    """The differing runs, with two runs parted only by a word or two taken as one: a
    rewritten sentence shares its "the" and "of" with the old one, and is one change."""
    current: list[int] | None = None
    for operation, a1, a2, b1, b2 in opcodes:
        if operation == "equal":
            if current is not None and a2 - a1 > _BRIDGED_WORDS:
                yield current[0], current[1], current[2], current[3]
                current = None
            continue
        if current is None:
            current = [a1, a2, b1, b2]
        else:
            current[1], current[3] = a2, b2
    if current is not None:
        yield current[0], current[1], current[2], current[3]


def _kinds(
    words: list[str],
    span_a: tuple[int, int],
    span_b: tuple[int, int],
    quoted_a: list[tuple[int, int]],
    quoted_b: list[tuple[int, int]],
    sentences_a: list[tuple[int, int]],
    sentences_b: list[tuple[int, int]],
) -> tuple[str, ...]:
    kinds = []
    if any(_is_number(word) for word in words):
        kinds.append("number")
    if _overlaps(span_a, quoted_a) or _overlaps(span_b, quoted_b):
        kinds.append("quote")
    if _covers_sentence(span_b, sentences_b):
        kinds.append("sentence_added")
    if _covers_sentence(span_a, sentences_a):
        kinds.append("sentence_removed")
    return tuple(kinds) or ("wording",)


def _tokens(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _TOKEN.finditer(text)]


def _span(tokens: list[tuple[int, int]], first: int, last: int, length: int) -> tuple[int, int]:
    """Character span of tokens ``first``..``last`` (exclusive); an empty run is the point
    where it would go."""
    if first < last:
        return tokens[first][0], tokens[last - 1][1]
    point = tokens[first][0] if first < len(tokens) else length
    return point, point


def _is_number(word: str) -> bool:
    return any(character.isdigit() for character in word) or word.lower() in _NUMBER_WORDS


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks: straight double quotes pair in turn, curly ones open
    and close; a quote left open runs to the end of its paragraph."""
    spans = []
    opened: int | None = None
    for position, character in enumerate(text):
        if opened is None and (character in DOUBLE_OPENERS or character == STRAIGHT_DOUBLE):
            opened = position
        elif opened is not None and (character in DOUBLE_CLOSERS or character == STRAIGHT_DOUBLE):
            spans.append((opened, position + 1))
            opened = None
        elif opened is not None and character == "\n":
            spans.append((opened, position))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(match.start() + len(match.group()) - len(match.group().lstrip()), match.end())
            for match in _SENTENCE.finditer(text) if match.group().strip()]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < other_end and other_start < max(end, start + 1) for other_start, other_end in spans)


def _covers_sentence(span: tuple[int, int], sentences: list[tuple[int, int]]) -> bool:
    """True when ``span`` holds a whole sentence, give or take the mark that ends the
    sentence before it (the aligner may hand the full stop to either side)."""
    start, end = span
    if end - start < 2:
        return False
    return any(start - 2 <= sentence_start and sentence_end <= end + 2 and sentence_end - sentence_start > 3
               for sentence_start, sentence_end in sentences)
