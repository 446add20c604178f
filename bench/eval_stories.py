"""B-cubed precision, recall and F1 of story clustering against gold story labels.

Usage: python bench/eval_stories.py [--set NAME=VALUE] [--topics all|odd|even]
       [--grid NAME=V1,V2,...] [--orders N] [--tuned-on odd|even] [--losses]
       [--json bench/results/stories.json] [FILE...]

The committed figures (``bench/results/stories.json``) come from

    python bench/eval_stories.py --orders 5 --grid meaning_weight=... --grid meaning_pivot=... \
        --json bench/results/stories.json

and the last lines printed are the table: ECB+ in-sample (the half of the topics the
defaults were tuned on, ``--tuned-on``) beside held-out (the other half), the held-out half
of each cross-validation fold, the minimum F1 over the shuffled orders of each file.

Articles are fed in publication order where dates exist (undated ones after, in file
order), one at a time through the real corpus ingest into a temporary SQLite store
(copies, story assignment and story splits included). ``--set`` overrides a
:class:`StorySettings` field, to study a setting; the committed figures use the defaults.

``--losses`` prints what each topic of the first file costs in lost precision and recall,
and how its gold stories fell into predicted ones: where to look next.

``--orders N`` (5 by default) also scores N arrival orders with the undated articles
shuffled (seeds 0..N-1): how much the figures owe to the file order; the minimum is the
figure to hold.

``--grid`` cross-validates settings on the topic-split file (ECB+): for each half of the
topics (odd, even), the grid point with the best F1 on that half is chosen and scored on
the other half, so the held-out figures show what tuning on seen stories is worth on unseen
ones.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism.model import Article
from newsprism.settings import Settings, StorySettings

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories"
DEFAULT_FILES = ("ecbplus-dev.jsonl", "newswcl50.jsonl")


def load_articles(
    path: Path, topics: set[int] | None = None
) -> tuple[list[Article], dict[str, str]]:
    """Articles of a gold file in ingest order, and the gold story of each article id."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    if topics is not None:
        records = [record for record in records if record.get("topic") in topics]
    order = sorted(
        range(len(records)),
        key=lambda i: (
            records[i].get("published") is None,
            records[i].get("published") or "",
            i,
        ),
    )
    articles = [_article(records[i]) for i in order]
    gold = {record["id"]: str(record["story"]) for record in records}
    return articles, gold


def _article(record: dict) -> Article:
    published = record.get("published")
    return Article(
        id=record["id"],
        text=record.get("text") or "",
        source=record["id"],
        title=record.get("title"),
        outlet=record.get("outlet"),
        published=datetime.fromisoformat(published) if published else None,
        url=record.get("url"),
    )


def cluster_through_store(
    articles: list[Article],
    settings: StorySettings,
    costs: dict[str, int] | None = None,
) -> dict[str, int]:
    """Assign stories through the real corpus ingest into a temporary store.

    An article the store already holds (same URL) takes the story of the stored one.
    ``costs``, when given, receives how many placements were close calls and how many
    leads the meaning model encoded.
    """
    from newsprism.corpus import Corpus
    from newsprism.store import Store

    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "eval.db") as store,
    ):
        corpus = Corpus(store, Settings(stories=settings))
        rows = {article.id: corpus.add(article).rowid for article in articles}
        if costs is not None:
            judge = corpus.stories.judge
            costs["close_calls"] = corpus.stories.close_calls
            costs["leads_encoded"] = judge.encoded if judge is not None else 0
        return {
            article_id: corpus.story_of_row[rowid] for article_id, rowid in rows.items()
        }


def bcubed(predicted: dict[str, int], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over every gold item."""
    predicted_members: dict[int, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        predicted_members[cluster].add(item)
    for item, cluster in gold.items():
        gold_members[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, theirs = predicted_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def evaluate(
    path: Path, settings: StorySettings, topics: str = "all"
) -> dict[str, object]:
    """Score one gold file and time it (``topics``: all, odd or even topic numbers)."""
    articles, gold = load_articles(path, _topic_filter(path, topics))
    started = time.perf_counter()
    costs: dict[str, int] = {}
    predicted = cluster_through_store(articles, settings, costs)
    seconds = time.perf_counter() - started
    scores = bcubed(predicted, gold)
    return {
        "file": path.name,
        "documents": len(articles),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(set(predicted.values())),
        **scores,
        "seconds": round(seconds, 2),
        "close_call_share": round(costs["close_calls"] / max(len(articles), 1), 3),
        "leads_encoded": costs["leads_encoded"],
    }


def topic_losses(path: Path, settings: StorySettings) -> list[dict[str, object]]:
    """What each topic costs: its share of the lost B-cubed precision and recall, and how
    its gold stories fell into predicted ones (``?`` marks undated members)."""
    articles, gold = load_articles(path)
    predicted = cluster_through_store(articles, settings)
    undated = {article.id for article in articles if article.published is None}
    predicted_members: dict[int, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        predicted_members[predicted[item]].add(item)
        gold_members[gold[item]].add(item)
    topics: dict[str, list[str]] = defaultdict(list)
    for item in gold:
        topics[item.split("_")[0]].append(item)
    rows: list[tuple[float, dict[str, object]]] = []
    for topic, items in topics.items():
        precision_loss = recall_loss = 0.0
        placed: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for item in items:
            mine, theirs = predicted_members[predicted[item]], gold_members[gold[item]]
            shared = len(mine & theirs)
            precision_loss += 1 - shared / len(mine)
            recall_loss += 1 - shared / len(theirs)
            placed[predicted[item]][gold[item] + ("?" if item in undated else "")] += 1
        if precision_loss or recall_loss:
            row: dict[str, object] = {
                "topic": topic,
                "precision_loss": round(precision_loss / len(gold), 4),
                "recall_loss": round(recall_loss / len(gold), 4),
                "stories": {str(story): dict(counts) for story, counts in placed.items()},
            }
            rows.append((precision_loss + recall_loss, row))
    return [row for _, row in sorted(rows, key=lambda pair: -pair[0])]


def order_spread(
    path: Path, settings: StorySettings, orders: int
) -> dict[str, object]:
    """F1 over ``orders`` arrival orders: dated articles by date, undated ones shuffled.

    The committed figure feeds undated articles in file order, which for NewsWCL50 is one
    event after another; real feeds interleave them.
    """
    articles, gold = load_articles(path)
    dated = [article for article in articles if article.published is not None]
    undated = [article for article in articles if article.published is None]
    scores = []
    for seed in range(orders):
        shuffled = list(undated)
        random.Random(seed).shuffle(shuffled)
        predicted = cluster_through_store(dated + shuffled, settings)
        scores.append(bcubed(predicted, gold)["f1"])
    return {
        "file": path.name,
        "orders": orders,
        "f1_mean": round(sum(scores) / len(scores), 4),
        "f1_min": min(scores),
        "f1_max": max(scores),
    }


def _topic_filter(path: Path, topics: str) -> set[int] | None:
    """The topic numbers of one half of a topic-split file, for cross-validation."""
    if topics == "all":
        return None
    numbers = {
        json.loads(line).get("topic") for line in path.open(encoding="utf-8")
    } - {None}
    if not numbers:
        return None
    remainder = 1 if topics == "odd" else 0
    return {number for number in numbers if number % 2 == remainder}


def cross_validate(path: Path, grid: dict[str, list[str]]) -> dict[str, object]:
    """Tune on one half of the topics, score on the other, both ways round."""
    points = [
        dict(zip(grid, values, strict=True))
        for values in itertools.product(*grid.values())
    ]
    folds = []
    for tuned_on, held_out in (("odd", "even"), ("even", "odd")):
        tuned = [
            (evaluate(path, _settings(point), tuned_on)["f1"], point)
            for point in points
        ]
        best_f1, best = max(tuned, key=lambda pair: pair[0])
        result = evaluate(path, _settings(best), held_out)
        folds.append(
            {
                "tuned_on": tuned_on,
                "chosen": best,
                "tuned_f1": best_f1,
                "held_out": held_out,
                "held_out_f1": result["f1"],
                "held_out_documents": result["documents"],
            }
        )
    documents = sum(int(fold["held_out_documents"]) for fold in folds)
    mean = sum(
        float(fold["held_out_f1"]) * int(fold["held_out_documents"]) for fold in folds
    )
    return {
        "file": path.name,
        "grid": grid,
        "folds": folds,
        "held_out_f1_mean": round(mean / documents, 4),
    }


def halves(path: Path, settings: StorySettings, tuned_on: str) -> dict[str, object]:
    """The settings scored on the half of the topics they were tuned on and on the other."""
    held_out = "even" if tuned_on == "odd" else "odd"
    return {
        "file": path.name,
        "tuned_on": tuned_on,
        "in_sample_f1": evaluate(path, settings, tuned_on)["f1"],
        "held_out": held_out,
        "held_out_f1": evaluate(path, settings, held_out)["f1"],
    }


def table(report: dict[str, Any]) -> dict[str, object]:
    """The figures to read, in-sample beside held-out, by label."""
    rows: dict[str, object] = {}
    for result in report["results"]:
        rows[f"{result['file']}: file order, all documents"] = result["f1"]
    if "halves" in report:
        half = report["halves"]
        rows[f"{half['file']}: in-sample ({half['tuned_on']} topics, tuned on)"] = half[
            "in_sample_f1"
        ]
        rows[f"{half['file']}: held-out ({half['held_out']} topics)"] = half["held_out_f1"]
    for fold in report.get("cross_validation", {}).get("folds", []):
        label = f"grid tuned on {fold['tuned_on']}, held-out {fold['held_out']}"
        rows[label] = f"{fold['held_out_f1']} (in-sample {fold['tuned_f1']})"
    for spread in report.get("orders", []):
        rows[f"{spread['file']}: min over {spread['orders']} shuffled orders"] = spread[
            "f1_min"
        ]
    return rows


def _settings(overrides: dict[str, str]) -> StorySettings:
    defaults = StorySettings()
    return StorySettings(
        **{
            name: type(getattr(defaults, name))(value)
            for name, value in overrides.items()
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--set", action="append", default=[], help="override a setting: NAME=VALUE"
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--topics",
        choices=("all", "odd", "even"),
        default="all",
        help="score only odd or even topics (cross-validation of settings)",
    )
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        help="cross-validate a setting over values: NAME=V1,V2,... (repeatable)",
    )
    parser.add_argument(
        "--orders",
        type=int,
        default=5,
        help="also score this many shuffled orders of the undated articles",
    )
    parser.add_argument(
        "--tuned-on",
        choices=("odd", "even"),
        default="odd",
        help="the half of the ECB+ topics the default settings were tuned on",
    )
    parser.add_argument(
        "--losses",
        action="store_true",
        help="also print what each topic of the first file costs in precision and recall",
    )
    options = parser.parse_args()
    settings = _settings(dict(item.split("=", 1) for item in options.set))
    paths = options.files or [DATASETS / name for name in DEFAULT_FILES]
    report: dict[str, object] = {"settings": settings.__dict__}
    if options.grid:
        grid = {
            name: values.split(",")
            for name, values in (item.split("=", 1) for item in options.grid)
        }
        report["cross_validation"] = cross_validate(paths[0], grid)
        print(json.dumps(report["cross_validation"]))
    results = [evaluate(path, settings, options.topics) for path in paths]
    for result in results:
        print(json.dumps(result))
    report["results"] = results
    if options.losses:
        for row in topic_losses(paths[0], settings):
            print(json.dumps(row))
    if options.orders:
        spreads = [order_spread(path, settings, options.orders) for path in paths]
        for spread in spreads:
            print(json.dumps(spread))
        report["orders"] = spreads
    if _topic_filter(paths[0], "odd") is not None:
        report["halves"] = halves(paths[0], settings, options.tuned_on)
        print(json.dumps(report["halves"]))
    report["table"] = table(report)
    for label, value in report["table"].items():
        print(f"{label:<52} {value}")
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
