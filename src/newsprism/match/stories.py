"""Incremental story clustering: each new article joins the closest story or starts one.

A story is a profile: the summed (sublinear) feature counts of its articles, its size and
the span of its publication dates. A new article is scored against the stories that share
one of its most telling features (an inverted index from feature to story keeps this
cheap as the store grows), by TF-IDF cosine between the article and the story profile,
damped when the dates are far apart. Nothing is ever re-clustered: replaying the stored
assignments with :meth:`StoryIndex.add` rebuilds the same index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

NAMESPACE_BOOST = {"w": 1.0, "n": 2.5, "d": 1.0, "y": 0.6}
"""Names tell two events of the same kind apart better than words do."""


@dataclass(frozen=True)
class StorySettings:
    """The rule's knobs, set once for every collection (never per document)."""

    join_threshold: float = 0.30
    probe_terms: int = 20
    """How many of an article's strongest features look stories up in the index."""
    max_postings: int = 5000
    """A feature shared by more stories than this is too common to find candidates."""
    conflict_weight: float = 0.0
    """How much a clash of salient names (each side's key names missing on the other) lowers the score."""
    salient_names: int = 5
    cohesion_ratio: float = 0.0
    """A story takes an article only when its score reaches this share of the story's
    typical score (the mean score its members joined with): tight stories stay tight."""
    prior_documents: int = 50
    """Pretend documents that carry none of the features: a small store then treats every
    feature as rare instead of giving a feature of both its articles no weight at all."""
    grace_days: float = 3.0
    decay_days: float = 10.0
    """Beyond ``grace_days`` apart, the score falls by e every ``decay_days``."""


@dataclass
class StoryProfile:
    """What the index knows of one story."""

    id: int
    terms: Counter[str] = field(default_factory=Counter)
    presence: Counter[str] = field(default_factory=Counter)
    """How many members carry each specific (name or number) feature."""
    size: int = 0
    first: datetime | None = None
    last: datetime | None = None
    norm: float = 0.0
    join_scores: float = 0.0
    joins: int = 0
    norm_documents: int = -1


class StoryIndex:
    """Story profiles, document frequencies and the feature -> stories index."""

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.stories: dict[int, StoryProfile] = {}
        self.postings: dict[str, set[int]] = {}
        self.next_id = 1

    def assign(self, features: Mapping[str, int], published: datetime | None) -> int:
        """Choose the story of a new article, record it, and return the story id."""
        self._count_document(features)
        weights = self._weights(features)
        best_id, best_score = 0, 0.0
        for story_id in self._candidates(weights):
            story = self.stories[story_id]
            score = self.score(weights, story, published)
            if score > best_score and score >= self._bar(story):
                best_id, best_score = story_id, score
        if best_score < self.settings.join_threshold:
            best_id = self.next_id
        else:
            story = self.stories[best_id]
            story.join_scores += best_score
            story.joins += 1
        self._join(best_id, features, weights, published)
        return best_id

    def _bar(self, story: StoryProfile) -> float:
        if not story.joins:
            return 0.0
        return self.settings.cohesion_ratio * story.join_scores / story.joins

    def add(self, story_id: int, features: Mapping[str, int], published: datetime | None) -> None:
        """Record an article already assigned to ``story_id`` (replaying a store)."""
        self._count_document(features)
        self._join(story_id, features, self._weights(features), published)

    def score(
        self, weights: Mapping[str, float], story: StoryProfile, published: datetime | None
    ) -> float:
        """Cosine between article weights and the story profile, damped by date distance."""
        article_norm = math.sqrt(sum(value * value for value in weights.values()))
        story_norm = self._story_norm(story)
        if not article_norm or not story_norm:
            return 0.0
        dot = 0.0
        for term, weight in weights.items():
            count = story.terms.get(term)
            if count:
                dot += weight * count * self._term_weight(term)
        cosine = dot / (article_norm * story_norm)
        return cosine * self._date_factor(story, published) * (1 - self.settings.conflict_weight * self._name_clash(weights, story))

    def _name_clash(self, weights: Mapping[str, float], story: StoryProfile) -> float:
        """How far the article's key names and the story's key names miss each other (0-1).

        Two events of the same kind share their words but not their people, places and
        figures: the article's strongest names are absent from the story, and the names
        most of the story's members carry are absent from the article.
        """
        count = self.settings.salient_names
        article_names = [t for t in sorted(weights, key=weights.__getitem__, reverse=True) if t[0] in "nd"][:count]
        if not article_names or story.size < 2:
            return 0.0
        article_missing = sum(weights[t] for t in article_names if t not in story.terms) / sum(weights[t] for t in article_names)
        core = [t for t, members in story.presence.most_common(count) if members * 2 >= story.size]
        if not core:
            return article_missing
        story_missing = sum(1 for t in core if t not in weights) / len(core)
        return article_missing * story_missing

    def _count_document(self, features: Mapping[str, int]) -> None:
        self.documents += 1
        self.document_frequency.update(features.keys())

    def _term_weight(self, term: str) -> float:
        documents = self.documents + self.settings.prior_documents
        idf = math.log((1 + documents) / (1 + self.document_frequency[term]))
        return idf * NAMESPACE_BOOST[term[0]]

    def _weights(self, features: Mapping[str, int]) -> dict[str, float]:
        return {
            term: (1 + math.log(count)) * self._term_weight(term)
            for term, count in features.items()
            if count > 0
        }

    def _story_norm(self, story: StoryProfile) -> float:
        # Document frequencies drift as the store grows; recompute a cached norm only
        # when the story changed or the collection grew by a tenth since.
        if story.norm_documents < 0 or self.documents > story.norm_documents * 1.1:
            total = sum((count * self._term_weight(term)) ** 2 for term, count in story.terms.items())
            story.norm = math.sqrt(total)
            story.norm_documents = self.documents
        return story.norm

    def _candidates(self, weights: Mapping[str, float]) -> set[int]:
        strongest = sorted(weights, key=weights.__getitem__, reverse=True)
        found: set[int] = set()
        for term in strongest[: self.settings.probe_terms]:
            stories = self.postings.get(term, ())
            if len(stories) <= self.settings.max_postings:
                found.update(stories)
        return found

    def _date_factor(self, story: StoryProfile, published: datetime | None) -> float:
        if published is None or story.first is None or story.last is None:
            return 1.0
        published = published.replace(tzinfo=None)
        if story.first <= published <= story.last:
            return 1.0
        nearest = story.first if published < story.first else story.last
        gap_days = abs((published - nearest).total_seconds()) / 86400
        if gap_days <= self.settings.grace_days:
            return 1.0
        return math.exp(-(gap_days - self.settings.grace_days) / self.settings.decay_days)

    def _join(
        self,
        story_id: int,
        features: Mapping[str, int],
        weights: Mapping[str, float],
        published: datetime | None,
    ) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryProfile(story_id)
        self.next_id = max(self.next_id, story_id + 1)
        for term, count in features.items():
            if count > 0:
                story.terms[term] += 1 + math.log(count)
                if term[0] in "nd":
                    story.presence[term] += 1
        story.size += 1
        story.norm_documents = -1
        if published is not None:
            published = published.replace(tzinfo=None)
            story.first = min(story.first or published, published)
            story.last = max(story.last or published, published)
        strongest = sorted(weights, key=weights.__getitem__, reverse=True)
        for term in strongest[: self.settings.probe_terms]:
            self.postings.setdefault(term, set()).add(story_id)
