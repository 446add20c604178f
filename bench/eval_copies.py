"""Precision and recall of copy groups on a gold set built by perturbing real articles.

Usage: python bench/eval_copies.py [--originals 200] [--seed 7] [--json bench/results/copies.json]

Originals are sampled from the story datasets; each gets zero to three copies made at run
time with two or three of: boilerplate added, headline rewritten, a paragraph dropped,
paragraphs reordered, one sentence changed. The other articles of the same gold story are
mixed in as distinct reports. Everything goes through the real corpus ingest into a
temporary store; copy groups are then scored pairwise (and the origin of each group checked).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from newsprism.cluster.copies import containment, shingles
from newsprism.corpus import Corpus
from newsprism.model import Article
from newsprism.store import Store, copy_groups, copy_origin

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories"
BOILERPLATE = (
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Copyright 2024 by the publisher. All rights reserved.",
    "Follow us on social media for the latest updates.",
    "This story was first published by our partner news service.",
    "Reporting by our staff; editing by the news desk.",
    "Advertisement",
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
BASE = datetime(2024, 1, 1)


def load_pool(min_words: int) -> list[Article]:
    """Every dataset article long enough to be worth copying, with a distinct URL and date."""
    pool = []
    for path in sorted(DATASETS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            text = record.get("text") or ""
            if len(text.split()) < min_words:
                continue
            pool.append(
                Article(
                    id=f"{path.stem}/{record['id']}",
                    text=text,
                    source=path.name,
                    title=record.get("title"),
                    outlet=record.get("outlet"),
                    published=BASE + timedelta(minutes=len(pool)),
                    url=f"https://origin.example/{path.stem}/{record['id']}",
                )
            )
    return pool


def distinct(pool: list[Article]) -> list[Article]:
    """Drop articles that already copy one another in the source data (same page twice)."""
    kept: list[tuple[Article, set[str]]] = []
    for article in pool:
        article_shingles = shingles(article.text)
        if all(containment(article_shingles, other) < 0.5 for _, other in kept):
            kept.append((article, article_shingles))
    return [article for article, _ in kept]


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, or pairs of sentences when it has no paragraph breaks."""
    parts = [part for part in text.split("\n\n") if part.strip()]
    if len(parts) >= 3:
        return parts
    sentences = SENTENCE.split(text)
    return [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]


def perturb(article: Article, number: int, rng: random.Random) -> Article:
    """One copy of ``article`` with two or three perturbations."""
    parts = paragraphs(article.text)
    title = article.title
    for change in rng.sample(
        ["boilerplate", "headline", "drop", "reorder", "sentence"], rng.randint(2, 3)
    ):
        if change == "boilerplate":
            parts = [rng.choice(BOILERPLATE), *parts, rng.choice(BOILERPLATE)]
        elif change == "headline":
            title = f"{rng.choice(['Update', 'Latest', 'Breaking'])}: {(title or 'news')[:40]} as events unfold"
        elif change == "drop" and len(parts) >= 3:
            parts.pop(rng.randrange(len(parts)))
        elif change == "reorder" and len(parts) >= 2:
            i, j = rng.sample(range(len(parts)), 2)
            parts[i], parts[j] = parts[j], parts[i]
        elif change == "sentence":
            i = rng.randrange(len(parts))
            words = parts[i].split()
            words.insert(
                rng.randrange(len(words) + 1),
                rng.choice(["reportedly", "officials said", "on Friday"]),
            )
            parts[i] = " ".join(words[: max(3, len(words) - 2)])
    return replace(
        article,
        id=f"{article.id}#copy{number}",
        text="\n\n".join(parts),
        title=title,
        outlet=f"reprint{number}.example",
        url=f"https://reprint{number}.example/{article.id}",
        published=(article.published or BASE) + timedelta(hours=number + 1),
    )


def build_gold(originals: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    """Articles to ingest (shuffled) and the gold group (origin id) of each."""
    rng = random.Random(seed)
    pool = distinct(load_pool(min_words=40))
    chosen = rng.sample(pool, min(originals, len(pool)))
    articles, gold = [], {}
    for article in pool:
        articles.append(article)
        gold[article.id] = article.id
    for article in chosen:
        for number in range(rng.randint(0, 3)):
            copy = perturb(article, number, rng)
            articles.append(copy)
            gold[copy.id] = article.id
    rng.shuffle(articles)
    return articles, gold


def pairwise(predicted: dict[str, int], gold: dict[str, str]) -> dict[str, float]:
    """Precision and recall over pairs of articles put in one copy group."""

    def pairs(groups: dict[str, object]) -> set[tuple[str, str]]:
        members: dict[object, list[str]] = {}
        for item, group in groups.items():
            members.setdefault(group, []).append(item)
        return {
            tuple(sorted(pair))
            for group in members.values()
            for pair in itertools.combinations(group, 2)
        }

    found, expected = pairs(predicted), pairs(gold)
    right = len(found & expected)
    precision = right / len(found) if found else 1.0
    recall = right / len(expected) if expected else 1.0
    return {
        "pairs_found": len(found),
        "pairs_gold": len(expected),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    articles, gold = build_gold(options.originals, options.seed)
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "copies.db") as store,
    ):
        corpus = Corpus(store)
        for article in articles:
            corpus.add(article)
        predicted = copy_groups(store)
        origins = [
            copy_origin(store, item) == gold[item] for item in gold if "#copy" in item
        ]
    seconds = time.perf_counter() - started
    result = {
        "articles": len(articles),
        "copies": sum("#copy" in item for item in gold),
        **pairwise(predicted, gold),
        "origin_accuracy": round(sum(origins) / len(origins), 4) if origins else None,
        "seconds": round(seconds, 2),
        "seed": options.seed,
    }
    print(json.dumps(result))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
