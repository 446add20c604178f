"""Speed and memory of ``brief``: cold command, warm library call, and 20 real articles.

Prints one table and writes the figures to bench/results/brief.json. Needs the shared
folder beside the repo (the seeds, and NewsWCL50 for 20 full-length real articles).

    python bench/bench_brief.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = sorted(str(path) for path in (SHARED / "seeds").glob("*.txt"))
RESULTS = REPO / "bench" / "results" / "brief.json"


def time_command(arguments: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds of a fresh process, and the largest peak RSS in MB."""
    times, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return statistics.median(times), max(peaks)


def twenty_real_articles(folder: Path) -> tuple[Path, int]:
    """Write 20 full-length real articles (NewsWCL50: five outlets on each of four events)
    to a JSONL file; return it and its word count."""
    records = [json.loads(line) for line in (SHARED / "datasets" / "stories" / "newswcl50.jsonl").open()]
    chosen = sorted(records, key=lambda record: (str(record["story"]), record["id"]))[:20]
    path = folder / "story.jsonl"
    words = 0
    with path.open("w") as handle:
        for record in chosen:
            words += len(record["text"].split())
            handle.write(json.dumps({"id": record["id"], "title": record.get("title"), "text": record["text"],
                                     "outlet": record.get("outlet")}) + "\n")
    return path, words


def stage_times(sources: list[str], published: str) -> dict[str, float]:
    """Seconds per stage of one warm library call over ``sources``."""
    from datetime import datetime

    from newsprism.annotate import annotate_parsed
    from newsprism.annotate.nlp import load_pipeline, parse_many
    from newsprism.compare import compare
    from newsprism.ingest import ReadOptions, read_sources
    from newsprism.pipeline import compare_articles

    load_pipeline()
    options = ReadOptions(published=datetime.fromisoformat(published))
    compare_articles(read_sources(sources, options)[0])  # warm every lazy load
    stages: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        stages[name] = stages.get(name, 0.0) + seconds

    def timed(name: str, work):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = work()
        add(name, time.perf_counter() - start)
        return result

    articles, _ = timed("read", lambda: read_sources(sources, options))
    docs = timed("parse (spaCy)", lambda: parse_many([a.text for a in articles]))
    annotated = [annotate_parsed(article, doc, add) for article, doc in zip(articles, docs, strict=True)]
    timed("compare", lambda: compare(annotated))
    start = time.perf_counter()
    compare_articles(read_sources(sources, options)[0])
    stages["whole library call"] = time.perf_counter() - start
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    command = [sys.executable, "-m", "newsprism", "brief", *SEEDS, "--published", "2025-03-04"]
    seeds_cold, seeds_peak = time_command(command, runs)
    with tempfile.TemporaryDirectory() as folder:
        story, story_words = twenty_real_articles(Path(folder))
        story_cold, story_peak = time_command([sys.executable, "-m", "newsprism", "brief", str(story)], max(1, runs // 2))
        story_stages = stage_times([str(story)], "2000-01-01")
    seed_stages = stage_times(SEEDS, "2025-03-04")
    figures = {
        "seeds_cold_seconds": round(seeds_cold, 2),
        "seeds_cold_peak_mb": round(seeds_peak),
        "seeds_library_call_seconds": round(seed_stages["whole library call"], 3),
        "story20_words": story_words,
        "story20_cold_seconds": round(story_cold, 2),
        "story20_cold_peak_mb": round(story_peak),
        "seed_stages_seconds": {k: round(v, 3) for k, v in seed_stages.items()},
        "story20_stages_seconds": {k: round(v, 3) for k, v in story_stages.items()},
        "cpu_count": os.cpu_count(),
    }
    print(f"{'figure':<36}{'value':>10}  goal")
    print(f"{'brief on seeds, fresh process (s)':<36}{seeds_cold:>10.2f}  <= 5")
    print(f"{'brief on seeds, library call (s)':<36}{seed_stages['whole library call']:>10.3f}  <= 0.5")
    print(f"{'brief on 20 articles, fresh (s)':<36}{story_cold:>10.2f}  <= 15 ({story_words} words)")
    print(f"{'peak memory, seeds / 20 (MB)':<36}{seeds_peak:>5.0f} /{story_peak:>4.0f}")
    for label, stages in (("seeds", seed_stages), ("20 articles", story_stages)):
        print(f"stages, {label}: " + ", ".join(f"{k} {v:.3f}s" for k, v in stages.items()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
