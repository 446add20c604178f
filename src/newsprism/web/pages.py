"""One short function per web-app page: model values in, a complete HTML document out.

Pure functions, like :mod:`newsprism.report`: no store, no I/O. Each decides what its page
shows, as plain strings and numbers, and hands them to its template in ``web/templates/``,
which lays them out; the template engine escapes every one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from newsprism.report.outline import UNTITLED, published_text, web_url
from newsprism.store import FailureRecord, StoredArticle, StorySummary
from newsprism.watch.diff import Change, summarise_changes
from newsprism.watch.history import ArticleHistory, context_of
from newsprism.web.layout import render_page


@dataclass(frozen=True)
class StoryListing:
    """One page of the story list: the stories shown and how the list was asked for."""

    stories: Sequence[StorySummary]
    total: int
    query: str
    since: str
    page: int
    pages: int
    label: str = ""
    """The label the list is filtered by (``column: value``), or empty."""
    labels: tuple[str, ...] = ()
    """Every label some stored outlet carries (from ``serve --sources``)."""
    hidden: tuple[str, ...] = ()
    """Outlets the reader hides."""
    outlets: tuple[str, ...] = ()
    """Every stored outlet, the most reported first."""


@dataclass(frozen=True)
class StoryRow:
    """A story as one row of the list."""

    id: int
    title: str
    articles: int
    independent: int
    outlets: str
    first: str
    last: str


def stories_page(listing: StoryListing) -> str:
    """The story list: a search form, one row per story, and links to further pages."""
    found = f"{listing.total} stor{'y' if listing.total == 1 else 'ies'}"
    if listing.query or listing.since or listing.label:
        found += " match"
    if listing.hidden:
        found += f" (hiding {', '.join(listing.hidden)})"
    return render_page(
        "stories.html",
        "Stories",
        query=listing.query,
        since=listing.since,
        label=listing.label,
        labels=listing.labels,
        hidden=listing.hidden,
        hide_query=("?" + urlencode([("hide", outlet) for outlet in listing.hidden])) if listing.hidden else "",
        outlets=listing.outlets,
        found=found,
        rows=tuple(_story_row(story) for story in listing.stories),
        page_links=_page_links(listing),
        page_of=f"page {listing.page} of {listing.pages}",
    )


def _story_row(story: StorySummary) -> StoryRow:
    return StoryRow(
        id=story.id,
        title=story.title or UNTITLED,
        articles=len(story.articles),
        independent=story.independent_sources,
        outlets=", ".join(story.outlets) or "—",
        first=_moment(story.first_published),
        last=_moment(story.last_published),
    )


def _moment(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _page_links(listing: StoryListing) -> tuple[tuple[str, str], ...]:
    """(address, label) of the newer and older pages that exist, keeping the search."""
    links = []
    for label, number in (("← Newer", listing.page - 1), ("Older →", listing.page + 1)):
        if 1 <= number <= listing.pages:
            fields = [("q", listing.query), ("since", listing.since), ("label", listing.label)]
            fields += [("hide", outlet) for outlet in listing.hidden] + [("page", str(number))]
            links.append(("/?" + urlencode([(key, value) for key, value in fields if value]), label))
    return tuple(links)


def article_page(stored: StoredArticle, revisions: int = 1) -> str:
    """One stored article in full (as first stored), with its story, the copies of its
    text, and a link to its later revisions when it has ``revisions`` above one."""
    article = stored.article
    link = web_url(article.url)
    return render_page(
        "article.html",
        article.title or article.name,
        story=stored.story,
        heading=article.title or "(no title)",
        outlet=article.name,
        published=published_text(article),
        link=link,
        source=link or article.url or article.source,
        article_id=article.id,
        copies=stored.copies,
        earliest=stored.origin == stored.rowid,
        group_size=len(stored.copies) + 1,
        origin=stored.origin,
        rowid=stored.rowid,
        revisions=revisions,
        paragraphs=tuple(line.strip() for line in article.text.split("\n") if line.strip()),
    )


@dataclass(frozen=True)
class ChangeRow:
    """One change of a revision, with the words around it."""

    label: str
    before: str
    after: str
    before_context: str
    after_context: str


@dataclass(frozen=True)
class RevisionRow:
    """One revision: when it was seen, what changed from the one before, its text."""

    number: int
    seen_at: str
    summary: str
    title: str
    changes: tuple[ChangeRow, ...]
    paragraphs: tuple[str, ...]


def revisions_page(history: ArticleHistory, story: int) -> str:
    """Every revision of one article, each change shown in place (struck out, put in)."""
    rows = []
    previous_text = ""
    for entry in history.revisions:
        revision = entry.revision
        changes = tuple(_change_row(change, previous_text, revision.text) for change in entry.changes)
        summary = "first version" if revision.number == 1 else summarise_changes(entry.changes)
        paragraphs = tuple(line.strip() for line in revision.text.split("\n") if line.strip())
        rows.append(RevisionRow(revision.number, revision.seen_at, summary, revision.title or "", changes, paragraphs))
        previous_text = revision.text
    article = history.article
    return render_page(
        "revisions.html",
        f"Revisions of {article.title or article.name}",
        rowid=history.rowid,
        story=story,
        heading=history.revisions[-1].revision.title or article.title or "(no title)",
        outlet=article.name,
        article_id=article.id,
        count=len(rows),
        revisions=tuple(rows),
    )


def _change_row(change: Change, before_text: str, after_text: str) -> ChangeRow:
    label = ", ".join(kind.replace("_", " ") for kind in change.kinds)
    if change.field == "title":
        return ChangeRow(label, change.before, change.after, "", "")
    before_context, _ = context_of(before_text, change.before_start, change.before_end)
    _, after_context = context_of(after_text, change.after_start, change.after_end)
    return ChangeRow(label, change.before, change.after, before_context, after_context)


def failures_page(failures: Sequence[FailureRecord]) -> str:
    """Every source that failed to ingest, with its reason."""
    return render_page("failures.html", "Failed sources", failures=tuple(failures))


def computing_page(story: int, reports: Sequence[tuple[int, str, str]], refresh: int) -> str:
    """A story whose brief is being computed: (row id, outlet, headline) of each report, and
    a refresh every ``refresh`` seconds."""
    heading = next((headline for _, _, headline in reports if headline), f"Story {story}")
    return render_page("computing.html", f"{heading} (being computed)", heading=heading, reports=tuple(reports), refresh=refresh)


def problem_page(title: str, message: str) -> str:
    """A page for a request that cannot be answered: not found, bad request, failure."""
    return render_page("problem.html", title, message=message)
