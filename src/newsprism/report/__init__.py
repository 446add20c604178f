"""Reports: a :class:`~newsprism.model.Comparison` as text, Markdown, HTML or JSON.

Pure functions from the model to strings: no I/O, no printing. The CLI and the web app
choose the format and write the string where it belongs.

::

    render(comparison, "text" | "markdown" | "html" | "json", width=100, full=False) -> str
    render_text(comparison, width=100, color=False, full=False) -> str   ANSI when color
    render_annotations(articles, "json" | "text") -> str      what `annotate` prints

Every line of a brief cites its evidence (article and sentence, or exact character
offsets); an unknown format raises :class:`~newsprism.errors.UsageError`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.errors import UsageError
from newsprism.model import Article, Comparison
from newsprism.report.annotations import render_annotations_json, render_annotations_text
from newsprism.report.html import render_html
from newsprism.report.json import SCHEMA_VERSION, render_json
from newsprism.report.markdown import render_markdown
from newsprism.report.text import render_text

__all__ = [
    "ANNOTATION_FORMATS",
    "FORMATS",
    "SCHEMA_VERSION",
    "render",
    "render_annotations",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]

FORMATS = ("text", "markdown", "html", "json")
"""The formats :func:`render` knows, for ``--format`` choices."""

ANNOTATION_FORMATS = ("json", "text")
"""The formats :func:`render_annotations` knows."""


def render(comparison: Comparison, format: str, width: int = 100, full: bool = False) -> str:
    """Render the brief of ``comparison`` in ``format`` (one of :data:`FORMATS`).

    ``width`` is the terminal width of the text format; the others ignore it. Text is
    rendered without colour: call :func:`render_text` with ``color=True`` for a terminal.
    Text and Markdown are folded to be shorter than the articles unless ``full``; HTML
    and JSON always hold everything.
    """
    if format == "text":
        return render_text(comparison, width=width, full=full)
    if format == "markdown":
        return render_markdown(comparison, full=full)
    if format == "html":
        return render_html(comparison)
    if format == "json":
        return render_json(comparison)
    raise UsageError(f"Unknown report format {format!r}; choose one of {', '.join(FORMATS)}.")


def render_annotations(articles: Sequence[Article], format: str) -> str:
    """Render per-article annotations (``newsprism annotate``) as "json" or "text"."""
    if format == "json":
        return render_annotations_json(articles)
    if format == "text":
        return render_annotations_text(articles)
    raise UsageError(
        f"Unknown annotation format {format!r}; choose one of {', '.join(ANNOTATION_FORMATS)}."
    )
