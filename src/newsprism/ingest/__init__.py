"""Reading inputs: files, folders, URLs, RSS/Atom feeds and WARC archives become Articles.

The only package that knows input formats. One bad input never stops a batch: it becomes a
:class:`~newsprism.model.SourceFailure` with a one-line reason, and the rest goes on.

Public API (checked by ``tests/ingest/test_api.py``)::

    iter_sources(sources, options, skip=...)  -> Iterator[Ingested | SourceFailure]
    read_sources(sources, options)            -> (articles, failures)
    read_meta(path)                           -> {source: SourceMeta}
    normalise_url(url)                        -> canonical URL, the key for "same page"
    Fetcher(options, opener=None)             -> polite fetching shared by a batch
    Fetcher.fetch(url, types, Validators(...)) -> a conditional GET (``not_modified`` on 304)

Sources: ``.txt`` (first line the title; an empty first line, no title), ``.html``/``.htm``,
``.json`` (a record or a list) and ``.jsonl``/``.ndjson``/``.jsonl.gz`` records ``{id, title, text, published, url,
outlet}``, RSS/Atom feeds (``.xml .rss .atom`` or a URL), ``.warc``/``.warc.gz`` archives,
folders (recursively, sorted) and ``http(s)`` URLs (pages, feeds, JSON, plain text).

Article fields: ``id`` is the record id, else the URL as requested, else the path as given;
``outlet`` the record's, else the sidecar's, else the page's site name, else the URL's
domain without ``www.``, else the file name stem; ``published`` (always timezone-aware; a
value without zone is UTC) the source's, else the sidecar's, else ``options.published``.

Failure reasons (``SourceFailure.reason``), one line each: "not found", "empty file",
"cannot read: ...", "binary file, not text", "could not tell the text encoding ...",
"unsupported file type ...", "no readable files in the folder ...", "larger than 10 MB
limit", "no article text found in the HTML", "no article text after the title line",
"invalid JSON ...", "record has no text and no title", "duplicate id '...' (first used by
line N)", "unreadable published date ...", "not an RSS or Atom feed", "malformed feed
(...)", "feed has no entries", "feed declares XML entities; refused as unsafe ...", "feed
entry has no content and its page failed: ...", "not a WARC archive ...", "corrupt or
truncated WARC after N pages (...)", "could not connect: ...", "HTTP 404 Not Found",
"timed out after 10 s", "corrupt or truncated compressed file after line N (...)", "not an article or feed (content type ...)", "blocked by the
site's robots.txt", "too many redirects or a bad redirect (HTTP 302)", "empty response",
"connection broken: ...", and from ``read_sources`` "duplicate of an article already read".
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.ingest.fetch import FetchedPage, Fetcher, Opener, Validators
from newsprism.ingest.meta import read_meta
from newsprism.ingest.options import Ingested, ReadOptions, SourceMeta
from newsprism.ingest.sources import FILE_SUFFIXES, iter_sources
from newsprism.ingest.text import normalise_text
from newsprism.ingest.urls import is_url, normalise_url
from newsprism.model import Article, SourceFailure

__all__ = [
    "FILE_SUFFIXES",
    "FetchedPage",
    "Fetcher",
    "Ingested",
    "Opener",
    "ReadOptions",
    "SourceMeta",
    "Validators",
    "is_url",
    "iter_sources",
    "normalise_text",
    "normalise_url",
    "read_meta",
    "read_sources",
]


def read_sources(sources: Sequence[str], options: ReadOptions) -> tuple[list[Article], list[SourceFailure]]:
    """Read every source; return the articles read and the failures, each in input order.

    An article whose id an earlier one already has (the same file named twice, a page both
    in a feed and given by URL) fails as a duplicate: one story must not compare an
    article with itself.
    """
    articles: dict[str, Article] = {}
    failures: list[SourceFailure] = []
    for item in iter_sources(sources, options):
        if isinstance(item, SourceFailure):
            failures.append(item)
        elif item.article.id in articles:
            failures.append(SourceFailure(item.article.source, f"duplicate of an article already read (id {item.article.id})"))
        else:
            articles[item.article.id] = item.article
    return list(articles.values()), failures
