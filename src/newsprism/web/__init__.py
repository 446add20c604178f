"""The local web app: browse the stories of a store and read each brief with its evidence.

::

    create_app(db_path, background) -> WebApp   a WSGI application over one store (with
                                                background, a brief maker process beside it)
    create_server(app, host, port, quiet)    a threaded HTTP server for it (waitress)

The pages are listed in :mod:`newsprism.web.app`; each is one short function in
:mod:`newsprism.web.pages` that fills a template of ``web/templates/``. The brief page is the
HTML report of :mod:`newsprism.report`; the stylesheets are files (:mod:`newsprism.web.assets`).
"""

from __future__ import annotations

from pathlib import Path

from newsprism.errors import NotFoundError
from newsprism.ingest.outlets import OutletTable
from newsprism.store import Store
from newsprism.web.app import WebApp
from newsprism.web.briefs import BackgroundBriefs
from newsprism.web.server import create_server

__all__ = ["BackgroundBriefs", "WebApp", "create_app", "create_server"]


def create_app(db_path: str | Path, background: bool = False, sources: OutletTable | None = None) -> WebApp:
    """The web app over the store at ``db_path``, which must exist (``newsprism ingest``).

    With ``background``, a brief maker process computes stale briefs ahead of readers
    (:mod:`newsprism.web.briefs`) until :meth:`WebApp.close`; without, each brief is
    computed when first asked for. With ``sources`` (a source table), briefs show each
    outlet's labels and the story list can be filtered by label.

    Raises :class:`~newsprism.errors.StoreError` when the file is not a newsprism store.
    """
    path = Path(db_path)
    if not path.is_file():
        raise NotFoundError(
            f"No store at {path}. Add articles with `newsprism ingest SOURCE... --db {path}`."
        )
    Store.open(path).close()  # a file that is no SQLite store fails here, not on every page
    if not background:
        return WebApp(path, sources=sources)
    maker = BackgroundBriefs(path, sources)
    maker.start()
    return WebApp(path, maker, sources)
