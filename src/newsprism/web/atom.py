"""The alerts a watcher raised, as an Atom feed (RFC 4287) any feed reader can follow.

Built with :mod:`xml.etree.ElementTree`, whose serialiser escapes every text and attribute:
an alert's message or evidence can never become markup.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from newsprism.store.watching import StoredAlert

_ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = "1970-01-01T00:00:00+00:00"


def alerts_feed(alerts: Sequence[StoredAlert], base_url: str) -> str:
    """The Atom document of ``alerts`` (newest first); ``base_url`` prefixes the links to the
    feed itself and to stories ("" leaves them relative, resolved against the feed's own
    address as RFC 4287 allows)."""
    ElementTree.register_namespace("", _ATOM)
    feed = ElementTree.Element(f"{{{_ATOM}}}feed")
    _text(feed, "id", "urn:newsprism:alerts")
    _text(feed, "title", "newsprism alerts")
    _text(feed, "updated", alerts[0].raised_at if alerts else _EPOCH)
    ElementTree.SubElement(feed, f"{{{_ATOM}}}link", rel="self", href=f"{base_url}/alerts.atom")
    author = ElementTree.SubElement(feed, f"{{{_ATOM}}}author")
    _text(author, "name", "newsprism watch")
    for alert in alerts:
        feed.append(_entry(alert, base_url))
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True)


def _entry(alert: StoredAlert, base_url: str) -> ElementTree.Element:
    entry = ElementTree.Element(f"{{{_ATOM}}}entry")
    _text(entry, "id", "urn:newsprism:alert:" + hashlib.sha256(alert.key.encode("utf-8")).hexdigest()[:32])
    _text(entry, "title", alert.message)
    _text(entry, "updated", alert.raised_at)
    ElementTree.SubElement(entry, f"{{{_ATOM}}}category", term=alert.kind)
    if alert.story is not None:
        ElementTree.SubElement(entry, f"{{{_ATOM}}}link", rel="related", href=f"{base_url}/stories/{alert.story}")
    if alert.url and alert.url.startswith(("http://", "https://")):
        ElementTree.SubElement(entry, f"{{{_ATOM}}}link", rel="alternate", href=alert.url)
    _text(entry, "content", _evidence_text(alert)).set("type", "text")
    return entry


def _evidence_text(alert: StoredAlert) -> str:
    lines = [alert.message]
    for item in json.loads(alert.evidence):
        if "before" in item or "after" in item:
            lines.append(f"{item.get('before', '')!r} -> {item.get('after', '')!r}")
        elif "text" in item:
            lines.append(f"{item.get('article', '')}: {item['text']}")
    return "\n".join(lines)


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    child = ElementTree.SubElement(parent, f"{{{_ATOM}}}{tag}")
    child.text = text
    return child
