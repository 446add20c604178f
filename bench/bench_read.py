"""Ingest throughput and HTML extraction fidelity (a benchmark, not a test; belongs in bench/).

Real article texts from ``../shared/datasets/stories`` are read as JSONL, then wrapped in
page boilerplate (navigation, sidebar, comments, footer; ``--heavy`` adds a 60 kB script
and a 400-link menu, closer to real news pages) and read back as HTML files and as one
WARC.gz. Prints articles per second (wall clock and CPU) and how much of each text the HTML
extraction recovers (token precision and recall against the original text), title and date
recovery. The wrapped pages live in a temporary folder and are deleted afterwards.

Run: ``.venv/bin/python bench/bench_read.py [--heavy]``
"""

from __future__ import annotations

import argparse
import html
import json
import re
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import Ingested, ReadOptions, iter_sources

STORIES = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories"
FILES = ("ecbplus-dev.jsonl", "newswcl50.jsonl")


def wrap_in_page(record: dict[str, str], heavy: bool) -> str:
    """A news page around one record's text, with the boilerplate extraction must drop."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in record["text"].split("\n") if line.strip())
    title = html.escape(record.get("title") or "")
    links = 400 if heavy else 12
    menu = "".join(f"<li><a href='/topic/{n}'>Topic {n} news and analysis</a></li>" for n in range(links))
    script = "<script>" + "".join(f"var setting{n} = {{'a': {n}, 'b': 'value {n}'}};\n" for n in range(1500)) + "</script>"
    date = f"<meta property='article:published_time' content='{record['published']}T09:00:00Z'>" if record.get("published") else ""
    related = "".join(f"<li><a href='/r/{n}'>Related headline number {n} about other news</a></li>" for n in range(8))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title} - Daily Example</title>"
        f"<meta property='og:site_name' content='Daily Example'>{date}{script if heavy else ''}</head><body>"
        f"<header><ul class='nav'>{menu}</ul><form><input name=q placeholder='Search'></form></header>"
        f"<main><article><h1>{title}</h1><div class='byline'>By Staff Reporter</div>{paragraphs}</article>"
        f"<aside><h2>Most read</h2><ul>{related}</ul></aside><section id='comments'><h3>Comments</h3>"
        "<div class='comment'><p>First! What a story this is, really.</p></div></section></main>"
        "<footer><p>Copyright Daily Example. All rights reserved. Privacy policy. Terms of use.</p></footer></body></html>"
    )


def timed(label: str, sources: list[str], warm_up: str) -> list[Ingested]:
    """Read ``sources`` once (after one warm-up page) and print the rates."""
    list(iter_sources([warm_up], ReadOptions()))
    wall, cpu = time.perf_counter(), time.process_time()
    items = list(iter_sources(sources, ReadOptions()))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    read = [item for item in items if isinstance(item, Ingested)]
    print(f"{label}: {len(read)} articles, {len(items) - len(read)} failures; "
          f"wall {wall:.2f} s = {len(read) / wall:.0f}/s; CPU {cpu:.2f} s = {len(read) / cpu:.0f}/s")
    return read


def token_fidelity(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Token precision and recall of extracted texts against the original ones."""
    found = kept = wanted = 0
    for original, extracted in pairs:
        gold, got = Counter(re.findall(r"\w+", original.lower())), Counter(re.findall(r"\w+", extracted.lower()))
        kept += sum((gold & got).values())
        found += sum(got.values())
        wanted += sum(gold.values())
    return kept / found, kept / wanted


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heavy", action="store_true", help="pages with a big script and menu")
    heavy = parser.parse_args().heavy
    records = [json.loads(line) for name in FILES for line in (STORIES / name).open(encoding="utf-8")]
    timed("jsonl", [str(STORIES / name) for name in FILES], str(STORIES / FILES[1]))
    records = [record for record in records if record.get("text")]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "warm.html").write_text(wrap_in_page({"title": "Warm up", "text": "Lazy loads happen here. " * 30}, heavy))
        pages = root / "pages"
        pages.mkdir()
        for number, record in enumerate(records):
            (pages / f"{number:05d}.html").write_text(wrap_in_page(record, heavy), encoding="utf-8")
        read = timed("html files", [str(pages)], str(root / "warm.html"))
        by_file = {f"{number:05d}.html": record for number, record in enumerate(records)}
        originals = [by_file[Path(item.article.source).name] for item in read]
        precision, recall = token_fidelity([(record["text"], item.article.text) for record, item in zip(originals, read, strict=False)])
        titles = sum((record.get("title") or "") == (item.article.title or "") for record, item in zip(originals, read, strict=False))
        dated = [(record, item) for record, item in zip(originals, read, strict=False) if record.get("published")]
        dates = sum(bool(item.article.published) and item.article.published.date().isoformat() == record["published"][:10] for record, item in dated)
        print(f"html text: token precision {precision:.3f}, recall {recall:.3f}; title exact {titles}/{len(read)}; date right {dates}/{len(dated)}")
        archive = root / "crawl.warc.gz"
        with archive.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for number, record in enumerate(records):
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                payload = BytesIO(wrap_in_page(record, heavy).encode())
                writer.write_record(writer.create_warc_record(f"https://daily.example/a/{number}", "response", payload=payload, http_headers=headers))
        timed("warc.gz", [str(archive)], str(root / "warm.html"))


if __name__ == "__main__":
    main()
