r"""Compromise model: the capability x salience weighted mean of the positions.

:math:`\hat x = \sum_i c_i s_i x_i / \sum_i c_i s_i`, issue by issue. Achen
(2006, "Institutional realism and bargaining models", ch. 4 of *The European
Union Decides*, Thomson, Stokman, Achen & König eds.) found this
influence- and salience-weighted mean did as well as or better than more
complex models on EU legislative decisions; Leinaweaver & Thomson (2014, EUP
15(1)) call it "a computationally simple variant of the Nash Bargaining
Solution" (see :mod:`detente.bargain.models.nash` for how the two relate). Stokman's
exchange-model code computes the same quantity as the expected outcome
(``nash_bargaining_solution`` in foarsitter/decide-exchange-model).
Reproduced exactly in ``tests/bargain/test_compromise.py`` (Decide unit cases,
Copenhagen/CoP21 round 0, EU emissions 7.389955686853767, Greece 740/9).
"""

from __future__ import annotations

import numpy as np

from detente.bargain.base import register_model
from detente.bargain.models.closed_form import WeightedStatistic, prepare_weights

__all__ = ["Compromise", "weighted_mean"]


def weighted_mean(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r"""Weighted mean :math:`\sum_i w_i x_i / \sum_i w_i` per issue, NaN positions ignored.

    Args:
        positions: Array of shape (..., n_actors, n_issues); leading axes are draws.
        weights: Array broadcastable to ``positions``, >= 0.

    Returns:
        Array of shape (..., n_issues); NaN for an issue without any position.
    """
    x, w, present = prepare_weights(positions, weights)
    total = w.sum(axis=-2)
    num = np.where(present, x * w, 0.0).sum(axis=-2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, num / np.where(total > 0, total, 1.0), np.nan)


@register_model("compromise")
class Compromise(WeightedStatistic):
    """Forecast each issue at the capability x salience weighted mean.

    Args:
        weight: ``capability*salience`` (default), ``capability`` or ``salience``.

    Attributes:
        outcome_: Array of shape (n_issues,), the weighted mean per issue.
    """

    outcome_meaning = "weighted mean of the stated positions (weights: clout x salience)"
    statistic = staticmethod(weighted_mean)
