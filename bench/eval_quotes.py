"""Measure ``find_quotes`` against PolNeAR's direct attributions and print one table.

Usage: ``python bench/eval_quotes.py [--split dev|train|both] [--limit N] [--write] [--errors]``

``--split both`` runs train (where the rules are tuned) and dev (held out) and prints their
figures side by side.

Gold: attributions with ``direct == true``. Their content spans include the quotation marks
and often a paraphrase around a partial quote, and an interrupted quotation ('"A," he said.
"B."') is one gold span. So:

* **overlap** (the headline): a predicted quotation is right when it overlaps a gold
  content; a gold content is found when some prediction overlaps it.
* **exact**: predictions sharing one cue are first merged into the span covering them
  (the interrupted quotation '"A," she said, "and B."'); a merged prediction matches a
  gold content when both are equal after stripping surrounding quotation marks,
  punctuation and space. Golds that
  paraphrase around a partial quote can never match exactly; **exact (pure quotes)**
  therefore also reports recall over the golds that are nothing but quotation (start and
  end with a mark).
* **partial quotes against gold**: a partial quotation counts as found when it overlaps a
  gold content, even though that content also covers the paraphrase around it; it is a
  false positive only when it touches no direct gold (scare quotes PolNeAR does not
  attribute).
* **speaker accuracy**: over golds with a source that some prediction overlaps, the share
  where the prediction overlapping most has a ``speaker`` span overlapping the gold source.
  **speaker (same entity)** also counts ``speaker_resolved`` overlapping the source, or
  either span reading exactly like the source (another mention of the same name).
  **speaker (speech cues)** is speaker accuracy over the golds whose cue holds a speech verb
  of ``CORE_SPEECH_LEMMAS``, "according to" or a colon: PolNeAR also attributes beliefs,
  intentions and reports ("hopes that", "is planning to"), which this module does not
  try to read as speech. A diagnostic, not the headline.

``--write`` stores the figures in ``bench/results/quotes.json`` (dev) or
``bench/results/quotes-train.json`` (train); ``--errors`` prints every speaker error with the
gold source and cue, the predicted speaker and the text around, each with its kind (see
:func:`error_kind`), then the count of each kind. Study errors on train, never on dev.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from newsprism.annotate.nlp import load_pipeline
from newsprism.annotate.quotes import find_quotes
from newsprism.annotate.quotes._cues import CORE_SPEECH_LEMMAS
from newsprism.annotate.quotes._marks import find_quoted_stretches
from newsprism.common.lexicon import HONORIFICS, OFFICE_NOUNS
from newsprism.model import Quote, Span

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = REPO_ROOT.parent / "shared" / "datasets" / "quotes"
RESULTS = {
    "dev": REPO_ROOT / "bench" / "results" / "quotes.json",
    "train": REPO_ROOT / "bench" / "results" / "quotes-train.json",
}
STRIP = " \t\n\u00a0\"“”‘’'.,;:!?—–-()"
QUOTE_MARKS = '"“”‘’'


@dataclass
class Tally:
    """Counts behind every figure of the table."""

    predicted: int = 0
    predicted_overlapping: int = 0
    gold: int = 0
    gold_found: int = 0
    merged_predicted: int = 0
    merged_exact: int = 0
    gold_exact: int = 0
    pure_gold: int = 0
    pure_gold_exact: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    speaker_resolved_right: int = 0
    speech_cue_total: int = 0
    speech_cue_right: int = 0
    words: int = 0
    parse_seconds: float = 0.0
    quote_seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    speaker_errors: list[str] = field(default_factory=list)
    error_kinds: Counter[str] = field(default_factory=Counter)


def load_documents(split: str, limit: int | None = None) -> list[dict]:
    """The PolNeAR records of ``split`` ("dev" or "train"), the first ``limit`` of them."""
    path = DATASETS / f"polnear-{split}.jsonl"
    with path.open(encoding="utf-8") as lines:
        documents = [json.loads(line) for line in lines]
    return documents[:limit] if limit else documents


def stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding quotation marks, punctuation and space."""
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two half-open ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def merge_by_cue(quotes: tuple[Quote, ...]) -> list[tuple[int, int]]:
    """Quotations sharing one cue joined into the span covering them (an interrupted
    quotation: '"A," she said, "and B."')."""
    merged: dict[object, tuple[int, int]] = {}
    for quote in quotes:
        key = (quote.cue.start, quote.cue.end) if quote.cue else ("alone", quote.start)
        start, end = merged.get(key, (quote.start, quote.end))
        merged[key] = (min(start, quote.start), max(end, quote.end))
    return list(merged.values())


def has_speech_cue(doc: Doc, cue: list[int] | None) -> bool:
    """True when a gold cue holds a core speech verb, "according to" or a colon."""
    if cue is None:
        return False
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return span is not None and any(
        token.lemma_.lower() in CORE_SPEECH_LEMMAS or token.lower_ in {"according", ":"}
        for token in span
    )


def score_document(
    doc: Doc, document: dict, quotes: tuple[Quote, ...], tally: Tally
) -> None:
    """Add one document's counts to ``tally`` (``doc`` is the parsed text)."""
    text = document["text"]
    golds = [a for a in document["attributions"] if a["direct"]]
    gold_spans = [stripped(text, *a["content"]) for a in golds]
    tally.predicted += len(quotes)
    tally.predicted_overlapping += sum(
        any(overlaps((q.start, q.end), g) for g in gold_spans) for q in quotes
    )
    merged = {stripped(text, *span) for span in merge_by_cue(quotes)}
    tally.merged_predicted += len(merged)
    tally.merged_exact += len(merged & set(gold_spans))
    for attribution, gold in zip(golds, gold_spans, strict=False):
        tally.gold += 1
        raw = text[attribution["content"][0] : attribution["content"][1]].strip()
        pure = raw[:1] in QUOTE_MARKS and raw[-1:] in QUOTE_MARKS
        tally.pure_gold += pure
        exact = gold in merged
        tally.gold_exact += exact
        tally.pure_gold_exact += pure and exact
        touching = [q for q in quotes if overlaps((q.start, q.end), gold)]
        if not touching:
            tally.misses.append(f"{document['id']}: {text[gold[0] : gold[1]][:90]!r}")
            continue
        tally.gold_found += 1
        if attribution["source"] is None:
            continue
        best = max(touching, key=lambda q: min(q.end, gold[1]) - max(q.start, gold[0]))
        if not score_speaker(doc, attribution, best, tally):
            kind = error_kind(doc, attribution, best)
            tally.error_kinds[kind] += 1
            tally.speaker_errors.append(
                f"[{kind}] {describe_error(document, attribution, best)}"
            )


def score_speaker(doc: Doc, attribution: dict, best: Quote, tally: Tally) -> bool:
    """Count whether ``best``, the prediction overlapping a gold content most, has its
    speaker right, and say whether it has."""
    text = doc.text
    source = tuple(attribution["source"])
    tally.speaker_total += 1
    said = best.speaker is not None and overlaps(
        (best.speaker.start, best.speaker.end), source
    )
    resolved = any(
        span is not None
        and (overlaps((span.start, span.end), source) or same_name(text, span, source))
        for span in (best.speaker, best.speaker_resolved)
    )
    tally.speaker_right += said
    tally.speaker_resolved_right += said or resolved
    if has_speech_cue(doc, attribution["cue"]):
        tally.speech_cue_total += 1
        tally.speech_cue_right += said
    return said


def describe_error(document: dict, attribution: dict, best: Quote) -> str:
    """One speaker error on a few lines: gold source and cue against the prediction."""
    text = document["text"]

    def words(span: object) -> str:
        if span is None:
            return "-"
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        return repr(text[start:end])

    start, end = attribution["content"]
    context_start = max(0, min(start, *(attribution["source"] or [start])) - 60)
    context_end = min(len(text), max(end, *(attribution["source"] or [end])) + 60)
    context = text[context_start:context_end].replace("\n", " / ")
    return (
        f"{document['id']} @{start}\n"
        f"  gold  source {words(attribution['source'])} cue {words(attribution['cue'])}\n"
        f"  pred  speaker {words(best.speaker)} resolved {words(best.speaker_resolved)}"
        f" cue {words(best.cue)}\n"
        f"  text  {context}"
    )


PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "i", "we", "you", "it"})
TITLE_WORDS = HONORIFICS | OFFICE_NOUNS | {"the", "a", "an", "his", "her", "their", "its"}


def error_kind(doc: Doc, attribution: dict, best: Quote) -> str:
    """What went wrong with a speaker, in words: "no speaker", "quoted phrase" (the
    speaker lies inside quotation marks), "title alone" ("the senator" resolved to
    nobody), "pronoun", "not a name" (a common noun phrase) or "other mention" (another
    name, or the right one at another mention)."""
    if best.speaker is None:
        return "no speaker"
    text = doc.text
    start, end = best.speaker.start, best.speaker.end
    quoted = any(
        s.open_mark < start and end <= s.outer_end and start != s.content_start
        for s in find_quoted_stretches(text)
    )  # a transcript label opening the quoted paragraph ('"JANE DOE: ...') is no phrase
    if quoted:
        return "quoted phrase"
    words = [word.strip(".,’'").lower() for word in text[start:end].split()]
    resolved = best.speaker_resolved or best.speaker
    if words and all(word in TITLE_WORDS for word in words) and resolved == best.speaker:
        return "title alone"
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and not any(t.ent_type_ or t.pos_ == "PROPN" for t in span):
        return "not a name"
    return "other mention"


def same_name(text: str, span: Span, source: tuple[int, int]) -> bool:
    """True when a predicted speaker span reads exactly like the gold source (same entity)."""
    predicted = span.of(text).strip().lower()
    return bool(predicted) and predicted == text[source[0] : source[1]].strip().lower()


def evaluate(documents: list[dict]) -> Tally:
    """Parse and annotate ``documents`` and count against their gold."""
    nlp = load_pipeline()
    tally = Tally()
    for document in documents:
        started = time.perf_counter()
        doc = nlp(document["text"])
        parsed = time.perf_counter()
        quotes = find_quotes(doc)
        tally.parse_seconds += parsed - started
        tally.quote_seconds += time.perf_counter() - parsed
        tally.words += len(document["text"].split())
        score_document(doc, document, quotes, tally)
    return tally


def ratio(part: float, whole: float) -> float:
    """``part / whole`` rounded to 4 places, 0 when ``whole`` is 0."""
    return round(part / whole, 4) if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of two figures."""
    return (
        round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0
    )


def figures(tally: Tally) -> dict[str, float]:
    """The figures of the table, by name."""
    precision = ratio(tally.predicted_overlapping, tally.predicted)
    recall = ratio(tally.gold_found, tally.gold)
    exact_precision = ratio(tally.merged_exact, tally.merged_predicted)
    exact_recall = ratio(tally.gold_exact, tally.gold)
    return {
        "overlap_precision": precision,
        "overlap_recall": recall,
        "overlap_f1": f1(precision, recall),
        "exact_precision": exact_precision,
        "exact_recall": exact_recall,
        "exact_f1": f1(exact_precision, exact_recall),
        "exact_recall_pure_quotes": ratio(tally.pure_gold_exact, tally.pure_gold),
        "speaker_accuracy": ratio(tally.speaker_right, tally.speaker_total),
        "speaker_accuracy_same_entity": ratio(
            tally.speaker_resolved_right, tally.speaker_total
        ),
        "speaker_accuracy_speech_cues": ratio(
            tally.speech_cue_right, tally.speech_cue_total
        ),
        "gold_direct": tally.gold,
        "predicted": tally.predicted,
        "words_per_second_find_quotes": round(tally.words / tally.quote_seconds)
        if tally.quote_seconds
        else 0,
        "words_per_second_with_parsing": round(
            tally.words / (tally.quote_seconds + tally.parse_seconds)
        )
        if tally.words
        else 0,
    }


def main() -> None:
    """Run the evaluation from the command line and print the table."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--split", default="dev", choices=["dev", "train", "both"])
    arguments.add_argument("--limit", type=int, default=None)
    arguments.add_argument(
        "--write", action="store_true", help="store figures in bench/results"
    )
    arguments.add_argument(
        "--misses", type=int, default=0, help="print this many missed golds"
    )
    arguments.add_argument(
        "--errors", action="store_true", help="print every speaker error and their kinds"
    )
    options = arguments.parse_args()
    splits = ["train", "dev"] if options.split == "both" else [options.split]
    columns: dict[str, dict[str, float]] = {}
    for split in splits:
        documents = load_documents(split, options.limit)
        tally = evaluate(documents)
        columns[split] = figures(tally)
        print(f"PolNeAR {split}: {len(documents)} documents, {tally.words} words")
        for miss in tally.misses[: options.misses]:
            print("missed", miss)
        if options.errors:
            print(*tally.speaker_errors, sep="\n")
            for kind, count in tally.error_kinds.most_common():
                print(f"{split} speaker errors, {kind:<20}{count:>6}")
        if options.write:
            path = RESULTS[split]
            path.parent.mkdir(parents=True, exist_ok=True)
            record = {"split": split, "documents": len(documents), **columns[split]}
            path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print_table(columns)


def print_table(columns: dict[str, dict[str, float]]) -> None:
    """The figures of each split side by side (train: tuned on; dev: held out)."""
    labels = {"train": "train (tuned)", "dev": "dev (held out)"}
    print(f"{'figure':<32}" + "".join(f"{labels[split]:>16}" for split in columns))
    for name in next(iter(columns.values())):
        print(f"{name:<32}" + "".join(f"{column[name]:>16}" for column in columns.values()))


if __name__ == "__main__":
    main()
