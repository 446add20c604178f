"""Builders for hand-made store rows, shared by the store, listing and web tests."""

from __future__ import annotations

from collections.abc import Mapping

from newsprism.cluster.copies import content_hash, shingles, signature_bytes, sketch
from newsprism.model import Article
from newsprism.store import NewArticle


def store_row(
    article: Article,
    story: int,
    copy_of: int | None = None,
    features: Mapping[str, int] | None = None,
) -> NewArticle:
    """``article`` as the store takes it: its text hashed and sketched, in ``story``.

    The normalised URL is the article's URL as given.
    """
    return NewArticle(
        article=article,
        content_hash=content_hash(article.text),
        features=dict(features or {"w:report": 1}),
        signature=signature_bytes(sketch(shingles(article.text))),
        story=story,
        copy_of=copy_of,
        normalised_url=article.url,
    )
