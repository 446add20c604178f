"""Drafts from one body of bytes: a plain-text article, an HTML page, or a feed's entries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsprism.errors import FetchError, SourceError
from newsprism.ingest.articles import Draft
from newsprism.ingest.feeds import FeedEntry, parse_feed
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.html import declared_charset, extract_html, html_fragment_to_text
from newsprism.ingest.options import ReadOptions
from newsprism.ingest.prefetch import FetchResult, fetch_in_order
from newsprism.ingest.text import decode_text, normalise_text, unify_line_endings
from newsprism.ingest.urls import normalise_url
from newsprism.settings import ExtractionSettings

_PAGE_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def text_draft(data: bytes, source: str, titled: bool, charset: str | None = None) -> Draft:
    """A plain-text article. When ``titled``, the first line is the title (an empty first
    line means no title) and the rest is the text."""
    decoded = unify_line_endings(decode_text(data, source, charset))
    title = None
    if titled:
        first_line, _, decoded = decoded.partition("\n")
        title = " ".join(first_line.split()) or None
    text = normalise_text(decoded)
    if not text:
        raise SourceError(source, "no article text after the title line" if title else "empty file")
    return Draft(source=source, text=text, raw=data, media_type="text/plain", title=title)


def html_draft(
    data: bytes,
    source: str,
    url: str | None,
    charset: str | None,
    settings: ExtractionSettings = ExtractionSettings(),
) -> Draft:
    """The article of an HTML page; ``url`` is where it was fetched from (None for files)."""
    html = decode_text(data, source, charset or declared_charset(data))
    page = extract_html(html, source, url, settings)
    return Draft(
        source=source,
        text=page.text,
        raw=data,
        media_type="text/html",
        title=page.title,
        published=page.published,
        url=url,
        site_name=page.site_name,
    )


def feed_drafts(
    data: bytes,
    source: str,
    fetcher: Fetcher,
    options: ReadOptions,
    skip: Callable[[str], bool],
    charset: str | None = None,
) -> Iterator[Draft | SourceError]:
    """One draft per feed entry: its page when ``options.fetch_pages`` and the page can be
    read, else the entry's own content. ``skip`` gets each entry link, normalised; pages of
    different hosts are fetched side by side."""
    entries = [entry for entry in parse_feed(data, source) if not (entry.link and skip(normalise_url(entry.link)))]
    links = [entry.link for entry in entries if entry.link and options.fetch_pages]
    pages = fetch_in_order(fetcher, links, _PAGE_MEDIA_TYPES, options.parallel_fetches)
    for entry in entries:
        page = next(pages)[1] if entry.link and options.fetch_pages else None
        try:
            yield _entry_draft(entry, source, page, options.extraction)
        except SourceError as error:
            yield error


def _entry_draft(
    entry: FeedEntry, feed: str, page: FetchResult | None, settings: ExtractionSettings
) -> Draft:
    """The entry's page when it was fetched and holds an article, else the entry's content."""
    page_failure = "not fetched"
    if isinstance(page, FetchError):
        page_failure = page.reason
    elif page is not None and entry.link:
        try:
            return _with_entry_fallbacks(html_draft(page.body, entry.link, page.url, page.charset, settings), entry)
        except SourceError as error:
            page_failure = error.reason
    return _content_draft(entry, feed, page_failure)


def _with_entry_fallbacks(draft: Draft, entry: FeedEntry) -> Draft:
    """The page's own metadata first; the feed's title and date where the page has none."""
    return Draft(
        source=draft.source,
        text=draft.text,
        raw=draft.raw,
        media_type=draft.media_type,
        title=draft.title or entry.title,
        published=draft.published or entry.published,
        url=draft.url,
        site_name=draft.site_name,
    )


def _content_draft(entry: FeedEntry, feed: str, page_failure: str) -> Draft:
    where = entry.link or entry.guid or f"{feed} entry {entry.position}"
    text = html_fragment_to_text(entry.content)
    if not text:
        reason = "feed entry has no content"
        raise SourceError(where, reason if page_failure == "not fetched" else f"{reason} and its page failed: {page_failure}")
    return Draft(
        source=entry.link or feed,
        text=text,
        raw=entry.content.encode("utf-8"),
        media_type="text/html",
        title=entry.title,
        published=entry.published,
        url=entry.link,
        record_id=None if entry.link else (entry.guid or where),
    )
