"""RSS and Atom feeds: entries with their links, dates and content (feedparser on the bytes).

feedparser is handed bytes in a stream, never a string: given a string that looks like a
URL or a path it would fetch or open it. Feeds that declare XML entities are refused
outright: real feeds do not need them, and they are how external-entity and
entity-expansion ("billion laughs") attacks arrive.
"""

from __future__ import annotations

import io
import re
import xml.sax
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsprism.errors import SourceError

FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry: ``link`` to its page, ``content`` as HTML (the longest the feed has)."""

    position: int
    link: str | None
    guid: str | None
    title: str | None
    published: datetime | None
    content: str


def looks_like_feed(data: bytes) -> bool:
    """True when the body starts as XML (not HTML) and its first kilobytes hold an RSS, Atom
    or RDF root element: servers often send feeds as text/xml or even text/html."""
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf", b"<!--")):
        return False
    return _FEED_ROOT.search(start) is not None


def parse_feed(data: bytes, source: str) -> list[FeedEntry]:
    """The entries of a feed, in feed order.

    Raises :class:`SourceError` for hostile XML, for XML that is not a feed, and for a feed
    too malformed to give any entry.
    """
    if _declares_entities(data):
        raise SourceError(source, "feed declares XML entities; refused as unsafe (entity expansion or external entities)")
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    except Exception as error:
        raise SourceError(source, f"malformed feed ({type(error).__name__}: {error})") from None
    entries = [_entry(position, entry) for position, entry in enumerate(parsed.entries, start=1)]
    if isinstance(parsed.get("bozo_exception"), xml.sax.SAXParseException):
        # Broken XML (often a truncated download): keep what the lenient parser recovered,
        # but not the empty shells it makes of a cut-off entry.
        entries = [entry for entry in entries if entry.link or entry.content.strip()]
        if not entries:
            raise SourceError(source, f"malformed feed ({_bozo_reason(parsed)})")
    if not entries:
        if not parsed.get("version"):
            raise SourceError(source, "not an RSS or Atom feed")
        raise SourceError(source, "feed has no entries")
    return entries


def _declares_entities(data: bytes) -> bool:
    """True when the XML declares entities, in UTF-8 or in a UTF-16/32 encoding."""
    if _ENTITY_DECLARATION.search(data):
        return True
    if b"\x00" not in data[:512]:
        return False
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        if "<!entity" in data.decode(encoding, errors="ignore").lower():
            return True
    return False


def _entry(position: int, entry: Any) -> FeedEntry:
    return FeedEntry(
        position=position,
        link=(entry.get("link") or "").strip() or None,
        guid=(entry.get("id") or "").strip() or None,
        title=(entry.get("title") or "").strip() or None,
        published=_entry_time(entry),
        content=_longest_content(entry),
    )


def _entry_time(entry: Any) -> datetime | None:
    """feedparser gives times as UTC struct_time; published first, else updated; None when
    the feed gives none or one no calendar has."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(timegm(parsed), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None  # a date feedparser read outside the calendar ("0000-00-00" is year -1)


def _longest_content(entry: Any) -> str:
    """The longest of the entry's contents and summary; feedparser leaves a summary None when
    the XML closes its element in the wrong place, so a missing value counts as empty."""
    candidates = [part.get("value") or "" for part in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    return str(max(candidates, key=len))


def _bozo_reason(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    message = getattr(error, "getMessage", lambda: str(error))()
    return " ".join(str(message).split())[:200] or "unreadable XML"
