"""Splitting a story that has gathered two events: a local repair, never a re-clustering.

Single-pass assignment has one blind spot: the first report of a new event of the same kind
as a running story (a second earthquake, another coach fired) can look more like that story
than like nothing, and joins it; the next reports of the new event then follow. Within the
story the two events still show: reports of one event resemble each other about twice as
much as they resemble reports of the other. :func:`split_members` finds such a seam with
average-link two-means over the members' pairwise cosine similarities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.settings import StorySettings

_DEFAULT = StorySettings()



@dataclass(frozen=True)
class Seam:
    """Where a story would split: a 0/1 label per member, and how far apart the groups are.

    ``separation`` is the mean similarity between the groups divided by the mean similarity
    inside the looser group: near 1 for one event, about 0.5 for two events of one kind.
    """

    labels: tuple[int, ...]
    separation: float


def split_members(
    vectors: Sequence[Mapping[str, float]], min_group: int = _DEFAULT.split_min_group,
    rounds: int = _DEFAULT.split_rounds,
) -> Seam | None:
    """The best two-way seam of a story's members, or None when there is none to weigh.

    ``vectors`` are unit-length sparse vectors; each group must keep ``min_group``
    members or more: two close reports are too often one wire story told twice to stand
    for a second event, and a second event that is real keeps gathering reports, so a
    later check still finds it.
    """
    if len(vectors) < 2 * min_group:
        return None
    return best_seam(similarities(vectors), min_group, rounds)


def best_seam(
    similarity: np.ndarray,
    min_group: int = _DEFAULT.split_min_group,
    rounds: int = _DEFAULT.split_rounds,
) -> Seam | None:
    """:func:`split_members` over the members' pairwise similarities."""
    if len(similarity) < 2 * min_group:
        return None
    labels = _two_groups(similarity, rounds)
    if labels is None or min(labels.sum(), len(labels) - labels.sum()) < min_group:
        return None
    first, second = labels == 0, labels == 1
    between = similarity[np.ix_(first, second)].mean()
    looser = min(_cohesion(similarity, first), _cohesion(similarity, second))
    if looser <= 0:
        return None
    return Seam(tuple(int(label) for label in labels), float(between / looser))


def similarities(vectors: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Pairwise dot products; only terms of two members or more are laid out in columns.

    A term of one member adds to that member's similarity with itself alone, so the
    diagonal is filled in from each vector's own length: the same matrix at a fraction
    of the width (most terms of a story occur in one report).
    """
    members: Counter[str] = Counter(term for vector in vectors for term in vector)
    vocabulary = {
        term: column
        for column, term in enumerate(t for t, count in members.items() if count > 1)
    }
    matrix = np.zeros((len(vectors), len(vocabulary)))
    for row, vector in enumerate(vectors):
        for term, value in vector.items():
            column = vocabulary.get(term)
            if column is not None:
                matrix[row, column] = value
    similarity = matrix @ matrix.T
    np.fill_diagonal(
        similarity,
        [sum(value * value for value in vector.values()) for vector in vectors],
    )
    return similarity


def _two_groups(similarity: np.ndarray, rounds: int) -> np.ndarray | None:
    """Average-link two-means seeded with the least similar pair of members."""
    size = len(similarity)
    seeds = np.unravel_index(np.argmin(similarity + np.eye(size) * 9), similarity.shape)
    labels = (similarity[:, seeds[1]] > similarity[:, seeds[0]]).astype(int)
    for _ in range(rounds):
        if labels.all() or not labels.any():
            return None
        updated = (
            _affinity(similarity, labels == 1) > _affinity(similarity, labels == 0)
        ).astype(int)
        if (updated == labels).all():
            break
        labels = updated
    if labels.all() or not labels.any():
        return None
    return labels


def _affinity(similarity: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Each member's mean similarity to the members of ``group`` other than itself.

    A member's similarity to itself is left out: counted in, it holds a member in a
    small group however little it resembles the others there, and the seam then
    follows the seeds rather than the events.
    """
    total = similarity[:, group].sum(axis=1)
    count = int(group.sum())
    inside = (total - np.diag(similarity)) / max(count - 1, 1)
    mean: np.ndarray = np.where(group, inside, total / count)
    return mean


def _cohesion(similarity: np.ndarray, members: np.ndarray) -> float:
    """Mean similarity between distinct members of one group."""
    count = int(members.sum())
    block = similarity[np.ix_(members, members)]
    return float((block.sum() - np.trace(block)) / (count * (count - 1)))
