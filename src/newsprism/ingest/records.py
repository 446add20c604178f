"""Article records from ``.json`` (one record or a list) and ``.jsonl`` files.

A record is ``{id, title, text, published, url, outlet}``; it needs a ``text`` or at least a
``title`` (a headline-only item keeps its title as its text, so it can still join a story);
other keys are ignored. A bad record fails alone, named by file and line (or position).
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Protocol

from newsprism.errors import SourceError
from newsprism.ingest.articles import JSON_MEDIA_TYPE, Draft
from newsprism.ingest.dates import parse_published
from newsprism.ingest.jsontext import load_json
from newsprism.ingest.text import decode_text, describe_size

_STRING_FIELDS = ("id", "title", "url", "outlet")
_SKIP_CHUNK = 1 << 20
# JSON may spell half of a character pair ("\\ud83d", often an emoji cut in two by an
# exporter): not Unicode, so it can be neither stored nor parsed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _LineReader(Protocol):
    """A binary stream read line by line: a file or a gzip file."""

    def readline(self, size: int, /) -> bytes: ...


def read_json_records(path: str, data: bytes) -> Iterator[Draft | SourceError]:
    """Drafts from a ``.json`` file holding one record or a list of records."""
    text = decode_text(data, path)
    try:
        parsed = load_json(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    if isinstance(parsed, dict):
        yield _draft_or_error(parsed, path, path, data)
        return
    if not isinstance(parsed, list):
        raise SourceError(path, "expected a JSON object or a list of objects")
    seen: dict[str, str] = {}
    for number, record in enumerate(parsed, start=1):
        where = f"{path}#{number}"
        # A lone surrogate goes back to the escape it was written as.
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
        yield _checked(_draft_or_error(record, path, where, raw), seen, where, f"record {number}")


def read_jsonl_records(path: str, max_bytes: int) -> Iterator[Draft | SourceError]:
    """Drafts from a ``.jsonl`` (or ``.ndjson``, or gzipped ``.jsonl.gz``) file, one record
    per line, read line by line.

    ``max_bytes`` limits each line, not the file: corpora in JSONL are often large. A cut-off
    compressed file yields the lines before the damage, then raises one SourceError.
    """
    seen: dict[str, str] = {}
    number = 0
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        try:
            for number, line in enumerate(_bounded_lines(stream, max_bytes), start=1):
                if line is not None and not line.strip():
                    continue
                where = f"{path}:{number}"
                item = _jsonl_line(line, path, where, max_bytes)
                yield _checked(item, seen, where, f"line {number}")
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise SourceError(path, f"corrupt or truncated compressed file after line {number} ({error})") from None


def _bounded_lines(stream: _LineReader, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of ``stream``; None for a line longer than ``max_bytes``, which is never held whole."""
    while line := stream.readline(max_bytes + 1):
        if len(line.rstrip(b"\r\n")) <= max_bytes:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
        yield None


def _jsonl_line(line: bytes | None, path: str, where: str, max_bytes: int) -> Draft | SourceError:
    if line is None:
        return SourceError(where, f"record larger than {describe_size(max_bytes)} limit")
    try:
        record = load_json(decode_text(line, where))
    except SourceError as error:
        return error
    except json.JSONDecodeError as error:
        return SourceError(where, f"invalid JSON: {error.msg} (column {error.colno})")
    return _draft_or_error(record, path, where, line.rstrip(b"\r\n"))


def _checked(item: Draft | SourceError, seen: dict[str, str], where: str, label: str) -> Draft | SourceError:
    """Fail a record whose id an earlier record of the same file already used."""
    if isinstance(item, Draft) and item.record_id is not None:
        if item.record_id in seen:
            return SourceError(where, f"duplicate id {item.record_id!r} (first used by {seen[item.record_id]})")
        seen[item.record_id] = label
    return item


def _draft_or_error(record: object, path: str, where: str, raw: bytes) -> Draft | SourceError:
    try:
        return record_to_draft(record, path, where, raw)
    except SourceError as error:
        return error


def record_to_draft(record: object, path: str, where: str, raw: bytes) -> Draft:
    """Check one record and turn it into a Draft; raises SourceError naming ``where``."""
    if not isinstance(record, Mapping):
        raise SourceError(where, "record is not a JSON object")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise SourceError(where, f"field 'text' must be a string, not {type(text).__name__}")
    fields = {name: _string_field(record, name, where) for name in _STRING_FIELDS}
    text = _valid_unicode(text) if text is not None else None
    body = text if text and text.strip() else fields["title"]
    if body is None:
        raise SourceError(where, "record has no text and no title")
    return Draft(
        source=path,
        text=body,
        raw=raw,
        media_type=JSON_MEDIA_TYPE,
        title=fields["title"],
        published=_published_field(record.get("published"), where),
        url=fields["url"],
        outlet=fields["outlet"],
        record_id=fields["id"],
    )


def _string_field(record: Mapping[str, object], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SourceError(where, f"field {name!r} must be a string, not {type(value).__name__}")
    text = _valid_unicode(str(value)).strip()
    return text or None


def _valid_unicode(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD, as a decoder does a bad byte."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _published_field(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return parse_published(value)
    except ValueError:
        raise SourceError(where, f"unreadable published date {value!r}") from None
