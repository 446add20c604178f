"""The web app as a WSGI callable: routes, one store connection per request, responses.

Pages:

- ``/``                      stories, newest first; ``q`` searches headlines, outlets and
                             article ids, ``since`` (YYYY-MM-DD) keeps recent ones, ``label``
                             (``column: value`` of the source table) keeps stories with a
                             report from an outlet so labelled, ``hide`` (repeatable) leaves
                             an outlet out, ``page``
- ``/stories.json``          the same list (same ``q`` and ``since``, no paging) as JSON
- ``/stories/ID``            the brief of a story as HTML, every line linked to its words;
                             ``hide`` (repeatable) compares it without those outlets
- ``/stories/ID.json|.md|.txt``  the same brief as JSON, Markdown or plain text
- ``/articles/ROWID``        one stored article in full, with its story and copies
- ``/articles/ROWID/revisions``  every revision of it, each change shown in place
- ``/alerts.atom``           the latest alerts of ``newsprism watch``, as an Atom feed
- ``/errors``                every source that failed to ingest
- ``/static/NAME.css?v=V``   a stylesheet (``app.css``, ``brief.css``), kept a year by
                             browsers when ``V`` is its current version

Only GET and HEAD are answered. Briefs are stored (:mod:`newsprism.web.briefs`): with a
brief maker beside the app (``newsprism serve``), they are computed in the background and a
story whose brief is not ready yet answers 202 with a page that says so and refreshes itself;
without one, a story page computes its brief on the spot and stores it. Every page answered
with 200 is kept as sent until anything in the store changes (:mod:`newsprism.web.cache`).

No page may run a script, and styles come only from the app's own stylesheets: the one inline
``<style>`` a brief can carry (the rules for marks cut into pieces, which differ per story)
is allowed by its SHA-256 hash in that page's Content-Security-Policy, never by
``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from newsprism.errors import MergedStoryError, NewsprismError, NotFoundError, UsageError
from newsprism.ingest.outlets import OutletTable
from newsprism.model import Comparison
from newsprism.store import Store, StoryPage, stored_article, stored_outlets, story_members, story_page
from newsprism.store.briefs import StoredBrief
from newsprism.store.revisions import article_revisions
from newsprism.web.assets import CACHE_FOREVER, stylesheet
from newsprism.web.briefs import (
    FAILED,
    BackgroundBriefs,
    KeptBriefs,
    comparison_without,
    compute_brief,
    fresh_brief,
    make_brief,
    stored_comparison,
)
from newsprism.web.cache import PageCache
from newsprism.web.pages import (
    StoryListing,
    article_page,
    computing_page,
    failures_page,
    problem_page,
    revisions_page,
    stories_page,
)

STORIES_PER_PAGE = 50
ALERTS_IN_FEED = 50
REFRESH_SECONDS = 2
"""How soon a page whose brief is being computed asks again."""

_SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
]

_FORMATS = {
    "json": ("json", "application/json"),
    "md": ("markdown", "text/markdown"),
    "txt": ("text", "text/plain"),
}
"""Each address's extension: the stored page it serves and its content type."""

StartResponse = Callable[..., Any]


@dataclass(frozen=True)
class Response:
    """What a page returns: status line, body, content type.

    ``inline_style`` is the text of the page's one ``<style>`` element, if it has one: the
    page's Content-Security-Policy allows exactly that text (by its hash) and no other.
    """

    status: str
    body: str
    content_type: str = "text/html"
    headers: list[tuple[str, str]] = field(default_factory=list)
    inline_style: str = ""


def content_security_policy(inline_style: str = "") -> str:
    """No scripts, no outside requests; styles from this app, plus ``inline_style`` by hash."""
    styles = "'self'"
    if inline_style:
        digest = base64.b64encode(hashlib.sha256(inline_style.encode("utf-8")).digest())
        styles += f" 'sha256-{digest.decode('ascii')}'"
    return (
        f"default-src 'none'; style-src {styles}; img-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class WebApp:
    """The newsprism web app over the store at ``db_path`` (a WSGI application).

    With ``background``, briefs are computed by that brief maker and a story not ready yet
    says so; without, each is computed when first asked for. Either way they are stored.
    """

    def __init__(
        self, db_path: str | Path, background: BackgroundBriefs | None = None, sources: OutletTable | None = None
    ) -> None:
        self.db_path = Path(db_path)
        self._background = background
        self._sources = sources
        self._kept_briefs = KeptBriefs()
        self._brief_lock = threading.Lock()
        self._pages: PageCache[Encoded] = PageCache(self.db_path)
        self._routes: list[tuple[re.Pattern[str], Callable[..., Response]]] = [
            (re.compile(r"/"), self.stories),
            (re.compile(r"/stories\.json"), self.stories_json),
            (re.compile(r"/stories/(\d{1,18})"), self.story),
            (re.compile(r"/stories/(\d{1,18})\.(json|md|txt)"), self.story_as),
            (re.compile(r"/articles/(\d{1,18})"), self.article),
            (re.compile(r"/articles/(\d{1,18})/revisions"), self.revisions),
            (re.compile(r"/alerts\.atom"), self.alerts_atom),
            (re.compile(r"/errors"), self.failures),
            (re.compile(r"/static/([a-z]+\.css)"), self.static),
        ]

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
            address = f"{environ.get('PATH_INFO') or '/'}?{environ.get('QUERY_STRING', '')}"
            sent = self._pages.get(address, lambda: _encoded(self.respond(environ)), _is_ok)
        else:
            sent = _encoded(self.respond(environ))
        start_response(sent.status, list(sent.headers))
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [sent.body]

    def close(self) -> None:
        """Let go of the connection that watches the store for changes, and stop the brief
        maker if there is one."""
        self._pages.close()
        if self._background is not None:
            self._background.stop()

    def respond(self, environ: dict[str, Any]) -> Response:
        """The response to one request; errors become pages, never tracebacks."""
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return Response(
                "405 Method Not Allowed",
                problem_page("Method not allowed", "This app only reads: use GET."),
                headers=[("Allow", "GET, HEAD")],
            )
        path = environ.get("PATH_INFO") or "/"
        # Every key is read once but ``hide``, which may be given again and again: its values
        # are kept one a line.
        query = {
            key: "\n".join(values) if key == "hide" else values[-1]
            for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()
        }
        try:
            for pattern, handler in self._routes:
                match = pattern.fullmatch(path)
                if match:
                    return handler(*match.groups(), query=query)
            raise NotFoundError(f"Nothing at {path}.")
        except MergedStoryError as error:
            return _moved(path, error)
        except NotFoundError as error:
            return Response("404 Not Found", problem_page("Not found", str(error)))
        except UsageError as error:
            return Response("400 Bad Request", problem_page("Bad request", str(error)))
        except NewsprismError as error:
            return Response("500 Internal Server Error", problem_page("Failed", str(error)))
        except Exception:
            traceback.print_exc(file=environ.get("wsgi.errors", sys.stderr))
            message = "An unexpected error; the server log has the details."
            return Response("500 Internal Server Error", problem_page("Failed", message))

    def _open(self) -> Store:
        return Store.open(self.db_path)

    # --- pages ----------------------------------------------------------------------

    def stories(self, query: dict[str, str]) -> Response:
        """The story list, searched and paged (in SQL: only the page's stories are read)."""
        words, since_text = query.get("q", "").strip(), query.get("since", "").strip()
        since = _parse_date(since_text) if since_text else None
        number = max(1, _parse_int(query.get("page", "1"), "page"))
        label, hidden = query.get("label", "").strip(), _hidden(query)
        with self._open() as store:
            outlets = stored_outlets(store)
            labelled = outlet_labels(self._sources, outlets)
            if label and label not in labelled:
                raise UsageError(f"No outlet is labelled {label!r}" + (" (serve has no --sources table)." if not self._sources else "."))
            chosen = labelled[label] if label else None
            found = _story_list_page(store, since, words, number, chosen, hidden)
            pages = max(1, -(-found.total // STORIES_PER_PAGE))
            if number > pages:
                # Past the last page (the list shrank, or a hand-typed number): show the last one.
                number = pages
                found = _story_list_page(store, since, words, number, chosen, hidden)
        names = tuple(name for name, _ in outlets)
        listing = StoryListing(
            found.stories, found.total, words, since_text, number, pages, label, tuple(labelled), hidden, names
        )
        return Response("200 OK", stories_page(listing))

    def stories_json(self, query: dict[str, str]) -> Response:
        """The story list as JSON: ``{"stories": [...]}`` as ``newsprism stories`` gives it.

        Every matching story, unpaged, with the search and order of the HTML list.
        """
        words, since_text = query.get("q", "").strip(), query.get("since", "").strip()
        since = _parse_date(since_text) if since_text else None
        with self._open() as store:
            summaries = story_page(store, since, words.split()).stories
        body = json.dumps({"stories": [summary.as_json() for summary in summaries]}, indent=2)
        return Response("200 OK", body, "application/json")

    def story(self, story_id: str, query: dict[str, str]) -> Response:
        """The brief of one story as HTML (or a page saying it is being computed)."""
        number = int(story_id)
        brief = self.brief(number, hidden=_hidden(query))
        if isinstance(brief, Response):
            return brief
        return Response("200 OK", brief.pages["html"], inline_style=brief.pages["style"])

    def story_as(self, story_id: str, extension: str, query: dict[str, str]) -> Response:
        """The brief of one story in another format."""
        page, content_type = _FORMATS[extension]
        brief = self.brief(int(story_id), content_type, _hidden(query))
        if isinstance(brief, Response):
            return brief
        return Response("200 OK", brief.pages[page], content_type)

    def article(self, rowid: str, query: dict[str, str]) -> Response:
        """One stored article."""
        with self._open() as store:
            stored = stored_article(store, int(rowid))
            revisions = len(article_revisions(store, stored.rowid))
        return Response("200 OK", article_page(stored, revisions))

    def revisions(self, rowid: str, query: dict[str, str]) -> Response:
        """Every revision of one stored article, with what changed between them."""
        from newsprism.watch.history import article_history

        with self._open() as store:
            history = article_history(store, rowid)
            story = store.story_of(history.rowid)
        return Response("200 OK", revisions_page(history, story))

    def alerts_atom(self, query: dict[str, str]) -> Response:
        """The latest alerts of ``newsprism watch`` as an Atom feed."""
        from newsprism.store.watching import recent_alerts
        from newsprism.web.atom import alerts_feed

        with self._open() as store:
            alerts = recent_alerts(store, ALERTS_IN_FEED)
        return Response("200 OK", alerts_feed(alerts, ""), "application/atom+xml")

    def failures(self, query: dict[str, str]) -> Response:
        """The sources that failed to ingest."""
        with self._open() as store:
            records = store.failures()
        return Response("200 OK", failures_page(records))

    def static(self, name: str, query: dict[str, str]) -> Response:
        """A stylesheet; cached for good when asked for at its current version, else
        checked again on every use (an old page asking for an old version gets the new)."""
        sheet = stylesheet(name)
        cache = CACHE_FOREVER if query.get("v") == sheet.version else "no-cache"
        return Response("200 OK", sheet.text, "text/css", headers=[("Cache-Control", cache)])

    # --- briefs ---------------------------------------------------------------------

    def brief(self, story: int, content_type: str = "text/html", hidden: tuple[str, ...] = ()) -> StoredBrief | Response:
        """The stored brief of a story, fresh; or, while the brief maker computes it, the
        202 response that says so; or the failure page of a brief that cannot be made.
        With ``hidden`` outlets, the brief of the others, computed now (and kept only as the
        page is, until the store changes).

        Without a brief maker, one brief is computed at a time: the language model is shared
        by every request.
        """
        if hidden:
            with self._open() as store:
                told_by = {article.name for _, article in story_members(store, story)}
            hidden = tuple(outlet for outlet in hidden if outlet in told_by)  # hiding what is not there changes nothing
        brief: StoredBrief | None = None
        if hidden:
            with self._brief_lock, self._open() as store:
                brief = compute_brief(store, story, "", comparison_without(hidden), self._sources, hidden)
        else:
            with self._open() as store:
                found = fresh_brief(store, story, self._sources, self._kept_briefs)
                if found.brief is None and found.fingerprint is not None and self._background is not None:
                    self._background.want(story)
                    return _computing(story, story_members(store, story), content_type)
            brief = found.brief
        if brief is None:
            with self._brief_lock, self._open() as store:
                brief = make_brief(store, story, lambda _, number: self.comparison(number), self._sources)
        if FAILED in brief.pages:
            return Response("500 Internal Server Error", problem_page("The brief failed", brief.pages[FAILED]))
        return brief

    def comparison(self, story_id: int) -> Comparison:
        """The comparison of a story's members, as a brief computed here shows it."""
        with self._open() as store:
            return stored_comparison(store, story_id)


def _computing(story: int, members: list[tuple[int, Any]], content_type: str) -> Response:
    """202: the brief is being computed; the page lists the reports and refreshes itself."""
    refresh = [("Retry-After", str(REFRESH_SECONDS)), ("Cache-Control", "no-store")]
    if content_type != "text/html":
        message = f"The brief of story {story} is being computed; ask again in {REFRESH_SECONDS} s.\n"
        return Response("202 Accepted", message, "text/plain", headers=refresh)
    reports = [(rowid, article.name, article.title or "") for rowid, article in members]
    return Response("202 Accepted", computing_page(story, reports, REFRESH_SECONDS), headers=refresh)


@dataclass(frozen=True)
class Encoded:
    """A response as sent: status line, headers, body bytes."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _encoded(response: Response) -> Encoded:
    body = response.body.encode("utf-8")
    headers = (
        ("Content-Type", f"{response.content_type}; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Content-Security-Policy", content_security_policy(response.inline_style)),
        *_SECURITY_HEADERS,
        *response.headers,
    )
    return Encoded(response.status, headers, body)


def _is_ok(sent: Encoded) -> bool:
    return sent.status.startswith("200 ")


def _moved(path: str, error: MergedStoryError) -> Response:
    """A permanent redirect from a merged story's address to the story that absorbed it."""
    target = re.sub(r"^/stories/\d+", f"/stories/{error.merged_into}", path)
    return Response(
        "301 Moved Permanently",
        problem_page("Moved", str(error)),
        headers=[("Location", target)],
    )


def _story_list_page(
    store: Store, since: datetime | None, words: str, number: int, outlets: tuple[str, ...] | None, hidden: tuple[str, ...]
) -> StoryPage:
    offset = (number - 1) * STORIES_PER_PAGE
    return story_page(store, since, words.split(), offset=offset, limit=STORIES_PER_PAGE, outlets=outlets, hidden=hidden)


def _hidden(query: dict[str, str]) -> tuple[str, ...]:
    """The outlets a reader hides (``hide``, one a line), each once, sorted."""
    return tuple(sorted({outlet.strip() for outlet in query.get("hide", "").split("\n") if outlet.strip()}))


def outlet_labels(sources: OutletTable | None, outlets: list[tuple[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """Each ``column: value`` of the source table that some stored outlet carries, with
    those outlets (by their name and the address of one of their articles), in table order."""
    if sources is None:
        return {}
    found: dict[str, list[str]] = {f"{column}: {value}": [] for row in sources.rows for column, value in row.labels}
    for name, url in outlets:
        for column, value in sources.labels_of(name, url):
            found[f"{column}: {value}"].append(name)
    return {label: tuple(names) for label, names in found.items() if names}


def _parse_date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'since' must be a date such as 2025-03-04, not {text!r}.") from None


def _parse_int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{name!r} must be a whole number, not {text!r}.") from None
