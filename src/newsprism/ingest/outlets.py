"""Source tables (``--sources FILE``): what the user says of each outlet.

CSV with a header row, or JSON (a list of objects). Columns: ``outlet`` (the name as the
reports give it) and/or ``domain`` (``nytimes.com``: matches the host of an article's URL and
its subdomains); every other column is a label, shown as given: ``country``, ``owner``,
``leaning`` or any the user defines. newsprism ships no table and no judgment of its own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsprism.errors import SourceError
from newsprism.ingest.jsontext import load_json
from newsprism.ingest.text import decode_text
from newsprism.model import Article

_KEYS = ("outlet", "domain")


@dataclass(frozen=True)
class OutletRow:
    """One row of a source table: the outlet it names, or its domain, and its labels."""

    outlet: str | None
    domain: str | None
    labels: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class OutletTable:
    """The rows of a source table, matched to articles by outlet name or URL domain."""

    rows: tuple[OutletRow, ...]

    def labels_for(self, article: Article) -> tuple[tuple[str, str], ...]:
        """The labels of the first row naming the article's outlet, else its URL's domain."""
        return self.labels_of(article.outlet, article.url)

    def labels_of(self, outlet: str | None, url: str | None) -> tuple[tuple[str, str], ...]:
        """The labels of the first row naming ``outlet``, else the domain of ``url``."""
        name = (outlet or "").casefold()
        host = _host(url)
        for row in self.rows:
            if row.outlet and row.outlet.casefold() == name:
                return row.labels
        for row in self.rows:
            if row.domain and host and (host == row.domain or host.endswith("." + row.domain)):
                return row.labels
        return ()

    def columns(self) -> tuple[str, ...]:
        """The label columns, in the table's order."""
        return tuple(dict.fromkeys(column for row in self.rows for column, _ in row.labels))


def read_outlet_table(path: str) -> OutletTable:
    """Read a source table; raises :class:`SourceError` naming the file (and row) when it
    cannot be read or a row names neither an outlet nor a domain."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    text = decode_text(data, path)
    if path.lower().endswith(".json") or text.lstrip().startswith("["):
        try:
            parsed = load_json(text)
        except json.JSONDecodeError as error:
            raise SourceError(path, f"invalid JSON: {error.msg} at line {error.lineno}") from None
        if not isinstance(parsed, list) or not all(isinstance(item, Mapping) for item in parsed):
            raise SourceError(path, "a JSON source table is a list of objects")
        records: Sequence[Mapping[str, object]] = parsed
    else:
        reader = csv.DictReader(io.StringIO(text))
        try:
            records = list(reader)
        except csv.Error as error:
            raise SourceError(path, f"unreadable CSV at line {reader.line_num}: {error}") from None
    return OutletTable(tuple(_row(record, path, number) for number, record in enumerate(records, start=1)))


def _row(record: Mapping[str, object], path: str, number: int) -> OutletRow:
    cells = {str(key).strip().casefold(): " ".join(str(value).split()) for key, value in record.items()
             if key is not None and value not in (None, "")}
    outlet, domain = cells.get("outlet") or None, (cells.get("domain") or "").casefold().removeprefix("www.") or None
    if not outlet and not domain:
        raise SourceError(f"{path}#{number}", "row names neither an outlet nor a domain")
    labels = tuple((key, value) for key, value in cells.items() if key not in _KEYS and value)
    return OutletRow(outlet, domain, labels)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.casefold().removeprefix("www.") if host else None
