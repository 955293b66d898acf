"""A connection to a Dask cluster: a scheduler address or a local cluster of N processes.

Why Dask (``dask.distributed``) and not a scheduler of detente's own: it already does
what a cluster run needs and is easy to get wrong: workers that join and leave, a task
re-run elsewhere when its worker dies (up to ``distributed.scheduler.allowed-failures``
times), results handed back in order, and the ``dask scheduler`` / ``dask worker``
commands an operator starts on each machine.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from detente.errors import DetenteError, InputError

log = logging.getLogger(__name__)

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(tcp|tls|ws|wss|ucx|inproc)://\S+")
USAGE = "give tcp://HOST:PORT (a running dask scheduler) or local:N (N local worker processes)"


@dataclass
class Cluster:
    """An open Dask client, and the local cluster behind it when detente started one."""

    client: Any
    """The ``distributed.Client``."""
    address: str
    """What was asked for: the scheduler address, or ``local:N``."""
    local: Any = None
    """The ``LocalCluster`` detente started (closed with the client), else None."""

    @property
    def n_workers(self) -> int:
        """Workers connected to the scheduler now."""
        return len(self.client.nthreads())

    @property
    def n_threads(self) -> int:
        """Task slots now: the workers' threads added up."""
        return sum(self.client.nthreads().values())

    def map(self, fn: Callable, *iterables: Iterable) -> list:
        """``list(map(fn, *iterables))``, each item a task on the cluster, results in order.

        ``fn`` and the items must pickle; the tasks are not pure (``pure=False``), so
        equal inputs are computed again rather than shared.
        """
        columns = [list(items) for items in iterables]
        if not columns or not columns[0]:
            return []
        futures = self.client.map(fn, *columns, pure=False)
        return self.client.gather(futures)

    def close(self) -> None:
        """Close the client, and the local cluster if detente started it."""
        self.client.close()
        if self.local is not None:
            self.local.close()


@contextmanager
def connect(scheduler: str, *, timeout: float = 30.0) -> Iterator[Cluster]:
    """Open a :class:`Cluster` for the duration of a ``with`` block.

    Args:
        scheduler: ``tcp://HOST:PORT`` of a running ``dask scheduler`` (any Dask
            protocol: tls://, ws://, ...), or ``local:N`` to start N worker processes
            here, one thread each (spaCy and the models are CPU-bound).
        timeout: Seconds to wait for the scheduler to answer.

    Raises:
        InputError: ``scheduler`` is neither form.
        DetenteError: the scheduler does not answer.
    """
    local_match = _LOCAL.fullmatch(scheduler.strip())
    if not local_match and not _ADDRESS.fullmatch(scheduler.strip()):
        raise InputError(scheduler, f"not a scheduler address; {USAGE}")
    import distributed

    local = None
    if local_match:
        n = int(local_match.group(1))
        if not 1 <= n <= 512:
            raise InputError(scheduler, "local:N needs 1 <= N <= 512 workers")
        local = distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        address = local.scheduler_address
    else:
        address = scheduler.strip()
    try:
        client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if local is not None:
            local.close()
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise DetenteError(f"cannot reach the Dask scheduler at {address}: {reason}") from exc
    cluster = Cluster(client=client, address=scheduler.strip(), local=local)
    log.info("connected to %s (%d workers)", address, cluster.n_workers)
    try:
        yield cluster
    finally:
        cluster.close()
