"""Every tuned number of newsprism, grouped per stage, each saying why it has its value.

::

    Settings                       one run's settings (``--settings FILE.toml`` overrides)
    ├── extraction: ExtractionSettings   HTML pages -> article text        (ingest/)
    ├── names:      NameSettings         same name or not, in both stages  (common/)
    ├── annotate:   AnnotateSettings     per-article steps                 (annotate/)
    │   ├── entities: EntitySettings
    │   ├── quotes:   QuoteSettings
    │   └── times:    TimeSettings
    ├── compare:    CompareSettings      per story                         (compare/)
    │   ├── facts:       FactSettings
    │   ├── quotes:      QuoteMatchSettings
    │   ├── copied_text: CopiedTextSettings
    │   └── timeline:    TimelineSettings
    ├── copies:     CopySettings         copies across a corpus            (cluster/)
    ├── stories:    StorySettings        stories across a corpus           (cluster/)
    └── watch:      WatchSettings        feeds watched, articles re-read   (watch/)

Each stage's entry point takes the whole :class:`Settings` (a stage may need another's
group: both the per-article and the per-story steps decide whether two names are one), and
hands each step the group it needs; every parameter defaults to the values below. A
settings file names a table per group and a key per field::

    [compare.facts]
    same_fact = 0.4

    [stories]
    join_threshold = 0.18

Unknown tables or keys, and values of the wrong type, raise :class:`SettingsError` naming
them. The values were measured on the datasets named in each field's note; the figures are
in ``bench/results/`` and ``python bench/summary.py`` prints them.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from newsprism.errors import SettingsError

__all__ = [
    "AnnotateSettings",
    "CompareSettings",
    "CopiedTextSettings",
    "CopySettings",
    "EntitySettings",
    "ExtractionSettings",
    "FactSettings",
    "NameSettings",
    "QuoteMatchSettings",
    "QuoteSettings",
    "Settings",
    "StorySettings",
    "TimeSettings",
    "TimelineSettings",
    "WatchSettings",
    "load_settings",
    "settings_from_mapping",
]

# --- ingest ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtractionSettings:
    """Reading the article out of an HTML page (:mod:`newsprism.ingest.html`)."""

    min_article_words: int = 12
    """Fewer words than this is a menu, a caption or an error page, not an article."""
    furniture_max_words: int = 12
    """Lines of page furniture ("Advertisement", "Sign up to our newsletter") are dropped
    from an article body only when this short: a longer line is news that happens to
    open like furniture."""


# --- annotate -------------------------------------------------------------------------


@dataclass(frozen=True)
class NameSettings:
    """Whether two names are one (:mod:`newsprism.common.names`), in an article and across a
    story alike."""

    surname_similarity: float = 88.0
    """Least rapidfuzz ratio (0-100) for two surnames to count as spellings of one name.

    Zelensky / Zelenskyy / Zelenskiy score 89-94; Johnson / Jonson 92. Shorter names must
    match exactly (see ``shortest_fuzzy_surname``), since one letter changes a short name
    into another (Kerr / Kerry)."""
    shortest_fuzzy_surname: int = 6
    """Surnames shorter than this match only when equal."""
    shortest_transposed_surname: int = 6
    """Surnames this long or longer also match with two neighbouring letters swapped
    (Preibus / Priebus: rapidfuzz ratio 85.7, under ``surname_similarity``). Shorter
    names swap into other names too easily (Hale / Hael is a typo, Lean / Lena is not)."""
    shared_context_names: int = 1
    """Names two reports must both write beside a person for a misspelt bare surname in
    one ("Preibus") to join the full name in the other ("Reince Priebus"). One is enough
    inside one story, whose reports already share their subject; with none, any
    near-spelling would join wherever it stands (a farmer "Preibus" in Iowa)."""
    longest_short_form: int = 4
    """A first name this short that shares its first three letters with a longer one is
    its short form (Alex / Alexander, Ben / Benjamin)."""
    role_dominance: int = 3
    """How many times more name mentions a person needs than any other to take an
    ambiguous role ("the president" in a story about one president who meets another)."""


@dataclass(frozen=True)
class EntitySettings:
    """Names and roles found in one article (:mod:`newsprism.annotate.entities`)."""

    longest_of_phrase: int = 4
    """Words an office's "of" phrase may have ("the president of the European Commission")."""
    longest_title: int = 5
    """Words a title before a name may have ("Former Deputy Prime Minister Nick Clegg")."""


@dataclass(frozen=True)
class QuoteSettings:
    """Quotes and their speakers (:mod:`newsprism.annotate.quotes`), tuned on PolNeAR train."""

    scare_max_words: int = 4
    """A quoted stretch this short that ends no sentence and has no cue is a scare quote
    or a term ('a "truce in the sky"'), not speech."""
    title_max_words: int = 6
    """A capitalised quoted stretch this short in running text is a title ("Fire and Fury")."""
    interruption_characters: int = 40
    """How far back a quotation interrupted by its cue ('"We will," he said, "win."') may
    have closed for the next stretch to resume it."""
    headline_name_tokens: int = 5
    """Tokens before a colon that a paragraph-opening name may have ("Healey: ...")."""
    headline_max_words: int = 16
    """Longest title-cased paragraph before a colon read as a headline ('Jane Doe Slams
    Plan: ...'): PolNeAR train titles have a median of 10 words and 90% have at most 17,
    and the part before the colon is shorter still. Train speaker accuracy is the same at
    12 and at 20."""
    passive_agent_reach: int = 4
    """Most tokens from the "by" after a passive speech verb to the head of the speaker's
    name ('called "a hoax" by former governor Jane Doe'); a longer "by" phrase seldom names
    the speaker. Train speaker accuracy is the same at 3 and at 6."""
    colon_verb_reach: int = 4
    """Tokens before a colon searched for the speech verb ('He added: "..."')."""
    framing_reach: int = 6
    """Tokens after a closing mark searched for the verb that frames the quotation."""
    frame_subject_words: int = 3
    """Words between a closing mark and its cue that still frame it ('", the minister said')."""
    pronoun_lookback_sentences: int = 4
    """Sentences back a pronoun speaker ("he said") looks for the person it names."""
    max_speaker_tokens: int = 12
    """Longest stretch between a cue and a closing mark searched for the speaker."""
    signature_reach: int = 8
    """Characters after a closing mark searched for a dash-signed speaker ('" — Healey')."""
    short_clause_tokens: int = 6
    """Tokens after a quotation read to tell whether a new sentence starts there."""


@dataclass(frozen=True)
class TimeSettings:
    """Time expressions (:mod:`newsprism.annotate.times`), tuned on TBAQ train."""

    tense_tolerance_days: int = 45
    """A day of a month named without a year ("on Nov. 17") is the nearest one to publication
    unless the tense contradicts it by more than this: a past-tense "Nov. 17" said on Oct. 27
    is a plan reported in the past. A month alone follows the tense with no tolerance ("will
    vote in February" said in March is next February): one more TBAQ even-half value right
    than with the tolerance, none lost."""
    governing_verb_climb: int = 8
    """Steps up the parse from an expression in search of the verb that governs it."""
    governing_verb_reach: int = 10
    """Tokens between an expression and its governing verb beyond which the parse is
    distrusted and the nearest verb before the expression decides the tense."""
    quarter_reach: int = 1500
    """Characters back to look for the quarter an earnings comparison ("a year ago")
    refers to."""
    event_date_steps: int = 3
    """Steps up the parse from a day to the word naming an event for the day to date it
    ("voted on 12 February": day, "on", "voted"), so that "two weeks after the vote" counts
    from it. Three reaches a verb's time phrase and a noun's ("the vote on 20 March"); not
    tuned on a corpus (the golds read such words as durations), chosen on the hand-written
    cases of tests/annotate/test_times_future.py."""


@dataclass(frozen=True)
class AnnotateSettings:
    """Every per-article step; part of the annotation cache key when not the default."""

    entities: EntitySettings = field(default_factory=EntitySettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    times: TimeSettings = field(default_factory=TimeSettings)


# --- compare --------------------------------------------------------------------------


@dataclass(frozen=True)
class FactSettings:
    """Statements aligned into facts (:mod:`newsprism.compare.statements`)."""

    entity_weight: float = 1.0
    """Weight of a story entity feature beside a word's (both then scaled by IDF)."""
    date_weight: float = 1.0
    """Weight of a resolved-date feature beside a word's."""
    same_fact: float = 0.45
    """Likeness from which two statements that are each other's closest count as one fact.
    Chosen on the odd half of PropSegmEnt (0.36: accuracy 0.57, entailment F1 0.44; 0.45:
    0.69, 0.49; 0.6: 0.77, 0.37 but 66% of the told claims shown as told by one report)."""
    coherent: float = 0.18
    """Mean similarity two groups of statements need to join: a chain of pairwise links
    (A like B, B like C) must not carry unrelated statements (A and C) into one fact."""
    related: float = 0.1
    """Similarity every two statements of one fact need at the least: they share something."""
    min_terms: int = 3
    """Clauses with fewer content features than this state too little to compare."""
    min_shared: int = 2
    """Features two statements must share at the least: a word and one more feature, or
    three features one of which is a date."""
    heading_words: int = 12
    """A paragraph of its own this short without closing punctuation is a subheading."""
    rich_statement: int = 5
    """Features a clause needs to be listed apart from the rest of its sentence."""
    meaning_weight: float = 0.6
    """Share of a pair's likeness that comes from what the two clauses mean (cosine of
    their sentence vectors); the rest comes from the words, entities and dates they share."""
    static_scale: float = 0.81
    """The static model's cosine put on the transformer's scale (times this, plus
    ``static_shift``): a least-squares fit of one against the other over the 7,653 pairs
    of sentences of one story in ECB+ dev, odd topics (correlation 0.60)."""
    static_shift: float = 0.029
    """See ``static_scale``."""
    transformer_statements: int = 300
    """Statements of a story whose meaning the transformer reads (the closest calls first):
    about 1.5 s of work, so a brief of twenty reports stays within twice their parse."""
    refine_from: float = 0.2
    """A statement whose best match scores less than this (on static meaning) is no close
    call: the transformer is not asked about it."""
    date_clash_penalty: float = 0.15
    """Taken off the likeness of two statements that name different days."""
    same_event: float = 0.45
    """Likeness of the closest statements of two facts from which they tell one event (one
    happening told in other terms, or another detail of it). Chosen on ECB+ odd topics
    (event-level pair F1: 0.30 -> 0.72 at precision 0.60, a lump; 0.45 -> 0.68 at 0.68;
    0.55 -> 0.62 at 0.73)."""
    event_coherent: float = 0.25
    """Mean likeness the statements of two facts need to be one event: a chain of
    resemblances must not join a story's every fact into one happening (chosen with
    ``same_event``)."""
    near_match: float = 0.3
    """Likeness from which a statement of another report is shown as a possible telling of
    a fact otherwise carried by fewer outlets ("possibly also in X")."""
    counterpart: float = 0.45
    """Likeness two statements of a fact need for their details to be compared: below it
    they tell the fact in different terms, and a differing number may count another thing."""


@dataclass(frozen=True)
class QuoteMatchSettings:
    """Quotes of one utterance across reports (:mod:`newsprism.compare.quotes`)."""

    same_words: float = 0.6
    """Share of words in order (difflib ratio) from which two quote pieces are one utterance."""
    short_fragment: int = 5
    """Quotes of at most this many words are one utterance only when every word matches."""


@dataclass(frozen=True)
class CopiedTextSettings:
    """Sentences one report repeats from another (:mod:`newsprism.compare.copied_text`)."""

    shingle_words: int = 4
    """Words a shingle has: four keeps a changed word from hiding a whole sentence."""
    min_sentence_words: int = 8
    """Shorter sentences ("The police said.") are too common to show copying."""
    min_containment: float = 0.6
    """Share of a sentence's shingles found in the other: one or two changed words still pass."""
    min_copied_words: int = 15
    """Below this, two reports share a phrase, not a passage."""
    reprint_share: float = 0.5
    """A report whose repeated sentences make up this share of its words is a reprint."""


@dataclass(frozen=True)
class TimelineSettings:
    """The merged timeline (:mod:`newsprism.compare.timeline`)."""

    same_words: float = 0.8
    """Share of words two events on one date need in common to be told as one."""


@dataclass(frozen=True)
class CompareSettings:
    """Everything done per story."""

    facts: FactSettings = field(default_factory=FactSettings)
    quotes: QuoteMatchSettings = field(default_factory=QuoteMatchSettings)
    copied_text: CopiedTextSettings = field(default_factory=CopiedTextSettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    max_characters: int = 100_000
    """An article longer than this is compared by its first part only, cut at a paragraph
    break (about 16,000 words: the longest long-reads run 10,000 to 15,000; a median news
    report is about 4,000 characters), and the brief says so. Annotating and aligning grow
    faster than the text: two copies of one 100,000-character text took 24 s to brief, of
    a 1.1-million-character one 58 minutes and 11 GB."""


# --- cluster --------------------------------------------------------------------------


@dataclass(frozen=True)
class CopySettings:
    """Copies across a corpus (:mod:`newsprism.cluster.copies`), measured by eval_copies."""

    min_containment: float = 0.5
    """Share of the shorter text's shingles the other must hold: a reprint that drops
    paragraphs or adds boilerplate is still a copy of what it keeps."""
    min_shingles: int = 8
    """Texts shorter than this many shingles are copies only when identical."""
    max_verified: int = 8
    """Candidates verified exactly, the closest by sketch first: a wire story reprinted
    hundreds of times must not make every new copy re-read all of them."""


@dataclass(frozen=True)
class StorySettings:
    """Story clustering (:mod:`newsprism.cluster.stories`), set once per collection (never
    per document); measured by eval_stories on ECB+ dev and NewsWCL50."""

    join_threshold: float = 0.15
    """Least score (cosine of the weighted features, damped by the distance in time) for an
    article to join a story rather than start one; grid-searched with ``merge_score``."""
    probe_terms: int = 20
    """How many of an article's strongest features look stories up in the index."""
    max_postings: int = 1000
    """A feature shared by more stories than this is too common to find candidates."""
    recent_postings: int = 300
    """Of a feature's stories, only the most recently joined this many are looked up:
    the cost of an article stays bounded as the store grows, and an older story is still
    found through its rarer features (names, numbers)."""
    max_candidates: int = 10
    """Stories scored in full: those sharing the most weight among the probe features."""
    split_ratio: float = 0.75
    """A story splits in two when its groups resemble each other less than this share of
    how much each group resembles itself (see :mod:`newsprism.cluster.split`)."""
    split_ratio_same_days: float = 0.5
    """The stricter ratio for two groups published within the grace days of each other:
    reports of the same days need stronger evidence to be two events."""
    split_min_group: int = 3
    """Each side of a split keeps at least this many members (see
    :func:`newsprism.cluster.split.split_members`)."""
    split_sizes: tuple[int, int] = (4, 80)
    """Stories are checked for a split from the first to the second size, each time they
    have grown by half since the last check."""
    split_rounds: int = 10
    """Rounds of the two-means refinement that proposes a split; it settles in two or three."""
    merge_score: float = 0.2
    """An article that scores this much with a second story (a third over the join
    threshold) bridges it to the story it joins: the two merge when both are dated or
    both undated and their members tell one event (see :meth:`StoryIndex.place`)."""
    prior_documents: int = 50
    """Pretend documents that carry none of the features: a small store then treats every
    feature as rare instead of giving a feature of both its articles no weight at all."""
    grace_days: float = 7.0
    """Reports this close in time are weighed on their words alone: one event is covered
    for about a week."""
    decay_days: float = 30.0
    """Beyond ``grace_days`` apart, the score falls by e every ``decay_days``."""
    unknown_date_factor: float = 0.8
    """The date factor between a dated side and an undated one: the dates that would tell
    an older event of the same kind apart are missing, so the words must say more."""
    follow_up_weight: float = 0.3
    """Beyond the grace days, a story can still be joined on its names alone: the cosine
    of the names (people, places, organisations) times this weight. Follow-ups (charges,
    a trial, a verdict) come weeks or years after the event, in other words, but name the
    same people; another event of the same kind names other ones."""
    follow_up_min_cosine: float = 0.3
    """A names-only match also needs the words to resemble the story this much (before any
    date damping): the same people in other news (a minister's next bill) are not a
    follow-up."""
    follow_up_days: float = 1100.0
    """Farther apart than this, not even the names join an article to a story."""
    title_weight: int = 2
    """How many times a headline word counts: the headline names the event."""
    lead_characters: int = 400
    """The lead: the first characters of the body, which say what happened."""
    lead_weight: int = 2
    """How many times a word of the lead counts."""
    close_below: float = 0.05
    """A best score this far under ``join_threshold`` or nearer is a close call, decided by
    meaning and names too (:mod:`newsprism.cluster._close_calls`); further under, the
    article starts a story on the cheap score alone. At 0.1 four in five of a mixed real
    corpus (bench_ingest's texts) were close calls; the misses worth rescuing on ECB+ dev
    scored 0.08-0.15."""
    close_above: float = 0.1
    """A best score this far over ``join_threshold`` or nearer is a close call; further
    over, the article joins on the cheap score alone. At 0.3 (where wrong first reports
    of a second event still score on NewsWCL50) the shuffled orders of ECB+ and
    NewsWCL50 both came out worse: a wide band lets meaning overrule words that were
    right."""
    close_margin: float = 0.05
    """Two stories whose scores are nearer than this compete: a close call too."""
    meaning_weight: float = 2.0
    """How far a close call's score moves per unit of lead-meaning cosine away from
    ``meaning_pivot``. Grid-searched with it on the odd ECB+ dev topics (0, 2, 4 x 0.8,
    0.85; chosen 2 and 0.85, see bench/results/stories.json) and reported on the even
    ones. At 0 (no meaning) NewsWCL50's shuffled orders fell to 0.82."""
    meaning_pivot: float = 0.85
    """The lead-meaning cosine (static vectors of headline and lead, article against the
    story's members) that neither helps nor hurts: reports of one ECB+ event that join
    on their words have a median of 0.85-0.9."""
    names_weight: float = 0.0
    """How far a close call's score moves per unit of names cosine away from
    ``names_pivot``. 0: the names already weigh 2.5 times a word in the cheap score, and
    on ECB+ dev their cosine told a wrong first report from a right join no better than
    the cheap score itself (AUC 0.67-0.78 against 0.77-0.84)."""
    names_pivot: float = 0.5
    """The names cosine that neither helps nor hurts a close call."""
    merge_meaning: float = 0.85
    """Two stories an article bridges merge only when the meaning of their leads (the
    cosine of their members' summed lead vectors) is at least this alike: on NewsWCL50
    the wrong merges (two Iran stories, two North Korea stories) were the worst losses
    of shuffled orders."""
    split_meaning: float = 0.96
    """A story splits only when the leads of its two parts mean less alike than this.
    Halves of one ECB+ event have a median cosine of 0.954, of two events of one kind
    0.882 (90th percentile 0.937): at 0.93 the odd topics fell from 0.949 to 0.909 (real
    splits refused); at 0.96 it refuses only near-identical parts."""
    meaning_members: int = 20
    """A story's lead meaning is read from at most this many of its members (the first
    and the latest): enough for its gist, bounded for a story of hundreds."""

    @property
    def window_days(self) -> float:
        """Beyond this many days apart even a perfect match scores under the threshold."""
        decayed = self.grace_days + self.decay_days * math.log(
            1 / max(self.join_threshold, 1e-6)
        )
        if self.follow_up_weight >= self.join_threshold:
            return max(decayed, self.follow_up_days)
        return decayed


# --- watch ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchSettings:
    """Watching feeds and re-reading their articles (:mod:`newsprism.watch`); the schedule
    is explained with its figures in ``docs/watch.md``."""

    interval: float = 900.0
    """Base seconds between two checks of a feed (``--interval``): news feeds publish every
    few minutes to every few hours; a quarter of an hour finds most items within minutes
    of their appearing without asking a quiet feed dozens of times a day."""
    fastest_interval_share: float = 0.25
    """A busy feed is checked at most this share of the base apart (4 times as often):
    a feed with an item at every check would otherwise be polled without a floor."""
    slowest_interval_factor: float = 8.0
    """A quiet feed is checked at least every this many base intervals (two hours by
    default), so a feed that wakes up is noticed the same morning."""
    busier_factor: float = 0.5
    """A check that found new items brings the next one this much closer."""
    quieter_factor: float = 1.5
    """A check that found nothing new moves the next one this much further: slower than
    ``busier_factor`` speeds up, so one burst does not set a quiet feed racing."""
    backoff_base: float = 60.0
    """After the first failed check, wait this long; each further failure doubles it."""
    backoff_limit: float = 6 * 3600.0
    """Never wait longer than this after failures: a site down for a day is retried four
    times a day, not forgotten."""
    busy_retry: float = 30.0
    """Seconds before trying again a feed whose new articles could not be stored because
    another process held the store's writer lock."""
    first_recheck: float = 900.0
    """An article is read again this long after it was first seen (or last changed):
    corrections come fastest in the first hour, when a story is breaking."""
    recheck_growth: float = 2.0
    """Each further re-read waits this many times longer than the one before: 15 min,
    30 min, 1 h, 2 h ... 64 h, so a week holds ten re-reads of an article."""
    recheck_for: float = 7 * 24 * 3600.0
    """An article unchanged this long after its last change is no longer re-read: edits
    after a week are rare, and every tracked article costs a request per re-read."""
    robots_max_age: float = 24 * 3600.0
    """robots.txt is read again after this long, as RFC 9309 advises (at most 24 hours)."""
    host_delay: float = 1.0
    """Seconds between two requests to one host (a site's Crawl-delay, if longer, wins)."""
    timeout: float = 10.0
    """Seconds any one read of a response may take, as for ``ingest``."""
    deadline: float = 30.0
    """Seconds a whole response may take: half of ingest's, since a watcher asks again
    at the next check anyway, and a stop waits at most this long for a request under way."""
    webhook_attempts: int = 4
    """A webhook POST is tried this many times (1, 2, 4 s apart) before the alert is given
    up on for that hook; the alert log still has it."""
    webhook_queue: int = 1000
    """Alerts waiting for a slow webhook beyond this many are dropped (and counted) rather
    than let the watcher's memory grow."""
    webhook_timeout: float = 5.0
    """Seconds a webhook has to answer one POST."""
    stop_grace: float = 3.0
    """On stop, seconds the webhook sender may take to send what is queued."""


# --- scale ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleSettings:
    """Ingest and annotation on several processes (:mod:`newsprism.scale`); the figures
    behind these numbers are in ``docs/scale.md`` (bench/bench_scale.py)."""

    annotated_batch_articles: int = 16
    """Articles in one batch when they are annotated (about 1 s of parsing on one core):
    large enough that a task's few milliseconds of scheduling vanish, small enough that a
    dead worker costs a second of work and a few hundred articles keep two workers busy."""
    cheap_batch_articles: int = 200
    """Articles in one batch on the cheap path (about 1 ms each: a batch of 0.2 s)."""
    batch_bytes: int = 4_000_000
    """A batch is cut once its texts reach this many bytes, whatever its count: spaCy's
    maintainers advise shipping a few MB at a time, and a batch's results (offsets and
    vectors) are about as large again."""
    batches_per_worker: int = 2
    """Batches in flight per live worker: one being worked on, one waiting, so a worker
    never idles while the writer catches up, and memory stays bounded on an endless input."""
    allowed_failures: int = 2
    """Worker deaths a batch may cause before it is split into single articles; an article
    that then kills this many more workers on its own is recorded as a failure."""
    rounds_alone: int = 2
    """Times an article run alone may exhaust Dask's retries before it is a failure: Dask
    also blames articles that only waited on a worker the poison killed, and a second round
    clears such a bystander (the poison dies in every round)."""
    no_worker_patience: float = 120.0
    """Seconds with no worker alive before a run gives up (what is stored stays whole): a
    dead worker is restarted in seconds, so two minutes without any means none is coming."""


# --- one run --------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The settings of one run, every stage's together."""

    extraction: ExtractionSettings = field(default_factory=ExtractionSettings)
    names: NameSettings = field(default_factory=NameSettings)
    annotate: AnnotateSettings = field(default_factory=AnnotateSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)
    copies: CopySettings = field(default_factory=CopySettings)
    stories: StorySettings = field(default_factory=StorySettings)
    watch: WatchSettings = field(default_factory=WatchSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)


_Group = TypeVar("_Group")


def load_settings(path: str | Path) -> Settings:
    """The defaults with the overrides of the TOML file at ``path``.

    Raises :class:`SettingsError` for a file that cannot be read or parsed, an unknown
    table or key, or a value of the wrong type.
    """
    try:
        overrides = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(str(path), f"cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(str(path), f"is not valid TOML ({error})") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise SettingsError(str(path), "is not valid TOML (nested too deeply)") from None
    return settings_from_mapping(overrides, source=str(path))


def settings_from_mapping(overrides: dict[str, Any], source: str = "settings") -> Settings:
    """The defaults with ``overrides`` (nested tables as in a settings file) applied."""
    return _override(Settings(), overrides, source, "")


def _override(group: _Group, overrides: dict[str, Any], source: str, prefix: str) -> _Group:
    known = {item.name: item for item in fields(group)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        name = f"{prefix}{key}"
        if key not in known:
            choices = ", ".join(sorted(known))
            raise SettingsError(source, f"unknown setting {name!r} (known here: {choices})")
        current = getattr(group, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise SettingsError(source, f"{name!r} is a table of settings, not a value")
            changes[key] = _override(current, value, source, f"{name}.")
        else:
            changes[key] = _checked(current, value, source, name)
    return replace(group, **changes)  # type: ignore[type-var]


def _checked(current: object, value: object, source: str, name: str) -> object:
    """``value`` as the type of the default ``current``, or a SettingsError naming ``name``."""
    if isinstance(current, bool) or isinstance(value, bool):
        if type(current) is not type(value):
            raise SettingsError(source, f"{name!r} must be {type(current).__name__}, not {value!r}")
        return value
    if isinstance(current, float) and isinstance(value, int):
        return float(value)
    if isinstance(current, tuple) and isinstance(value, list):
        if len(value) != len(current) or not all(isinstance(v, type(c)) for v, c in zip(value, current, strict=False)):
            raise SettingsError(source, f"{name!r} must be a list like {list(current)!r}, not {value!r}")
        return tuple(value)
    if not isinstance(value, type(current)):
        raise SettingsError(source, f"{name!r} must be {type(current).__name__}, not {value!r}")
    return value


def fingerprint(group: object) -> str:
    """A short digest of a settings group's values: equal settings, equal fingerprints."""
    return hashlib.sha256(repr(group).encode("utf-8")).hexdigest()[:12]
