"""Quality gate: story clustering on a fixed subset of ECB+ and on NewsWCL50.

Floors are pinned just under the figures measured when they were set; a change that
lowers a score below its floor is a failed change, not a new floor. Full figures come
from ``bench/eval_stories.py``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from newsprism.corpus import Corpus
from newsprism.model import Article
from newsprism.store import Store

ECB_TOPICS = set(range(1, 11))
"""The first ten topics: twenty events, two of the same kind in each topic."""
ECB_FLOOR_F1 = 0.945
"""The first ten topics (measured 0.951 when set)."""
ECB_ALL_FLOOR_F1 = 0.945
"""All 35 topics (measured 0.951 when set)."""
WCL_FLOOR_F1 = 0.98

pytestmark = pytest.mark.slow


def gold_articles(
    path: Path, topics: set[int] | None = None
) -> tuple[list[Article], dict[str, str]]:
    """Articles in ingest order (dated by date, undated after) and their gold stories."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    if topics is not None:
        records = [r for r in records if r["topic"] in topics]
    records.sort(key=lambda r: (r.get("published") is None, r.get("published") or ""))
    articles = [
        Article(
            id=r["id"],
            text=r.get("text") or "",
            source=r["id"],
            title=r.get("title"),
            outlet=r.get("outlet"),
            url=r.get("url"),
            published=datetime.fromisoformat(r["published"])
            if r.get("published")
            else None,
        )
        for r in records
    ]
    return articles, {r["id"]: str(r["story"]) for r in records}


def bcubed_f1(predicted: dict[str, int], gold: dict[str, str]) -> float:
    clusters: dict[int, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        clusters[predicted[item]].add(item)
        classes[gold[item]].add(item)
    precision = sum(
        len(clusters[predicted[i]] & classes[gold[i]]) / len(clusters[predicted[i]])
        for i in gold
    ) / len(gold)
    recall = sum(
        len(clusters[predicted[i]] & classes[gold[i]]) / len(classes[gold[i]])
        for i in gold
    ) / len(gold)
    return 2 * precision * recall / (precision + recall)


def cluster(articles: list[Article], folder: Path) -> dict[str, int]:
    with Store.open(folder / "quality.db") as store:
        corpus = Corpus(store)
        rows = {article.id: corpus.add(article).rowid for article in articles}
        return {
            article_id: corpus.story_of_row[rowid] for article_id, rowid in rows.items()
        }


@pytest.mark.parametrize(
    ("topics", "floor"),
    [(ECB_TOPICS, ECB_FLOOR_F1), (None, ECB_ALL_FLOOR_F1)],
    ids=["first-ten-topics", "all-topics"],
)
def test_ecbplus_keeps_same_kind_events_apart(
    shared_dir: Path, tmp_path: Path, topics: set[int] | None, floor: float
) -> None:
    articles, gold = gold_articles(
        shared_dir / "datasets" / "stories" / "ecbplus-dev.jsonl", topics
    )
    assert bcubed_f1(cluster(articles, tmp_path), gold) >= floor


def test_newswcl50_groups_each_event_across_outlets(
    shared_dir: Path, tmp_path: Path
) -> None:
    articles, gold = gold_articles(
        shared_dir / "datasets" / "stories" / "newswcl50.jsonl"
    )
    assert bcubed_f1(cluster(articles, tmp_path), gold) >= WCL_FLOOR_F1
