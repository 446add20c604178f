"""A draft read from one source becomes an Article, with metadata fallbacks applied once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsprism.errors import ExtractionError
from newsprism.ingest.dates import as_aware
from newsprism.ingest.meta import find_meta
from newsprism.ingest.options import Ingested, ReadOptions
from newsprism.ingest.text import normalise_text
from newsprism.ingest.urls import is_url, outlet_from_url
from newsprism.model import Article

JSON_MEDIA_TYPE = "application/json"
"""The media type of a JSON record: one report of a file (or answer) that may hold many."""


@dataclass(frozen=True)
class Draft:
    """What one source says about an article before fallbacks.

    ``source`` is the input it was read from (path or URL); ``record_id`` the id a JSON
    record carries; ``site_name`` the outlet the page names itself.
    """

    source: str
    text: str
    raw: bytes
    media_type: str
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    site_name: str | None = None
    outlet: str | None = None
    record_id: str | None = None


def finish(draft: Draft, options: ReadOptions) -> Ingested:
    """Apply the metadata fallbacks and normalisation to ``draft``.

    id: the record id, else the URL as requested (before redirects; ``url`` keeps the final
    address), else the source path. outlet: the record's outlet, else
    the sidecar, else the page's site name, else the URL's domain, else for a JSON record
    its id (it stands as its own report), else the file name stem.
    published: the source, else the sidecar, else ``options.published``. Raises
    :class:`ExtractionError` when no text is left.
    """
    text = normalise_text(draft.text)
    if not text:
        raise ExtractionError(draft.source, "no article text")
    meta = find_meta(options.meta, [draft.record_id, draft.url, draft.source])
    url = draft.url or meta.url or (draft.source if is_url(draft.source) else None)
    published = draft.published or meta.published or options.published
    article_id = draft.record_id or (draft.source if is_url(draft.source) else url) or draft.source
    article = Article(
        id=article_id,
        text=text,
        source=draft.source,
        title=_single_line(draft.title) or _single_line(meta.title),
        outlet=_outlet(draft, meta.outlet, url, article_id),
        published=as_aware(published) if published else None,
        url=url,
    )
    return Ingested(article=article, raw=draft.raw, media_type=draft.media_type)


def _outlet(draft: Draft, sidecar_outlet: str | None, url: str | None, article_id: str) -> str | None:
    """The first outlet name known: record, sidecar, site name, URL domain; else a record
    of a JSON or JSONL file stands as its own report (its id), and a file as its name's stem.

    A file of records is many reports, often from many outlets: were they all given the
    file's name, every fact would be told by "one outlet".
    """
    for candidate in (draft.outlet, sidecar_outlet, draft.site_name):
        if _single_line(candidate):
            return _single_line(candidate)
    if url:
        return outlet_from_url(url)
    if is_url(draft.source):
        return outlet_from_url(draft.source)
    if draft.media_type == JSON_MEDIA_TYPE:
        return _single_line(article_id)
    return _file_stem(draft.source)


def _file_stem(path: str) -> str | None:
    name = Path(path).name
    for suffix in (".warc.gz", ".jsonl.gz", ".ndjson", ".jsonl", ".json", ".html", ".htm", ".txt", ".warc", ".xml", ".rss", ".atom"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or None
    return Path(path).stem or None


def _single_line(value: str | None) -> str | None:
    """A title or name on one line, in NFC like the text, None when empty."""
    value = unicodedata.normalize("NFC", " ".join((value or "").split()))
    return value or None
