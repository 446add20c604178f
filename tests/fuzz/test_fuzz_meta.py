"""The ``--meta`` sidecar (CSV or JSON): any file gives a mapping of sources or one SourceError."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import DATES, PROSE, damaged, fuzz_settings, read_checked
from newsprism.errors import SourceError
from newsprism.ingest import ReadOptions, SourceMeta, read_meta

COLUMNS = st.sampled_from(["source", "path", "file", "id", "url", "outlet", "published", "date", "title", " Source ", "OUTLET", "extra", ""])
CELLS = st.one_of(PROSE, DATES, st.text(max_size=20), st.sampled_from(["a.txt", "https://herald.example/a", "", '"', "\x00"]))


@st.composite
def csv_sidecars(draw: st.DrawFn) -> bytes:
    """A CSV sidecar: random header, rows of random cells (some too long or too short), damaged."""
    header = draw(st.lists(COLUMNS, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(CELLS, max_size=6), max_size=5))
    out = io.StringIO()
    writer = csv.writer(out, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 9)) == 0:  # a cell larger than the csv module's field limit
        text += "a.txt," + '"' + "x" * 140_000 + '"\n'
    return draw(damaged(text.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace")))


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), CELLS), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(COLUMNS, inner, max_size=4), max_leaves=8)


def read_sidecar(data: bytes, name: str) -> dict[str, SourceMeta] | None:
    """``read_meta`` of ``data`` in a file called ``name``: the mapping, or None for a SourceError."""
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            meta = read_meta(str(path))
        except SourceError as error:
            refused = error
        else:
            refused = None
    if refused is not None:
        assert refused.reason.strip() and "\n" not in refused.reason, refused
        return None
    for key, value in meta.items():
        assert isinstance(key, str) and key, meta
        assert value.published is None or value.published.utcoffset() is not None, value
    return meta


@fuzz_settings(250)
@given(st.one_of(csv_sidecars(), st.binary(max_size=1000)))
def test_any_csv_sidecar_gives_metadata_or_one_error(data: bytes) -> None:
    read_sidecar(data, "sources.csv")


@fuzz_settings(150)
@given(JSON_VALUES, st.data())
def test_any_json_sidecar_gives_metadata_or_one_error(value: object, data: st.DataObject) -> None:
    read_sidecar(data.draw(damaged(json.dumps(value).encode())), "sources.json")


@fuzz_settings(100)
@given(csv_sidecars())
def test_sidecar_metadata_reaches_the_articles_soundly(sidecar: bytes) -> None:
    """Whatever a readable sidecar says, the articles it describes stay sound and storable."""
    meta = read_sidecar(sidecar, "sources.csv")
    if meta is None:
        return
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / "a.txt"
        path.write_text("Bridge reopens\nThe harbour bridge reopened on Monday.", encoding="utf-8")
        read_checked([str(path)], ReadOptions(meta=meta, fetch_pages=False))
