"""What ingest computes about an article before it is stored, on any process.

Everything here is a pure function of the article and the settings: its content hash,
normalised URL, story features, MinHash sketch and, when asked, its deep annotations (one
spaCy parse per batch). None of it depends on what the store holds, so it can run in any
order, on any worker, and give the same bytes; what does depend on the store (which copy
group, which story) is decided by the single writer, in input order
(:meth:`newsprism.corpus.Corpus.add_prepared`). The result is plain data (strings,
integers, bytes, the model's frozen dataclasses), cheap to ship between processes; no
spaCy object ever leaves the function that parsed it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.cluster.copies import content_hash, shingles, signature_bytes, sketch
from newsprism.cluster.features import article_features
from newsprism.errors import NewsprismError
from newsprism.ingest import normalise_url
from newsprism.ingest.options import Ingested
from newsprism.model import Article, SourceFailure
from newsprism.settings import Settings
from newsprism.store import StoredAnnotations, annotations_to_json

__all__ = ["Prepared", "annotate_each", "annotate_for_store", "prepare", "prepare_article", "text_hash"]


@dataclass(frozen=True)
class Prepared:
    """One article with everything ingest computes before storing it.

    ``annotations`` holds its deep annotations when they were asked for and made;
    ``annotation_failure`` says why they could not be made (the article is stored without).
    """

    article: Article
    raw: bytes | None
    media_type: str | None
    normalised_url: str | None
    content_hash: str
    features: dict[str, int]
    signature: bytes
    annotations: StoredAnnotations | None = None
    annotation_failure: str | None = None


def prepare(items: Sequence[Ingested], settings: Settings = Settings(), annotate: bool = False) -> list[Prepared]:
    """Prepare ``items`` for the store, in order; with ``annotate``, parse them in one batch."""
    annotated = annotate_for_store([item.article for item in items], settings) if annotate else None
    return [
        prepare_article(item.article, item.raw, item.media_type, settings, annotated[position] if annotated else None)
        for position, item in enumerate(items)
    ]


def prepare_article(
    article: Article,
    raw: bytes | None = None,
    media_type: str | None = None,
    settings: Settings = Settings(),
    annotated: StoredAnnotations | SourceFailure | None = None,
) -> Prepared:
    """Prepare one article (its annotations, when made, given as ``annotated``)."""
    text = article.text or article.title or ""
    return Prepared(
        article=article,
        raw=raw,
        media_type=media_type,
        normalised_url=normalise_url(article.url) if article.url else None,
        content_hash=content_hash(text),
        features=dict(article_features(article, settings.stories)),
        signature=signature_bytes(sketch(shingles(text))),
        annotations=annotated if isinstance(annotated, StoredAnnotations) else None,
        annotation_failure=annotated.reason if isinstance(annotated, SourceFailure) else None,
    )


def annotate_for_store(
    articles: Sequence[Article], settings: Settings = Settings()
) -> list[StoredAnnotations | SourceFailure]:
    """The deep annotations of each article as the store keeps them, made on the part of
    its text a brief compares (so ``show`` finds them), or the reason they could not be."""
    from newsprism.annotate import annotator_version
    from newsprism.pipeline import compared_part

    version = annotator_version(settings)
    compared = [compared_part(article, settings)[0] for article in articles]
    outcomes: list[StoredAnnotations | SourceFailure] = []
    for outcome in annotate_each(compared, settings):
        if isinstance(outcome, SourceFailure):
            outcomes.append(outcome)
        else:
            outcomes.append(StoredAnnotations(version, text_hash(outcome.text), annotations_to_json(outcome)))
    return outcomes


def annotate_each(articles: Sequence[Article], settings: Settings) -> list[Article | SourceFailure]:
    """Annotate ``articles`` in one batch; when the batch fails, one at a time, so that one
    article the parser cannot take becomes a failure with its reason and the rest go on."""
    from newsprism.annotate import annotate_articles

    if not articles:
        return []
    try:
        return list(annotate_articles(articles, settings))
    except NewsprismError:
        raise
    except Exception:  # a parser error on some article: find which, keep the others
        outcomes: list[Article | SourceFailure] = []
        for article in articles:
            try:
                outcomes.extend(annotate_articles([article], settings))
            except NewsprismError:
                raise
            except Exception as error:
                reason = f"cannot be annotated ({type(error).__name__}: {str(error)[:200]}); left out of its story"
                outcomes.append(SourceFailure(article.source, reason))
        return outcomes


def text_hash(text: str) -> str:
    """The hash stored with annotations: they count only for the very text they were made on."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
