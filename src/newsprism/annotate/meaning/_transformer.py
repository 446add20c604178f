"""all-MiniLM-L6-v2 as a plain numpy forward pass over its safetensors weights.

A BERT encoder of 6 layers, 384 wide, 12 heads: small enough for numpy. Measured on two
cores against torch and ONNX Runtime (both about 280 sentences/s), numpy runs at about
150: the matrix products are as fast, the element-wise steps are not fused. In exchange
it starts in 0.25 s (torch alone 0.9 s, sentence-transformers 3.7 s) and needs nothing
beyond numpy, ``tokenizers`` and ``safetensors``, nor any file built from the weights.
The result is sentence-transformers' own: WordPiece tokens (at most 256), the last layer's
states averaged over the tokens, scaled to unit length. It agrees with the reference to
3e-7 per component (``tests/annotate/test_meaning.py`` holds it to 1e-5).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

from newsprism.annotate.meaning._weights import WeightFiles

MAX_TOKENS = 256
"""sentence-transformers' ``max_seq_length`` for this model (``sentence_bert_config.json``):
``tokenizer.json`` says 128 but the reference overrides it, and so do we."""

TOKENS_PER_BATCH = 1024
"""Padded tokens per forward pass (sentences of similar length go together). Measured on
two cores with news sentences of 20-40 words: 256 to 2048 run within 5% of each other,
4096 and more 10% slower (the attention scores outgrow the cache)."""

FEED_FORWARD_ROWS = 128
"""Tokens per block of the feed-forward step: small enough for its 1536-wide states to stay
in the CPU cache (GELU runs 2.5 times faster there), large enough for fast products."""

_LAYER_PARTS = (
    "attention.self.query", "attention.self.key", "attention.self.value",
    "attention.output.dense", "attention.output.LayerNorm",
    "intermediate.dense", "output.dense", "output.LayerNorm",
)  # fmt: skip


@dataclass(frozen=True)
class _Layer:
    """One encoder layer, its matrices transposed once so each product is ``states @ matrix``."""

    qkv: np.ndarray
    qkv_bias: np.ndarray
    attended: np.ndarray
    attended_bias: np.ndarray
    attended_norm: tuple[np.ndarray, np.ndarray]
    widen: np.ndarray
    widen_bias: np.ndarray
    narrow: np.ndarray
    narrow_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class TransformerEncoder:
    """Sentence vectors from the transformer: the reference quality, about 150 sentences/s."""

    def __init__(self, files: WeightFiles) -> None:
        from safetensors.numpy import load_file

        config = json.loads(files.config.read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.epsilon = float(config["layer_norm_eps"])
        tensors = load_file(str(files.weights))
        self.tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.word_vectors = tensors["embeddings.word_embeddings.weight"]
        # Every token is of segment 0, so its embedding is folded into the positions'.
        self.position_vectors = (
            tensors["embeddings.position_embeddings.weight"]
            + tensors["embeddings.token_type_embeddings.weight"][0]
        )
        self.embedding_norm = (tensors["embeddings.LayerNorm.weight"], tensors["embeddings.LayerNorm.bias"])
        self.layers = [
            _layer(tensors, f"encoder.layer.{index}.") for index in range(config["num_hidden_layers"])
        ]
        self.width = self.word_vectors.shape[1]
        self.name = f"all-minilm-l6-v2-{files.version}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector (float32) per text, in order."""
        vectors = np.zeros((len(texts), self.width), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        for rows in _batches([len(encoding.ids) for encoding in encodings]):
            ids = _padded([encodings[row].ids for row in rows])
            vectors[rows] = self.pool(ids)
        return _unit(vectors)

    def pool(self, ids: np.ndarray) -> np.ndarray:
        """The mean of the last layer's states over the real (non-zero) tokens of each row."""
        batch, length = ids.shape
        mask = (ids != 0).astype(np.float32)
        # States stay two-dimensional (tokens x width): numpy multiplies a 3-d stack by a
        # matrix ten times slower than the same numbers as one 2-d product.
        states = (self.word_vectors[ids] + self.position_vectors[:length]).reshape(batch * length, self.width)
        states = _layer_norm(states, self.embedding_norm, self.epsilon)
        # Padding is kept out of every attention by a large negative score.
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            states = self._apply(layer, states, blocked)
        counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        pooled: np.ndarray = np.einsum("btw,bt->bw", states.reshape(batch, length, self.width), mask) / counts
        return pooled

    def _apply(self, layer: _Layer, states: np.ndarray, blocked: np.ndarray) -> np.ndarray:
        batch, _, _, length = blocked.shape
        size = self.width // self.heads
        qkv = (states @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, self.heads, size)
        query, key, value = qkv.transpose(2, 0, 3, 1, 4)
        scores = query @ key.transpose(0, 1, 3, 2) * np.float32(1 / math.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, self.width)
        attended = context @ layer.attended + layer.attended_bias
        states = _layer_norm(states + attended, layer.attended_norm, self.epsilon)
        # The feed-forward part treats each token alone: done a block of rows at a time,
        # its four-times-wider intermediate states stay in the CPU cache.
        for start in range(0, len(states), FEED_FORWARD_ROWS):
            block = states[start : start + FEED_FORWARD_ROWS]
            widened = _gelu(block @ layer.widen + layer.widen_bias)
            block[:] = _layer_norm(
                block + widened @ layer.narrow + layer.narrow_bias, layer.output_norm, self.epsilon
            )
        return states


def _layer(tensors: dict[str, np.ndarray], prefix: str) -> _Layer:
    def weight(part: str) -> np.ndarray:
        return tensors[f"{prefix}{part}.weight"]

    def bias(part: str) -> np.ndarray:
        return tensors[f"{prefix}{part}.bias"]

    query, key, value, attended, attended_norm, widen, narrow, output_norm = _LAYER_PARTS
    return _Layer(
        qkv=np.ascontiguousarray(np.concatenate([weight(query), weight(key), weight(value)]).T),
        qkv_bias=np.concatenate([bias(query), bias(key), bias(value)]),
        attended=np.ascontiguousarray(weight(attended).T),
        attended_bias=bias(attended),
        attended_norm=(weight(attended_norm), bias(attended_norm)),
        widen=np.ascontiguousarray(weight(widen).T),
        widen_bias=bias(widen),
        narrow=np.ascontiguousarray(weight(narrow).T),
        narrow_bias=bias(narrow),
        output_norm=(weight(output_norm), bias(output_norm)),
    )


def _layer_norm(states: np.ndarray, scale_shift: tuple[np.ndarray, np.ndarray], epsilon: float) -> np.ndarray:
    scale, shift = scale_shift
    centred: np.ndarray = states - states.mean(axis=-1, keepdims=True)
    deviation = np.sqrt(np.mean(np.square(centred), axis=-1, keepdims=True) + np.float32(epsilon))
    centred /= deviation
    centred *= scale
    centred += shift
    return centred


_ERF_TERMS = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)


def _gelu(values: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz and Stegun 7.1.26 (error
    under 1.5e-7, below float32's resolution here): numpy has no erf, and the tanh
    approximation would move the vectors by up to 3e-4.

    Written as 0.5 * (x + |x| * erf(|x| / sqrt 2)), which holds for either sign and needs
    no ``np.where`` (ten times slower than arithmetic over the same array). GELU is the
    costliest step after the matrix products, so every pass counts.
    """
    size = np.abs(values)
    t = size * np.float32(0.3275911 / math.sqrt(2))
    t += 1
    np.reciprocal(t, out=t)
    tail: np.ndarray = t * np.float32(_ERF_TERMS[0])
    for term in _ERF_TERMS[1:]:
        tail += np.float32(term)
        tail *= t
    decay = np.square(values)
    decay *= np.float32(-0.5)
    np.exp(decay, out=decay)
    tail *= decay  # now 1 - erf(|x| / sqrt 2)
    tail -= 1
    tail *= size  # -|x| * erf(|x| / sqrt 2)
    np.subtract(values, tail, out=tail)
    tail *= np.float32(0.5)
    return tail


def _batches(lengths: list[int]) -> Iterator[list[int]]:
    """Row numbers in batches of similar length (sorted), each within the token budget."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batch: list[int] = []
    for row in order:
        if batch and (len(batch) + 1) * lengths[row] > TOKENS_PER_BATCH:
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


def _padded(sequences: list[list[int]]) -> np.ndarray:
    """Token ids right-padded with 0 (``[PAD]``) to the longest sequence."""
    ids = np.zeros((len(sequences), max(map(len, sequences))), dtype=np.int64)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = sequence
    return ids


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return result
