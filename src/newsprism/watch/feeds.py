"""Which feeds to watch: feed URLs as given, and the feeds an OPML list names.

An OPML list may be a file or a URL (ending ``.opml``); every ``<outline xmlUrl=...>`` in it
is a feed, at any depth. Like feeds, an OPML list that declares XML entities is refused.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

from newsprism.errors import FetchError, UsageError
from newsprism.ingest import Fetcher, is_url

__all__ = ["feed_urls", "opml_feeds"]

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def feed_urls(arguments: Sequence[str], fetcher: Fetcher) -> list[str]:
    """The feed URLs that ``arguments`` name, each once, in the order given.

    Raises :class:`UsageError` for an argument that is neither a feed URL nor a readable
    OPML list, or when no feed is named at all.
    """
    found: dict[str, None] = {}
    for argument in arguments:
        argument = argument.strip()
        if is_url(argument) and not argument.lower().split("?")[0].endswith(".opml"):
            found[argument] = None
            continue
        for url in opml_feeds(_opml_bytes(argument, fetcher), argument):
            found[url] = None
    if not found:
        raise UsageError("No feed to watch: give feed URLs or OPML lists of them.")
    return list(found)


def opml_feeds(data: bytes, source: str) -> list[str]:
    """The ``xmlUrl`` of every outline in an OPML document, in document order."""
    if _ENTITY_DECLARATION.search(data):
        raise UsageError(f"{source}: the OPML list declares XML entities; refused as unsafe.")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UsageError(f"{source}: not a readable OPML list ({error}).") from None
    if root.tag.lower() != "opml":
        raise UsageError(f"{source}: not an OPML list (its root element is <{root.tag}>); give feed URLs or OPML.")
    urls = [outline.get("xmlUrl", "").strip() for outline in root.iter("outline")]
    return [url for url in urls if is_url(url)]


def _opml_bytes(argument: str, fetcher: Fetcher) -> bytes:
    if is_url(argument):
        try:
            return fetcher.fetch(argument).body
        except FetchError as error:
            raise UsageError(f"{argument}: the OPML list cannot be fetched ({error.reason}).") from None
    path = Path(argument)
    if not path.is_file():
        raise UsageError(f"{argument}: neither a feed URL nor an OPML file.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"{argument}: cannot be read ({error.strerror}).") from None
