"""The shape shared by the closed-form models: one weighted statistic per issue, no rounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np

from detente.bargain._weights import WEIGHT_KINDS, weight_array
from detente.bargain.base import BargainingModel, check_param
from detente.bargain.scenario import Scenario
from detente.errors import ModelError


def check_weight(owner: str, weight: object) -> None:
    """The 'weight' parameter message shared by the closed-form models."""
    check_param(owner, "weight", weight, str)
    if weight not in WEIGHT_KINDS:
        raise ModelError(
            f"The 'weight' parameter of {owner} must be one of {', '.join(WEIGHT_KINDS)}. "
            f"Got {weight!r} instead."
        )


class WeightedStatistic(BargainingModel):
    """Base of models whose forecast is a weighted statistic of the positions.

    Subclasses set ``statistic``, a function ``(positions, weights) -> outcomes``
    vectorised over a leading draw axis, and register themselves by name.
    """

    statistic: ClassVar[Callable[[np.ndarray, np.ndarray], np.ndarray]]

    def __init__(self, *, weight: str = "capability*salience") -> None:
        self.weight = weight

    def _solve(self, scenario: Scenario, positions, salience, capability, rng) -> np.ndarray:
        """Vectorised over the leading draw axis (see :meth:`BargainingModel._solve`)."""
        check_weight(type(self).__name__, self.weight)
        return type(self).statistic(positions, weight_array(self.weight, salience, capability))

    def fit(self, scenario: Scenario) -> WeightedStatistic:
        """Compute the statistic on every issue of the scenario."""
        self.outcome_ = self._solve(
            scenario,
            scenario.positions[None],
            scenario.salience[None],
            scenario.capability[None],
            np.random.default_rng(0),
        )[0]
        return self
