"""The watcher over a simulated week of news: requests, 304s, edits caught, memory, speed.

Usage: python bench/bench_watch.py [--feeds 200] [--articles 20000] [--days 7] [--publishing-days 2]
                                   [--json bench/results/watch.json]

A local site (a real ``http.server`` on 127.0.0.1, in a thread) serves ``--feeds`` RSS feeds
and ``--articles`` article pages whose content follows a simulated clock: each feed
publishes at its own rate (rates drawn log-normally, so a few feeds are busy and most are
quiet) over the first ``--publishing-days``; an eighth of the articles are edited once
and a fiftieth twice, a log-normal time after publication (median two hours, at most three
days), a number or a quoted word changed. Feeds list their newest 30 items. The server
answers conditional requests with 304 as a careful server does.

The watcher runs on the same simulated clock (``Watcher(clock=...)``): after each pass the
clock jumps to the next feed or article that is due, so a week takes minutes. Host delay is
0 here (one host serves all 200 feeds; a delay would only slide the simulated clock).

Figures: requests made against the minimum an oracle needs (one feed request per
publication, one page request per article, one per edit), the share answered 304,
articles caught, edits caught and how late (simulated minutes from the edit to the stored
revision), resident memory sampled every simulated six hours (flat once publishing stops:
the watcher keeps nothing per pass), and articles stored per wall-clock second.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.watch import Watcher

DAY = 86_400.0
START = 1_800_000_000.0
FEED_ITEMS = 30
_WORD_TEXT = (
    "council harbour river bridge school hospital police minister budget storm flood fire rail station port"
    " court judge union strike market factory farm village city mayor engineer nurse doctor teacher pupils"
    " residents officials survey report plan vote road airport energy water power prices wages tax homes"
)
_NAME_TEXT = "Ayers Brennan Castillo Dumont Eriksen Fontaine Gallagher Hartmann Ibsen Jovanovic Kowalski Lindqvist"
_WORDS = _WORD_TEXT.split()
_NAMES = _NAME_TEXT.split()


@dataclass
class SimulatedClock:
    """Epoch seconds that move only when the bench moves them, shared by site and watcher."""

    now: float = START

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


@dataclass
class Article:
    """One article of the simulated site: its feed, when it appears, when it is edited."""

    number: int
    feed: int
    published: float
    edits: list[float]


@dataclass
class Site:
    """The simulated site: feeds and articles as they stand at the clock's time."""

    clock: SimulatedClock
    articles: list[Article]
    feeds: list[list[Article]]
    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind: str) -> None:
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def feed_items(self, feed: int) -> list[Article]:
        """The newest items published by now."""
        items = self.feeds[feed]
        shown = bisect.bisect_right([article.published for article in items], self.clock.now)
        return items[max(0, shown - FEED_ITEMS):shown][::-1]

    def version(self, article: Article) -> int:
        return bisect.bisect_right(article.edits, self.clock.now)


def build_site(clock: SimulatedClock, feeds: int, articles: int, publishing: float, seed: int = 13) -> Site:
    """Feeds with log-normal rates, articles spread over the publishing time, edits."""
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0.0, 1.0) for _ in range(feeds)]
    made = []
    for number in range(articles):
        feed = rng.choices(range(feeds), weights)[0]
        published = START + rng.uniform(0, publishing)
        edits = []
        roll = rng.random()
        count = 2 if roll < 0.02 else 1 if roll < 0.125 else 0
        moment = published
        for _ in range(count):
            moment += min(3 * DAY, max(300.0, rng.lognormvariate(8.9, 1.2)))  # median e^8.9 s: about 2 h
            edits.append(moment)
        made.append(Article(number, feed, published, edits))
    by_feed: list[list[Article]] = [[] for _ in range(feeds)]
    for article in sorted(made, key=lambda item: item.published):
        by_feed[article.feed].append(article)
    return Site(clock, made, by_feed)


def article_html(article: Article, version: int) -> str:
    rng = random.Random(article.number)
    name = rng.choice(_NAMES)
    subject = " ".join(rng.sample(_WORDS, 3))
    count = rng.randint(3, 400) + 7 * version
    word = ["expects", "hopes", "fears"][version % 3]
    paragraphs = [
        f"Officials said {count} people were affected by the {subject} plans on Monday, report {article.number}.",
        f'"The town {word} a quick answer on the {subject} question," said {name}, who leads the council group.',
        *(" ".join(rng.choice(_WORDS) for _ in range(24)).capitalize() + "." for _ in range(3)),
    ]
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    title = f"{subject.title()} update {article.number}"
    return (
        f"<html><head><title>{escape(title)}</title><meta property='og:site_name' content='Outlet {article.feed % 40}'>"
        f"</head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    )


def feed_xml(site: Site, feed: int, base: str) -> str:
    items = "".join(
        f"<item><title>Update {article.number}</title><link>{base}/a/{article.number}</link>"
        f"<guid>{base}/a/{article.number}</guid><pubDate>{formatdate(article.published, usegmt=True)}</pubDate></item>"
        for article in site.feed_items(feed)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title><link>{base}/</link>{items}</channel></rss>'


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://{self.headers.get('Host')}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed" and len(parts) == 2 and parts[1].isdigit() and int(parts[1]) < len(site.feeds):
                items = site.feed_items(int(parts[1]))
                tag = "f" + "-".join(str(item.number) for item in items[:5])
                self._send("feed", lambda: feed_xml(site, int(parts[1]), base), "application/rss+xml", tag)
            elif parts[0] == "a" and len(parts) == 2 and parts[1].isdigit() and int(parts[1]) < len(site.articles):
                article = site.articles[int(parts[1])]
                if article.published > site.clock.now:
                    self._missing("page")
                    return
                version = site.version(article)
                self._send("page", lambda: article_html(article, version), "text/html; charset=utf-8", f"a{article.number}v{version}")
            else:
                self._missing("other")

        def _missing(self, kind: str) -> None:
            site.count(f"{kind} 404")
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, kind: str, body: object, content_type: str, tag: str) -> None:
            etag = '"' + hashlib.sha1(tag.encode()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                site.count(f"{kind} 304")
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            data = body().encode("utf-8")  # type: ignore[operator]
            site.count(f"{kind} 200")
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def resident_megabytes() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(feeds: int, articles: int, days: float, publishing_days: float) -> dict[str, object]:
    clock = SimulatedClock()
    site = build_site(clock, feeds, articles, publishing_days * DAY)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings = replace(Settings(), watch=replace(Settings().watch, host_delay=0.0))
    memory: list[tuple[float, float]] = []
    wall_publishing = 0.0
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "watch.db") as store:
        watcher = Watcher(store, [f"{base}/feed/{number}" for number in range(feeds)], settings, clock=clock, sleep=clock.sleep)
        end, publishing_end = START + days * DAY, START + publishing_days * DAY
        next_sample, passes, started = START, 0, time.perf_counter()
        while clock.now < end:
            watcher.run_pass()
            passes += 1
            if clock.now >= next_sample:
                memory.append(((clock.now - START) / 3600, resident_megabytes()))
                next_sample += 6 * 3600
            if clock.now >= publishing_end and not wall_publishing:
                wall_publishing = time.perf_counter() - started
            clock.now = max(clock.now + 1.0, watcher.next_due())
        wall = time.perf_counter() - started
        revisions = _revisions_seen(store, base)
        stored = store.article_count()
    server.shutdown()
    return _figures(site, revisions, stored, memory, wall, wall_publishing, passes, feeds, articles, days, publishing_days)


def _revisions_seen(store: Store, base: str) -> dict[int, list[float]]:
    """Simulated times at which each article's revisions were stored, by article number."""
    from datetime import datetime

    rows = store.connection.execute(
        "SELECT a.url, r.seen_at FROM revisions r JOIN articles a ON a.rowid = r.article ORDER BY r.article, r.number"
    )
    seen: dict[int, list[float]] = {}
    for url, moment in rows:
        seen.setdefault(int(url.rsplit("/", 1)[1]), []).append(datetime.fromisoformat(moment).timestamp())
    return seen


def _figures(site: Site, revisions: dict[int, list[float]], stored: int, memory: list[tuple[float, float]], wall: float,
             wall_publishing: float, passes: int, feeds: int, articles: int, days: float,
             publishing_days: float) -> dict[str, object]:
    edits = sum(len(article.edits) for article in site.articles)
    caught, superseded, late = 0, 0, []
    for article in site.articles:
        seen = revisions.get(article.number, [])
        for index, moment in enumerate(article.edits):
            following = article.edits[index + 1] if index + 1 < len(article.edits) else float("inf")
            first = next((when for when in seen if moment <= when < following), None)
            if first is None:
                superseded += 1 if following != float("inf") else 0
                continue
            caught += 1
            late.append((first - moment) / 60)
    counts = site.counts
    requests = sum(counts.values())
    not_modified = counts.get("feed 304", 0) + counts.get("page 304", 0)
    minimum = articles + articles + edits  # one feed request per publication, one page per article, one per edit
    tail = [megabytes for hour, megabytes in memory if hour >= 24 * publishing_days]
    late.sort()
    return {
        "feeds": feeds,
        "articles": articles,
        "simulated_days": days,
        "passes": passes,
        "requests": {
            "total": requests,
            "by_kind": dict(sorted(counts.items())),
            "minimum_needed": minimum,
            "ratio_to_minimum": round(requests / minimum, 2),
            "per_article": round(requests / articles, 2),
            "share_304": round(not_modified / requests, 3) if requests else 0.0,
        },
        "articles_stored": stored,
        "articles_missed": articles - stored,
        "edits": {
            "made": edits,
            "caught": caught,
            "superseded_before_a_re_read": superseded,
            "not_caught_by_the_end": edits - caught - superseded,
            "caught_share": round(caught / edits, 3) if edits else 0.0,
            "minutes_late_median": round(statistics.median(late), 1) if late else None,
            "minutes_late_p90": round(late[int(0.9 * (len(late) - 1))], 1) if late else None,
            "minutes_late_max": round(late[-1], 1) if late else None,
        },
        "memory_mb": {
            "samples_every_6_simulated_hours": [round(megabytes, 1) for _, megabytes in memory],
            "end_of_publishing": round(tail[0], 1) if tail else 0.0,
            "end": round(memory[-1][1], 1) if memory else 0.0,
            "growth_after_publishing": round(max(tail) - min(tail), 1) if tail else 0.0,
        },
        "wall_seconds": round(wall, 1),
        "articles_per_second_while_publishing": round(stored / wall_publishing, 1) if wall_publishing else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--days", type=float, default=7.0)
    parser.add_argument("--publishing-days", type=float, default=2.0)
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    arguments = parser.parse_args()
    figures = run(arguments.feeds, arguments.articles, arguments.days, arguments.publishing_days)
    text = json.dumps(figures, indent=2)
    print(text)
    if arguments.json:
        arguments.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
