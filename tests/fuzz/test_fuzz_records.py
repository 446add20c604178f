"""JSON and JSONL records (``.json``, ``.jsonl``, ``.jsonl.gz``): fields of any type, broken
lines, deep nesting, lone surrogates, cut-off gzip: articles or one-line failures."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import DATES, PROSE, damaged, fuzz_settings, gzip_or_cut, read_bytes_as
from newsprism.ingest import Ingested

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), PROSE)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
FIELDS = ("id", "title", "text", "published", "url", "outlet")


@st.composite
def records(draw: st.DrawFn) -> object:
    """A record with the known fields, each right, missing, or of a wrong type."""
    record: dict[str, object] = {}
    for name in FIELDS:
        choice = draw(st.sampled_from(["good", "missing", "wrong"]))
        if choice == "good":
            record[name] = draw(DATES if name == "published" else PROSE)
        elif choice == "wrong":
            record[name] = draw(VALUES)
    record.update(draw(st.dictionaries(st.text(max_size=8), VALUES, max_size=2)))
    return draw(st.one_of(st.just(record), VALUES)) if draw(st.integers(0, 9)) == 0 else record


@st.composite
def record_line(draw: st.DrawFn) -> str:
    """One JSON line: a record, a damaged one, a lone surrogate or a deep nest."""
    line = json.dumps(draw(records()), ensure_ascii=draw(st.booleans()))
    kind = draw(st.sampled_from(["plain", "plain", "plain", "surrogate", "deep", "cut"]))
    if kind == "surrogate":
        return line.replace('"', '"\\ud800', 1) if line.startswith("{") else '{"text": "a \\udc00 b", "id": "\\ud83d"}'
    if kind == "deep":
        depth = draw(st.sampled_from([50, 980, 995, 1200, 5000]))
        return '{"text": "deep", "extra": ' + "[" * depth + "]" * depth + "}"
    if kind == "cut":
        return line[: draw(st.integers(0, len(line)))]
    return line


@fuzz_settings(300)
@given(st.lists(record_line(), max_size=6), st.sampled_from(["\n", "\r\n"]), st.data())
def test_any_jsonl_gives_articles_or_failures(lines: list[str], newline: str, data: st.DataObject) -> None:
    raw = newline.join(lines).encode("utf-8", errors="surrogatepass")
    raw = data.draw(damaged(raw))
    read_bytes_as(raw, "records.jsonl")


@fuzz_settings(100)
@given(st.lists(record_line(), min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, 10_000)))
def test_any_gzipped_jsonl_gives_articles_or_failures(lines: list[str], cut: int | None) -> None:
    read_bytes_as(gzip_or_cut("\n".join(lines).encode("utf-8", errors="surrogatepass"), cut), "records.jsonl.gz")


@fuzz_settings(200)
@given(st.one_of(records(), st.lists(records(), max_size=4)), st.data())
def test_any_json_file_gives_articles_or_failures(parsed: object, data: st.DataObject) -> None:
    raw = json.dumps(parsed).encode()
    read_bytes_as(data.draw(damaged(raw)), "records.json")


@fuzz_settings(50)
@given(st.sampled_from(["[", "{\"a\": "]), st.sampled_from([100, 980, 995, 2000, 20_000]))
def test_deeply_nested_json_fails_cleanly(opening: str, depth: int) -> None:
    read_bytes_as((opening * depth).encode(), "records.json")
    read_bytes_as((opening * depth).encode(), "records.jsonl")


@fuzz_settings(150)
@given(st.text(min_size=1).filter(str.strip), PROSE.filter(str.strip), st.text(max_size=20))
def test_a_good_record_is_read_with_its_id(record_id: str, text: str, outlet: str) -> None:
    items = read_bytes_as(json.dumps({"id": record_id, "text": text, "outlet": outlet}).encode(), "one.json")
    assert len(items) == 1
    if isinstance(items[0], Ingested):
        assert items[0].article.id == record_id.strip()


@fuzz_settings(20)
@given(st.sampled_from(["records.json", "records.jsonl"]), st.sampled_from(["\\ud83d", "\\udc00", "\\ud83d\\ud83d"]))
def test_a_lone_surrogate_becomes_a_replacement_character(name: str, escape: str) -> None:
    record = f'{{"id": "id{escape}", "title": "cut {escape}", "text": "An emoji cut in two {escape} here."}}'
    raw = ("[" + record + "]" if name.endswith(".json") else record).encode()
    items = read_bytes_as(raw, name)
    assert len(items) == 1 and isinstance(items[0], Ingested)
    assert "\ufffd" in items[0].article.text and "\ufffd" in items[0].article.id


@fuzz_settings(10)
@given(st.sampled_from([900, 980, 990, 995]))
def test_a_deep_record_in_a_list_fails_alone(depth: int) -> None:
    deep = '{"text": "deep", "extra": ' + "[" * depth + "]" * depth + "}"
    read_bytes_as(("[" + deep + ', {"text": "The bridge reopened."}]').encode(), "records.json")
