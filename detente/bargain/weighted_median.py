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

from detente.bargain._closed_form import WeightedStatistic
from detente.bargain._weights import weighted_median
from detente.bargain.base import register_model

__all__ = ["WeightedMedian", "weighted_median"]


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
