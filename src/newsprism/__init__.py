"""newsprism: one news story through every outlet that reported it.

The public API, for use as a library::

    from newsprism import ReadOptions, brief, render
    comparison = brief(["a.txt", "b.html"], ReadOptions())
    print(render(comparison, "markdown"))

Names are imported lazily so that ``import newsprism`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "brief": "newsprism.pipeline",
    "compare_articles": "newsprism.pipeline",
    "annotate_articles": "newsprism.annotate",
    "ReadOptions": "newsprism.ingest",
    "read_sources": "newsprism.ingest",
    "read_meta": "newsprism.ingest",
    "render": "newsprism.report",
    "render_annotations": "newsprism.report",
    "Article": "newsprism.model",
    "Comparison": "newsprism.model",
    "CopiedText": "newsprism.model",
    "Entity": "newsprism.model",
    "Evidence": "newsprism.model",
    "Fact": "newsprism.model",
    "QuoteGroup": "newsprism.model",
    "TimelineEvent": "newsprism.model",
    "WordChange": "newsprism.model",
    "SourceFailure": "newsprism.model",
    "NewsprismError": "newsprism.errors",
    "create_app": "newsprism.web",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return __all__
