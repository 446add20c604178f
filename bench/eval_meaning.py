"""How well, and how fast, sentence vectors tell that two sentences say the same thing.

Usage: python bench/eval_meaning.py [--write] [--no-speed]

For each encoder of ``newsprism.annotate.meaning`` (transformer, static) and for the
cascade of both:

* PropSegmEnt (``facts/propsegment-wiki-dev.jsonl``): each judged proposition scores the
  best cosine between its text and any sentence of the premise document (sentences as the
  pipeline splits them); "entails" is positive. Accuracy and entailment F1 at the
  threshold best for accuracy, and at the threshold best for F1.
* ECB+ (``facts/ecbplus-events-dev.jsonl``): per story, every pair of listed sentences of
  two different documents; positive when they share a non-null event chain. F1, precision
  and recall at the best threshold, and ROC AUC.
* Speed: cold start (a fresh process importing and loading the encoder), sentences per
  second on news-like sentences of 20-40 words, the process's peak memory.

The cascade scores every pair with the static vectors and asks the transformer only when
the static score lies within a band (``CASCADE_BANDS``) of the static threshold; it reports
the share of pairs and of sentences that needed the transformer. ``--write`` stores the figures in
bench/results/meaning.json. The datasets are read, never copied.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsprism.annotate.meaning import KINDS, encode, load_encoder, model_name

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = REPO_ROOT.parent / "shared" / "datasets" / "facts"
RESULTS = REPO_ROOT / "bench" / "results" / "meaning.json"
CASCADE_BANDS = (0.1, 0.2)
"""Static scores this close to the static threshold are close calls, left to the transformer."""


def read_jsonl(name: str) -> list[dict]:
    with (DATASETS / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def sweep(scores: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and accuracy when ``score >= t``, for every score ``t``."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], labels[order].astype(np.float64)
    last = np.r_[ranked[1:] != ranked[:-1], True]  # the last of each run of equal scores
    true_positive, predicted = np.cumsum(hits)[last], np.arange(1, len(hits) + 1)[last]
    positives, total = hits.sum(), len(hits)
    precision = true_positive / predicted
    recall = true_positive / max(positives, 1)
    f1 = np.where(true_positive > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0)
    accuracy = (true_positive + (total - positives) - (predicted - true_positive)) / total
    return {
        "threshold": ranked[last],
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
    }


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """The chance that a positive scores above a negative (ties count half)."""
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]  # tied scores share their mean rank
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def best(table: dict[str, np.ndarray], by: str) -> dict[str, float]:
    index = int(np.argmax(table[by]))
    return {key: round(float(values[index]), 4) for key, values in table.items()}


def propsegment_items() -> tuple[list[str], list[list[str]], np.ndarray]:
    """Each judgment as (proposition, the premise's sentences, entailed?)."""
    from newsprism.annotate.nlp import parse_many
    from newsprism.annotate.sentences import find_sentences

    records = read_jsonl("propsegment-wiki-dev.jsonl")
    docs = parse_many([record["text"] for record in records])
    sentences = {
        record["id"]: [record["text"][span.start : span.end] for span in find_sentences(doc)]
        for record, doc in zip(records, docs, strict=True)
    }
    claims, premises, labels = [], [], []
    for record in records:
        for proposition in record["propositions"]:
            for judgment in proposition["judgments"]:
                claims.append(proposition["text"])
                premises.append(sentences[judgment["premise"]])
                labels.append(judgment["label"] == "entails")
    return claims, premises, np.array(labels)


def propsegment_scores(claims: list[str], premises: list[list[str]], kind: str) -> np.ndarray:
    rows = text_rows(claims, premises)
    vectors = encode(list(rows), kind=kind)
    return np.array(
        [
            max(float(vectors[rows[claim]] @ vectors[rows[sentence]]) for sentence in premise)
            for claim, premise in zip(claims, premises, strict=True)
        ]
    )


def text_rows(claims: list[str], premises: list[list[str]]) -> dict[str, int]:
    """Each distinct text of the judgments, numbered (encoded once)."""
    texts = sorted({*claims, *itertools.chain.from_iterable(premises)})
    return {text: index for index, text in enumerate(texts)}


def ecbplus_pairs() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Listed sentences, and every cross-document pair of one story with its gold label."""
    texts: list[str] = []
    by_story: dict[str, list[tuple[str, int, set[str]]]] = defaultdict(list)
    for record in read_jsonl("ecbplus-events-dev.jsonl"):
        for sentence in record["sentences"]:
            chains = {event["chain"] for event in sentence["events"] if event["chain"]}
            by_story[record["story"]].append((record["id"], len(texts), chains))
            texts.append(sentence["text"])
    pairs, labels = [], []
    for members in by_story.values():
        for (doc_a, row_a, chains_a), (doc_b, row_b, chains_b) in itertools.combinations(members, 2):
            if doc_a != doc_b:
                pairs.append((row_a, row_b))
                labels.append(bool(chains_a & chains_b))
    return texts, np.array(pairs), np.array(labels)


def pair_scores(vectors: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    return np.einsum("pw,pw->p", vectors[pairs[:, 0]], vectors[pairs[:, 1]])


def cascade(
    static: np.ndarray, exact: np.ndarray, labels: np.ndarray, by: str, involved: list[list[int]]
) -> dict[str, dict[str, float]]:
    """Static scores decide, except within a band around their threshold: there the
    transformer's decides. Per band: the figures, the share of pairs sent on, and the share
    of sentences the transformer must encode (the cost: pairs are dot products, cheap).
    ``involved`` names, per item, the texts its score needs."""
    static_cut = best(sweep(static, labels), by)["threshold"]
    exact_cut = best(sweep(exact, labels), by)["threshold"]
    result = {}
    for band in CASCADE_BANDS:
        close = np.abs(static - static_cut) < band
        predicted = np.where(close, exact >= exact_cut, static >= static_cut)
        true_positive = float(np.sum(predicted & labels))
        precision = true_positive / max(predicted.sum(), 1)
        recall = true_positive / max(labels.sum(), 1)
        encoded = set().union(*(involved[item] for item in np.flatnonzero(close)))
        result[f"band_{band}"] = {
            "accuracy": round(float(np.mean(predicted == labels)), 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(precision + recall, 1e-12), 4),
            "pairs_to_transformer": round(float(close.mean()), 4),
            "sentences_to_transformer": round(len(encoded) / len(set().union(*involved)), 4),
        }
    return result


def evaluate_propsegment() -> dict[str, object]:
    claims, premises, labels = propsegment_items()
    scores = {kind: propsegment_scores(claims, premises, kind) for kind in KINDS}
    result: dict[str, object] = {
        "judgments": len(labels),
        "entailed": int(labels.sum()),
        "always_not_entailed_accuracy": round(1 - float(labels.mean()), 4),
    }
    for kind, score in scores.items():
        table = sweep(score, labels)
        result[kind] = {"best_accuracy": best(table, "accuracy"), "best_f1": best(table, "f1")}
    rows = text_rows(claims, premises)
    involved = [
        [rows[claim], *(rows[text] for text in premise)]
        for claim, premise in zip(claims, premises, strict=True)
    ]
    result["cascade"] = cascade(scores["static"], scores["transformer"], labels, "accuracy", involved)
    return result


def evaluate_ecbplus() -> dict[str, object]:
    texts, pairs, labels = ecbplus_pairs()
    result: dict[str, object] = {
        "sentences": len(texts),
        "pairs": len(labels),
        "positives": int(labels.sum()),
        "all_positive_f1": round(2 * float(labels.mean()) / (1 + float(labels.mean())), 4),
    }
    scores = {}
    for kind in KINDS:
        scores[kind] = pair_scores(encode(texts, kind=kind), pairs)
        result[kind] = {
            **best(sweep(scores[kind], labels), "f1"),
            "roc_auc": round(roc_auc(scores[kind], labels), 4),
        }
    result["cascade"] = cascade(scores["static"], scores["transformer"], labels, "f1", pairs.tolist())
    return result


def news_sentences(count: int, seed: int = 7) -> list[str]:
    """Made-up news sentences of 20-40 words (no dataset text), for timing."""
    subjects = (
        "The regional council",
        "Officials in the capital",
        "The health ministry",
        "Union leaders",
        "A spokesperson for the airline",
        "Police in the northern district",
        "The central bank",
    )
    verbs = (
        "said on Tuesday that",
        "confirmed late on Friday that",
        "announced in a statement that",
        "warned that",
        "told reporters outside the building that",
        "denied reports that",
    )
    clauses = (
        "about 3,000 homes remained without power after the storm brought down lines across the valley",
        "the bridge would stay closed to traffic until engineers had inspected its damaged supports",
        "talks over the new contract had broken down and a strike could begin as early as next week",
        "interest rates would be held at 4.5 percent for at least another quarter despite rising prices",
        "two people had been taken to hospital with minor injuries and a third was treated at the scene",
        "the project, first proposed in 2019, had run more than 40 million euros over its budget",
    )
    tails = (
        "",
        ", according to local media",
        ", adding that further updates would follow later in the day",
        ", though critics said the measures did not go far enough",
    )
    pick = random.Random(seed).choice
    return [f"{pick(subjects)} {pick(verbs)} {pick(clauses)}{pick(tails)}." for _ in range(count)]


def measure_speed(kind: str, runs: int = 3) -> dict[str, float]:
    """Cold start in fresh processes (median), then sentences per second here (median)."""
    probe = f"from newsprism.annotate.meaning import encode; encode(['A first sentence.'], kind={kind!r})"
    starts = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", probe], check=True)
        starts.append(time.perf_counter() - started)
    texts = news_sentences(2000 if kind == "static" else 300)
    load_encoder(kind).encode(texts[:8])
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        encode(texts, kind=kind)
        rates.append(len(texts) / (time.perf_counter() - started))
    return {
        "cold_start_seconds": round(float(np.median(starts)), 2),
        "sentences_per_second": round(float(np.median(rates)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"store the figures in {RESULTS}")
    parser.add_argument("--no-speed", action="store_true", help="skip the timings")
    arguments = parser.parse_args()
    results: dict[str, object] = {"models": {kind: model_name(kind) for kind in KINDS}}
    results["propsegment"] = evaluate_propsegment()
    results["ecbplus"] = evaluate_ecbplus()
    if not arguments.no_speed:
        results["speed"] = {kind: measure_speed(kind) for kind in KINDS}
        results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(results, indent=2))
    if arguments.write:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
