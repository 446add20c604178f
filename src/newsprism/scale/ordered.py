"""Batches run on a cluster, results handed back in input order, a bounded number at once.

Each batch is one Dask task. At most ``in_flight()`` batches are submitted and not yet
consumed, so memory stays flat however long the input. A worker that dies takes its task
with it; the scheduler runs the task again elsewhere, up to its ``allowed-failures``. A
batch that still fails (it killed that many workers, or raised) is split into its items,
each run alone; an item that fails alone ``rounds_alone`` times becomes
``failed(item, reason)`` and the rest goes on.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from newsprism.errors import NewsprismError

if TYPE_CHECKING:
    from distributed import Client, Future

Unit = TypeVar("Unit")
Result = TypeVar("Result")


def run_ordered(
    client: Client,
    batches: Iterable[list[Unit]],
    task: Callable[..., list[Result]],
    arguments: tuple[Any, ...],
    in_flight: Callable[[], int],
    failed: Callable[[Unit, str], Result],
    patience: float = 120.0,
    rounds_alone: int = 2,
) -> Generator[Result, None, None]:
    """Results of ``task(batch, *arguments)`` for every batch, flattened, in input order.

    Raises :class:`NewsprismError` when no worker has been alive for ``patience`` seconds.

    ``task`` must return one result list per batch whose concatenation over the batch's
    single items equals its result on the whole batch (so splitting changes nothing).
    """
    queued = iter(batches)
    # One entry a batch; a split batch holds several tasks, consumed in order.
    # (task, its units, rounds it has failed alone)
    slots: deque[deque[tuple[Future[Any], list[Unit], int]]] = deque()
    running = 0

    def submit(units: list[Unit], rounds: int = 0) -> tuple[Future[Any], list[Unit], int]:
        return client.submit(task, units, *arguments, pure=False), units, rounds

    def fill() -> None:
        nonlocal running
        while running < max(1, in_flight()):
            batch = next(queued, None)
            if batch is None:
                return
            slots.append(deque([submit(batch)]))
            running += 1

    try:
        fill()
        while slots:
            slot = slots[0]
            future, units, rounds = slot.popleft()
            running -= 1
            try:
                results = _result(client, future, patience)
            except NewsprismError:
                raise
            except Exception as error:  # KilledWorker, or an error no item caught
                if len(units) > 1:
                    slot.extendleft(reversed([submit([unit]) for unit in units]))
                    running += len(units)
                    continue
                if rounds + 1 < rounds_alone:
                    slot.appendleft(submit(units, rounds + 1))
                    running += 1
                    continue
                results = [failed(units[0], _reason(error))]
            del future
            if not slot:
                slots.popleft()
            fill()
            yield from results
    finally:
        client.cancel([future for slot in slots for future, _, _ in slot])  # type: ignore[no-untyped-call]


POLL_SECONDS = 5.0
"""How often a wait for a batch checks that some worker is still alive."""


def _result(client: Client, future: Future[Any], patience: float) -> Any:
    """The batch's result, however long it takes while some worker lives."""
    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            if client.scheduler_info().get("workers"):
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since > patience:
                raise NewsprismError(
                    f"no Dask worker has been alive for {patience:.0f} s, and none came back; "
                    "what is stored is whole: start workers (or check the scheduler) and run again"
                ) from None


def _reason(error: Exception) -> str:
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        return "killed the workers that prepared it, again and again (out of memory, or a crash in a parser); left out"
    return f"could not be prepared on a worker ({type(error).__name__}: {str(error)[:200]}); left out"
