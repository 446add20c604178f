"""Page furniture is told from news, by line or by sentence."""

from __future__ import annotations

import pytest

from newsprism.common.boilerplate import is_page_furniture


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement",
        "Share this article",
        "Sign up for our morning newsletter to get the top stories.",
        "Read more: the council's budget",
        "Image caption, The flooded high street",
        "Copyright 2026 Northern Ledger. All rights reserved.",
        "This article first appeared in the Tarnow Herald and is republished with permission.",
    ],
)
def test_page_furniture_is_recognised(text: str) -> None:
    assert is_page_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement spending rose by a fifth last year.",
        "Copyright holders sued the streaming service on Monday.",
        "Subscribers to the water company will pay more from April.",
        "Shares in the company fell 4%.",
    ],
)
def test_news_that_opens_with_the_same_words_is_kept(text: str) -> None:
    assert not is_page_furniture(text)
