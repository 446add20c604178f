"""JSON from untrusted text, with nesting too deep for the parser reported as invalid JSON."""

from __future__ import annotations

import json
from typing import Any


def load_json(text: str) -> Any:
    """``json.loads(text)``; raises :class:`json.JSONDecodeError` for invalid JSON.

    The standard parser recurses once per nested array or object and meets Python's
    recursion limit at about a thousand levels (``[[[[...``): no article needs that, so such
    text fails like any other invalid JSON instead of as a RecursionError.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
