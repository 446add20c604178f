"""One short function per web-app page: model values in, a complete HTML document out.

Pure functions, like :mod:`newsprism.report`: no store, no I/O. Every string that comes
from an article, a source or the request is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from newsprism.report.html import escape
from newsprism.report.outline import published_text, web_url
from newsprism.store import FailureRecord, StoredArticle, StorySummary
from newsprism.web.layout import page


@dataclass(frozen=True)
class StoryListing:
    """One page of the story list: the stories shown and how the list was asked for."""

    stories: Sequence[StorySummary]
    total: int
    query: str
    since: str
    page: int
    pages: int


def stories_page(listing: StoryListing) -> str:
    """The story list: a search form, one row per story, and links to further pages."""
    rows = "".join(_story_row(story) for story in listing.stories)
    found = f"{listing.total} stor{'y' if listing.total == 1 else 'ies'}"
    if listing.query or listing.since:
        found += " match"
    table = (
        "<table><thead><tr><th>Story</th><th>Articles</th><th>Independent</th>"
        f"<th>Outlets</th><th>First</th><th>Last</th></tr></thead><tbody>{rows}</tbody></table>"
        if listing.stories
        else '<p class="notice">No stories to show. Add articles with '
        "<code>newsprism ingest SOURCE...</code>.</p>"
    )
    body = (
        "<h1>Stories</h1>"
        '<form class="search" method="get" action="/">'
        f'<input type="search" name="q" value="{escape(listing.query)}" '
        'placeholder="Words in a headline, an outlet or an article id" aria-label="Search">'
        f'<input type="date" name="since" value="{escape(listing.since)}" aria-label="Since">'
        '<button type="submit">Search</button></form>'
        f'<p class="muted">{found}</p>{table}{_page_links(listing)}'
    )
    return page("Stories", body)


def _story_row(story: StorySummary) -> str:
    outlets = ", ".join(story.outlets) or "—"
    return (
        f'<tr><td><a href="/stories/{story.id}">{escape(story.title or "Untitled story")}</a></td>'
        f'<td class="number">{len(story.articles)}</td>'
        f'<td class="number">{story.independent_sources}</td>'
        f"<td>{escape(outlets)}</td><td>{_moment(story.first_published)}</td>"
        f"<td>{_moment(story.last_published)}</td></tr>"
    )


def _moment(moment: datetime | None) -> str:
    return "—" if moment is None else escape(moment.strftime("%Y-%m-%d %H:%M"))


def _page_links(listing: StoryListing) -> str:
    links = []
    for label, number in (("← Newer", listing.page - 1), ("Older →", listing.page + 1)):
        if 1 <= number <= listing.pages:
            fields = {"q": listing.query, "since": listing.since, "page": str(number)}
            address = "/?" + urlencode({key: value for key, value in fields.items() if value})
            links.append(f'<a href="{escape(address)}">{label}</a>')
    if not links:
        return ""
    return f'<nav class="pages">{"".join(links)}<span class="muted">page {listing.page} of {listing.pages}</span></nav>'


def article_page(stored: StoredArticle) -> str:
    """One stored article in full, with its story and the copies of its text."""
    article = stored.article
    url = web_url(article.url)
    source = (
        f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(url)}</a>'
        if url
        else escape(article.url or article.source)
    )
    paragraphs = "".join(
        f"<p>{escape(paragraph.strip())}</p>"
        for paragraph in article.text.split("\n")
        if paragraph.strip()
    )
    body = (
        f'<p class="muted"><a href="/stories/{stored.story}">Story {stored.story}</a></p>'
        f"<h1>{escape(article.title or '(no title)')}</h1>"
        f'<p class="meta">{escape(article.name)} · {escape(published_text(article))} · {source}'
        f" · id <code>{escape(article.id)}</code></p>"
        f"{_copies(stored)}"
        f'<div class="body">{paragraphs}</div>'
    )
    return page(article.title or article.name, body)


def _copies(stored: StoredArticle) -> str:
    if not stored.copies:
        return ""
    links = ", ".join(
        f'<a href="/articles/{rowid}">{escape(article_id)}</a>' for rowid, article_id in stored.copies
    )
    if stored.origin == stored.rowid:
        return f'<p class="notice">The earliest of {len(stored.copies) + 1} copies of one text; the others: {links}.</p>'
    return (
        f'<p class="notice">A copy of <a href="/articles/{stored.origin}">an earlier article</a>; '
        f"its copy group: {links}.</p>"
    )


def failures_page(failures: Sequence[FailureRecord]) -> str:
    """Every source that failed to ingest, with its reason."""
    if not failures:
        return page("Failed sources", "<h1>Failed sources</h1><p>No source has failed.</p>")
    rows = "".join(
        f"<tr><td>{escape(failure.failed_at)}</td><td><code>{escape(failure.source)}</code></td>"
        f"<td>{escape(failure.reason)}</td></tr>"
        for failure in failures
    )
    body = (
        f"<h1>Failed sources</h1><p class=\"muted\">{len(failures)} failures</p>"
        f"<table><thead><tr><th>When</th><th>Source</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return page("Failed sources", body)


def problem_page(title: str, message: str) -> str:
    """A page for a request that cannot be answered: not found, bad request, failure."""
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p><p><a href=\"/\">All stories</a></p>")
