"""Pages kept until the store changes, over a real SQLite store."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from builders import store_row
from newsprism.model import Article
from newsprism.store import Store
from newsprism.web.cache import PageCache


def a_store(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_article(store_row(Article(id="k1", text="The Tarn ferry sailed.", source="k.jsonl"), story=1))
    return path


def test_readers_asking_at_once_for_one_page_cost_one_rendering(tmp_path: Path) -> None:
    cache: PageCache[str] = PageCache(a_store(tmp_path / "k.db"))
    renderings: list[int] = []
    barrier = threading.Barrier(12)

    def render() -> str:
        renderings.append(1)
        time.sleep(0.2)
        return "page"

    def reader() -> None:
        barrier.wait()
        assert cache.get("/", render, lambda page: True) == "page"

    readers = [threading.Thread(target=reader) for _ in range(12)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert len(renderings) == 1
    cache.close()


def test_a_commit_by_another_connection_makes_the_page_render_again(tmp_path: Path) -> None:
    path = a_store(tmp_path / "k.db")
    cache: PageCache[int] = PageCache(path)
    count = iter(range(100))
    first = cache.get("/", lambda: next(count), lambda page: True)
    assert cache.get("/", lambda: next(count), lambda page: True) == first
    with Store.open(path) as store:
        store.record_failure("x.txt", "empty file")
    assert cache.get("/", lambda: next(count), lambda page: True) == first + 1
    assert cache.get("/", lambda: next(count), lambda page: False) == first + 1  # still kept
    assert cache.get("/other", lambda: next(count), lambda page: False) == first + 2
    assert cache.get("/other", lambda: next(count), lambda page: True) == first + 3  # refused pages not kept
    cache.close()


def test_a_store_that_cannot_be_read_keeps_nothing(tmp_path: Path) -> None:
    cache: PageCache[int] = PageCache(tmp_path / "missing.db")
    count = iter(range(10))
    assert [cache.get("/", lambda: next(count), lambda page: True) for _ in range(3)] == [0, 1, 2]


def test_while_a_page_renders_anew_after_a_commit_other_readers_get_it_as_it_was(tmp_path: Path) -> None:
    path = a_store(tmp_path / "k.db")
    cache: PageCache[str] = PageCache(path)
    assert cache.get("/", lambda: "before", lambda page: True) == "before"
    with Store.open(path) as store:
        store.record_failure("x.txt", "empty file")
    started, release = threading.Event(), threading.Event()

    def slow_render() -> str:
        started.set()
        release.wait(10)
        return "after"

    renderer_got: list[str] = []
    renderer = threading.Thread(target=lambda: renderer_got.append(cache.get("/", slow_render, lambda page: True)))
    renderer.start()
    assert started.wait(10)
    moment = time.monotonic()
    assert cache.get("/", lambda: "never rendered", lambda page: True) == "before"  # at once, not queued
    assert time.monotonic() - moment < 1
    release.set()
    renderer.join()
    assert renderer_got == ["after"]
    assert cache.get("/", lambda: "never rendered", lambda page: True) == "after"
    cache.close()
