"""Which reader handles a source: files by suffix, folders recursively, URLs by content."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from newsprism.errors import FetchError, SourceError
from newsprism.ingest.articles import JSON_MEDIA_TYPE, Draft, finish
from newsprism.ingest.feeds import FEED_MEDIA_TYPES, looks_like_feed
from newsprism.ingest.fetch import FetchedPage, Fetcher
from newsprism.ingest.options import Ingested, ReadOptions
from newsprism.ingest.pages import feed_drafts, html_draft, text_draft
from newsprism.ingest.prefetch import fetch_in_order
from newsprism.ingest.records import read_json_records, read_jsonl_records
from newsprism.ingest.text import describe_size
from newsprism.ingest.urls import is_url, normalise_url
from newsprism.ingest.warc import read_warc
from newsprism.model import SourceFailure

Skip = Callable[[str], bool]
Items = Iterator[Draft | SourceError]

FILE_SUFFIXES = (
    ".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".jsonl.gz", ".warc", ".warc.gz", ".xml", ".rss", ".atom"
)
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
_STREAMED_SUFFIXES = (*_JSONL_SUFFIXES, ".warc", ".warc.gz")
_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_URL_MEDIA_TYPES = _HTML_MEDIA_TYPES | FEED_MEDIA_TYPES | {"text/plain", JSON_MEDIA_TYPE}


def iter_sources(
    sources: Sequence[str], options: ReadOptions, skip: Skip = lambda key: False, fetcher: Fetcher | None = None
) -> Iterator[Ingested | SourceFailure]:
    """Read every source in order, yielding an :class:`Ingested` per article and a
    :class:`SourceFailure` per input that could not be read; one failure never stops the rest.

    ``skip`` gets a normalised URL before any page is fetched (URL sources, feed entries,
    WARC records); when it returns True that page is neither fetched nor yielded.
    ``fetcher`` lets a caller share one :class:`Fetcher` (robots cache, host delays).
    """
    urls = [source.strip() for source in sources if is_url(source)]
    reader = _Reader(options, fetcher or Fetcher(options), skip, urls)
    for source in sources:
        items = reader.read(source)
        while True:
            try:
                item = next(items, None)
            except SourceError as error:
                yield SourceFailure(error.source, error.reason)
                break
            if item is None:
                break
            yield _finished(item, options)


def _finished(item: Draft | SourceError, options: ReadOptions) -> Ingested | SourceFailure:
    if isinstance(item, SourceError):
        return SourceFailure(item.source, item.reason)
    try:
        return finish(item, options)
    except SourceError as error:
        return SourceFailure(error.source, error.reason)


class _Reader:
    """Dispatches each source to the reader for its kind."""

    def __init__(self, options: ReadOptions, fetcher: Fetcher, skip: Skip, urls: list[str]) -> None:
        self.options = options
        self.fetcher = fetcher
        self.skip = skip
        # URL sources are decided and fetched ahead, several hosts at once, and used in order.
        self._url_skipped = deque((url, skip(normalise_url(url))) for url in urls)
        wanted = [url for url, skipped in self._url_skipped if not skipped]
        self._url_pages = fetch_in_order(fetcher, wanted, _URL_MEDIA_TYPES, options.parallel_fetches)

    def read(self, source: str) -> Items:
        """Drafts and per-item failures of one source; raises SourceError when all of it fails."""
        if is_url(source):
            yield from self._read_url(source.strip())
        elif os.path.isdir(source):
            yield from self._read_folder(source)
        else:
            yield from self._read_file(source)

    def _read_folder(self, folder: str) -> Items:
        paths = folder_files(folder)
        if not paths:
            raise SourceError(folder, f"no readable files in the folder (looked for {', '.join(FILE_SUFFIXES)})")
        for path in paths:
            try:
                yield from self._read_file(path)
            except SourceError as error:
                yield error

    def _read_file(self, path: str) -> Items:
        suffix = file_suffix(path)
        if suffix is None:
            raise SourceError(path, f"unsupported file type (expected one of {', '.join(FILE_SUFFIXES)})")
        _check_file(path, self.options.max_bytes, streamed=suffix in _STREAMED_SUFFIXES)
        try:
            if suffix in _JSONL_SUFFIXES:
                yield from read_jsonl_records(path, self.options.max_bytes)
            elif suffix in (".warc", ".warc.gz"):
                yield from read_warc(path, self.options.max_bytes, self.skip, self.options.extraction)
            else:
                yield from self._read_whole_file(path, suffix, _read_bytes(path))
        except OSError as error:
            raise SourceError(path, f"cannot read: {(error.strerror or str(error)).lower()}") from None

    def _read_whole_file(self, path: str, suffix: str, data: bytes) -> Items:
        if suffix == ".txt":
            yield text_draft(data, path, titled=True)
        elif suffix in (".html", ".htm"):
            yield html_draft(data, path, None, None, self.options.extraction)
        elif suffix == ".json":
            yield from read_json_records(path, data)
        else:
            yield from feed_drafts(data, path, self.fetcher, self.options, self.skip)

    def _read_url(self, url: str) -> Items:
        expected, skipped = self._url_skipped.popleft()
        if skipped:
            return
        fetched_url, page = next(self._url_pages)
        assert expected == url == fetched_url, "URL sources are read in the order they were queued"
        if isinstance(page, FetchError):
            raise page
        yield from self._read_page(url, page)

    def _read_page(self, url: str, page: FetchedPage) -> Items:
        """A fetched body by its content type, or by its first bytes when the type says little."""
        if looks_like_feed(page.body) or page.media_type in FEED_MEDIA_TYPES - {"application/xml", "text/xml"}:
            yield from feed_drafts(page.body, url, self.fetcher, self.options, self.skip, page.charset)
        elif page.media_type in _HTML_MEDIA_TYPES:
            yield html_draft(page.body, url, page.url, page.charset, self.options.extraction)
        elif page.media_type == JSON_MEDIA_TYPE:
            yield from read_json_records(url, page.body)
        elif page.media_type == "text/plain":
            yield text_draft(page.body, url, titled=False, charset=page.charset)
        else:
            yield html_draft(page.body, url, page.url, page.charset, self.options.extraction)


def folder_files(folder: str) -> list[str]:
    """Readable files under ``folder``, recursively, in sorted order; hidden ones left out."""
    found: list[str] = []
    for root, directories, files in os.walk(folder):
        directories[:] = [name for name in directories if not name.startswith(".")]
        found.extend(os.path.join(root, name) for name in files if not name.startswith(".") and file_suffix(name))
    return sorted(found)


def file_suffix(path: str) -> str | None:
    """The suffix that decides how a file is read, or None for files newsprism does not read."""
    name = path.lower()
    return next((suffix for suffix in sorted(FILE_SUFFIXES, key=len, reverse=True) if name.endswith(suffix)), None)


def _check_file(path: str, max_bytes: int, streamed: bool) -> None:
    """Fail early on a missing, empty or (unless streamed) too large file."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise SourceError(path, "not found") from None
    except OSError as error:
        raise SourceError(path, f"cannot read: {(error.strerror or str(error)).lower()}") from None
    if size == 0:
        raise SourceError(path, "empty file")
    if size > max_bytes and not streamed:
        raise SourceError(path, f"larger than {describe_size(max_bytes)} limit")


def _read_bytes(path: str) -> bytes:
    return Path(path).read_bytes()
