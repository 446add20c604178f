"""Words and word shingles: the units copies of text are found by, across a corpus and in a story."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
"""A word, for comparing texts: letters, digits and underscores."""


def word_shingles(words: list[str], size: int) -> set[str]:
    """Every run of ``size`` consecutive ``words``, joined by spaces (all of them when fewer)."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
