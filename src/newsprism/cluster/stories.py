"""Incremental story clustering: each new article joins the closest story or starts one.

A story is a profile: the summed (sublinear) feature counts of its articles, its size and
the span of its publication dates. A new article is scored against the stories that share
one of its most telling features (an inverted index from feature to story keeps this
cheap as the store grows), by TF-IDF cosine between the article and the story profile,
damped when the dates are far apart or one side has none; past the grace days the names
alone can still carry a follow-up. Nothing is ever re-clustered as a whole; two local
repairs undo what one pass gets wrong: a story that gathered two events splits
(:meth:`StoryIndex.try_split`), two stories of one event that a report bridges merge
(:meth:`StoryIndex.place`, :meth:`StoryIndex.merge`). Replaying the stored assignments
with :meth:`StoryIndex.add` rebuilds the same profiles.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

import numpy as np

from newsprism.cluster._close_calls import (
    Leads,
    MeaningJudge,
    decided_score,
    is_close,
    names_cosine,
)
from newsprism.cluster.dates import (
    best_date_factor,
    comparable,
    date_factor,
    follow_up_factor,
    same_days,
    within_window,
)
from newsprism.cluster.split import best_seam, similarities
from newsprism.model import Article, wall_clock
from newsprism.settings import StorySettings

__all__ = ["Leads", "Member", "StoryIndex", "StoryProfile", "article_lead"]

NAMESPACE_BOOST = {"w": 1.0, "n": 2.5, "d": 1.0, "y": 0.6, "t": 1.0}
"""Names tell two events of the same kind apart better than words do."""


@dataclass
class StoryProfile:
    """What the index knows of one story."""

    id: int
    terms: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first: datetime | None = None
    last: datetime | None = None
    checked_size: int = 0
    norm_squared: float = 0.0
    names_squared: float = 0.0
    """The part of ``norm_squared`` that names (``n:`` features) make up."""
    norm_documents: int = -1
    """Collection size when ``norm_squared`` was last computed in full (-1: never)."""


Key = TypeVar("Key")
Member = tuple[Key, Mapping[str, int], datetime | None]
"""A story member as the caller knows it: its key, its features, its publication time."""


class ArticleWeights(dict[str, float]):
    """An article's TF-IDF weights, with each feature's IDF weight and the vector norm."""

    def __init__(
        self, weights: dict[str, float], term_weights: dict[str, float]
    ) -> None:
        super().__init__(weights)
        self.term_weights = term_weights
        # What a story's count of each term is multiplied by in the dot product, worked
        # out once per article rather than once per candidate story.
        self.products = [
            (term, value * term_weights[term], term[0] == "n")
            for term, value in weights.items()
        ]
        self.norm = math.sqrt(sum(value * value for value in weights.values()))
        self.names_norm = math.sqrt(
            sum(value * value for term, value in weights.items() if term[0] == "n")
        )


def article_lead(article: Article, settings: StorySettings) -> str:
    """The headline and lead of ``article``: what a close call compares the meaning of."""
    lead = (article.text or "")[: settings.lead_characters]
    return f"{article.title}\n{lead}" if article.title else lead


class StoryIndex:
    """Story profiles, document frequencies and the feature -> stories index.

    With ``leads`` (a story id -> the headline and lead of each member by key, see
    :func:`article_lead`), close calls are decided by meaning too
    (:mod:`newsprism.cluster._close_calls`): joins near the threshold or between two
    stories, merges, and splits (two parts whose leads mean alike stay one story);
    without, by the cheap score alone.
    """

    def __init__(
        self, settings: StorySettings | None = None, leads: Leads | None = None
    ) -> None:
        self.settings = settings or StorySettings()
        self.judge = MeaningJudge(self.settings, leads) if leads is not None else None
        self.close_calls = 0
        """How many placements were close calls (decided by meaning)."""
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.stories: dict[int, StoryProfile] = {}
        self.postings: dict[str, dict[int, None]] = {}
        """Feature -> the stories it is among the strongest features of, in the order they
        last joined an article with it (an insertion-ordered set)."""
        self.next_id = 1

    def assign(
        self,
        features: Mapping[str, int],
        published: datetime | None,
        lead: str | None = None,
    ) -> int:
        """Choose the story of a new article, record it, and return the story id."""
        return self.place(features, published, lead)[0]

    def place(
        self,
        features: Mapping[str, int],
        published: datetime | None,
        lead: str | None = None,
    ) -> tuple[int, list[int]]:
        """Choose the story of a new article and record it.

        ``lead`` (its :func:`article_lead`) lets a close call be decided by meaning.

        Returns the story id and the other stories the article bridges to (see
        :meth:`_bridges`). The caller merges each into the chosen story unless their
        members tell two events (:meth:`mergeable`): a story split too eagerly, or two
        starts of one event, come together again once a report resembles both.
        """
        self._count_document(features)
        weights = self._weights(features)
        scores = sorted(
            (
                (self.score(weights, self.stories[story_id], published), story_id)
                for story_id in self._candidates(weights, wall_clock(published))
            ),
            reverse=True,
        )
        vector = None
        if self.judge is not None and lead is not None and is_close(self.settings, scores):
            self.close_calls += 1
            vector = self.judge.article(lead)
            scores = self._decide(scores, weights, vector)
        if not scores or scores[0][0] < self.settings.join_threshold:
            best_id = self.next_id
            bridged: list[int] = []
        else:
            best_id = scores[0][1]
            bridged = [
                story_id
                for score, story_id in scores[1:]
                if score >= self.settings.merge_score
                and self._bridges(weights, published, best_id, story_id)
            ]
        self._join(best_id, features, weights, published)
        if vector is not None and self.judge is not None:
            self.judge.joined(best_id, vector)
        return best_id, bridged

    def _decide(
        self,
        scores: list[tuple[float, int]],
        weights: ArticleWeights,
        vector: np.ndarray,
    ) -> list[tuple[float, int]]:
        """The contending stories' scores once meaning and names have had their say.

        Contenders are those at most ``close_below`` under the threshold; the others keep
        their cheap scores (they are far below and stay so).
        """
        assert self.judge is not None
        floor = self.settings.join_threshold - self.settings.close_below
        decided = []
        for score, story_id in scores:
            if score >= floor:
                story = self.stories[story_id]
                meaning = float(vector @ self.judge.story(story_id, story.size))
                names = names_cosine(
                    self._names_dot(weights, story), weights.names_norm, story.names_squared
                )
                score = decided_score(self.settings, score, meaning, names)
            decided.append((score, story_id))
        return sorted(decided, reverse=True)

    def _bridges(
        self,
        weights: ArticleWeights,
        published: datetime | None,
        story_id: int,
        other_id: int,
    ) -> bool:
        """True when an article joining ``story_id`` bridges it to ``other_id``.

        - Its words score at least ``merge_score`` with the other story, damped by the
          distance in time (names alone bridge nothing);
        - both stories are dated, or both undated;
        - the two stories, without the article, resemble each other as much as an
          article must resemble a story to join it (a round-up of the day's news
          resembles two stories that do not resemble each other);
        - together they have fewer members than the largest story checked for a split.
        """
        story, other = self.stories[story_id], self.stories[other_id]
        return (
            story.size + other.size < self.settings.split_sizes[1]
            and comparable(story, other)
            and self.score(weights, other, published, follow_up=False)
            >= self.settings.merge_score
            and self._resemblance(story, other) >= self.settings.join_threshold
            and self._meanings_agree(story, other)
        )

    def kin(self, story_id: int) -> list[int]:
        """Other stories that may tell the same event as ``story_id``, likeliest first.

        After a split, a part may be a piece of another story that one pass could not
        join (its first report went elsewhere): the stories sharing its strongest
        features whose profiles resemble it as much as an article must resemble a story
        to join it, both dated or both undated, their leads alike in meaning, and small
        enough together to be checked for a seam. The caller merges one only when their
        members show no seam (:meth:`mergeable`).
        """
        story = self.stories[story_id]
        weights = {
            term: count * self._term_weight(term) for term, count in story.terms.items()
        }
        found = []
        for other_id in self._candidates(weights, story.last):
            other = self.stories[other_id]
            if (
                other_id != story_id
                and story.size + other.size < self.settings.split_sizes[1]
                and comparable(story, other)
            ):
                resemblance = self._resemblance(story, other)
                if resemblance >= self.settings.join_threshold and self._meanings_agree(
                    story, other
                ):
                    found.append((resemblance, other_id))
        return [other_id for _, other_id in sorted(found, reverse=True)]

    def _names_dot(self, weights: ArticleWeights, story: StoryProfile) -> float:
        """The names' share of the dot product of :meth:`score` (the story's norms are
        up to date: the story was just scored)."""
        terms = story.terms
        return sum(
            factor * terms.get(term, 0.0) for term, factor, is_name in weights.products if is_name
        )

    def _meanings_agree(self, story: StoryProfile, other: StoryProfile) -> bool:
        """True when the two stories' leads mean alike enough to merge (or, without a
        meaning judge, always)."""
        if self.judge is None:
            return True
        meaning = self.judge.story(story.id, story.size) @ self.judge.story(other.id, other.size)
        return float(meaning) >= self.settings.merge_meaning

    def _resemblance(self, first: StoryProfile, second: StoryProfile) -> float:
        """TF-IDF cosine between two story profiles."""
        norms = self._story_norm(first) * self._story_norm(second)
        if first.size > second.size:
            first, second = second, first
        dot = sum(
            count * second.terms.get(term, 0.0) * self._term_weight(term) ** 2
            for term, count in first.terms.items()
        )
        return dot / norms if norms else 0.0

    def merge(self, story_id: int, absorbed_id: int) -> None:
        """Fold story ``absorbed_id`` into ``story_id`` (their members are one event)."""
        story, absorbed = self.stories[story_id], self.stories.pop(absorbed_id)
        if self.judge is not None:
            self.judge.forget(story_id, absorbed_id)
        for term, count in absorbed.terms.items():
            story.terms[term] = story.terms.get(term, 0.0) + count
            stories = self.postings.get(term)
            if stories is not None and absorbed_id in stories:
                del stories[absorbed_id]
                stories.setdefault(story_id, None)
        story.size += absorbed.size
        story.checked_size = story.size
        story.norm_documents = -1
        for moment in (absorbed.first, absorbed.last):
            if moment is not None:
                story.first = min(story.first or moment, moment)
                story.last = max(story.last or moment, moment)

    def add(
        self, story_id: int, features: Mapping[str, int], published: datetime | None
    ) -> None:
        """Record an article already assigned to ``story_id`` (replaying a store)."""
        self._count_document(features)
        self._join(story_id, features, self._weights(features), published)

    def score(
        self,
        weights: ArticleWeights,
        story: StoryProfile,
        published: datetime | None,
        follow_up: bool = True,
    ) -> float:
        """Cosine between article weights and the story profile, damped by date distance.

        With ``follow_up``, past the grace days the names alone can carry the score too.
        """
        story_norm = self._story_norm(story)
        if not weights.norm or not story_norm:
            return 0.0
        dot = names_dot = 0.0
        terms = story.terms
        for term, factor, is_name in weights.products:
            count = terms.get(term)
            if count:
                dot += factor * count
                if is_name:
                    names_dot += factor * count
        damping = date_factor(self.settings, story, published)
        cosine = dot / (weights.norm * story_norm)
        score = cosine * damping
        if (
            follow_up
            and damping < 1.0
            and names_dot
            and story.names_squared > 0
            and cosine >= self.settings.follow_up_min_cosine
        ):
            names_cosine = names_dot / (
                weights.names_norm * math.sqrt(story.names_squared)
            )
            score = max(score, names_cosine * follow_up_factor(self.settings, story, published))
        return score

    def split_due(self, story_id: int) -> bool:
        """True when the story has grown enough since its last split check to check again."""
        story = self.stories[story_id]
        smallest, largest = self.settings.split_sizes
        return (
            smallest <= story.size <= largest and story.size >= 1.5 * story.checked_size
        )

    def try_split(
        self, story_id: int, members: Sequence[Member[Key]]
    ) -> tuple[int, list[Key]] | None:
        """Split the story when its ``members`` (all of them) hold two events.

        Returns the id of the new story and the keys of the members moved to it, or None
        when the story stays whole.
        """
        story = self.stories[story_id]
        story.checked_size = story.size
        parts = self.seam(members)
        if parts is None:
            return None
        kept, moved = parts
        if self.judge is not None and (
            self.judge.parts_alike(story_id, [m[0] for m in kept], [m[0] for m in moved])
            >= self.settings.split_meaning
        ):
            return None
        new_id = self.next_id
        self._rebuild(story_id, kept)
        self._rebuild(new_id, moved)
        return new_id, [key for key, _, _ in moved]

    def mergeable(
        self, first: Sequence[Member[Key]], second: Sequence[Member[Key]]
    ) -> bool:
        """True when the members of two stories tell one event.

        Their reports must resemble each other, on average, as much as an article must
        resemble a story to join it (two loose stories of several events each are not
        one event however a report bridges them), and together show no :meth:`seam`.
        """
        members = [*first, *second]
        similarity = similarities([self._unit_vector(m[1]) for m in members])
        between = float(similarity[: len(first), len(first) :].mean())
        if between < self.settings.join_threshold:
            return False
        return self._seam(members, similarity) is None

    def seam(
        self, members: Sequence[Member[Key]]
    ) -> tuple[list[Member[Key]], list[Member[Key]]] | None:
        """The two events ``members`` hold, or None when they tell one."""
        vectors = [self._unit_vector(features) for _, features, _ in members]
        return self._seam(members, similarities(vectors))

    def _seam(
        self, members: Sequence[Member[Key]], similarity: np.ndarray
    ) -> tuple[list[Member[Key]], list[Member[Key]]] | None:
        seam = best_seam(similarity, self.settings.split_min_group, self.settings.split_rounds)
        if seam is None:
            return None
        kept = [m for m, label in zip(members, seam.labels, strict=True) if label == 0]
        moved = [m for m, label in zip(members, seam.labels, strict=True) if label == 1]
        ratio = self.settings.split_ratio
        if same_days(self.settings, [m[2] for m in kept], [m[2] for m in moved]):
            ratio = self.settings.split_ratio_same_days
        if seam.separation >= ratio:
            return None
        return kept, moved

    def _rebuild(self, story_id: int, members: Sequence[Member[Key]]) -> None:
        # Stale postings of the old profile stay: a candidate is always scored in full.
        self.stories[story_id] = StoryProfile(story_id)
        if self.judge is not None:
            self.judge.forget(story_id)
        for _, features, published in members:
            self._join(story_id, features, self._weights(features), published)
        self.stories[story_id].checked_size = len(members)

    def _unit_vector(self, features: Mapping[str, int]) -> dict[str, float]:
        weights = self._weights(features)
        return (
            {term: value / weights.norm for term, value in weights.items()}
            if weights.norm
            else {}
        )

    def _count_document(self, features: Mapping[str, int]) -> None:
        self.documents += 1
        self.document_frequency.update(features.keys())

    def _term_weight(self, term: str) -> float:
        documents = self.documents + self.settings.prior_documents
        idf = math.log((1 + documents) / (1 + self.document_frequency[term]))
        return idf * NAMESPACE_BOOST[term[0]]

    def _weights(self, features: Mapping[str, int]) -> ArticleWeights:
        term_weights = {
            term: self._term_weight(term)
            for term, count in features.items()
            if count > 0
        }
        return ArticleWeights(
            {
                term: (1 + math.log(features[term])) * weight
                for term, weight in term_weights.items()
            },
            term_weights,
        )

    def _story_norm(self, story: StoryProfile) -> float:
        # Joins update the squared norm in place; document frequencies drift as the store
        # grows, so it is recomputed in full once the collection has grown by a tenth
        # (by half in a large store, where IDF hardly moves and recomputing costs most).
        growth = 1.1 if self.documents < 20_000 else 1.5
        if story.norm_documents < 0 or self.documents > story.norm_documents * growth:
            story.norm_squared = story.names_squared = 0.0
            for term, count in story.terms.items():
                squared = (count * self._term_weight(term)) ** 2
                story.norm_squared += squared
                if term[0] == "n":
                    story.names_squared += squared
            story.norm_documents = self.documents
        return math.sqrt(max(story.norm_squared, 0.0))

    def _candidates(
        self, weights: Mapping[str, float], published: datetime | None
    ) -> list[int]:
        """Stories worth a full score: in the date window, sharing the most probe weight.

        Of the four times ``max_candidates`` stories sharing the most, those kept have the
        most shared weight times the best date factor they could reach, so old stories of
        the same kind do not crowd the current one out.
        """
        strongest = sorted(weights, key=weights.__getitem__, reverse=True)[
            : self.settings.probe_terms
        ]
        shared: defaultdict[int, float] = defaultdict(float)
        for term in strongest:
            stories = self.postings.get(term, {})
            if len(stories) <= self.settings.max_postings:
                weight = weights[term]
                recent = itertools.islice(
                    reversed(stories), self.settings.recent_postings
                )
                for story_id in recent:
                    shared[story_id] += weight
        in_window = (
            story_id
            for story_id in _by_weight(shared, 4 * self.settings.max_candidates)
            if story_id in self.stories
            and within_window(self.settings, self.stories[story_id], published)
        )
        shortlist = itertools.islice(in_window, 4 * self.settings.max_candidates)
        reachable = {
            story_id: shared[story_id]
            * best_date_factor(self.settings, self.stories[story_id], published)
            for story_id in shortlist
        }
        ranked = sorted(reachable, key=reachable.__getitem__, reverse=True)
        return ranked[: self.settings.max_candidates]

    def _join(
        self,
        story_id: int,
        features: Mapping[str, int],
        weights: ArticleWeights,
        published: datetime | None,
    ) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryProfile(story_id)
        self.next_id = max(self.next_id, story_id + 1)
        tracked = story.norm_documents >= 0
        for term, count in features.items():
            if count > 0:
                before = story.terms.get(term, 0.0)
                after = story.terms[term] = before + 1 + math.log(count)
                if tracked:
                    change = (after * after - before * before) * weights.term_weights[
                        term
                    ] ** 2
                    story.norm_squared += change
                    if term[0] == "n":
                        story.names_squared += change
        story.size += 1
        published = wall_clock(published)
        if published is not None:
            story.first = min(story.first or published, published)
            story.last = max(story.last or published, published)
        strongest = sorted(weights, key=weights.__getitem__, reverse=True)
        for term in strongest[: self.settings.probe_terms]:
            stories = self.postings.setdefault(term, {})
            stories.pop(story_id, None)
            stories[story_id] = None


def _by_weight(shared: dict[int, float], first: int) -> Iterator[int]:
    """Story ids by shared weight, highest first, as sorting would give them.

    The caller mostly needs only the ``first`` few dozen of thousands of stories: those
    come from a partial selection, and the full sort runs only if it asks for more.
    """
    leaders = heapq.nlargest(first, shared, key=shared.__getitem__)
    yield from leaders
    if len(leaders) < len(shared):
        yield from sorted(shared, key=shared.__getitem__, reverse=True)[first:]
