"""The knobs of story clustering (:mod:`newsprism.cluster.stories`), set once per collection."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class StorySettings:
    """The rule's knobs, set once for every collection (never per document)."""

    join_threshold: float = 0.15
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
    merge_score: float = 0.2
    """An article that scores this much with a second story (a third over the join
    threshold) bridges it to the story it joins: the two merge when both are dated or
    both undated and their members tell one event (see :meth:`StoryIndex.place`)."""
    prior_documents: int = 50
    """Pretend documents that carry none of the features: a small store then treats every
    feature as rare instead of giving a feature of both its articles no weight at all."""
    grace_days: float = 7.0
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

    @property
    def window_days(self) -> float:
        """Beyond this many days apart even a perfect match scores under the threshold."""
        decayed = self.grace_days + self.decay_days * math.log(
            1 / max(self.join_threshold, 1e-6)
        )
        if self.follow_up_weight >= self.join_threshold:
            return max(decayed, self.follow_up_days)
        return decayed
