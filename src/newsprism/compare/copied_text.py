"""Which report copied from which: sentences repeated word for word across a story.

Each sentence's words outside quotation marks become four-word shingles (outlets quoting
one speaker share the quote, which says nothing about copying). A sentence of one report
repeats a sentence of another when most of its shingles are in it, so a changed word or
two still counts. A repeated sentence is credited to the earliest published report that
has it: three outlets running one wire story are two copies of the first, not a chain.
Reports whose repeated sentences make up at least half their words are reprints; the
others share passages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.common.shingles import WORD, word_shingles
from newsprism.model import Article, CopiedText, Evidence, Span, wall_clock
from newsprism.settings import CopiedTextSettings


@dataclass(frozen=True)
class _Sentence:
    article: int
    index: int
    span: Span
    words: int
    shingles: frozenset[str]


def find_copied_text(
    articles: Sequence[Article], settings: CopiedTextSettings = CopiedTextSettings()
) -> tuple[CopiedText, ...]:
    """Every (origin, copy) pair of reports that share sentences outside quotes."""
    sentences = [_own_sentences(number, article, settings) for number, article in enumerate(articles)]
    by_shingle: dict[str, list[_Sentence]] = defaultdict(list)
    for article_sentences in sentences:
        for sentence in article_sentences:
            for shingle in sentence.shingles:
                by_shingle[shingle].append(sentence)
    passages: dict[tuple[int, int], list[tuple[_Sentence, _Sentence]]] = defaultdict(list)
    for article_sentences in sentences:
        for sentence in article_sentences:
            repeated = _repeated_in(sentence, by_shingle, settings.min_containment)
            origin = _origin(sentence.article, sorted(repeated), articles)
            if origin is not None:
                passages[(origin, sentence.article)].append((repeated[origin], sentence))
    found = [
        _copied(articles, origin, copy, pairs, _own_words(articles[copy]), settings.reprint_share)
        for (origin, copy), pairs in sorted(passages.items())
        if sum(copy_sentence.words for _, copy_sentence in pairs) >= settings.min_copied_words
    ]
    return tuple(found)


def _own_sentences(number: int, article: Article, settings: CopiedTextSettings) -> list[_Sentence]:
    """The article's sentences with enough words outside quotes, as shingle sets."""
    found = []
    for index, span in enumerate(article.sentences):
        words = _words_outside_quotes(article, span)
        if len(words) < settings.min_sentence_words:
            continue
        shingles = frozenset(word_shingles(words, settings.shingle_words))
        found.append(_Sentence(number, index, span, len(words), shingles))
    return found


def _words_outside_quotes(article: Article, span: Span) -> list[str]:
    quoted = [quote.span for quote in article.quotes if quote.start < span.end and span.start < quote.end]
    return [
        match.group().lower()
        for match in WORD.finditer(article.text, span.start, span.end)
        if not any(quote.start <= match.start() < quote.end for quote in quoted)
    ]


def _own_words(article: Article) -> int:
    return sum(len(_words_outside_quotes(article, span)) for span in article.sentences)


def _repeated_in(
    sentence: _Sentence, by_shingle: dict[str, list[_Sentence]], least: float
) -> dict[int, _Sentence]:
    """The best repeated sentence of ``sentence`` in every other article, by article."""
    shared: dict[tuple[int, int], int] = defaultdict(int)
    candidates: dict[tuple[int, int], _Sentence] = {}
    for shingle in sentence.shingles:
        for other in by_shingle[shingle]:
            if other.article != sentence.article:
                shared[(other.article, other.index)] += 1
                candidates[(other.article, other.index)] = other
    best: dict[int, tuple[float, _Sentence]] = {}
    for key, count in shared.items():
        score = count / len(sentence.shingles)
        if score >= least and score > best.get(key[0], (0.0, sentence))[0]:
            best[key[0]] = (score, candidates[key])
    return {article: other for article, (_, other) in best.items()}


def _origin(copy: int, others: list[int], articles: Sequence[Article]) -> int | None:
    """The report a repeated sentence of ``copy`` is credited to, or None when ``copy`` is first.

    The earliest report published before ``copy``; when no report is known to be earlier,
    the first one given when it comes before ``copy`` in the list and no report is known
    to be later than ``copy`` (that pair is credited the other way).
    """
    earlier = [other for other in others if _before(articles[other], articles[copy])]
    if earlier:
        return min(earlier, key=lambda other: (articles[other].published, other))
    unordered = [
        other for other in others if not _before(articles[copy], articles[other]) and other < copy
    ]
    return unordered[0] if unordered else None


def _before(first: Article, second: Article) -> bool:
    if first.published is None or second.published is None:
        return False
    try:
        return first.published < second.published
    except TypeError:  # one time has a zone and the other not: compare as written
        return wall_clock(first.published) < wall_clock(second.published)


def _copied(
    articles: Sequence[Article],
    origin: int,
    copy: int,
    pairs: list[tuple[_Sentence, _Sentence]],
    copy_words: int,
    reprint_share: float,
) -> CopiedText:
    share = sum(sentence.words for _, sentence in pairs) / max(copy_words, 1)
    source, target = articles[origin], articles[copy]
    return CopiedText(
        origin=source.id,
        copy=target.id,
        kind="reprint" if share >= reprint_share else "passages",
        share=round(min(share, 1.0), 3),
        passages=tuple(
            (
                Evidence(source.id, first.span.start, first.span.end, first.index),
                Evidence(target.id, second.span.start, second.span.end, second.index),
            )
            for first, second in sorted(pairs, key=lambda pair: pair[1].index)
        ),
        dated=_before(source, target),
    )
