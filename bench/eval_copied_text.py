"""Which report copied from which, inside a story: reprints and copied passages.

Usage: python bench/eval_copied_text.py [--stories 20] [--seed 3] [--json bench/results/copied_text.json]

Gold built from real stories (NewsWCL50 and ECB+ dev; texts read at run time, never stored):
for each gold story, up to four of its reports stand as independent outlets; one of them is
reprinted later with two or three perturbations (boilerplate, headline, a paragraph dropped
or moved, a sentence changed: see eval_copies.py), and another report takes three sentences
copied from a third one. The four share at most a tenth of their five-word shingles, so real
wire copy in the data does not blur the gold. Every story is annotated and compared by the real pipeline
(`compare_articles`). Scored: reprints found with the right origin, copied passages found
with the right origin, and pairs of the original reports flagged (false alarms: they share
no more than scattered phrases).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_copies import BASE, SENTENCE, perturb
from newsprism.cluster.copies import containment, shingles
from newsprism.model import Article
from newsprism.pipeline import compare_articles

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories"


def load_stories(min_reports: int) -> list[list[Article]]:
    """Gold stories with enough reports, each report dated a minute after the last."""
    stories: dict[str, list[Article]] = defaultdict(list)
    count = 0
    for path in (DATASETS / "newswcl50.jsonl", DATASETS / "ecbplus-dev.jsonl"):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            text = record.get("text") or ""
            if len(text.split()) < 80:
                continue
            count += 1
            key = f"{path.stem}/{record.get('event') or record.get('story')}"
            stories[key].append(
                Article(
                    id=f"{path.stem}/{record['id']}",
                    text=text,
                    source=path.name,
                    title=record.get("title"),
                    outlet=f"outlet-{record['id']}",
                    published=BASE + timedelta(minutes=count),
                )
            )
    kept = [unrelated(reports) for reports in stories.values()]
    return [reports for reports in kept if len(reports) >= min_reports]


def unrelated(reports: list[Article]) -> list[Article]:
    """The reports that share at most a tenth of their shingles with every one kept before."""
    kept: list[tuple[Article, set[str]]] = []
    for article in reports:
        own = shingles(article.text)
        if all(containment(own, other) <= 0.1 for _, other in kept):
            kept.append((article, own))
    return [article for article, _ in kept]


def with_passages(receiver: Article, giver: Article, rng: random.Random) -> Article:
    """``receiver`` with three consecutive sentences of ``giver`` put after its first paragraph."""
    sentences = [s for s in SENTENCE.split(giver.text.replace("\n\n", " ")) if len(s.split()) >= 10]
    start = rng.randrange(max(1, len(sentences) - 2))
    taken = " ".join(sentences[start : start + 3])
    first, _, rest = receiver.text.partition("\n\n")
    return replace(
        receiver,
        text=f"{first}\n\n{taken}\n\n{rest}",
        published=max(receiver.published, giver.published) + timedelta(hours=2),  # type: ignore[type-var]
    )


def build_story(reports: list[Article], rng: random.Random) -> tuple[list[Article], set[tuple[str, str, str]]]:
    """Four reports, one reprint and one receiver of passages; the gold (origin, copy, kind)."""
    chosen = rng.sample(reports, 4)
    reprint = perturb(chosen[0], 0, rng)
    receiver = with_passages(chosen[1], chosen[2], rng)
    articles = [chosen[0], receiver, chosen[2], chosen[3], reprint]
    gold = {(chosen[0].id, reprint.id, "reprint"), (chosen[2].id, receiver.id, "passages")}
    return articles, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stories = load_stories(min_reports=4)
    stories = rng.sample(stories, min(args.stories, len(stories)))
    found = {"reprint": 0, "passages": 0}
    expected = {"reprint": 0, "passages": 0}
    wrong_kind, extra_pairs, original_pairs = 0, [], 0
    started = time.perf_counter()
    for reports in stories:
        articles, gold = build_story(reports, rng)
        comparison = compare_articles(articles)
        predicted = {(c.origin, c.copy): c.kind for c in comparison.copies}
        for origin, copy, kind in gold:
            expected[kind] += 1
            if predicted.get((origin, copy)) == kind:
                found[kind] += 1
            elif (origin, copy) in predicted:
                wrong_kind += 1
        gold_pairs = {(origin, copy) for origin, copy, _ in gold}
        original_pairs += 6  # pairs among the four unrelated reports
        extra_pairs.extend(
            (pair, kind) for pair, kind in predicted.items() if pair not in gold_pairs
        )
    seconds = time.perf_counter() - started
    results = {
        "stories": len(stories),
        "reprint_recall": round(found["reprint"] / max(expected["reprint"], 1), 3),
        "passages_recall": round(found["passages"] / max(expected["passages"], 1), 3),
        "right_pair_wrong_kind": wrong_kind,
        "false_pairs_flagged": len(extra_pairs),
        "false_reprints_flagged": sum(1 for _, kind in extra_pairs if kind == "reprint"),
        "unrelated_pairs": original_pairs,
        "seconds": round(seconds, 1),
    }
    for name, value in results.items():
        print(f"{name:>24}  {value}")
    for (origin, copy), kind in extra_pairs[:10]:
        print(f"  false alarm: {origin} -> {copy} ({kind})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
