"""The frame every web-app page shares: head, inline style, the bar of site links.

Every string that comes from an article or the store is escaped by the page functions
before it reaches :func:`page`; this module escapes the title it is given.
"""

from __future__ import annotations

from importlib import resources

from newsprism.report.html import document_head, escape


def _stylesheet() -> str:
    return resources.files("newsprism.web").joinpath("app.css").read_text(encoding="utf-8")


def page(title: str, body: str) -> str:
    """A complete HTML document: ``title`` is plain text, ``body`` is markup."""
    return "\n".join(
        [
            *document_head(f"{escape(title)} · newsprism", _stylesheet()),
            "<body>",
            '<header class="bar"><a class="home" href="/">newsprism</a>'
            '<a href="/">Stories</a><a href="/errors">Failed sources</a></header>',
            f"<main>\n{body}\n</main>",
            "</body>",
            "</html>",
        ]
    ) + "\n"
