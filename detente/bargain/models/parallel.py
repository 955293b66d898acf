"""Split independent work over worker processes, results identical to one process.

Both vectorised models with an ``n_jobs`` parameter (expected utility, exchange) solve
many independent problems laid along one array axis (columns, draws). Cutting that
axis into contiguous blocks and concatenating the blocks' results therefore changes
nothing in the numbers; each model's tests assert it bit for bit. Workers are forked
where the platform allows, so the package is not re-imported per call.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np


def map_blocks(
    solve: Callable[..., np.ndarray],
    arrays: Sequence[np.ndarray],
    args: tuple = (),
    *,
    n_jobs: int,
    axis: int,
    min_per_job: int,
) -> np.ndarray:
    """``solve(*arrays, *args)``, with ``arrays`` cut along ``axis`` over ``n_jobs`` processes.

    Args:
        solve: A picklable function whose result keeps ``axis`` as the arrays had it.
        arrays: The inputs cut into blocks (all the same length along ``axis``).
        args: Further arguments passed whole to every block.
        n_jobs: Worker processes wanted; 1 runs ``solve`` here.
        axis: The axis of independent problems.
        min_per_job: Fewest problems worth a worker (starting a pool costs tens of ms);
            fewer jobs are used when there are not enough problems.
    """
    n = arrays[0].shape[axis]
    n_jobs = min(n_jobs, max(1, n // min_per_job))
    if n_jobs == 1:
        return solve(*arrays, *args)
    bounds = np.linspace(0, n, n_jobs + 1).astype(int)
    lead = (slice(None),) * axis
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=context) as pool:
        futures = [
            pool.submit(solve, *(a[(*lead, slice(lo, hi))] for a in arrays), *args)
            for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)
        ]
        return np.concatenate([f.result() for f in futures], axis=axis)
