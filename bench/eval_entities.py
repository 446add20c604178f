"""Score the story-level entity merge against a hand-made gold of entity clusters.

Usage: python bench/eval_entities.py [--split tune|held-out|all] [--write] [--errors]
       [--dump STORY]

The gold (``bench/entity_gold/clusters.json``, built as ``bench/entity_gold/README.md``
says) names, for ten stories of the shared story datasets, which documents make the story,
which written names (and role phrases) denote which entity, and which written "names" are
junk (no entity: a capitalised common word, a fragment, a pronoun, a lone title). It holds
no article text: documents are read from ``../shared/datasets/stories`` at run time.

Each document is annotated (``find_entities`` over one parse) and the story's documents
merged by ``merge_entities``, exactly as a brief does. The unit scored is a **written
form in one document**: every distinct mention text (case folded) of a document, its
predicted entity being the story entity most of its mentions fall in. Figures:

* **merge precision / recall / F1**, pairwise over units: a gold pair is two non-junk units
  of one story whose gold entity is the same; a predicted pair is two such units the merge
  put in one story entity. Pairs within one document and across documents both count;
  the cross-document pairs alone are reported as well (``cross_*``), since merging across
  outlets is what the story step adds.
* **junk rate**: the share of predicted units that the gold calls junk, and the share of
  listed (named) story entities all of whose units are junk.
* **missed mentions**: gold written forms that occur in a document (whole words) where no
  mention has that text: what the per-article step did not find at all.
* **unjudged**: predicted units the gold does not label (0 when the gold covers the
  system's output; each is listed with ``--errors``).

``--split`` picks the stories: ``tune`` (the five the rules and settings were tuned on),
``held-out`` (the other five, never looked at while tuning), or ``all`` (the default prints
both side by side). ``--write`` stores the figures in ``bench/results/entities.json``.
``--dump STORY`` prints every unit of one story with its predicted entity and gold label:
how the gold was written and checked.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from newsprism.model import Article

BENCH = Path(__file__).resolve().parent
GOLD = BENCH / "entity_gold" / "clusters.json"
DATASETS = BENCH.parents[1] / "shared" / "datasets" / "stories"
RESULTS = BENCH / "results" / "entities.json"
JUNK = "JUNK"
UNJUDGED = "?"


@dataclass
class Unit:
    """One written form in one document, with what the system and the gold say of it."""

    document: str
    text: str
    kind: str
    predicted: str
    gold: str
    mentions: int


@dataclass
class StoryScore:
    """Pair counts and unit counts of one story."""

    story: str
    split: str
    units: list[Unit] = field(default_factory=list)
    true_pairs: int = 0
    predicted_pairs: int = 0
    gold_pairs: int = 0
    cross_true: int = 0
    cross_predicted: int = 0
    cross_gold: int = 0
    junk_units: int = 0
    listed_entities: int = 0
    junk_entities: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)


def load_gold() -> list[dict]:
    """The gold stories, each checked for the fields the scorer reads."""
    stories = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
    for story in stories:
        for key in ("story", "file", "split", "documents", "entities"):
            if key not in story:
                raise SystemExit(f"gold story {story.get('story')!r} has no {key!r}")
    return stories


def read_documents(story: dict) -> list[Article]:
    """The story's documents as articles (title, a blank line, then the text)."""
    wanted = story["documents"]
    found: dict[str, Article] = {}
    with (DATASETS / story["file"]).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                title = record.get("title") or ""
                text = f"{title}\n\n{record['text']}" if title else record["text"]
                found[record["id"]] = Article(
                    id=record["id"], text=text, source=record["id"], outlet=record.get("outlet")
                )
    missing = [document for document in wanted if document not in found]
    if missing:
        raise SystemExit(f"story {story['story']}: no documents {missing} in {story['file']}")
    return [found[document] for document in wanted]


def annotate(articles: list[Article]) -> list[Article]:
    """``articles`` with sentences and entity mentions from one parse each."""
    from dataclasses import replace

    from newsprism.annotate.entities import find_entities
    from newsprism.annotate.nlp import parse_many
    from newsprism.annotate.sentences import find_sentences

    docs = parse_many([article.text for article in articles])
    return [
        replace(article, sentences=find_sentences(doc), mentions=find_entities(doc))
        for article, doc in zip(articles, docs, strict=True)
    ]


def gold_labels(story: dict) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Written form (folded) -> gold entity, for the story and per document (overrides)."""
    labels: dict[str, str] = {}
    for entity in story["entities"]:
        for text in entity["mentions"]:
            labels[text.lower()] = entity["name"]
    for text in story.get("junk", []):
        labels[text.lower()] = JUNK
    overrides: dict[tuple[str, str], str] = {}
    for document, entities in story.get("by_document", {}).items():
        for entity in entities:
            for text in entity["mentions"]:
                overrides[(document, text.lower())] = entity["name"]
    return labels, overrides


def score_story(story: dict, articles: list[Article]) -> StoryScore:
    """Units of one story and their pair counts."""
    from newsprism.compare.entities import merge_entities

    entities, _ = merge_entities(articles)
    entity_at = {
        (evidence.article, evidence.start, evidence.end): entity
        for entity in entities
        for evidence in entity.mentions
    }
    labels, overrides = gold_labels(story)
    score = StoryScore(story["story"], story["split"])
    for article in articles:
        by_text: dict[str, list] = defaultdict(list)
        for mention in article.mentions:
            by_text[mention.span.of(article.text).lower()].append(mention)
        for text, mentions in by_text.items():
            predicted = Counter(
                entity_at[(article.id, m.start, m.end)].id for m in mentions
            ).most_common(1)[0][0]
            gold = overrides.get((article.id, text), labels.get(text, UNJUDGED))
            kind = "role" if all(m.kind == "role" for m in mentions) else "name"
            score.units.append(
                Unit(article.id, text, kind, predicted, gold, len(mentions))
            )
        score.missed.extend(_missed_forms(article, set(by_text), labels, overrides))
    _count_pairs(score)
    _count_junk(score, entities)
    return score


def _missed_forms(
    article: Article,
    found: set[str],
    labels: dict[str, str],
    overrides: dict[tuple[str, str], str],
) -> list[tuple[str, str]]:
    """Gold forms written in ``article`` (whole words, any case) outside every mention
    of it, that no mention of it has: names the per-article step did not find."""
    forms = {text for text, label in labels.items() if label != JUNK}
    forms |= {text for (document, text) in overrides if document == article.id}
    lowered = article.text.lower()
    spans = [(m.start, m.end) for m in article.mentions]
    missed = []
    for text in sorted(forms - found):
        pattern = r"(?<![\w.])" + re.escape(text) + r"(?![\w])"
        if any(
            not any(start < match.end() and match.start() < end for start, end in spans)
            for match in re.finditer(pattern, lowered)
        ):
            missed.append((article.id, text))
    return missed


def _count_pairs(score: StoryScore) -> None:
    judged = [u for u in score.units if u.gold not in (JUNK, UNJUDGED)]
    for one, other in combinations(judged, 2):
        same_gold = one.gold == other.gold
        same_predicted = one.predicted == other.predicted
        cross = one.document != other.document
        score.gold_pairs += same_gold
        score.predicted_pairs += same_predicted
        score.true_pairs += same_gold and same_predicted
        if cross:
            score.cross_gold += same_gold
            score.cross_predicted += same_predicted
            score.cross_true += same_gold and same_predicted


def _count_junk(score: StoryScore, entities: tuple) -> None:
    score.junk_units = sum(u.gold == JUNK for u in score.units)
    units_of: dict[str, list[Unit]] = defaultdict(list)
    for unit in score.units:
        units_of[unit.predicted].append(unit)
    listed = [entity for entity in entities if entity.named]
    score.listed_entities = len(listed)
    score.junk_entities = sum(
        bool(units_of[e.id]) and all(u.gold == JUNK for u in units_of[e.id]) for e in listed
    )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def summarise(scores: list[StoryScore]) -> dict[str, float | int]:
    """Figures over several stories (pairs and units summed, then divided)."""
    true = sum(s.true_pairs for s in scores)
    predicted = sum(s.predicted_pairs for s in scores)
    gold = sum(s.gold_pairs for s in scores)
    precision, recall = _ratio(true, predicted), _ratio(true, gold)
    cross_precision = _ratio(sum(s.cross_true for s in scores), sum(s.cross_predicted for s in scores))
    cross_recall = _ratio(sum(s.cross_true for s in scores), sum(s.cross_gold for s in scores))
    units = sum(len(s.units) for s in scores)
    return {
        "stories": len(scores),
        "units": units,
        "gold_pairs": gold,
        "merge_precision": precision,
        "merge_recall": recall,
        "merge_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "cross_precision": cross_precision,
        "cross_recall": cross_recall,
        "missed_gold_pairs": gold - true,
        "false_pairs": predicted - true,
        "junk_unit_rate": _ratio(sum(s.junk_units for s in scores), units),
        "junk_entity_rate": _ratio(
            sum(s.junk_entities for s in scores), sum(s.listed_entities for s in scores)
        ),
        "junk_units": sum(s.junk_units for s in scores),
        "missed_mentions": sum(len(s.missed) for s in scores),
        "unjudged_units": sum(u.gold == UNJUDGED for s in scores for u in s.units),
    }


def print_errors(score: StoryScore) -> None:
    """Units whose predicted entity splits or joins gold entities, junk and unjudged units."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_predicted: dict[str, set[str]] = defaultdict(set)
    for unit in score.units:
        if unit.gold not in (JUNK, UNJUDGED):
            by_gold[unit.gold].add(unit.predicted)
            by_predicted[unit.predicted].add(unit.gold)
    print(f"== story {score.story} ({score.split})")
    for gold, predicted in sorted(by_gold.items()):
        if len(predicted) > 1:
            parts = [
                sorted({f"{u.text}@{u.document}" for u in score.units if u.gold == gold and u.predicted == p})
                for p in sorted(predicted)
            ]
            print(f"  split  {gold}: {parts}")
    for predicted, golds in sorted(by_predicted.items()):
        if len(golds) > 1:
            print(f"  joined {predicted}: {sorted(golds)}")
    for unit in score.units:
        if unit.gold == JUNK:
            print(f"  junk   {unit.text!r}@{unit.document}")
        elif unit.gold == UNJUDGED:
            print(f"  ?      {unit.text!r}@{unit.document} ({unit.kind}, {unit.predicted})")
    for document, text in score.missed:
        print(f"  missed {text!r}@{document}")


def dump(score: StoryScore) -> None:
    """Every unit of a story, grouped by predicted entity."""
    grouped: dict[str, list[Unit]] = defaultdict(list)
    for unit in score.units:
        grouped[unit.predicted].append(unit)
    for predicted, units in grouped.items():
        print(predicted, " | ".join(f"{u.text}@{u.document}[{u.gold}]" for u in units))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "held-out", "all"), default="all")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--dump", metavar="STORY")
    options = parser.parse_args(argv)
    stories = load_gold()
    if options.dump:
        stories = [s for s in stories if s["story"] == options.dump]
    elif options.split != "all":
        stories = [s for s in stories if s["split"] == options.split]
    started = time.perf_counter()
    scores = [score_story(story, annotate(read_documents(story))) for story in stories]
    if options.dump:
        dump(scores[0])
        return 0
    if options.errors:
        for score in scores:
            print_errors(score)
    figures = {
        split: summarise([s for s in scores if s.split == split])
        for split in ("tune", "held-out")
        if any(s.split == split for s in scores)
    }
    figures["all"] = summarise(scores)
    names = list(figures["all"])
    print(f"{'figure':<20}" + "".join(f"{split:>11}" for split in figures))
    for name in names:
        print(f"{name:<20}" + "".join(f"{figures[split][name]!s:>11}" for split in figures))
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if options.write:
        RESULTS.write_text(
            json.dumps(
                {
                    "unit": "a written form in one document; pairs of units, within and "
                    "across documents",
                    **figures,
                    "per_story": {s.story: summarise([s]) for s in scores},
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
