"""One table of the last measured figures (bench/results/*.json) against the issues' goals.

Run the benchmarks and evaluations first (each writes its own results file); this only reads.

    python bench/summary.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"

ROWS = [
    # (label, file, path into the JSON, goal text)
    ("quote content overlap F1, polnear-dev", "quotes.json", ["overlap_f1"], ">= 0.93"),
    ("speaker accuracy, polnear-train (tuned)", "quotes-train.json", ["speaker_accuracy"], ""),
    ("speaker accuracy, polnear-dev (held out)", "quotes.json", ["speaker_accuracy"], ">= 0.93 held out"),
    ("speaker same entity, polnear-train (tuned)", "quotes-train.json", ["speaker_accuracy_same_entity"], ""),
    ("speaker same entity, polnear-dev (held out)", "quotes.json", ["speaker_accuracy_same_entity"], ""),
    ("find_quotes words/s, polnear-dev", "quotes.json", ["words_per_second_find_quotes"], ""),
    ("time relaxed span F1, tbaq-train", "times.json", ["tbaq-train", "relaxed_f1"], ">= 0.90"),
    ("time relaxed span F1, meantime-en", "times.json", ["meantime-en", "relaxed_f1"], ">= 0.90"),
    ("time value accuracy, tbaq-train", "times.json", ["tbaq-train", "value_accuracy_date_time"], ">= 0.90"),
    ("time value acc. tbaq, tuned half (even)", "times.json", ["tbaq-train", "in_sample", "value_accuracy_date_time"], ""),
    ("time value acc. tbaq, held-out half (odd)", "times.json", ["tbaq-train", "held_out", "value_accuracy_date_time"], ">= 0.90"),
    ("time value accuracy, meantime-en", "times.json", ["meantime-en", "value_accuracy_date_time"], ">= 0.94"),
    ("time value acc. meantime, tuned half (even)", "times.json", ["meantime-en", "in_sample", "value_accuracy_date_time"], ""),
    ("time value acc. meantime, held-out (odd)", "times.json", ["meantime-en", "held_out", "value_accuracy_date_time"], ">= 0.94"),
    ("time value accuracy all types, tbaq-train", "times.json", ["tbaq-train", "value_accuracy_all"], ""),
    ("time value accuracy all types, meantime-en", "times.json", ["meantime-en", "value_accuracy_all"], ""),
    ("find_times words/s, tbaq-train", "times.json", ["tbaq-train", "find_words_per_second"], ""),
    ("annotate words/s, whole (1 process)", "annotate.json", ["whole_words_per_second_one_process"], ""),
    ("story B-cubed F1, ecbplus-dev", "stories.json", ["results", 0, "f1"], ">= 0.95"),
    ("story F1 ecbplus-dev, in-sample half", "stories.json", ["halves", "in_sample_f1"], ""),
    ("story F1 ecbplus-dev, held-out half", "stories.json", ["halves", "held_out_f1"], ">= 0.96"),
    ("story F1 ecbplus-dev, grid odd->even held", "stories.json", ["cross_validation", "folds", 0, "held_out_f1"], ">= 0.96"),
    ("story F1 ecbplus-dev, grid even->odd held", "stories.json", ["cross_validation", "folds", 1, "held_out_f1"], ">= 0.96"),
    ("story F1 ecbplus-dev, min 5 shuffled", "stories.json", ["orders", 0, "f1_min"], ">= 0.95"),
    ("story B-cubed F1, newswcl50", "stories.json", ["results", 1, "f1"], ""),
    ("story F1 newswcl50, min 5 shuffled", "stories.json", ["orders", 1, "f1_min"], ">= 0.95"),
    ("story close calls, share of ecbplus-dev", "stories.json", ["results", 0, "close_call_share"], ""),
    ("facts ECB+ pair F1, odd topics", "facts.json", ["ecbplus", "odd", "pair_f1"], ">= 0.80 held out"),
    ("facts ECB+ pair F1, even topics", "facts.json", ["ecbplus", "even", "pair_f1"], ">= 0.80 held out"),
    ("facts ECB+ pair precision, odd topics", "facts.json", ["ecbplus", "odd", "pair_precision"], ">= 0.85 held out"),
    ("facts ECB+ pair precision, even topics", "facts.json", ["ecbplus", "even", "pair_precision"], ">= 0.85 held out"),
    ("facts ECB+ chain recall, odd topics", "facts.json", ["ecbplus", "odd", "chain_recall"], ">= 0.95 held out"),
    ("facts ECB+ chain recall, even topics", "facts.json", ["ecbplus", "even", "chain_recall"], ">= 0.95 held out"),
    ("facts ECB+ false one outlet only, odd", "facts.json", ["ecbplus", "odd", "false_one_outlet_only"], "<= 0.05 held out"),
    ("facts ECB+ false one outlet only, even", "facts.json", ["ecbplus", "even", "false_one_outlet_only"], "<= 0.05 held out"),
    ("facts ECB+ false one outlet or no fact, all", "facts.json", ["ecbplus", "all", "false_one_outlet_only_or_no_fact"], ""),
    ("facts ECB+ pair F1, all topics (in-sample)", "facts.json", ["ecbplus", "all", "pair_f1"], ""),
    ("facts ECB+ F1 of one group for all (sanity)", "facts.json", ["ecbplus", "all", "all_in_one_group_f1"], ""),
    ("facts PropSegmEnt accuracy", "facts.json", ["propsegment", "all", "accuracy"], ">= 0.88"),
    ("facts PropSegmEnt entailment F1", "facts.json", ["propsegment", "all", "entailment_f1"], ">= 0.80"),
    ("facts PropSegmEnt false only this report", "facts.json", ["propsegment", "all", "false_only_this_report"], "<= 0.10"),
    ("facts PropSegmEnt false also told", "facts.json", ["propsegment", "all", "false_also_told"], "<= 0.05"),
    ("facts planted discrepancies found", "facts.json", ["perturbed", "all", "found_right_kind"], ">= 0.90"),
    ("facts planted: false flags per story", "facts.json", ["perturbed", "all", "false_flags_per_story"], "<= 1"),
    ("entity merge precision, tune stories", "entities.json", ["tune", "merge_precision"], ">= 0.98"),
    ("entity merge precision, held-out stories", "entities.json", ["held-out", "merge_precision"], ">= 0.98 held out"),
    ("entity merge recall, tune stories", "entities.json", ["tune", "merge_recall"], ">= 0.95"),
    ("entity merge recall, held-out stories", "entities.json", ["held-out", "merge_recall"], ">= 0.95 held out"),
    ("entity junk share of units, tune", "entities.json", ["tune", "junk_unit_rate"], "<= 0.02"),
    ("entity junk share of units, held-out", "entities.json", ["held-out", "junk_unit_rate"], "<= 0.02 held out"),
    ("copy precision", "copies.json", ["precision"], ">= 0.98"),
    ("copy recall", "copies.json", ["recall"], ">= 0.98"),
    ("brief: reprints found with origin", "copied_text.json", ["reprint_recall"], ""),
    ("brief: copied passages found with origin", "copied_text.json", ["passages_recall"], ""),
    ("brief: false copy pairs / unrelated pairs", "copied_text.json", ["false_pairs_flagged"], ""),
    ("ingest articles/s, cheap path", "ingest.json", ["throughput", "articles_per_second"], ">= 200"),
    ("brief on seeds, fresh process (s)", "brief.json", ["seeds_cold_seconds"], "<= 5"),
    ("brief on seeds, library call (s)", "brief.json", ["seeds_library_call_seconds"], "<= 0.5"),
    ("brief on 20 articles, fresh process (s)", "brief.json", ["story20_cold_seconds"], "<= 15"),
    ("serve 20k articles, 50 clients: list p95 ms", "serve.json", ["story_list", "p95_ms"], "< 200"),
    ("serve 20k articles, 50 clients: story p95 ms", "serve.json", ["story_page", "p95_ms"], "< 200"),
    ("serve list p95 ms, a commit every 50 ms", "serve.json", ["while_writing", "story_list", "p95_ms"], "< 200"),
    ("serve story p95 ms, a commit every 50 ms", "serve.json", ["while_writing", "story_page", "p95_ms"], "< 200"),
    ("serve: seconds until a new story's brief is ready (max)", "serve.json", ["story_page_ready_after_s_max"], ""),
    ("text brief / reports, NewsWCL50 + seeds (median)", "brevity.json", ["summary", "text_ratio_median"], "< 1"),
    ("text brief / reports, NewsWCL50 + seeds (max)", "brevity.json", ["summary", "text_ratio_max"], "< 1 on every story"),
    ("brief --all / reports (median)", "brevity.json", ["summary", "text_all_ratio_median"], ""),
    ("ingest --annotate articles/s, in-process", "scale.json", ["in_process", "articles_per_second"], ""),
    ("ingest --annotate articles/s, 2 workers", "scale.json", ["clusters", 0, "articles_per_second"], ""),
    ("speed-up of 2 workers over in-process", "scale.json", ["clusters", 0, "speed_up"], ">= 1.7 (2 free cores)"),
    ("2 workers, speed-up on free cores (CPU time)", "scale.json", ["clusters", 0, "speed_up_on_free_cores_from_cpu_time"], ">= 1.7"),
    ("load average at start of the scale bench", "scale.json", ["load_average_at_start"], "(2 shared cores)"),
    ("writer ceiling articles/s (prepared batches)", "scale.json", ["writer_ceiling", "articles_per_second"], ""),
    ("memory per worker (MB)", "scale.json", ["clusters", 0, "memory_per_worker_mb"], ""),
    ("cheap path CPU ms/article at 5k stored", "scale.json", ["cheap_path", "checkpoints", 0, "cpu_ms_per_article_last_block"], "flat"),
    ("cheap path CPU ms/article at 20k stored", "scale.json", ["cheap_path", "checkpoints", 2, "cpu_ms_per_article_last_block"], "flat"),
]


def lookup(data: Any, path: list[Any]) -> Any:
    for key in path:
        data = data[key]
    return data


def main() -> None:
    print(f"{'figure':<44}{'value':>10}  goal")
    for label, name, path, goal in ROWS:
        file = RESULTS / name
        try:
            value = lookup(json.loads(file.read_text(encoding="utf-8")), path)
        except (OSError, KeyError, IndexError, ValueError):
            value = "not run"
        print(f"{label:<44}{value!s:>10}  {goal}")


if __name__ == "__main__":
    main()
