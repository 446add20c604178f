"""Fixtures of the watch tests: a running newsroom and a clock moved by hand (see newsroom.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .newsroom import HandClock, Newsroom, serving


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    """A running newsroom with no robots.txt (404: everything allowed)."""
    with serving(Newsroom()) as room:
        yield room


@pytest.fixture
def clock() -> HandClock:
    """A clock a test moves by hand."""
    return HandClock()
