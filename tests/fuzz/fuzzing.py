"""What every fuzz test shares: the Hypothesis profile, damage to inputs, and the properties.

The properties every parser of untrusted input must keep, whatever the bytes:

- it raises nothing but newsprism's own errors (:class:`~newsprism.errors.NewsprismError`);
  a bad input becomes a :class:`~newsprism.model.SourceFailure` with a one-line reason;
- every article it yields holds normalised, non-empty text, and every offset the article
  carries lies inside that text;
- every article survives the store: saved, then loaded, it is equal to what was read.

The profile is reproducible (``derandomize=True``: the same examples on every run and
machine) and keeps no example database, so CI and a laptop see the same thing. Each test
picks its own ``max_examples`` (see :func:`fuzz_settings`) so that the whole of
``tests/fuzz`` runs in well under a minute on two cores. Examples per parser (valid ones,
from ``pytest tests/fuzz --hypothesis-show-statistics``): plain text 650, HTML 242, JSON and
JSONL 770, RSS/Atom 474, WARC 370, URLs 750, the ``--meta`` sidecar 500, settings 300; then
the hostile corpus through the command line and web app (``test_hostile_corpus.py``).
"""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from builders import store_row
from newsprism.errors import NewsprismError
from newsprism.ingest import Fetcher, Ingested, ReadOptions, iter_sources, normalise_text
from newsprism.model import Article, SourceFailure, Span
from newsprism.store import Store

PROFILE = "newsprism-fuzz"
settings.register_profile(
    PROFILE,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

OFFLINE = ReadOptions(fetch_pages=False, obey_robots=False, host_delay=0.0, parallel_fetches=1)
"""Reading options for fuzzing: never a fetch, never a pause."""


def fuzz_settings(max_examples: int) -> settings:
    """The fuzz profile with ``max_examples`` examples (the per-parser budget)."""
    return settings(settings.get_profile(PROFILE), max_examples=max_examples)


# --- damage ------------------------------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as it is, or cut short, with bytes flipped or junk inserted, or doubled."""
    kind = draw(st.sampled_from(["none", "truncate", "flip", "insert", "double", "strip-tail"]))
    if kind == "none" or not data:
        return data
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if kind == "strip-tail":
        return data[: len(data) // 2]
    if kind == "double":
        return data + data
    position = draw(st.integers(0, len(data) - 1))
    junk = draw(st.binary(min_size=1, max_size=8))
    if kind == "flip":
        return data[:position] + junk + data[position + len(junk) :]
    return data[:position] + junk + data[position:]


def gzip_or_cut(data: bytes, cut: int | None) -> bytes:
    """``data`` gzipped, cut to ``cut`` bytes when given (a truncated download)."""
    packed = gzip.compress(data, mtime=0)
    return packed if cut is None else packed[: max(1, cut % max(1, len(packed)))]


WORDS = st.sampled_from(
    ["the", "council", "said", "on", "Monday", "bridge", "flood", "minister", "40", "per", "cent", "police",
     "report", "reopened", "Zelensky", "Starmer", "“quoted”", "'single'", "—", "–", "Ünïcödé", "北京",
     "\u200b", "\u00a0", "&", "<", ">", ";", "é"]
)
"""Words news text is made of, with the punctuation, scripts and spaces that trip parsers."""

PROSE = st.lists(st.one_of(WORDS, st.text(max_size=12)), min_size=0, max_size=60).map(" ".join)
"""A paragraph: mostly news words, some arbitrary Unicode."""

DATES = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes().map(lambda moment: moment.strftime("%a, %d %b %Y %H:%M:%S +0000")),
    st.sampled_from(
        ["", "2025-03-04", "2025-03-04T10:00:00Z", "Tue, 04 Mar 2025 10:00:00 GMT", "yesterday", "0000-00-00",
         "9999-12-31T23:59:59-23:59", "Mon, 31 Dec 9999 23:59:59 -2359", "2025-13-45", "1 Jan 0 00:00 GMT"]
    ),
    st.text(max_size=30),
)
"""Publication times as sources write them, well and badly."""


# --- properties -------------------------------------------------------------------------


def read_bytes_as(data: bytes, name: str, options: ReadOptions = OFFLINE) -> list[Ingested | SourceFailure]:
    """Write ``data`` to a file called ``name`` and read it; check every property on the way."""
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read_checked([str(path)], options)


def read_checked(
    sources: Sequence[str], options: ReadOptions = OFFLINE, fetcher: Fetcher | None = None
) -> list[Ingested | SourceFailure]:
    """Read ``sources`` and check the properties of what came out (see the module docstring)."""
    try:
        items = list(iter_sources(sources, options, fetcher=fetcher))
    except NewsprismError:
        return []
    check_items(items)
    return items


def check_items(items: Iterable[Ingested | SourceFailure]) -> None:
    """Every item an article with sound text and offsets, or a one-line failure; every
    article round-trips through the store."""
    articles = []
    for item in items:
        if isinstance(item, SourceFailure):
            assert_one_line_failure(item)
        else:
            assert isinstance(item, Ingested), item
            assert_sound_article(item.article)
            articles.append(item)
    assert_store_round_trip(articles)


def assert_one_line_failure(failure: SourceFailure) -> None:
    """A failure names its source and gives a reason on one line."""
    assert failure.source.strip(), failure
    assert failure.reason.strip(), failure
    assert "\n" not in failure.reason and "\r" not in failure.reason, failure


def assert_sound_article(article: Article) -> None:
    """Text non-empty and already normalised (the text every offset refers to); every span
    inside the text; metadata on one line; published times timezone-aware."""
    assert article.text, article
    assert normalise_text(article.text) == article.text, article
    for span in article_spans(article):
        assert 0 <= span.start <= span.end <= len(article.text), (span, len(article.text))
    for value in (article.title, article.outlet):
        assert value is None or (value.strip() and "\n" not in value), article
    assert article.published is None or article.published.utcoffset() is not None, article


def article_spans(article: Article) -> list[Span]:
    """Every span an article carries, in its sentences, mentions, quotes, times and clauses."""
    found: list[Span] = []

    def collect(value: object) -> None:
        if isinstance(value, Span):
            found.append(value)
        elif isinstance(value, tuple):
            for part in value:
                collect(part)
        elif hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
            for field in fields(value):  # type: ignore[arg-type]
                collect(getattr(value, field.name))

    for name in ("sentences", "mentions", "quotes", "times", "clauses"):
        collect(getattr(article, name))
    return found


def assert_store_round_trip(items: Sequence[Ingested]) -> None:
    """Saved to a store, then loaded, every article (and its raw input) is what was read.

    Articles whose id or URL an earlier one of the batch has are left out: the corpus
    ingest skips those as duplicates before they reach the store.
    """
    if not items:
        return
    with Store.open(":memory:") as store:
        for item in items:
            article = item.article
            if store.has_article_id(article.id) or (article.url and store.has_normalised_url(article.url)):
                continue
            rowid = store.add_article(replace(store_row(article, story=1), raw=item.raw, media_type=item.media_type))
            assert store.article(rowid) == article
