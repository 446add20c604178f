"""How long the web app's story list takes on a large store: a page in SQL against the whole list.

Usage: python bench/bench_web_list.py [--articles 20000] [--store PATH] [--repeats 5] [--json OUT]

A store of ``--articles`` generated articles (``bench_ingest.generated_articles``: real texts
mixed and perturbed, dated over two years) is built through ``Corpus.add``, so stories form
as in an ingest; every tenth article is made undated, and each gets an outlet (one of eight)
and a headline (its first words), so search and ``since`` have something to work on. With
``--store`` the store is kept and reused when it already holds that many articles.

Each request is timed ``--repeats`` times and the median is printed, in milliseconds:

- ``whole_list``: the whole list read (``story_summaries``), the search words filtered in
  Python, then the first 50 sliced off, as the app did before it paged in SQL;
- ``page``: ``story_page`` with offset 0 and limit 50;
- ``wsgi``: the first page through the WSGI app in-process (as ``tests/web/test_app.py``
  calls it), which opens the store, pages in SQL and renders the HTML.

``/stories.json`` (every matching story, unpaged) is timed the same way.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import generated_articles, real_texts
from newsprism.corpus import Corpus
from newsprism.model import Article
from newsprism.store import Store, StorySummary, story_page, story_summaries
from newsprism.web import create_app

PAGE = 50
OUTLETS = ("Northern Ledger", "Tamsin Courier", "Evening Post", "Harbour Times",
           "Valley Gazette", "City Wire", "Coast Herald", "Plains Journal")
REQUESTS = {
    "first_page": {},
    "since": {"since": "2024-06-01"},
    "search": {"q": "ledger"},
    "search_two_words": {"q": "courier the"},
}


def bench_articles(count: int) -> Iterator[Article]:
    """Generated articles with an outlet and a headline; every tenth one undated."""
    for number, article in enumerate(generated_articles(real_texts(), count)):
        yield replace(
            article,
            outlet=OUTLETS[number % len(OUTLETS)],
            title=" ".join(article.text.split()[:8]),
            published=None if number % 10 == 9 else article.published,
        )


def build_store(path: Path, count: int) -> float:
    """Fill the store at ``path`` with ``count`` articles unless it holds them; seconds taken."""
    with Store.open(path) as store:
        held = store.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if held == count:
            return 0.0
        if held:
            raise SystemExit(f"{path} holds {held} articles, not {count}: use another --store.")
        started = time.perf_counter()
        corpus = Corpus(store)
        for article in bench_articles(count):
            corpus.add(article)
        return time.perf_counter() - started


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def whole_list(path: Path, since: datetime | None, words: str, paged: bool) -> list[StorySummary]:
    """The whole list read, filtered in Python, then sliced."""
    folded = words.casefold().split()
    with Store.open(path) as store:
        summaries = story_summaries(store, since)
    summaries = [
        s for s in summaries
        if all(word in " ".join([s.title, *s.outlets, *s.articles]).casefold() for word in folded)
    ]
    return summaries[:PAGE] if paged else summaries


def page_list(path: Path, since: datetime | None, words: str, paged: bool) -> list[StorySummary]:
    """The list through ``story_page``."""
    with Store.open(path) as store:
        return story_page(store, since, words.split(), 0, PAGE if paged else None).stories


def get(app: Any, path: str, query: dict[str, str]) -> str:
    """One GET through the WSGI app, in-process; the body."""
    environ: dict[str, Any] = {
        "PATH_INFO": path,
        "QUERY_STRING": "&".join(f"{key}={value.replace(' ', '+')}" for key, value in query.items()),
        "REQUEST_METHOD": "GET",
        "wsgi.errors": io.StringIO(),
    }
    setup_testing_defaults(environ)
    statuses = []
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    if statuses != ["200 OK"]:
        raise SystemExit(f"{path}?{environ['QUERY_STRING']} answered {statuses}")
    return body.decode("utf-8")


def measure(path: Path, repeats: int) -> dict[str, Any]:
    """Median milliseconds of each request, whole list and page, HTML page and JSON list."""
    app = create_app(path)
    figures: dict[str, Any] = {}
    for name, query in REQUESTS.items():
        since = datetime.fromisoformat(query["since"]) if "since" in query else None
        words = query.get("q", "")
        for paged, kind in ((True, "page"), (False, "json")):
            whole = whole_list(path, since, words, paged)
            if page_list(path, since, words, paged) != whole:
                raise SystemExit(f"{name} {kind}: story_page lists other stories than the whole list")
            address = "/" if paged else "/stories.json"
            figures[f"{name}_{kind}"] = {
                "stories": len(whole),
                "whole_list_ms": median_ms(partial(whole_list, path, since, words, paged), repeats),
                "page_ms": median_ms(partial(page_list, path, since, words, paged), repeats),
                "wsgi_ms": median_ms(partial(get, app, address, query), repeats),
            }
        print(json.dumps({name: {k: v for k, v in figures.items() if k.startswith(name + "_")}}), flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = options.store or Path(folder) / "web.db"
        build_seconds = build_store(path, options.articles)
        with Store.open(path) as store:
            stories = store.connection.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        result: dict[str, Any] = {
            "articles": options.articles,
            "stories": stories,
            "build_seconds": round(build_seconds, 1),
            "repeats": options.repeats,
        }
        print(json.dumps(result), flush=True)
        result["requests"] = measure(path, options.repeats)
    print(json.dumps(result, indent=2))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
