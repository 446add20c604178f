"""Per-article annotation: sentences, clauses and their meaning, entity mentions, quotes and
time expressions.

Each step reads one parsed article and returns annotations as offsets into its text;
:func:`annotate_articles` runs them all with one spaCy parse per article, and
:func:`annotate_parsed` runs them on one article already parsed, reporting how long each
step took when asked (the benchmarks time the steps through it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from newsprism.model import Article
from newsprism.settings import Settings, fingerprint

if TYPE_CHECKING:
    from spacy.tokens import Doc

ANNOTATOR_VERSION = "7"
"""Raise when any step changes what it finds: cached annotations are then recomputed."""

STEPS = ("sentences", "clauses", "meaning", "entities", "quotes", "times")
"""The annotation steps after the parse, in the order they run."""

StepTimer = Callable[[str, float], None]
"""Told the name of each step (one of :data:`STEPS`) and the seconds it took."""

__all__ = [
    "ANNOTATOR_VERSION",
    "STEPS",
    "StepTimer",
    "annotate_articles",
    "annotate_parsed",
    "annotator_version",
]

_Result = TypeVar("_Result")


def annotator_version(settings: Settings = Settings()) -> str:
    """The version stored with cached annotations: :data:`ANNOTATOR_VERSION`, and a
    fingerprint of the settings that shape annotations when they are not the defaults."""
    shaping = (settings.annotate, settings.names)
    if shaping == (Settings().annotate, Settings().names):
        return ANNOTATOR_VERSION
    return f"{ANNOTATOR_VERSION}+{fingerprint(shaping)}"


def annotate_articles(articles: Sequence[Article], settings: Settings = Settings()) -> list[Article]:
    """Return the articles with sentences, clauses (and their meaning vectors), mentions,
    quotes and times filled in."""
    from newsprism.annotate.nlp import parse_many

    docs = parse_many([article.text for article in articles])
    return [
        annotate_parsed(article, doc, settings=settings)
        for article, doc in zip(articles, docs, strict=True)
    ]


def annotate_parsed(
    article: Article,
    doc: Doc,
    on_step: StepTimer | None = None,
    settings: Settings = Settings(),
) -> Article:
    """``article`` with every annotation read from ``doc``, its parse.

    With ``on_step``, each step's name and duration are reported as it finishes.
    """
    # Imported here so that importing one step (``newsprism.annotate.nlp``) stays cheap.
    from newsprism.annotate.clauses import find_clauses
    from newsprism.annotate.entities import find_entities
    from newsprism.annotate.meaning import clause_vectors
    from newsprism.annotate.quotes import find_quotes
    from newsprism.annotate.sentences import find_sentences
    from newsprism.annotate.times import find_times

    def run(name: str, step: Callable[[], _Result]) -> _Result:
        if on_step is None:
            return step()
        started = time.perf_counter()
        result = step()
        on_step(name, time.perf_counter() - started)
        return result

    published = article.published.date() if article.published else None
    chosen = settings.annotate
    sentences = run("sentences", lambda: find_sentences(doc))
    clauses = run("clauses", lambda: find_clauses(doc, sentences))
    return replace(
        article,
        sentences=sentences,
        clauses=clauses,
        meaning=run("meaning", lambda: clause_vectors(article.text, clauses)),
        mentions=run("entities", lambda: find_entities(doc, chosen.entities, settings.names)),
        quotes=run("quotes", lambda: find_quotes(doc, chosen.quotes)),
        times=run("times", lambda: find_times(doc, published, chosen.times)),
    )
