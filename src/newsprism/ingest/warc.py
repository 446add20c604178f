"""HTML pages from WARC and WARC.gz archives (warcio), as news crawl archives hold them."""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprism.errors import SourceError
from newsprism.ingest.articles import Draft
from newsprism.ingest.dates import parse_published
from newsprism.ingest.pages import html_draft
from newsprism.ingest.text import describe_size
from newsprism.ingest.urls import normalise_url
from newsprism.settings import ExtractionSettings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TAIL_BYTES = 4096
_READ_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, IndexError, KeyError, AttributeError)


def read_warc(
    path: str,
    max_bytes: int,
    skip: Callable[[str], bool],
    settings: ExtractionSettings = ExtractionSettings(),
) -> Iterator[Draft | SourceError]:
    """Drafts from the HTML response records (status 200) of a WARC archive.

    Other records (requests, metadata, images, redirects) are passed over. ``max_bytes``
    limits each record, not the archive. ``skip`` gets each record's normalised target URI
    before its page is extracted. A corrupt or truncated archive yields what was read
    before the damage and then raises one :class:`SourceError`.
    """
    pages = 0
    end_of_records = 0
    with Path(path).open("rb") as stream:
        records = ArchiveIterator(stream)
        while True:
            try:
                with _quiet_stderr():
                    record = next(records, None)
                if record is None:
                    break
                if record.format != "warc":
                    raise SourceError(path, f"not a WARC archive (read {pages} pages before a {record.format} record)")
                item = _record_item(record, path, max_bytes, skip, settings)
                with _quiet_stderr():
                    end_of_records = records.get_record_offset() + records.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError("the archive ends inside a record")
            except _READ_ERRORS as error:
                raise SourceError(path, f"corrupt or truncated WARC after {pages} pages ({_describe(error)})") from None
            if item is not None:
                pages += 1
                yield item
        _check_nothing_left(stream, end_of_records, path, pages)


def _quiet_stderr() -> contextlib.AbstractContextManager[object]:
    """warcio writes warnings about damaged records to stderr; library code must not print,
    and the damage is reported as a failure instead."""
    return contextlib.redirect_stderr(io.StringIO())


def _check_nothing_left(stream: BinaryIO, end_of_records: int, path: str, pages: int) -> None:
    """warcio ends quietly at a cut-off record; bytes after the last whole record mean damage."""
    stream.seek(end_of_records)
    if stream.read(_TAIL_BYTES).strip():
        reason = "the archive ends inside a record" if end_of_records else "not a WARC archive"
        raise SourceError(path, f"corrupt or truncated WARC after {pages} pages ({reason})")


def _record_item(
    record: Any,
    path: str,
    max_bytes: int,
    skip: Callable[[str], bool],
    settings: ExtractionSettings,
) -> Draft | SourceError | None:
    """A draft for an HTML response record, a failure for a bad one, None to pass over."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    if uri and skip(normalise_url(uri)):
        return None
    where = uri or f"{path} record {record.rec_headers.get_header('WARC-Record-ID')}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return SourceError(where, f"larger than {describe_size(max_bytes)} limit")
    try:
        charset = _charset(content_type)
        warc_date = record.rec_headers.get_header("WARC-Date")
        draft = html_draft(body, where, uri, charset, settings)
        # Failures name the record; the article names the archive as its source.
        return replace(draft, source=path, published=draft.published or _warc_date(warc_date))
    except SourceError as error:
        return error


def _charset(content_type: str) -> str | None:
    """The charset parameter of an HTTP Content-Type value, if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> datetime | None:
    """The capture time, used when the page does not say when it was published."""
    try:
        return parse_published(value) if value else None
    except ValueError:
        return None


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
