"""Batches run on a cluster, results handed back in input order, a bounded number at once.

Each batch is one Dask task. At most ``in_flight()`` batches are submitted and not yet
consumed, so memory stays flat however long the input. A worker that dies takes its task
with it; the scheduler runs the task again elsewhere, up to its ``allowed-failures``. A
batch that still fails (it killed that many workers, or raised) is split into its items,
each run alone; an item that fails alone becomes ``failed(item, reason)`` and the rest goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

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
) -> Generator[Result, None, None]:
    """Results of ``task(batch, *arguments)`` for every batch, flattened, in input order.

    ``task`` must return one result list per batch whose concatenation over the batch's
    single items equals its result on the whole batch (so splitting changes nothing).
    """
    queued = iter(batches)
    # One entry a batch; a split batch holds several tasks, consumed in order.
    slots: deque[deque[tuple[Future[Any], list[Unit]]]] = deque()
    running = 0

    def submit(units: list[Unit]) -> tuple[Future[Any], list[Unit]]:
        return client.submit(task, units, *arguments, pure=False), units

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
            future, units = slot.popleft()
            running -= 1
            try:
                results = future.result()
            except Exception as error:  # KilledWorker, or an error no item caught
                if len(units) > 1:
                    slot.extendleft(reversed([submit([unit]) for unit in units]))
                    running += len(units)
                    continue
                results = [failed(units[0], _reason(error))]
            del future
            if not slot:
                slots.popleft()
            fill()
            yield from results
    finally:
        client.cancel([future for slot in slots for future, _ in slot])  # type: ignore[no-untyped-call]


def _reason(error: Exception) -> str:
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        return "killed the workers that prepared it, again and again (out of memory, or a crash in a parser); left out"
    return f"could not be prepared on a worker ({type(error).__name__}: {str(error)[:200]}); left out"
