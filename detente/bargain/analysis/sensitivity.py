"""Which inputs move the forecast: one-at-a-time swings and Sobol indices.

Two complementary views, both evaluated through the vectorised ``solve_draws``
protocol (every perturbed scenario is one "draw"):

* :func:`one_at_a_time` swings each actor's position, salience and capability
  on each issue by ±δ and records the outcome change — the tornado table an
  analyst reads first ("whose position matters most?").
* :func:`sobol_indices` varies every (actor, variable) factor together and
  apportions the outcome variance (Sobol 2001, Math. Comput. Simul. 55;
  Saltelli et al. 2010, Comput. Phys. Commun. 181 estimators as implemented by
  SALib, Herman & Usher 2017, JOSS 2(9)). Each factor u ∈ [-1, 1] shifts that
  actor's variable on all its issues by u·δ, so S1 / ST answer "how much of the
  uncertainty is due to this actor's stance / stake / clout".

δ: positions by ``position_delta`` x the issue's scale width, saliences by
``salience_delta`` (absolute), capabilities by ``capability_delta`` x c
(relative); results are clipped to the valid ranges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detente.bargain.analysis.uncertainty import Mapper, solve_draws
from detente.bargain.base import BargainingModel, check_param, get_model
from detente.bargain.scenario import Scenario
from detente.errors import ModelError
from detente.extras import require
from detente.randomness import RandomStateLike, check_random_state, seed_of

VARIABLES = ("position", "salience", "capability")
"""Inputs perturbed, in table order."""


@dataclass(frozen=True)
class SensitivityResult:
    """Both sensitivity tables of one model on one scenario."""

    oat: pd.DataFrame
    """Tornado table from :func:`one_at_a_time`."""
    sobol: pd.DataFrame
    """Indices from :func:`sobol_indices`."""


def _model(model: str | BargainingModel) -> BargainingModel:
    return get_model(model) if isinstance(model, str) else model


def _shift(
    scenario: Scenario, var: int, amount: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inputs with variable ``var`` shifted by ``amount`` (in δ units), shape (..., n, m)."""
    low, high = scenario.scale
    pos = np.broadcast_to(scenario.positions, amount.shape).copy()
    sal = np.broadcast_to(scenario.salience, amount.shape).copy()
    cap = np.broadcast_to(scenario.capability, amount.shape).copy()
    if var == 0:
        pos = np.clip(pos + amount * (high - low), low, high)
    elif var == 1:
        sal = np.clip(sal + amount, 0.0, 1.0)
    else:
        cap = np.maximum(cap * (1.0 + amount), 1e-9 * cap)
    return pos, sal, cap


def one_at_a_time(
    scenario: Scenario,
    model: str | BargainingModel = "compromise",
    *,
    position_delta: float = 0.1,
    salience_delta: float = 0.1,
    capability_delta: float = 0.1,
    cross_issue: bool = False,
    random_state: RandomStateLike = None,
    mapper: Mapper | None = None,
) -> pd.DataFrame:
    """Tornado table: each input swung down and up by δ, all else fixed.

    Args:
        scenario: The baseline.
        model: Registered name or model instance.
        position_delta: Swing of a position as a fraction of the issue's scale width.
        salience_delta: Absolute swing of a salience.
        capability_delta: Relative swing of a capability.
        cross_issue: Also report effects on OTHER issues (non-zero only for models that
            couple issues, e.g. exchange); by default only the perturbed issue's outcome.
        random_state: Draws of stochastic models (:mod:`detente.randomness`).
        mapper: Where the chunks of perturbed inputs are solved (see
            :data:`~detente.bargain.analysis.uncertainty.Mapper`); the result does not depend on it.

    Returns:
        Rows ``actor, variable, issue, target, input, input_low, input_high, base,
        outcome_low, outcome_high, swing`` (swing = |high - low| outcome), sorted by swing.
    """
    for name, v in (
        ("position_delta", position_delta),
        ("salience_delta", salience_delta),
        ("capability_delta", capability_delta),
    ):
        check_param("one_at_a_time", name, v, (int, float), 0)
    m = _model(model)
    rng = check_random_state(random_state)
    n, k = scenario.positions.shape
    deltas = (position_delta, salience_delta, capability_delta)
    entries = [
        (i, j, v) for v in range(3) for i in range(n) for j in range(k) if scenario.present[i, j]
    ]
    low, high = scenario.scale
    pos, sal, cap = (
        np.repeat(a[None], 2 * len(entries) + 1, axis=0)
        for a in (scenario.positions, scenario.salience, scenario.capability)
    )
    for e, (i, j, v) in enumerate(entries):
        for r, d in ((2 * e, -deltas[v]), (2 * e + 1, deltas[v])):
            if v == 0:
                pos[r, i, j] = np.clip(pos[r, i, j] + d * (high[j] - low[j]), low[j], high[j])
            elif v == 1:
                sal[r, i, j] = np.clip(sal[r, i, j] + d, 0.0, 1.0)
            else:
                cap[r, i, j] = max(cap[r, i, j] * (1.0 + d), 1e-9 * cap[r, i, j])
    out = solve_draws(m, scenario, pos, sal, cap, rng, mapper=mapper)
    base = out[-1]
    inputs = (pos, sal, cap)
    rows = []
    for e, (i, j, v) in enumerate(entries):
        lo, hi = out[2 * e], out[2 * e + 1]
        for t in range(k) if cross_issue else (j,):
            rows.append(
                {
                    "actor": scenario.actors[i].id,
                    "variable": VARIABLES[v],
                    "issue": scenario.issues[j].id,
                    "target": scenario.issues[t].id,
                    "input": float(
                        (scenario.positions, scenario.salience, scenario.capability)[v][i, j]
                    ),
                    "input_low": float(inputs[v][2 * e, i, j]),
                    "input_high": float(inputs[v][2 * e + 1, i, j]),
                    "base": float(base[t]),
                    "outcome_low": float(lo[t]),
                    "outcome_high": float(hi[t]),
                    "swing": float(abs(hi[t] - lo[t])),
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(
        ["target", "swing"], ascending=[True, False], kind="stable"
    ).reset_index(drop=True)


def sobol_indices(
    scenario: Scenario,
    model: str | BargainingModel = "compromise",
    *,
    n: int = 256,
    random_state: RandomStateLike = None,
    position_delta: float = 0.1,
    salience_delta: float = 0.1,
    capability_delta: float = 0.1,
    mapper: Mapper | None = None,
) -> pd.DataFrame:
    """First-order and total Sobol indices of every (actor, variable) factor, per issue.

    Args:
        scenario: The baseline.
        model: Registered name or model instance.
        n: Base sample size (power of 2); SALib evaluates n x (2 + n_factors) inputs.
        random_state: Sobol sequence scrambling, bootstrap and stochastic models
            (:mod:`detente.randomness`).
        position_delta: Half-width of a position factor as a fraction of the scale width.
        salience_delta: Half-width of a salience factor (absolute).
        capability_delta: Half-width of a capability factor (relative).
        mapper: Where the chunks of the sample are solved; the result does not depend on it.

    Returns:
        Rows ``issue, actor, variable, S1, S1_conf, ST, ST_conf``; indices are 0 for an
        issue whose outcome does not vary at all.
    """
    check_param("sobol_indices", "n", n, int, 2, 1 << 20)
    if n & (n - 1):
        raise ModelError(
            f"The 'n' parameter of sobol_indices must be a power of 2. Got {n!r} instead."
        )
    # SALib (the 'sensitivity' extra) pulls in scipy.stats: import only when used.
    require("sensitivity", "SALib", "Sobol indices")
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    seed = seed_of(random_state)
    m = _model(model)
    n_act, k = scenario.positions.shape
    deltas = np.array([position_delta, salience_delta, capability_delta])
    names = [f"{a.id}:{v}" for v in VARIABLES for a in scenario.actors]
    problem = {"num_vars": len(names), "names": names, "bounds": [[-1.0, 1.0]] * len(names)}
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    u = x.reshape(len(x), 3, n_act)
    pos, sal, cap = (np.empty((len(x), n_act, k)) for _ in range(3))
    for v, target in enumerate((pos, sal, cap)):
        amount = np.broadcast_to((u[:, v, :] * deltas[v])[:, :, None], (len(x), n_act, k))
        target[...] = _shift(scenario, v, np.ascontiguousarray(amount))[v]
    out = solve_draws(m, scenario, pos, sal, cap, np.random.default_rng(seed), mapper=mapper)
    rows = []
    for j, issue in enumerate(scenario.issue_ids):
        y = out[:, j]
        if np.nanmax(y) == np.nanmin(y):
            s1 = s1c = st = stc = np.zeros(len(names))
        else:
            res = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
            s1, s1c, st, stc = res["S1"], res["S1_conf"], res["ST"], res["ST_conf"]
        for f, name in enumerate(names):
            actor, var = name.rsplit(":", 1)
            rows.append(
                {
                    "issue": issue,
                    "actor": actor,
                    "variable": var,
                    "S1": float(s1[f]),
                    "S1_conf": float(s1c[f]),
                    "ST": float(st[f]),
                    "ST_conf": float(stc[f]),
                }
            )
    return pd.DataFrame(rows)


def sensitivity(
    scenario: Scenario,
    model: str | BargainingModel = "compromise",
    *,
    n: int = 256,
    random_state: RandomStateLike = None,
    position_delta: float = 0.1,
    salience_delta: float = 0.1,
    capability_delta: float = 0.1,
    mapper: Mapper | None = None,
) -> SensitivityResult:
    """Both the tornado table and the Sobol indices with the same δ, seed and mapper."""
    seed = seed_of(random_state)
    kw = dict(
        position_delta=position_delta,
        salience_delta=salience_delta,
        capability_delta=capability_delta,
        mapper=mapper,
    )
    return SensitivityResult(
        oat=one_at_a_time(scenario, model, random_state=seed, **kw),
        sobol=sobol_indices(scenario, model, n=n, random_state=seed, **kw),
    )
