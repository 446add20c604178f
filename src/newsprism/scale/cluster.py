"""The Dask cluster a run uses: a ``LocalCluster`` of worker processes, or a running one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.errors import UsageError
from newsprism.settings import ScaleSettings

if TYPE_CHECKING:
    from distributed import Client


@dataclass(frozen=True)
class ClusterProgress:
    """How a run on a cluster is going: items handled, seconds since it began, workers alive."""

    done: int
    elapsed: float
    workers: int

    @property
    def rate(self) -> float:
        """Items handled per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


@contextmanager
def connect(
    workers: int | None = None, scheduler: str | None = None, settings: ScaleSettings = ScaleSettings()
) -> Iterator[Client]:
    """A Dask client: on a new ``LocalCluster`` of ``workers`` processes (one thread each,
    so each holds one spaCy model), or on the cluster whose scheduler is at ``scheduler``
    (``tcp://HOST:PORT``). Closed, with a local cluster's processes, when the block ends.
    """
    if (workers is None) == (scheduler is None):
        raise UsageError("give either a number of workers or a scheduler address, not both")
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as error:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from error
        with client:
            yield client
        return
    if workers is None or workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    # The scheduler of a local cluster runs in this process, so its retry rule is ours; its
    # workers get this configuration too. Dask's statistical profiler samples every worker
    # thread 100 times a second, CPU the parsing wants more.
    config = {
        "distributed.scheduler.allowed-failures": settings.allowed_failures,
        "distributed.worker.profile.enabled": False,
    }
    with dask.config.set(config):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
            silence_logs=50,
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client


def workers_alive(client: Client) -> int:
    """How many workers the scheduler knows now."""
    return len(client.scheduler_info().get("workers", {}))


class Clock:
    """Seconds since a run began, for progress."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds since the clock was made."""
        return time.perf_counter() - self.started
