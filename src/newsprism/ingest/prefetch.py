"""Fetching a run of URLs ahead of their use, several hosts at once, results in order.

Pages of different hosts download side by side while the caller extracts earlier ones;
the shared :class:`Fetcher` keeps each host to one request at a time with its delay. At most
``window`` pages are held ahead, so memory stays bounded however long the run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice

from newsprism.errors import FetchError
from newsprism.ingest.fetch import FetchedPage, Fetcher

FetchResult = FetchedPage | FetchError


def fetch_in_order(
    fetcher: Fetcher, urls: Iterable[str], media_types: Collection[str] | None, window: int
) -> Iterator[tuple[str, FetchResult]]:
    """``(url, page or FetchError)`` for each of ``urls``, in their order.

    With ``window`` 1 (or less) everything is fetched in this thread, one URL at a time.
    """
    if window <= 1:
        for url in urls:
            yield url, _fetch(fetcher, url, media_types)
        return
    pool = ThreadPoolExecutor(max_workers=window, thread_name_prefix="newsprism-fetch")
    queued = iter(urls)
    pending: deque[tuple[str, Future[FetchResult]]] = deque()
    try:
        for url in islice(queued, window):
            pending.append((url, pool.submit(_fetch, fetcher, url, media_types)))
        while pending:
            url, future = pending.popleft()
            for following in islice(queued, 1):
                pending.append((following, pool.submit(_fetch, fetcher, following, media_types)))
            yield url, future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _fetch(fetcher: Fetcher, url: str, media_types: Collection[str] | None) -> FetchResult:
    try:
        return fetcher.fetch(url, media_types)
    except FetchError as error:
        return error
