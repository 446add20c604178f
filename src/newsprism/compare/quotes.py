"""Match the quotes of one utterance across reports and class how their wording differs.

Reports cut long quotes differently: one prints four paragraphs, another one sentence of
them. Quotes are therefore compared sentence by sentence; the sentences of one quote that
another report also carries form a group of their own, and the rest of the quote stays
together as what that report alone carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsprism.common.grouping import connected_groups
from newsprism.common.marks import QUOTE_MARKS
from newsprism.model import Article, Evidence, Quote, QuoteGroup, QuoteMatch, WordChange
from newsprism.settings import QuoteMatchSettings

_WORD = re.compile(r"[\w’'%.-]+")
SpeakerLookup = Callable[[Article, Quote], tuple[str | None, str]]
"""Story-level entity id (or None) and display text of a quote's speaker."""


@dataclass(frozen=True)
class QuotePiece:
    """One sentence (or the whole) of one quote in one article."""

    article: Article
    quote: Quote
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def words(self) -> list[str]:
        return normalised_words(self.text)

    def evidence(self) -> Evidence:
        return Evidence(self.article.id, self.start, self.end, self.article.sentence_index(self.start))


def normalised_words(text: str) -> list[str]:
    """Lower-case words without surrounding punctuation, curly and straight apostrophes unified."""
    words = (word.strip(".-").replace("’", "'").lower() for word in _WORD.findall(text))
    return [word for word in words if word]


def group_quotes(
    articles: Sequence[Article],
    speaker_of: SpeakerLookup,
    settings: QuoteMatchSettings = QuoteMatchSettings(),
) -> list[QuoteGroup]:
    """Group the quotes of all articles into utterances and class each group's versions."""
    pieces = [piece for article in articles for quote in article.quotes for piece in _pieces(article, quote)]
    matched = _match_pieces(pieces, settings)
    groups: list[QuoteGroup] = []
    used: set[int] = set()
    for members in matched:
        if len({pieces[i].article.id for i in members}) < 2:
            continue
        used.update(members)
        groups.append(_make_group([pieces[i] for i in members], speaker_of))
    groups.extend(_single_groups(pieces, used, speaker_of))
    return sorted(groups, key=lambda group: (_first_position(articles, group)))


def classify_versions(texts: Sequence[str]) -> QuoteMatch:
    """Class how the wordings of one utterance differ."""
    if len(texts) < 2:
        return "single"
    if all(text == texts[0] for text in texts):
        return "identical"
    words = [normalised_words(text) for text in texts]
    if all(w == words[0] for w in words):
        return "punctuation"
    shortest = min(words, key=len)
    if all(_contains_in_order(w, shortest) for w in words):
        return "shortened"
    return "reworded"


def word_changes(first: str, other: str) -> tuple[tuple[str, str], ...]:
    """Word-level edits from ``first`` to ``other``: ("-", words) removed, ("+", words) added.

    Words are compared without case or punctuation (those differences are classed apart)
    and shown as written.
    """
    a, b = _WORD.findall(first), _WORD.findall(other)
    folded_a, folded_b = normalised_words(first), normalised_words(other)
    if len(folded_a) != len(a) or len(folded_b) != len(b):
        folded_a, folded_b = [w.lower() for w in a], [w.lower() for w in b]
    changes: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, folded_a, folded_b, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            changes.append(("-", " ".join(a[a1:a2])))
        if operation in ("insert", "replace"):
            changes.append(("+", " ".join(b[b1:b2])))
    return tuple(changes)


def _pieces(article: Article, quote: Quote) -> list[QuotePiece]:
    inside = [
        (max(sentence.start, quote.start), min(sentence.end, quote.end))
        for sentence in article.sentences
        if sentence.overlaps(quote.span)
    ]
    pieces = [
        QuotePiece(article, quote, *_without_marks(article.text, start, end))
        for start, end in inside
        if _has_words(article.text[start:end])
    ]
    return pieces or [QuotePiece(article, quote, quote.start, quote.end)]


def _without_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a sentence of a quote so that it neither starts nor ends with quotation marks."""
    while start < end and (text[start] in QUOTE_MARKS or text[start] == " "):
        start += 1
    while end > start and (text[end - 1] in QUOTE_MARKS or text[end - 1] == " "):
        end -= 1
    return start, end


def _has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)


def _match_pieces(pieces: list[QuotePiece], settings: QuoteMatchSettings) -> list[list[int]]:
    words = [piece.words for piece in pieces]
    links = [
        (i, j)
        for i in range(len(pieces))
        for j in range(i + 1, len(pieces))
        if pieces[i].article.id != pieces[j].article.id and _same_utterance(words[i], words[j], settings)
    ]
    return connected_groups(len(pieces), links)


def _same_utterance(a: list[str], b: list[str], settings: QuoteMatchSettings) -> bool:
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    blocks = SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks)
    # Short fragments ("truce in the sky") must match whole; longer ones may differ in a few words.
    short = len(shorter) <= settings.short_fragment
    needed = len(shorter) if short else settings.same_words * len(shorter)
    return shared >= needed


def _make_group(pieces: list[QuotePiece], speaker_of: SpeakerLookup) -> QuoteGroup:
    """One utterance: each report's version is its pieces in text order, read as one."""
    by_article: dict[str, list[QuotePiece]] = {}
    for piece in pieces:
        by_article.setdefault(piece.article.id, []).append(piece)
    texts = {article_id: " ".join(piece.text for piece in members) for article_id, members in by_article.items()}
    reference = _reference_version(texts)
    order = [reference, *(article_id for article_id in by_article if article_id != reference)]
    versions = [evidence for article_id in order for evidence in _joined(by_article[article_id])]
    speaker, speaker_text = _speaker(pieces, speaker_of)
    changes = [
        WordChange(article_id, operation, words)
        for article_id in order[1:]
        for operation, words in word_changes(texts[reference], texts[article_id])
    ]
    return QuoteGroup(
        speaker=speaker,
        speaker_text=speaker_text,
        versions=tuple(versions),
        match=classify_versions(list(texts.values())),
        changes=tuple(changes),
    )


def _reference_version(texts: dict[str, str]) -> str:
    """The article whose version the others differ from least, in changed words in all.

    When one report misquotes, the changes are then its own, not everyone else's; between
    two versions, or when versions differ equally, the first report's is the reference.
    """
    article_ids = list(texts)
    if len(article_ids) < 3:
        return article_ids[0]

    def distance(first: str, second: str) -> int:
        return sum(len(words.split()) for _, words in word_changes(texts[first], texts[second]))

    return min(article_ids, key=lambda candidate: sum(distance(candidate, other) for other in article_ids))


def _joined(pieces: list[QuotePiece]) -> list[Evidence]:
    """Evidence for pieces of one article, neighbouring sentences of one quote as one span."""
    runs: list[QuotePiece] = []
    for piece in sorted(pieces, key=lambda p: p.start):
        if runs and runs[-1].quote == piece.quote:
            runs[-1] = QuotePiece(piece.article, piece.quote, runs[-1].start, piece.end)
        else:
            runs.append(piece)
    return [run.evidence() for run in runs]


def _single_groups(pieces: list[QuotePiece], used: set[int], speaker_of: SpeakerLookup) -> list[QuoteGroup]:
    """The unmatched remainder of each quote: each run of unmatched sentences as one version."""
    runs: list[list[QuotePiece]] = []
    for index, piece in enumerate(pieces):
        if index in used:
            continue
        before = pieces[index - 1] if index > 0 and index - 1 not in used else None
        if before is not None and before.quote == piece.quote and before.article.id == piece.article.id:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    groups = []
    for members in runs:
        first, last = members[0], members[-1]
        whole = QuotePiece(first.article, first.quote, first.start, last.end)
        speaker, speaker_text = speaker_of(first.article, first.quote)
        groups.append(QuoteGroup(speaker, speaker_text, (whole.evidence(),), "single"))
    return groups


def _speaker(pieces: list[QuotePiece], speaker_of: SpeakerLookup) -> tuple[str | None, str]:
    found = [speaker_of(piece.article, piece.quote) for piece in pieces]
    for speaker, text in found:
        if speaker is not None:
            return speaker, text
    return None, next((text for _, text in found if text), "")


def _contains_in_order(words: list[str], part: list[str]) -> bool:
    blocks = SequenceMatcher(None, part, words, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) == len(part)


def _first_position(articles: Sequence[Article], group: QuoteGroup) -> tuple[int, int]:
    order = {article.id: index for index, article in enumerate(articles)}
    first = group.versions[0]
    return order.get(first.article, len(order)), first.start

