"""Monte Carlo over the analyst's uncertainty about positions, saliences and clout.

Analysts' codings of positions are judgements; the forecast should carry their
uncertainty. Draws form a LEADING array axis: :func:`draw_inputs` builds arrays
of shape (n_draws, n_actors, n_issues) and the model's vectorised
:meth:`~detente.bargain.base.BargainingModel.solve_draws` evaluates all of them at
once (the protocol defined in ``base.py``). A model without one falls back to
a loop over draws (logged).

Draws come in seeded blocks of :data:`BLOCK`: block ``b`` draws its inputs and
solves them with its own generator, ``SeedSequence(seed, spawn_key=(b,))``
(numpy's independent streams), so a seed reproduces the result exactly, and the
numbers do not depend on where the blocks run: one after another here, over
processes, or over the workers of a Dask cluster (``mapper``; see
:mod:`detente.cluster`). A block holds at most :data:`BLOCK` draws in memory.

Perturbation rules (per actor and issue):
* position ~ Uniform(range) where the scenario gives ``position_range``, else
  Normal(x, position_sd), clipped to the issue's scale; no position stays none;
* salience ~ Normal(s, salience_sd), clipped to [0, 1];
* capability ~ Normal(c, capability_sd), clipped below at 1e-9 x c so an actor
  with clout keeps some (a Scenario forbids an actor with none).
Where the scenario has no sd array at all, the keyword defaults apply
(``clout_sd`` relative to the capability, as in the YAML ``uncertainty:``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from detente.bargain.base import BargainingModel, check_param, clone, get_model
from detente.bargain.scenario import Scenario
from detente.errors import ModelError, ScenarioError
from detente.randomness import RandomStateLike, seed_of

log = logging.getLogger(__name__)

CHUNK = 1000
"""Draws evaluated per call of ``solve_draws``; bounds memory for models with (n, n) arrays."""

BLOCK = CHUNK
"""Draws per seeded block of :func:`monte_carlo` (changing it changes the numbers)."""

Mapper = Callable[..., Iterable]
"""``map``-like: ``mapper(fn, *iterables)`` yields ``fn`` of each item, in input order.

The built-in :func:`map` (the default) runs here; :meth:`detente.cluster.Cluster.map`
runs the items on a cluster's workers. Work is split so the result is the same.
"""

Thresholds = float | Sequence[float] | Mapping[str, float | Sequence[float]] | None
"""One threshold or several for every issue, or per issue id."""


@dataclass(frozen=True)
class MonteCarloResult:
    """Outcome distribution per issue, with what is needed to reproduce it."""

    model: str
    """Registered model name."""
    params: dict[str, Any]
    """``model.get_params()``."""
    scenario: str
    """Scenario name."""
    seed: int
    """Seed of the generator that drew the inputs."""
    issues: tuple[str, ...]
    """Issue ids, the columns of ``draws``."""
    draws: np.ndarray
    """Array of shape (n_draws, n_issues): the outcome of every draw."""
    summary: pd.DataFrame
    """One row per issue: ``issue, median, p05, p95, mean, sd``."""
    exceedance: pd.DataFrame
    """One row per issue and threshold: ``issue, threshold, p_above`` = P(outcome > threshold)."""
    vectorised: bool
    """False when the model had no vectorised ``solve_draws`` and draws were looped over."""

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return int(self.draws.shape[0])

    def prob_above(self, issue: str, threshold: float) -> float:
        """P(outcome > threshold) on one issue, from the stored draws."""
        if issue not in self.issues:
            raise ScenarioError(f"unknown issue {issue!r}; issues are {', '.join(self.issues)}")
        col = self.draws[:, self.issues.index(issue)]
        return float(np.mean(col > threshold))


def _sd(arr: np.ndarray | None, default: float, shape: tuple[int, int]) -> np.ndarray:
    return np.full(shape, float(default)) if arr is None else np.nan_to_num(arr, nan=0.0)


def draw_inputs(
    scenario: Scenario,
    draws: int,
    rng: np.random.Generator,
    *,
    position_sd: float = 0.0,
    salience_sd: float = 0.0,
    clout_sd: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Perturbed positions, saliences and capabilities, each (draws, n_actors, n_issues).

    Args:
        scenario: The scenario with its sd arrays / position ranges.
        draws: Number of draws.
        rng: The run's generator; consumed in a fixed order.
        position_sd: Default absolute sd where the scenario has no ``position_sd``.
        salience_sd: Default sd where the scenario has no ``salience_sd``.
        clout_sd: Default sd RELATIVE to capability where the scenario has no ``capability_sd``.
    """
    shape = scenario.positions.shape
    low, high = scenario.scale
    psd = _sd(scenario.position_sd, position_sd, shape)
    ssd = _sd(scenario.salience_sd, salience_sd, shape)
    csd = _sd(scenario.capability_sd, 0.0, shape)
    if scenario.capability_sd is None:
        csd = clout_sd * scenario.capability
    z = rng.standard_normal((3, draws) + shape)
    u = rng.random((draws,) + shape)
    pos = scenario.positions + psd * z[0]
    if scenario.position_range is not None:
        r_lo, r_hi = scenario.position_range[..., 0], scenario.position_range[..., 1]
        ranged = ~np.isnan(r_lo) & ~np.isnan(r_hi) & scenario.present
        pos = np.where(ranged, r_lo + (r_hi - r_lo) * u, pos)
    pos = np.clip(pos, low, high)
    sal = np.clip(scenario.salience + ssd * z[1], 0.0, 1.0)
    cap = np.maximum(scenario.capability + csd * z[2], 1e-9 * scenario.capability)
    return pos, sal, cap


def _thresholds(issues: tuple[str, ...], thresholds: Thresholds) -> list[tuple[str, float]]:
    if thresholds is None:
        return []
    if isinstance(thresholds, Mapping):
        out = []
        for issue, ts in thresholds.items():
            if issue not in issues:
                raise ScenarioError(
                    f"threshold for unknown issue {issue!r}; issues are {', '.join(issues)}"
                )
            out += [(issue, float(t)) for t in np.atleast_1d(np.asarray(ts, dtype=float))]
        return out
    ts = np.atleast_1d(np.asarray(thresholds, dtype=float))
    return [(issue, float(t)) for issue in issues for t in ts]


def _solve_chunk(
    model: BargainingModel,
    scenario: Scenario,
    positions: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    part = clone(model).solve_draws(scenario, positions, salience, capability, rng)
    return np.asarray(part, dtype=float).reshape(-1, len(scenario.issues))


def solve_draws(
    model: BargainingModel,
    scenario: Scenario,
    positions: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    rng: np.random.Generator,
    *,
    mapper: Mapper | None = None,
) -> np.ndarray:
    """Evaluate ``model`` on stacked inputs, :data:`CHUNK` draws at a time; (n_draws, n_issues).

    Chunk ``k`` is solved with the ``k``-th child of ``rng`` (``rng.spawn``), so chunks are
    independent problems and ``mapper`` may run them anywhere with the same result.
    """
    if not type(model).vectorised():
        log.info(
            "%s has no vectorised solve_draws; looping over %d draws",
            type(model).__name__,
            len(positions),
        )
    starts = range(0, len(positions), CHUNK)
    if not starts:
        return np.empty((0, len(scenario.issues)))
    parts = (mapper or map)(
        partial(_solve_chunk, model, scenario),
        *([a[i : i + CHUNK] for i in starts] for a in (positions, salience, capability)),
        rng.spawn(len(starts)),
    )
    return np.concatenate(list(parts))


def block_generator(seed: int, block: int) -> np.random.Generator:
    """The generator of block ``block`` of a run seeded ``seed`` (an independent stream)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block,)))


def draw_block(
    scenario: Scenario,
    model: BargainingModel,
    sds: tuple[float, float, float],
    seed: int,
    block: int,
    size: int,
) -> np.ndarray:
    """Outcomes of one seeded block of a Monte Carlo run: (size, n_issues).

    Args:
        scenario: The scenario.
        model: The model, parameters as the run has them.
        sds: Default ``(position_sd, salience_sd, clout_sd)`` (see :func:`draw_inputs`).
        seed: The run's seed.
        block: Index of the block in the run.
        size: Draws in the block (:data:`BLOCK`, fewer in the last one).
    """
    rng = block_generator(seed, block)
    pos, sal, cap = draw_inputs(
        scenario, size, rng, position_sd=sds[0], salience_sd=sds[1], clout_sd=sds[2]
    )
    return solve_draws(model, scenario, pos, sal, cap, rng)


def monte_carlo(
    scenario: Scenario,
    model: str | BargainingModel = "compromise",
    *,
    draws: int = 1000,
    random_state: RandomStateLike = None,
    thresholds: Thresholds = None,
    position_sd: float = 0.0,
    salience_sd: float = 0.0,
    clout_sd: float = 0.0,
    mapper: Mapper | None = None,
) -> MonteCarloResult:
    """Outcome distribution of ``model`` under the scenario's input uncertainty.

    Args:
        scenario: The scenario; its sd arrays and position ranges say how much each input varies.
        model: Registered model name or a model instance (its parameters are kept).
        draws: Number of draws, 1..1 000 000.
        random_state: The run's randomness (:mod:`detente.randomness`); the result
            records the int seed it ran with.
        thresholds: For P(outcome > threshold): one value or several for every issue,
            or a mapping issue id -> value(s).
        position_sd: Default sd where the scenario has none (see :func:`draw_inputs`).
        salience_sd: Default sd where the scenario has none.
        clout_sd: Default relative sd of capability where the scenario has none.
        mapper: Where the seeded blocks run (see :data:`Mapper`); here by default. The
            numbers are the same wherever they run.

    Returns:
        A :class:`MonteCarloResult` with the summary and exceedance tables.
    """
    check_param("monte_carlo", "draws", draws, int, 1, 1_000_000)
    for name, v in (
        ("position_sd", position_sd),
        ("salience_sd", salience_sd),
        ("clout_sd", clout_sd),
    ):
        check_param("monte_carlo", name, v, (int, float), 0)
    m = get_model(model) if isinstance(model, str) else model
    if not isinstance(m, BargainingModel):
        raise ModelError(
            f"monte_carlo needs a model name or a BargainingModel, got {type(model).__name__}"
        )
    seed = seed_of(random_state)
    starts = range(0, draws, BLOCK)
    out = np.concatenate(
        list(
            (mapper or map)(
                partial(draw_block, scenario, m, (position_sd, salience_sd, clout_sd), seed),
                range(len(starts)),
                [min(BLOCK, draws - start) for start in starts],
            )
        )
    )
    issues = scenario.issue_ids
    p05, med, p95 = np.nanpercentile(out, [5, 50, 95], axis=0)
    summary = pd.DataFrame(
        {
            "issue": list(issues),
            "median": med,
            "p05": p05,
            "p95": p95,
            "mean": np.nanmean(out, axis=0),
            "sd": np.nanstd(out, axis=0, ddof=1) if draws > 1 else np.zeros(len(issues)),
        }
    )
    rows = [
        {"issue": i, "threshold": t, "p_above": float(np.mean(out[:, issues.index(i)] > t))}
        for i, t in _thresholds(issues, thresholds)
    ]
    exceedance = pd.DataFrame(rows, columns=["issue", "threshold", "p_above"])
    return MonteCarloResult(
        model=m.name,
        params=m.get_params(),
        scenario=scenario.name,
        seed=seed,
        issues=issues,
        draws=out,
        summary=summary,
        exceedance=exceedance,
        vectorised=type(m).vectorised(),
    )
