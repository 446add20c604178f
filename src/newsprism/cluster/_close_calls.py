"""Close calls of story assignment, decided by what headlines and leads mean.

The cheap index weighs shared words and names. Where its best score is near the join
threshold, or two stories score nearly alike, shared words are weak evidence: reports of
two events of one kind (two summits, two protests) share most of their words. There the
static sentence-meaning vectors (:mod:`newsprism.annotate.meaning`) of the article's
headline and lead are compared with those of each contending story's members, and the
names they share weigh once more. Clear cases never come here, so ingest keeps its speed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence

import numpy as np

from newsprism.settings import StorySettings

Leads = Callable[[int], Mapping[Hashable, str]]
"""A story id -> the headline and lead of each of its members, by member key, in
publication order."""


class MeaningJudge:
    """Meaning vectors of articles and stories, computed only for close calls.

    A story's vector is the normalised sum of its members' lead vectors (the first and the
    latest ``meaning_members``), read through ``leads`` and kept while the story keeps its
    size: it depends on the story's members alone, never on the order in which the index
    met them, so an ingest resumed after a kill decides as the uninterrupted one did.
    """

    def __init__(self, settings: StorySettings, leads: Leads) -> None:
        self.settings = settings
        self.leads = leads
        self.sums: dict[int, tuple[np.ndarray, int]] = {}
        """Story id -> (sum of member lead vectors, the story's size when it was read)."""
        self.encoded = 0
        """How many texts were encoded: what the close calls cost."""

    def article(self, lead: str) -> np.ndarray:
        """The unit meaning vector of one article's headline and lead."""
        vector: np.ndarray = self._encode([lead])[0]
        return vector

    def story(self, story_id: int, size: int) -> np.ndarray:
        """The unit meaning vector of a story of ``size`` members."""
        cached = self.sums.get(story_id)
        if cached is None or cached[1] != size:
            leads = list(self.leads(story_id).values())
            count = self.settings.meaning_members
            if len(leads) > count:  # the first reports and the latest
                leads = leads[: count // 2] + leads[len(leads) - (count - count // 2) :]
            cached = self.sums[story_id] = (self._encode(leads).sum(axis=0), size)
        return _unit(cached[0])

    def parts_alike(
        self, story_id: int, first: Collection[Hashable], second: Collection[Hashable]
    ) -> float:
        """The meaning cosine between two groups of a story's members (by key)."""
        leads = self.leads(story_id)
        vectors = [
            _unit(self._encode([leads[key] for key in group if key in leads]).sum(axis=0))
            for group in (first, second)
        ]
        return float(vectors[0] @ vectors[1])

    def joined(self, story_id: int, vector: np.ndarray) -> None:
        """An article decided by a close call joined ``story_id``: its vector is read again
        from the members when next needed (adding ``vector`` to the kept sum would make the
        sum depend on which members joined by a close call)."""
        self.sums.pop(story_id, None)

    def forget(self, *story_ids: int) -> None:
        """The members of these stories changed wholesale (a split or a merge)."""
        for story_id in story_ids:
            self.sums.pop(story_id, None)

    def _encode(self, texts: list[str]) -> np.ndarray:
        from newsprism.annotate.meaning import encode

        self.encoded += len(texts)
        return encode(texts, "static")


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    unit: np.ndarray = vector / norm if norm else vector
    return unit


def is_close(settings: StorySettings, scores: Sequence[tuple[float, int]]) -> bool:
    """True when the cheap scores (highest first) leave the choice of story in doubt."""
    if not scores:
        return False
    best = scores[0][0]
    threshold = settings.join_threshold
    if threshold - settings.close_below <= best <= threshold + settings.close_above:
        return True
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    return best >= settings.join_threshold and best - runner_up < settings.close_margin


def decided_score(settings: StorySettings, score: float, meaning: float, names: float) -> float:
    """A contender's score once meaning and names have had their say.

    ``meaning`` is the cosine between the article's and the story's lead vectors,
    ``names`` the cosine of the names they share (0 when either has none); each moves the
    cheap score by its weight times its distance from its pivot.
    """
    return (
        score
        + settings.meaning_weight * (meaning - settings.meaning_pivot)
        + settings.names_weight * (names - settings.names_pivot)
    )


def names_cosine(names_dot: float, names_norm: float, story_names_squared: float) -> float:
    """TF-IDF cosine of the names (``n:`` features) of an article and a story, from the
    article's names' dot product with the story, the article's names norm, and the
    squared norm of the story's names."""
    if not names_dot or not names_norm or story_names_squared <= 0:
        return 0.0
    return names_dot / (names_norm * math.sqrt(story_names_squared))
