"""Write the hostile input corpus beside this script: ``python tests/data/hostile/make_hostile.py``.

Each file is small (under 100 kB) and hostile in one way; ``tests/fuzz/test_hostile_corpus.py``
runs the folder through the real command line and web app. Large inputs (deeply nested HTML)
are made at test time by :func:`write_large`, not kept here. Rerunning rewrites the same
bytes: nothing random, no time stamps.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORY = (
    "The harbour bridge in Porthaven reopened to traffic on Monday after eight months of repairs, "
    "the town council said. Engineers replaced 40 steel cables. \"We are delighted,\" said council leader Maria Olsen."
)


def _warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    headers = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-04T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uri.rsplit('/', 1)[-1]}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return headers.encode() + http + b"\r\n\r\n"


def _page(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{STORY}</p><p>{STORY}</p></article></body></html>".encode()


LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))

FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace-only.txt": b" \n\t\r\n   \n",
    "binary-junk.txt": bytes((n * 37 + 11) % 256 for n in range(2048)),
    "png-header.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa",
    "invalid-utf8.txt": b"Bridge reopens\n" + STORY.encode() + b" \xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xf0\x28\x8c\xbc \xff\xfe",
    "utf16-bom.txt": ("Bridge reopens (UTF-16)\n" + STORY).encode("utf-16"),
    "script-only.html": b"<html><head><script>window.location='https://evil.example/'</script></head>"
    b"<body><script>document.write('<p>' + 'x'.repeat(999) + '</p>')</script><noscript></noscript></body></html>",
    "malformed.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Herald<item><title>Bridge</titl>'
    b"<link>https://herald.example/bridge</link><description>The bridge</item></channel>",
    "malformed.atom": b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Bridge'
    b"<summary type='html'>&lt;p&gt;cut off in the midd",
    "xxe.xml": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>',
    "billion-laughs.xml": (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{LAUGHS}]>'
        '<rss version="2.0"><channel><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>'
    ).encode(),
    "truncated.warc": (_warc_record("https://herald.example/one", _page("Bridge one")) + _warc_record("https://herald.example/two", _page("Bridge two")))[:-400],
    "truncated.warc.gz": gzip.compress(_warc_record("https://herald.example/three", _page("Bridge three")), mtime=0)[:-30],
    "broken.jsonl": b'{"id": "ok-1", "title": "Bridge", "text": "' + STORY.replace('"', "'").encode() + b'"}\n'
    b'{"id": "broken-2", "text": "cut off\n'
    b"not json at all\n"
    b'[1, 2, 3]\n'
    b'{"id": "ok-1", "text": "duplicate id"}\n',
    "wrong-types.jsonl": b"\n".join(
        json.dumps(record).encode()
        for record in [
            {"id": ["a", "list"], "text": "id is a list"},
            {"id": "t-2", "text": 42},
            {"id": "t-3", "title": {"nested": True}, "text": "title is an object"},
            {"id": "t-4", "text": "published is a number", "published": 1741089600},
            {"id": True, "text": "id is a boolean"},
            {"id": "t-6", "text": None, "title": None},
            {"id": "t-7", "text": "lone surrogate \ud83d here", "outlet": "\ud800"},
        ]
    ),
    "deep-json.json": b"[" * 5000 + b"]" * 5000,
    "résumé-北京-📰.txt": ("Brücke wieder offen — 北京\n" + STORY).encode(),
    "good-report.txt": ("Bridge reopens after repairs\n" + STORY).encode(),
    "meta-bad-date.csv": b"source,outlet,published\ngood-report.txt,Herald,not a date\n",
    "settings-wrong-type.toml": b"[extraction]\nmin_article_words = 'ten'\n",
}
"""Each hostile file's bytes; a ``.csv`` or ``.toml`` is a sidecar or settings file, not a source."""


def write_large(folder: Path) -> list[Path]:
    """The hostile inputs too large to keep in the repository, written into ``folder``."""
    deep = folder / "deep-nested.html"
    deep.write_bytes(b"<html><body>" + b"<div>" * 60_000 + STORY.encode() + b"</div>" * 60_000 + b"</body></html>")
    return [deep]


def write_corpus(folder: Path = HERE) -> list[Path]:
    """Write every file of :data:`FILES` into ``folder``; return their paths."""
    paths = []
    for name, data in FILES.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"{written.stat().st_size:>7}  {written.name}")
