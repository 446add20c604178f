"""Plain text in unknown encodings: any bytes in a ``.txt`` give an article or one failure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import PROSE, damaged, fuzz_settings, read_bytes_as
from newsprism.ingest import Ingested, normalise_text

ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1250",
     "koi8-r", "shift_jis", "gb18030", "iso8859-7", "mac-roman"]
)


@st.composite
def encoded_articles(draw: st.DrawFn) -> bytes:
    """A title line and paragraphs, in some encoding, with mixed line endings, maybe damaged."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85"]))
    lines = [draw(PROSE), *draw(st.lists(PROSE, max_size=6))]
    text = newline.join(lines)
    data = text.encode(draw(ENCODINGS), errors=draw(st.sampled_from(["ignore", "replace", "xmlcharrefreplace"])))
    return draw(damaged(data))


@fuzz_settings(300)
@given(st.one_of(encoded_articles(), st.binary(max_size=2000)))
def test_any_text_file_gives_an_article_or_a_failure(data: bytes) -> None:
    read_bytes_as(data, "report.txt")


@fuzz_settings(150)
@given(PROSE.map(lambda line: " ".join(line.replace("\x00", "").split())), PROSE.map(lambda text: text.replace("\x00", "")))
def test_utf8_text_keeps_its_words(title: str, body: str) -> None:
    """UTF-8 without NUL bytes (which mean a binary file) is read word for word."""
    items = read_bytes_as(f"{title}\n{body}".encode(), "report.txt")
    if normalise_text(body):
        assert len(items) == 1 and isinstance(items[0], Ingested)
        assert items[0].article.text == normalise_text(body)


@fuzz_settings(200)
@given(st.text())
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
