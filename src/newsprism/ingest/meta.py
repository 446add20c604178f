"""Per-source metadata from a CSV or JSON sidecar file (``--meta``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsprism.errors import SourceError
from newsprism.ingest.dates import parse_published
from newsprism.ingest.jsontext import load_json
from newsprism.ingest.options import SourceMeta
from newsprism.ingest.text import decode_text
from newsprism.ingest.urls import is_url, normalise_url

_FIELDS = ("outlet", "published", "url", "title")
_KEY_FIELDS = ("source", "path", "file", "id", "url")


def read_meta(path: str) -> dict[str, SourceMeta]:
    """Read a sidecar that maps sources to outlet, published, url and title.

    CSV: a header row with a ``source`` column (or ``path``/``file``/``id``/``url``) and any of
    ``outlet, published, url, title``. JSON: an object ``{source: {field: value}}`` or a list of
    objects each with a ``source`` key. Raises :class:`SourceError` naming the file (and the row)
    when the sidecar cannot be read; empty cells mean "not given".
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "not found") from None
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    text = decode_text(data, path)
    if path.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
        rows = _json_rows(text, path)
    else:
        rows = _csv_rows(text, path)
    return dict(_meta_entry(row, path, number) for number, row in enumerate(rows, start=1))


def _csv_rows(text: str, path: str) -> list[Mapping[str, object]]:
    """Rows of a CSV sidecar; a file the csv module cannot read (a cell over its 128 kB field
    limit) fails naming the line."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        return list(reader)
    except csv.Error as error:
        raise SourceError(path, f"unreadable CSV at line {reader.line_num}: {error}") from None


def _json_rows(text: str, path: str) -> list[Mapping[str, object]]:
    """Rows of a JSON sidecar, each with its key under ``source``."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"invalid JSON: {error.msg} at line {error.lineno}") from None
    if isinstance(data, dict):
        if not all(isinstance(value, dict) for value in data.values()):
            raise SourceError(path, "expected an object of objects: {source: {outlet: ...}}")
        return [{"source": key, **value} for key, value in data.items()]
    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        return data
    raise SourceError(path, "expected an object of objects or a list of objects")


def _meta_entry(row: Mapping[str, object], path: str, number: int) -> tuple[str, SourceMeta]:
    """One sidecar row as ``(key, SourceMeta)``; raises SourceError naming the row.

    Column names are read without regard to case or surrounding spaces; ``date`` is taken
    for ``published`` when there is no ``published`` column.
    """
    row = {str(name).strip().lower(): value for name, value in row.items() if name is not None}
    if not row.get("published") and row.get("date"):
        row["published"] = row["date"]
    key = next((str(row[name]).strip() for name in _KEY_FIELDS if row.get(name)), "")
    if not key:
        raise SourceError(path, f"row {number}: no 'source' column naming the source")
    values = {name: _cell(row.get(name)) for name in _FIELDS}
    published = None
    if values["published"]:
        try:
            published = parse_published(values["published"])
        except ValueError:
            raise SourceError(path, f"row {number}: unreadable published date {values['published']!r}") from None
    meta = SourceMeta(outlet=values["outlet"], published=published, url=values["url"], title=values["title"])
    return key, meta


def _cell(value: object) -> str | None:
    """A sidecar cell as text, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def find_meta(meta: Mapping[str, SourceMeta], keys: Sequence[str | None]) -> SourceMeta:
    """The sidecar entry for the first of ``keys`` it knows (as given, basename or URL)."""
    if not meta:
        return SourceMeta()
    for key in keys:
        if not key:
            continue
        for candidate in _lookup_forms(key):
            if candidate in meta:
                return meta[candidate]
    if any(is_url(name) for name in meta):
        by_url = {normalise_url(name): value for name, value in meta.items() if is_url(name)}
        for key in keys:
            if key and is_url(key) and normalise_url(key) in by_url:
                return by_url[normalise_url(key)]
    return SourceMeta()


def _lookup_forms(key: str) -> list[str]:
    """``key`` as given, then its basename for paths."""
    if is_url(key):
        return [key]
    return [key, Path(key).name]
