"""Copies: exact and near-duplicate texts (wire copy, light rewrites, reprints).

Each text becomes a set of word shingles (five consecutive lowercased words), sketched
with MinHash (``rensa``). An LSH index over the sketches proposes candidates cheaply; each
candidate is then verified exactly: a copy shares at least ``min_containment`` of the
shingles of the shorter text. Containment rather than Jaccard, because a reprint that
drops paragraphs or adds boilerplate is still a copy of what it keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping

from rensa import RMinHash, RMinHashLSH

from newsprism.common.shingles import WORD, word_shingles
from newsprism.settings import CopySettings

SHINGLE_WORDS = 5
NUM_PERM = 120
NUM_BANDS = 40
"""Three rows a band: a pair sharing 40 % of its shingles is proposed 93 % of the time."""
SEED = 1


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case normalised: equal for exact copies."""
    normalised = " ".join(WORD.findall(text.lower()))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The set of five-word shingles of ``text`` (the words themselves when shorter)."""
    return word_shingles(WORD.findall(text.lower()), SHINGLE_WORDS)


def sketch(shingle_set: Iterable[str]) -> RMinHash:
    """The MinHash sketch of a shingle set."""
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update(list(shingle_set))
    return minhash


def containment(first: set[str], second: set[str]) -> float:
    """Share of the smaller set's shingles found in the other set (0 when either is empty)."""
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    if not smaller:
        return 0.0
    return sum(1 for shingle in smaller if shingle in larger) / len(smaller)


class CopyIndex:
    """An LSH index of stored texts that finds the copies of a new one."""

    def __init__(self, settings: CopySettings | None = None) -> None:
        self.settings = settings or CopySettings()
        self.lsh = RMinHashLSH(threshold=0.4, num_perm=NUM_PERM, num_bands=NUM_BANDS)
        self.sketches: dict[int, RMinHash] = {}

    def add(self, key: int, minhash: RMinHash) -> None:
        """Index the sketch of a stored text under ``key``."""
        self.lsh.insert(key, minhash)
        self.sketches[key] = minhash

    def candidates(self, minhash: RMinHash) -> list[int]:
        """Keys whose sketches collide with ``minhash`` in some band."""
        return sorted(self.lsh.query(minhash)) if self.sketches else []

    def find_copy(
        self,
        shingle_set: set[str],
        minhash: RMinHash,
        texts_of: Callable[[list[int]], Mapping[int, str]],
    ) -> int | None:
        """Key of the stored text this one best copies, verified exactly; None when it is original.

        ``texts_of`` fetches the texts of candidate keys (from the store).
        """
        keys = self.candidates(minhash)
        if not keys:
            return None
        if len(keys) > self.settings.max_verified:
            keys = sorted(keys, key=lambda key: -minhash.jaccard(self.sketches[key]))
            keys = sorted(keys[: self.settings.max_verified])
        best_key, best_score = None, 0.0
        for key, text in texts_of(keys).items():
            score = self.verify(shingle_set, shingles(text))
            if score > best_score:
                best_key, best_score = key, score
        return best_key

    def verify(self, first: set[str], second: set[str]) -> float:
        """Containment of the two shingle sets when it makes them copies, else 0."""
        if min(len(first), len(second)) < self.settings.min_shingles:
            return 1.0 if first == second and first else 0.0
        score = containment(first, second)
        return score if score >= self.settings.min_containment else 0.0


def signature_bytes(minhash: RMinHash) -> bytes:
    """The sketch as bytes for the store (rensa's own state encoding, not pickle)."""
    return bytes(minhash.__getstate__())


def signature_from_bytes(data: bytes) -> RMinHash:
    """A sketch read back from :func:`signature_bytes` output."""
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.__setstate__(data)
    return minhash
