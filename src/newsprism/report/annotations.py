"""What ``newsprism annotate`` prints: each article's text and its annotations.

JSON (schema in ``docs/annotate.schema.json``) gives every annotation as character offsets
into the article's ``text`` as stored; the text format lists the same per article for a
person to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import Article, Quote, Span
from newsprism.report.evidence import collapse_whitespace
from newsprism.report.json import JsonObject, dumps
from newsprism.report.outline import published_text

ANNOTATIONS_SCHEMA_VERSION = "1.0"
"""Version of the ``annotate`` JSON; it moves on its own, apart from the brief's."""


def annotations_document(articles: Sequence[Article]) -> JsonObject:
    """The annotations of ``articles`` as JSON-ready data."""
    return {
        "schema_version": ANNOTATIONS_SCHEMA_VERSION,
        "articles": [_article(article) for article in articles],
    }


def render_annotations_json(articles: Sequence[Article]) -> str:
    """Serialise :func:`annotations_document` deterministically (one trailing newline)."""
    return dumps(annotations_document(articles))


def _pair(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _article(article: Article) -> JsonObject:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": None if article.published is None else article.published.isoformat(),
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "sentences": [[sentence.start, sentence.end] for sentence in article.sentences],
        "entities": [
            {
                "start": mention.start,
                "end": mention.end,
                "text": article.text[mention.start : mention.end],
                "type": mention.label,
                "kind": mention.kind,
                "entity": mention.entity or None,
            }
            for mention in article.mentions
        ],
        "quotes": [_quote(quote, article) for quote in article.quotes],
        "times": [
            {
                "start": time.start,
                "end": time.end,
                "text": article.text[time.start : time.end],
                "type": time.type,
                "value": time.value,
                "resolved": time.resolved,
                "relative": time.relative or None,
            }
            for time in article.times
        ],
    }


def _quote(quote: Quote, article: Article) -> JsonObject:
    return {
        "content": [quote.start, quote.end],
        "speaker_span": _pair(quote.speaker),
        "speaker_resolved": _pair(quote.speaker_resolved),
        "cue": _pair(quote.cue),
        "speaker": article.speaker_entity(quote),
        "kind": quote.kind,
    }


def render_annotations_text(articles: Sequence[Article]) -> str:
    """A plain listing per article: header, sentences count, entities, quotes, times."""
    blocks = [_article_text(number, article) for number, article in enumerate(articles, 1)]
    return "\n\n".join(blocks) + "\n"


def _article_text(number: int, article: Article) -> str:
    def words(span: Span | None) -> str:
        return "-" if span is None else collapse_whitespace(span.of(article.text))

    lines = [
        f"A{number}  {article.name}  ({article.id})",
        f"    title: {article.title or '(no title)'}",
        f"    published: {published_text(article)}",
        f"    {len(article.text)} characters, {len(article.sentences)} sentences",
        f"  Entities ({len(article.mentions)})",
    ]
    for mention in article.mentions:
        lines.append(
            f"    [{mention.start}:{mention.end}] {words(mention.span)}  "
            f"{mention.label} {mention.kind} {mention.entity or '-'}"
        )
    lines.append(f"  Quotes ({len(article.quotes)})")
    for quote in article.quotes:
        entity = article.speaker_entity(quote) or "-"
        lines.append(f"    [{quote.start}:{quote.end}] {quote.kind} “{words(quote.span)}”")
        lines.append(
            f"        speaker: {words(quote.speaker)} -> {words(quote.speaker_resolved)} ({entity}); "
            f"cue: {words(quote.cue)}"
        )
    lines.append(f"  Times ({len(article.times)})")
    for time in article.times:
        status = "resolved" if time.resolved else f"unresolved, {time.relative or 'relative'}"
        lines.append(
            f"    [{time.start}:{time.end}] {words(time.span)}  {time.type} {time.value} ({status})"
        )
    return "\n".join(lines)
