"""The frame every web-app page shares, and the one way pages are rendered from templates.

The templates are ``web/templates/*.html``; they extend the report's ``document.html`` (the
page head the brief uses too) and may import its ``macros.html``. The template engine
escapes every value a page is given, so pages pass plain strings, never markup.
"""

from __future__ import annotations

from jinja2 import Environment

from newsprism.report.html import template_environment
from newsprism.web.assets import static_url


def _templates() -> Environment:
    return template_environment("newsprism.web", "newsprism.report")


def render_page(template: str, title: str, **context: object) -> str:
    """A complete HTML document from ``template``: ``title`` (plain text) heads it."""
    page = _templates().get_template(template)
    return page.render(title=title, stylesheet=static_url("app.css"), **context)
