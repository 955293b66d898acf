"""Weighted median (median voter) model: the position that half the weight backs.

Black's (1948) median-voter result in one dimension with votes weighted by
capability x salience, the baseline forecast of Bueno de Mesquita's
expected-utility work ("prediction = weighted median", Bueno de Mesquita 1994;
Scholz, Calbert & Smith 2011). Rule as in muratk3n's "weighted mode" (bargaining
README §a): sort by position, return the first position at which the
cumulative weight reaches >= 1/2 of the total; an exact half split returns the
lower middle position. With linear pairwise votes this equals the Condorcet
winner computed by jmckib's ``median_position``. Reproduced in
``tests/bargain/test_weighted_median.py`` (EU emissions round 0: 7.0;
Greece 2015: 100).
"""

from __future__ import annotations

import numpy as np

from detente.bargain._weights import WEIGHT_KINDS, weight_array, weighted_median
from detente.bargain.base import BargainingModel, check_param, register_model
from detente.bargain.scenario import Scenario
from detente.errors import ModelError

__all__ = ["WeightedMedian", "weighted_median"]


def check_weight(owner: str, weight: object) -> None:
    """The 'weight' parameter message shared by the closed-form models."""
    check_param(owner, "weight", weight, str)
    if weight not in WEIGHT_KINDS:
        raise ModelError(
            f"The 'weight' parameter of {owner} must be one of {', '.join(WEIGHT_KINDS)}. "
            f"Got {weight!r} instead."
        )


@register_model("weighted_median")
class WeightedMedian(BargainingModel):
    """Forecast each issue at its capability x salience weighted median.

    Args:
        weight: Voting weight: ``capability*salience`` (default), ``capability`` or ``salience``.

    Attributes:
        outcome_: Array of shape (n_issues,), the weighted median per issue.
    """

    def __init__(self, *, weight: str = "capability*salience") -> None:
        self.weight = weight

    def _solve(self, scenario: Scenario, positions, salience, capability, rng) -> np.ndarray:
        """Vectorised over the leading draw axis (see :meth:`BargainingModel._solve`)."""
        check_weight(type(self).__name__, self.weight)
        return weighted_median(positions, weight_array(self.weight, salience, capability))

    def fit(self, scenario: Scenario) -> WeightedMedian:
        """Compute the weighted median of every issue."""
        self.outcome_ = self._solve(
            scenario,
            scenario.positions[None],
            scenario.salience[None],
            scenario.capability[None],
            np.random.default_rng(0),
        )[0]
        return self
