"""Weighted median (median voter) model: the position that half the weight backs.

Black's (1948) median-voter result in one dimension with votes weighted by
capability x salience, the baseline forecast of Bueno de Mesquita's
expected-utility work ("prediction = weighted median", Bueno de Mesquita 1994;
Scholz, Calbert & Smith 2011). Rule as in muratk3n's "weighted mode": sort by
position, return the first position at which the cumulative weight reaches
>= 1/2 of the total; an exact half split returns the
lower middle position. With linear pairwise votes this equals the Condorcet
winner computed by jmckib's ``median_position``. Reproduced in
``tests/bargain/test_weighted_median.py`` (EU emissions round 0: 7.0;
Greece 2015: 100).
"""

from __future__ import annotations

import numpy as np

from detente.bargain.base import register_model
from detente.bargain.models.closed_form import WeightedStatistic, prepare_weights

__all__ = ["WeightedMedian", "weighted_median"]


def weighted_median(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Position at which the cumulative weight first reaches half the total (Black's median).

    Sort actors by position; return the first position whose cumulative weight
    is >= 1/2 of the issue's total (the rule of muratk3n's "weighted mode").
    With an exact half split the LOWER of the two
    middle positions is returned. A relative tolerance of 1e-12 absorbs
    floating-point error in the cumulative sum. NaN positions are ignored.

    Args:
        positions: Array of shape (..., n_actors, n_issues); leading axes are draws.
        weights: Array broadcastable to ``positions``, >= 0.

    Returns:
        Array of shape (..., n_issues); NaN for an issue without any position.
    """
    x, w, present = prepare_weights(positions, weights)
    total = w.sum(axis=-2, keepdims=True)
    order = np.argsort(np.where(present, x, np.inf), axis=-2, kind="stable")
    xs = np.take_along_axis(x, order, axis=-2)
    cum = np.cumsum(np.take_along_axis(w, order, axis=-2), axis=-2)
    reached = cum >= total * (0.5 - 1e-12)
    idx = np.argmax(reached, axis=-2)[..., None, :]
    med = np.take_along_axis(xs, idx, axis=-2)[..., 0, :]
    return np.where(total[..., 0, :] > 0, med, np.nan)


@register_model("weighted_median")
class WeightedMedian(WeightedStatistic):
    """Forecast each issue at its capability x salience weighted median.

    Args:
        weight: Voting weight: ``capability*salience`` (default), ``capability`` or ``salience``.

    Attributes:
        outcome_: Array of shape (n_issues,), the weighted median per issue.
    """

    outcome_meaning = "weighted median of the stated positions: where clout x salience reaches half"
    statistic = staticmethod(weighted_median)
