"""Speed of each annotation step, in words per second, and the peak memory.

Annotates real news texts (the first documents of the ECB+ stories in the shared datasets)
and times every step separately, then the whole of ``annotate_articles``, on one process and
with the parse spread over two. Prints one table; writes bench/results/annotate.json.

    python bench/bench_annotate.py [--documents 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "datasets" / "stories" / "ecbplus-dev.jsonl"
RESULTS = REPO / "bench" / "results" / "annotate.json"


def load_texts(count: int) -> list[str]:
    texts = []
    with DATA.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append(((record.get("title") or "") + "\n" + record["text"]).strip())
            if len(texts) == count:
                break
    return texts


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    count = parser.parse_args().documents

    from datetime import datetime

    from newsprism.annotate import STEPS, annotate_articles, annotate_parsed
    from newsprism.annotate.nlp import load_pipeline
    from newsprism.model import Article

    texts = load_texts(count)
    words = sum(len(text.split()) for text in texts)
    load_seconds, nlp = timed(load_pipeline)
    parse_seconds, docs = timed(lambda: list(nlp.pipe(texts)))
    two_seconds, _ = timed(lambda: list(nlp.pipe(texts, n_process=2)))
    steps: dict[str, float] = {"parse (spaCy)": parse_seconds, **dict.fromkeys(STEPS, 0.0)}
    published = datetime(2020, 1, 1)

    def add(name: str, seconds: float) -> None:
        steps[name] += seconds

    for number, doc in enumerate(docs):
        annotate_parsed(Article(id=str(number), text=doc.text, source="bench", published=published), doc, add)
    articles = [Article(id=str(i), text=text, source=str(i)) for i, text in enumerate(texts)]
    whole_seconds, _ = timed(lambda: annotate_articles(articles))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    figures = {
        "documents": len(texts),
        "words": words,
        "model_load_seconds": round(load_seconds, 2),
        "words_per_second": {name: round(words / seconds) for name, seconds in steps.items()},
        "whole_words_per_second_one_process": round(words / whole_seconds),
        "parse_words_per_second_two_processes": round(words / two_seconds),
        "peak_memory_mb": round(peak_mb),
        "slowest_step": max(steps, key=lambda name: steps[name]),
    }
    print(f"{len(texts)} documents, {words} words; model load {load_seconds:.2f} s")
    print(f"{'step':<28}{'words/s':>10}{'share':>8}")
    total = sum(steps.values())
    for name, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        print(f"{name:<28}{words / seconds:>10.0f}{seconds / total:>8.0%}")
    print(f"{'whole, one process':<28}{words / whole_seconds:>10.0f}")
    print(f"{'parse, two processes':<28}{words / two_seconds:>10.0f}")
    print(f"peak memory {peak_mb:.0f} MB")
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
