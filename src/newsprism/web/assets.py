"""The web app's stylesheets, served as files under addresses that name their version.

::

    static_url("app.css")   -> "/static/app.css?v=3f2a9c1b7d4e"    (a hash of the content)
    stylesheet("app.css")   -> Stylesheet(text, version)

Pages link :func:`static_url`; the address changes whenever the file does, so a browser may
keep the file for a year without asking again (``immutable``) and still fetches a changed
stylesheet at once. The brief's stylesheet is the report's own ``brief.css``, the very file
a brief written to disk inlines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsprism.errors import NotFoundError

_FILES = {
    "app.css": ("newsprism.web", "static/app.css"),
    "brief.css": ("newsprism.report", "templates/brief.css"),
}

CACHE_FOREVER = "public, max-age=31536000, immutable"
"""For a file asked for by its current version: that address never changes content."""


@dataclass(frozen=True)
class Stylesheet:
    """A stylesheet's text and its version (the start of a SHA-256 of the text)."""

    text: str
    version: str


@cache
def stylesheet(name: str) -> Stylesheet:
    """The stylesheet called ``name``, read once per process.

    Raises :class:`~newsprism.errors.NotFoundError` for a name the app does not serve.
    """
    if name not in _FILES:
        raise NotFoundError(f"No stylesheet {name!r}; the app serves {', '.join(sorted(_FILES))}.")
    package, path = _FILES[name]
    text = resources.files(package).joinpath(path).read_text(encoding="utf-8")
    return Stylesheet(text, hashlib.sha256(text.encode("utf-8")).hexdigest()[:12])


def static_url(name: str) -> str:
    """The address of stylesheet ``name`` at its current version."""
    return f"/static/{name}?v={stylesheet(name).version}"
