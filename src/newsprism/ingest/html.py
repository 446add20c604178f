"""Main text, title, site name and publication time of an HTML page (trafilatura, htmldate).

Both libraries download a page when handed a URL, so they only ever get HTML text here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura

from newsprism.common.boilerplate import is_page_furniture
from newsprism.errors import ExtractionError
from newsprism.ingest.dates import parse_published
from newsprism.ingest.structured import StructuredArticle, json_ld_article
from newsprism.ingest.text import normalise_text
from newsprism.settings import ExtractionSettings

# Only dates the page states in its markup (meta tags, JSON-LD, <time>, the URL): htmldate's
# "extensive" search guesses from dates in the body text, and such a guess would silently
# beat the publication date a user gives with --published.
_DATE_PARAMETERS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")

# trafilatura logs every page it finds too short at WARNING; a batch reports that itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class ExtractedPage:
    """What an HTML page says about itself; ``text`` is normalised and never empty."""

    text: str
    title: str | None
    site_name: str | None
    published: datetime | None


def declared_charset(html: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(html[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_html(
    html: str,
    source: str,
    url: str | None = None,
    settings: ExtractionSettings = ExtractionSettings(),
) -> ExtractedPage:
    """Extract the article of a whole HTML page.

    ``url`` (never fetched) helps the libraries with metadata. Raises
    :class:`ExtractionError` when the page holds no article text.
    """
    document = _trafilatura(html, source, url)
    text = normalise_text(getattr(document, "text", None) or "")
    structured = json_ld_article(html)
    if structured is not None and _structured_is_better(normalise_text(structured.body), text):
        return _from_structured(structured, document, source, url, settings)
    if _words(text) < settings.min_article_words:
        raise ExtractionError(source, "no article text found in the HTML")
    site_name = _site_name(document.sitename, url)
    title = _title(document.title, site_name)
    return ExtractedPage(
        text=_drop_boilerplate_lines(_drop_leading_title(text, title), settings.furniture_max_words),
        title=title,
        site_name=site_name,
        published=_published(document.date),
    )


def _from_structured(
    structured: StructuredArticle,
    document: Any,
    source: str,
    url: str | None,
    settings: ExtractionSettings,
) -> ExtractedPage:
    """The page's JSON-LD article, with trafilatura's metadata where it has some."""
    text = normalise_text(structured.body)
    if _words(text) < settings.min_article_words:
        raise ExtractionError(source, "no article text found in the HTML")
    site_name = _site_name(getattr(document, "sitename", None), url) or structured.publisher
    return ExtractedPage(
        text=_drop_boilerplate_lines(text, settings.furniture_max_words),
        title=_title(getattr(document, "title", None), site_name) or structured.headline,
        site_name=site_name,
        published=_published(getattr(document, "date", None)) or _published(structured.published),
    )


def _structured_is_better(structured: str, visible: str) -> bool:
    """JSON-LD's articleBody wins when it is clearly longer than the visible text, or as long
    and split into more paragraphs (trafilatura's own JSON-LD fallback joins them)."""
    longer = _words(structured) > 1.1 * _words(visible)
    as_long = _words(structured) >= 0.9 * _words(visible)
    return longer or (as_long and structured.count("\n") > visible.count("\n"))


def _words(text: str) -> int:
    return len(text.split())


def _trafilatura(html: str, source: str, url: str | None) -> Any:
    """trafilatura's full extraction. Its fast mode is about twice as fast on big pages but
    skips the readability comparison that rescues an article the main extractor got only
    part of (text split by adverts), so it is not used: text quality comes first here."""
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_PARAMETERS,
        )
    except Exception as error:
        raise ExtractionError(source, f"HTML could not be parsed ({type(error).__name__}: {error})") from None


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per line as in
    trafilatura's output, so feed text and page text look alike."""
    # Normalised first: lxml keeps a control character it parsed in a tail but refuses to
    # be given one back, as the paragraph breaks below do.
    fragment = normalise_text(fragment)
    if "<" not in fragment:
        return normalise_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return normalise_text(re.sub(r"<[^>]+>", " ", fragment))
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return normalise_text("\n".join(line for line in lines if line))


def _drop_boilerplate_lines(text: str, most_words: int) -> str:
    """Drop short lines that are page furniture left inside the article body ("Advertisement",
    "Share this article", "Sign up to our newsletter"); a longer line is always kept."""
    kept = [
        line
        for line in text.split("\n")
        if not (len(line.split()) <= most_words and is_page_furniture(line))
    ]
    return normalise_text("\n".join(kept))


def _drop_leading_title(text: str, title: str | None) -> str:
    """Drop a first line that repeats the title: the title is kept apart from the text."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _comparable(first) == _comparable(title):
        return normalise_text(rest)
    return text


def _comparable(line: str) -> str:
    return " ".join(line.casefold().split())


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _title(title: str | None, site_name: str | None) -> str | None:
    """The headline without stray separators; a "title" that is only the site name is none."""
    title = (_clean(title) or "").strip(" -|–—·•")
    if not title or (site_name and title.casefold() == site_name.casefold()):
        return None
    return title


def _site_name(name: str | None, url: str | None) -> str | None:
    """The name a page gives its site; trafilatura's stand-in (the URL's host) is not one."""
    name = _clean(name)
    if name and url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if name.casefold().removeprefix("www.").split(":")[0] == host.casefold():
            return None
    return name


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None
