#!/usr/bin/env python3
"""Write the sentence-transformers vectors the meaning tests compare against.

    pip install torch==2.13.0 sentence-transformers    # once, in a scratch environment
    python scripts/make_meaning_reference.py           # writes tests/data/meaning/reference.json

Run once, by hand: the test suite reads the JSON and never needs torch. The texts are
written for the purpose (never taken from a dataset) and cover what could go wrong: a
plain news sentence, accents and curly quotes, numbers, an empty string, and a text longer
than the model's 256 tokens (cut at the same place by both).
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from newsprism.annotate.meaning._weights import WEIGHTS_PACKAGE, locate_weights

OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "meaning" / "reference.json"
TEXTS = [
    "The council voted on Tuesday to close the library at the end of the year.",
    "“We had no choice,” said Zoë Müller, the café's owner, after the fire.",
    "Prices rose 3.4% in March, the fastest pace since 2021, official figures showed.",
    "",
    "Flood " + "water kept rising along the river through the night and into the morning, " * 30,
]


def main() -> None:
    from sentence_transformers import SentenceTransformer

    files = locate_weights()
    model = SentenceTransformer(str(files.folder), device="cpu")
    vectors = model.encode(TEXTS, batch_size=8, normalize_embeddings=False)
    reference = {
        "made_by": "scripts/make_meaning_reference.py",
        "weights": {"package": WEIGHTS_PACKAGE, "version": files.version},
        "sentence_transformers": importlib.metadata.version("sentence-transformers"),
        "torch": importlib.metadata.version("torch"),
        "texts": TEXTS,
        "vectors": [[round(float(value), 8) for value in row] for row in vectors],
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(reference, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(TEXTS)} reference vectors")


if __name__ == "__main__":
    main()
