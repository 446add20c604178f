"""Sidecar metadata (--meta): CSV or JSON, matched by path, basename or URL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsprism.errors import SourceError
from newsprism.ingest import ReadOptions, SourceMeta, read_meta, read_sources
from newsprism.ingest.meta import find_meta


def test_csv_sidecar_reads_every_field(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text(
        "source,outlet,published,url,title\n"
        "coast.txt,Valley Post,2025-03-04,https://valleypost.example/coast,Storm closes road\n"
        "other.txt,Hill Times,,,\n",
        encoding="utf-8",
    )
    meta = read_meta(str(path))
    assert meta["coast.txt"] == SourceMeta(
        outlet="Valley Post", published=datetime(2025, 3, 4, tzinfo=UTC), url="https://valleypost.example/coast", title="Storm closes road"
    )
    assert meta["other.txt"] == SourceMeta(outlet="Hill Times")


def test_json_sidecar_as_object_or_list(tmp_path: Path) -> None:
    as_object = tmp_path / "a.json"
    as_object.write_text('{"coast.txt": {"outlet": "Valley Post", "published": "2025-03-04T10:00:00+01:00"}}')
    as_list = tmp_path / "b.json"
    as_list.write_text('[{"source": "coast.txt", "outlet": "Valley Post"}]')
    assert read_meta(str(as_object))["coast.txt"].published == datetime.fromisoformat("2025-03-04T10:00:00+01:00")
    assert read_meta(str(as_list))["coast.txt"].outlet == "Valley Post"


def test_sidecar_with_a_bad_date_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text("source,published\na.txt,2025-01-01\nb.txt,someday\n")
    with pytest.raises(SourceError, match=r"row 2: unreadable published date 'someday'"):
        read_meta(str(path))


def test_missing_sidecar_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        read_meta(str(tmp_path / "none.csv"))


def test_lookup_by_path_basename_and_equivalent_url() -> None:
    meta = {
        "stories/coast.txt": SourceMeta(outlet="By path"),
        "bridge.html": SourceMeta(outlet="By name"),
        "https://Herald.example/bridge/?utm_source=x": SourceMeta(outlet="By URL"),
    }
    assert find_meta(meta, ["stories/coast.txt"]).outlet == "By path"
    assert find_meta(meta, ["/data/in/bridge.html"]).outlet == "By name"
    assert find_meta(meta, ["https://herald.example/bridge"]).outlet == "By URL"
    assert find_meta(meta, ["elsewhere.txt"]) == SourceMeta()


def test_sidecar_read_from_file_applies_to_sources(tmp_path: Path) -> None:
    story = tmp_path / "coast.txt"
    story.write_text("Storm\nHeavy rain closed the coast road on Sunday.\n")
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("source,outlet\ncoast.txt,Valley Post\n")
    [article], _ = read_sources([str(story)], ReadOptions(meta=read_meta(str(sidecar))))
    assert article.outlet == "Valley Post"


def test_csv_column_names_ignore_case_and_date_means_published(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text(" Source , Outlet ,Date\ncoast.txt,Valley Post,2025-03-04\n")
    assert read_meta(str(path))["coast.txt"] == SourceMeta(outlet="Valley Post", published=datetime(2025, 3, 4, tzinfo=UTC))
