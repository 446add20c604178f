"""JSON and JSONL records: ids kept, a bad record fails alone, duplicate ids refused."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

from newsprism.ingest import Ingested, ReadOptions, iter_sources, read_sources
from newsprism.model import SourceFailure

BRIDGE = {
    "id": "herald-17",
    "title": "Harbour bridge reopens",
    "text": "The harbour bridge reopened on Monday after eight months of repairs.",
    "published": "2024-05-06T08:30:00Z",
    "url": "https://herald.example/bridge",
    "outlet": "The Coastal Herald",
}
FERRY = {"id": "post-3", "text": "Ferry services resume on Tuesday, the operator said.", "published": "2024-05-07"}


def write_jsonl(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_records_keep_their_ids_and_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "story.jsonl", [json.dumps(BRIDGE), json.dumps(FERRY)])
    items = list(iter_sources([path], ReadOptions()))
    bridge, ferry = (item.article for item in items if isinstance(item, Ingested))
    assert (bridge.id, bridge.title, bridge.outlet, bridge.url, bridge.source) == (
        "herald-17", "Harbour bridge reopens", "The Coastal Herald", "https://herald.example/bridge", path
    )
    assert bridge.published == datetime(2024, 5, 6, 8, 30, tzinfo=UTC)
    assert ferry.published == datetime(2024, 5, 7, tzinfo=UTC)
    assert ferry.outlet == "post-3"  # no outlet, no URL: its own report, not the file's name
    assert isinstance(items[0], Ingested) and json.loads(items[0].raw) == BRIDGE
    assert items[0].media_type == "application/json"


def test_a_bad_jsonl_line_fails_alone_naming_file_and_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "story.jsonl", [json.dumps(BRIDGE), '{"id": "x", "text": ', json.dumps(FERRY)])
    articles, failures = read_sources([path], ReadOptions())
    assert [article.id for article in articles] == ["herald-17", "post-3"]
    assert failures[0].source == f"{path}:2"
    assert failures[0].reason.startswith("invalid JSON")


def test_duplicate_id_in_one_file_fails_the_later_record(tmp_path: Path) -> None:
    later = dict(BRIDGE, text="A second text under the same id should not replace the first one.")
    path = write_jsonl(tmp_path / "story.jsonl", [json.dumps(BRIDGE), json.dumps(FERRY), json.dumps(later)])
    articles, failures = read_sources([path], ReadOptions())
    assert [article.text for article in articles if article.id == "herald-17"] == [BRIDGE["text"]]
    assert failures == [SourceFailure(f"{path}:3", "duplicate id 'herald-17' (first used by line 1)")]


def test_records_without_text_or_with_wrong_types_fail_with_the_reason(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ""}),
        json.dumps({"id": "b", "text": "Valid text here.", "published": "next spring"}),
        json.dumps({"id": "c", "text": "Valid text here.", "outlet": ["a", "b"]}),
        json.dumps(["not", "an", "object"]),
    ]
    _, failures = read_sources([write_jsonl(tmp_path / "bad.jsonl", lines)], ReadOptions())
    assert [failure.reason for failure in failures] == [
        "record has no text and no title",
        "unreadable published date 'next spring'",
        "field 'outlet' must be a string, not list",
        "record is not a JSON object",
    ]


def test_record_without_id_takes_its_url_as_id(tmp_path: Path) -> None:
    record = {key: value for key, value in BRIDGE.items() if key != "id"}
    [article], _ = read_sources([write_jsonl(tmp_path / "s.jsonl", [json.dumps(record)])], ReadOptions())
    assert article.id == "https://herald.example/bridge"


def test_json_file_with_one_record(tmp_path: Path) -> None:
    path = tmp_path / "bridge.json"
    path.write_text(json.dumps(BRIDGE), encoding="utf-8")
    [article], failures = read_sources([str(path)], ReadOptions())
    assert failures == [] and article.id == "herald-17"


def test_json_file_with_a_list_names_bad_records_by_position(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps([BRIDGE, {"id": "empty", "text": "  "}, FERRY]), encoding="utf-8")
    articles, failures = read_sources([str(path)], ReadOptions())
    assert [article.id for article in articles] == ["herald-17", "post-3"]
    assert failures == [SourceFailure(f"{path}#2", "record has no text and no title")]


def test_invalid_json_file_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"id": 1,', encoding="utf-8")
    articles, [failure] = read_sources([str(path)], ReadOptions())
    assert articles == [] and failure.source == str(path) and failure.reason.startswith("invalid JSON")


def test_jsonl_line_over_the_size_limit_fails_alone(tmp_path: Path) -> None:
    long = dict(FERRY, id="long", text="word " * 500)
    path = write_jsonl(tmp_path / "s.jsonl", [json.dumps(BRIDGE), json.dumps(long)])
    articles, failures = read_sources([path], ReadOptions(max_bytes=1000))
    assert [article.id for article in articles] == ["herald-17"]
    assert failures == [SourceFailure(f"{path}:2", "record larger than 1 kB limit")]


def test_headline_only_record_keeps_its_title_as_text(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [json.dumps({"id": "h1", "title": "Ferry services resume", "text": ""})])
    [article], failures = read_sources([path], ReadOptions())
    assert failures == []
    assert (article.title, article.text) == ("Ferry services resume", "Ferry services resume")


def test_gzipped_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "story.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(BRIDGE) + "\n" + json.dumps(FERRY) + "\n").encode()))
    articles, failures = read_sources([str(path)], ReadOptions())
    assert failures == [] and [article.id for article in articles] == ["herald-17", "post-3"]
    assert articles[0].outlet == "The Coastal Herald" and articles[1].outlet == "post-3"


def test_cut_off_gzipped_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    records = [dict(FERRY, id=f"r{n}", text=f"Ferry services resume on route {n}, the operator said. " * 20) for n in range(200)]
    whole = gzip.compress("".join(json.dumps(record) + "\n" for record in records).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    articles, failures = read_sources([str(path)], ReadOptions())
    assert 0 < len(articles) < 200
    assert [article.id for article in articles] == [f"r{n}" for n in range(len(articles))]
    assert failures[-1].source == str(path)
    assert failures[-1].reason.startswith("corrupt or truncated compressed file after line")


def test_overlong_line_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    long = json.dumps(dict(FERRY, id="long", text="word " * 5000))
    path = write_jsonl(tmp_path / "s.ndjson", [long, json.dumps(BRIDGE)])
    articles, failures = read_sources([path], ReadOptions(max_bytes=1000))
    assert [article.id for article in articles] == ["herald-17"]
    assert failures == [SourceFailure(f"{path}:1", "record larger than 1 kB limit")]


def test_records_without_an_outlet_are_told_apart_by_domain_else_by_id(tmp_path: Path) -> None:
    """Before, every record without an outlet took the file's name: three reports of a
    story in one JSONL were one outlet, and every fact "one outlet only"."""
    from newsprism.pipeline import compare_articles

    text = "The council of Arden voted on Monday to rebuild the bridge over the Aske, {}."
    records = [
        {"id": "a", "text": text.format("the mayor said"), "url": "https://www.ledger.example/bridge"},
        {"id": "b", "text": text.format("officials said")},
        {"id": "c", "text": text.format("residents heard")},
    ]
    path = write_jsonl(tmp_path / "export.jsonl", [json.dumps(record) for record in records])
    articles, failures = read_sources([path], ReadOptions())
    assert not failures
    assert [article.outlet for article in articles] == ["ledger.example", "b", "c"]
    comparison = compare_articles(articles)
    assert max(len(fact.outlets) for fact in comparison.facts) == 3
