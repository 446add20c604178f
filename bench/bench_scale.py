"""Ingest on a Dask cluster against one process; the single writer's ceiling; the cheap path
as the store grows.

Usage: python bench/bench_scale.py [--articles 300] [--workers 2] [--sizes 10000 50000 100000]
                                   [--json bench/results/scale.json]

1. ``ingest --annotate`` of ``--articles`` real ECB+ dev articles (read from the shared
   datasets at run time), in-process and on a ``LocalCluster`` of ``--workers`` processes.
   Both are timed warm (spaCy and the sentence model loaded first, in this process or in
   every worker), so the rates compare the work, not start-up; start-up is timed apart.
2. The writer's ceiling: the same articles prepared beforehand (annotations included), then
   only stored by ``Corpus.add_prepared``, as if workers were infinitely fast.
3. Memory per worker (resident size after the run).
4. The cheap path (no annotation) as the store grows: generated articles (real sentences
   mixed and perturbed, as ``bench_ingest.py`` makes them) added one by one; milliseconds
   per article in each block of 1,000 up to each size in ``--sizes``, in wall-clock time and
   in CPU time of this process (which a shared machine's load hardly changes). Blocks
   that are profiled (the second and the last) are slower for it.
The machine's cores and its load at the start are recorded: on a shared machine the
cluster's speed-up is bounded by the cores other people leave free.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsprism.corpus import Corpus, ingest_sources
from newsprism.ingest import ReadOptions, iter_sources
from newsprism.ingest.options import Ingested
from newsprism.preparation import prepare
from newsprism.scale import connect, ingest_on_cluster
from newsprism.settings import Settings
from newsprism.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import generated_articles, real_texts

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
ECB = DATASETS / "stories" / "ecbplus-dev.jsonl"
RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
FIELDS = ("id", "title", "text", "published", "url", "outlet")


def write_articles(path: Path, count: int) -> Path:
    """The first ``count`` ECB+ dev records as JSONL (a temporary file, never the repo)."""
    with ECB.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as sink:
        for number, line in enumerate(source):
            if number >= count:
                break
            record = json.loads(line)
            sink.write(json.dumps({name: record[name] for name in FIELDS}) + "\n")
    return path


def warm_up() -> None:
    """Load spaCy and the static sentence model in this process (a worker runs it too)."""
    from newsprism.annotate import annotate_articles
    from newsprism.model import Article

    annotate_articles([Article(id="warm", text="The mayor said on Monday that the bridge would reopen.", source="warm")])


def in_process(source: Path, folder: Path) -> dict[str, float]:
    warm_up()
    with Store.open(folder / "in-process.db") as store:
        started, cpu = time.perf_counter(), time.process_time()
        summary = ingest_sources(store, [str(source)], annotate=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "articles": summary.new,
        "seconds": round(seconds, 1),
        "articles_per_second": round(summary.new / seconds, 2),
        "cpu_ms_per_article": round(cpu * 1000 / summary.new, 1),
    }


def on_cluster(source: Path, folder: Path, workers: int) -> dict[str, Any]:
    """The same ingest on a local cluster; besides the wall-clock rate, the CPU each side
    spent and how many tasks ran at once on average (Dask's task stream), which say what
    the cluster would do on free cores whatever the load of a shared machine."""
    import psutil
    from distributed import get_task_stream

    def cpu_seconds() -> float:
        times = psutil.Process().cpu_times()
        return float(times.user + times.system)

    started = time.perf_counter()
    with connect(workers=workers) as client:
        client.wait_for_workers(workers)
        client.run(warm_up)
        start_up = time.perf_counter() - started
        worker_cpu = sum(client.run(cpu_seconds).values())
        with Store.open(folder / f"workers-{workers}.db") as store, get_task_stream(client) as stream:
            started, main_cpu = time.perf_counter(), time.process_time()
            summary = ingest_on_cluster(store, [str(source)], client, annotate=True)
            seconds, main_cpu = time.perf_counter() - started, time.process_time() - main_cpu
        worker_cpu = sum(client.run(cpu_seconds).values()) - worker_cpu
        memory = client.run(lambda: psutil.Process().memory_info().rss / 1e6)
    computing = sum(
        part["stop"] - part["start"] for task in stream.data for part in task["startstops"] if part["action"] == "compute"
    )
    return {
        "workers": workers,
        "articles": summary.new,
        "seconds": round(seconds, 1),
        "articles_per_second": round(summary.new / seconds, 2),
        "start_up_seconds": round(start_up, 1),
        "memory_per_worker_mb": round(max(memory.values()), 0),
        "worker_cpu_ms_per_article": round(worker_cpu * 1000 / summary.new, 1),
        "writer_cpu_ms_per_article": round(main_cpu * 1000 / summary.new, 1),
        "tasks_running_at_once": round(computing / seconds, 2),
    }


def writer_ceiling(source: Path, folder: Path) -> dict[str, float]:
    """Articles per second the one writer stores when every article arrives prepared."""
    items = [item for item in iter_sources([str(source)], ReadOptions()) if isinstance(item, Ingested)]
    prepared = prepare(items, Settings(), annotate=True)
    with Store.open(folder / "ceiling.db") as store:
        corpus = Corpus(store)
        started = time.perf_counter()
        for item in prepared:
            corpus.add_prepared(item)
        seconds = time.perf_counter() - started
    return {"articles": len(prepared), "seconds": round(seconds, 2), "articles_per_second": round(len(prepared) / seconds, 1)}


def cheap_path(sizes: list[int], block: int = 1000) -> dict[str, Any]:
    """Milliseconds per article of the cheap path, per block of ``block``, as the store grows;
    the second and the last block are profiled, to show which steps grow."""
    import cProfile

    texts = real_texts()
    milliseconds: list[float] = []
    cpu_milliseconds: list[float] = []
    checkpoints = []
    profiles: dict[str, dict[str, float]] = {}
    profiled = {2 * block, max(sizes)}
    profile: cProfile.Profile | None = None
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "cheap.db") as store:
        corpus = Corpus(store)
        started = block_started = time.perf_counter()
        cpu_started = time.process_time()
        for number, article in enumerate(generated_articles(texts, max(sizes)), start=1):
            if number + block - 1 in profiled:
                profile = cProfile.Profile()
                profile.enable()
            corpus.add(article)
            if number % block == 0:
                if profile is not None:
                    profile.disable()
                    profiles[f"block ending at {number}"] = _steps(profile, block)
                    profile = None
                now, cpu_now = time.perf_counter(), time.process_time()
                milliseconds.append(round((now - block_started) * 1000 / block, 2))
                cpu_milliseconds.append(round((cpu_now - cpu_started) * 1000 / block, 2))
                block_started, cpu_started = now, cpu_now
            if number in sizes:
                checkpoint = {
                    "articles": number,
                    "seconds": round(time.perf_counter() - started, 1),
                    "ms_per_article_last_block": milliseconds[-1],
                    "cpu_ms_per_article_last_block": cpu_milliseconds[-1],
                    "stories": len(corpus.stories.stories),
                    "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
                }
                checkpoints.append(checkpoint)
                print(json.dumps(checkpoint), flush=True)
    return {
        "block_size": block,
        "ms_per_article": milliseconds,
        "cpu_ms_per_article": cpu_milliseconds,
        "checkpoints": checkpoints,
        "profiles": profiles,
    }


def _steps(profile: Any, articles: int) -> dict[str, float]:
    """Milliseconds per article of the functions with the most time of their own."""
    import pstats

    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    own: dict[str, float] = {}
    for (path, _, function), (_, _, seconds, _, _) in stats.items():
        name = f"{Path(path).stem}.{function}"
        own[name] = own.get(name, 0.0) + seconds
    top = sorted(own.items(), key=lambda item: -item[1])[:12]
    return {name: round(seconds * 1000 / articles, 3) for name, seconds in top}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--parts", nargs="+", choices=("annotate", "ceiling", "cheap"), default=["annotate", "ceiling", "cheap"])
    parser.add_argument("--json", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    # Parts not run this time keep their last figures.
    results: dict[str, Any] = json.loads(arguments.json.read_text(encoding="utf-8")) if arguments.json.exists() else {}
    results.update(
        cores=os.cpu_count(),
        load_average_at_start=round(os.getloadavg()[0], 1),
        articles_source="ECB+ dev (first records), read at run time",
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = write_articles(folder / "articles.jsonl", arguments.articles)
        if "annotate" in arguments.parts:
            results["in_process"] = alone = in_process(source, folder)
            print("in-process --annotate:", json.dumps(alone), flush=True)
            results["clusters"] = []
            for workers in arguments.workers:
                figures = on_cluster(source, folder, workers)
                figures["speed_up"] = round(figures["articles_per_second"] / alone["articles_per_second"], 2)
                # On free cores: workers share the parsing, the writer's own work cannot be shared.
                bound = max(figures["worker_cpu_ms_per_article"] / workers, figures["writer_cpu_ms_per_article"])
                figures["speed_up_on_free_cores_from_cpu_time"] = round(alone["cpu_ms_per_article"] / bound, 2)
                results["clusters"].append(figures)
                print(f"{workers} workers --annotate:", json.dumps(figures), flush=True)
        if "ceiling" in arguments.parts:
            results["writer_ceiling"] = writer_ceiling(source, folder)
            print("writer ceiling (prepared batches):", json.dumps(results["writer_ceiling"]), flush=True)
    if "cheap" in arguments.parts:
        results["cheap_path"] = cheap_path(arguments.sizes)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {arguments.json}")


if __name__ == "__main__":
    main()
