"""The article a page describes in its JSON-LD (schema.org NewsArticle and kin).

Pages that build their text with JavaScript often carry the whole story in JSON-LD's
``articleBody``; it is the fallback when the visible HTML gives little.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsprism.ingest.jsontext import load_json

_JSON_LD_BLOCK = re.compile(
    r"""<script[^>]+type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>""", re.IGNORECASE | re.DOTALL
)
_ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
     "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "WebPage"}
)


@dataclass(frozen=True)
class StructuredArticle:
    """What JSON-LD says: ``body`` is plain text with one paragraph per line."""

    body: str
    headline: str | None
    published: str | None
    publisher: str | None


def json_ld_article(page: str) -> StructuredArticle | None:
    """The first JSON-LD object with an ``articleBody``, or None when the page has none."""
    for block in _JSON_LD_BLOCK.findall(page):
        try:
            data = load_json(block.strip())
        except json.JSONDecodeError:
            continue
        for item in _objects(data):
            body = item.get("articleBody")
            if isinstance(body, str) and body.strip() and _is_article(item):
                return StructuredArticle(
                    body=_plain(body),
                    headline=_text(item.get("headline")),
                    published=_text(item.get("datePublished")),
                    publisher=_text(_name(item.get("publisher"))),
                )
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data``, depth first (``@graph`` lists included).

    Walked with a stack, not recursion: a page's JSON-LD may nest as deep as the JSON
    parser allows, deeper than Python lets a function recurse.
    """
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            yield value
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        pending.extend(child for child in reversed(children) if isinstance(child, (dict, list)))


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type", "Article")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and kind in _ARTICLE_TYPES for kind in kinds)


def _plain(body: str) -> str:
    """articleBody as text: entities decoded, tags (some sites leave them in) dropped."""
    text = html.unescape(body)
    text = re.sub(r"<\s*(br|/p|/div|/h\d|/li)\s*/?>", "\n", text, flags=re.IGNORECASE)
    return re.sub(r"<[^>]+>", "", text)


def _name(value: Any) -> Any:
    if isinstance(value, list) and value:
        value = value[0]
    return value.get("name") if isinstance(value, dict) else value


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
