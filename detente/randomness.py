"""The one ``random_state`` convention of detente's Python API (scikit-learn's shape).

Everything that draws random numbers (a bargaining model, a Monte Carlo run, a
sensitivity analysis, a forecast, the report's network layout) takes one parameter,
``random_state``:

* an int >= 0: a seed, so the same numbers every time;
* a :class:`numpy.random.Generator`: used as it is, its stream advancing;
* None: the package's global seed, ``Settings().seed`` (``DETENTE_SEED``). Where
  scikit-learn's None means NumPy's global state, detente's means its global seed,
  so every forecast it shows repeats exactly.

:func:`check_random_state` turns any of them into a Generator. A result records the
int seed it ran with (:func:`seed_of`), so it can be repeated even when it was given a
Generator. The command line keeps the user's word for it, ``--seed``.
"""

from __future__ import annotations

import numbers

import numpy as np

from detente.settings import get_settings

RandomStateLike = int | np.random.Generator | None
"""What a ``random_state`` parameter accepts."""


def seed_of(random_state: RandomStateLike) -> int:
    """The int seed ``random_state`` stands for (None: the global seed; a Generator: a draw).

    Raises:
        ValueError: ``random_state`` is neither None, an int >= 0 nor a Generator.
    """
    if random_state is None:
        return get_settings().seed
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**31 - 1))
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state >= 0:
            return int(random_state)
    raise ValueError(
        f"random_state must be None, an int >= 0 or a numpy Generator, got {random_state!r}"
    )


def check_random_state(random_state: RandomStateLike) -> np.random.Generator:
    """The generator ``random_state`` stands for (a Generator is returned as it is)."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(seed_of(random_state))


__all__ = ["RandomStateLike", "check_random_state", "seed_of"]
