"""The shape shared by the closed-form models: one weighted statistic per issue, no rounds.

The voting weights and their NaN, zero-weight and tie rules live here once, so the
weighted median, the compromise, the Nash solution, the round recorder and Monte Carlo
all agree on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np

from detente.bargain.base import BargainingModel, Options
from detente.bargain.scenario import Scenario
from detente.errors import ModelError

WEIGHT_KINDS = ("capability*salience", "clout*salience", "capability", "clout", "salience")
"""Names accepted by the ``weight`` parameter of the closed-form models."""


def weight_array(kind: str, salience: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Voting weight per actor and issue, with any leading draw axes.

    Mirrors :meth:`detente.bargain.scenario.Scenario.weights` but works on
    perturbed arrays, so Monte Carlo draws use the same rule as a single fit.

    Args:
        kind: ``capability*salience`` (alias ``clout*salience``), ``capability`` or ``salience``.
        salience: Array of shape (..., n_actors, n_issues).
        capability: Array of shape (..., n_actors, n_issues).

    Returns:
        Array of the broadcast shape; positions are not masked here.
    """
    if kind in ("capability*salience", "clout*salience"):
        return np.asarray(capability, float) * np.asarray(salience, float)
    if kind in ("capability", "clout"):
        return np.asarray(capability, float) * np.ones_like(salience, dtype=float)
    if kind == "salience":
        return np.asarray(salience, float) * np.ones_like(capability, dtype=float)
    raise ModelError(f"unknown weight {kind!r}; use one of {', '.join(WEIGHT_KINDS)}")


def prepare_weights(
    positions: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Broadcast, zero the weight of missing positions, fall back to equal weights.

    When every actor with a position on an issue has weight 0 (e.g. all
    saliences are 0), each of them counts equally instead of the aggregate
    being undefined; an issue with no position at all yields NaN.
    """
    x, w = np.broadcast_arrays(np.asarray(positions, float), np.asarray(weights, float))
    if np.any(w < 0):
        raise ModelError("weights must be >= 0")
    present = ~np.isnan(x)
    w = np.where(present, w, 0.0)
    total = w.sum(axis=-2, keepdims=True)
    w = np.where(total > 0, w, present.astype(float))
    return x, w, present


class WeightedStatistic(BargainingModel):
    """Base of models whose forecast is a weighted statistic of the positions.

    Subclasses set ``statistic``, a function ``(positions, weights) -> outcomes``
    vectorised over a leading draw axis, and register themselves by name.
    """

    statistic: ClassVar[Callable[[np.ndarray, np.ndarray], np.ndarray]]
    _parameter_constraints = {"weight": [Options(WEIGHT_KINDS)]}

    def __init__(self, *, weight: str = "capability*salience") -> None:
        self.weight = weight

    def solve_draws(self, scenario: Scenario, positions, salience, capability, rng) -> np.ndarray:
        """Vectorised over the leading draw axis (see :meth:`BargainingModel.solve_draws`)."""
        self._validate_params()
        return type(self).statistic(positions, weight_array(self.weight, salience, capability))

    def fit(self, scenario: Scenario) -> WeightedStatistic:
        """Compute the statistic on every issue of the scenario."""
        self.outcome_ = self.solve_draws(
            scenario,
            scenario.positions[None],
            scenario.salience[None],
            scenario.capability[None],
            np.random.default_rng(0),
        )[0]
        return self
