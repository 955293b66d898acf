r"""Compromise model: the capability x salience weighted mean of the positions.

:math:`\hat x = \sum_i c_i s_i x_i / \sum_i c_i s_i`, issue by issue. Achen
(2006, "Institutional realism and bargaining models", ch. 4 of *The European
Union Decides*, Thomson, Stokman, Achen & König eds.) found this
influence- and salience-weighted mean did as well as or better than more
complex models on EU legislative decisions; Leinaweaver & Thomson (2014, EUP
15(1)) call it "a computationally simple variant of the Nash Bargaining
Solution" (see :mod:`detente.bargain.nash` for how the two relate). Stokman's
exchange-model code computes the same quantity as the expected outcome
(``nash_bargaining_solution`` in foarsitter/decide-exchange-model).
Reproduced exactly in ``tests/bargain/test_compromise.py`` (Decide unit cases,
Copenhagen/CoP21 round 0, EU emissions 7.389955686853767, Greece 740/9).
"""

from __future__ import annotations

from detente.bargain._closed_form import WeightedStatistic
from detente.bargain._weights import weighted_mean
from detente.bargain.base import register_model

__all__ = ["Compromise", "weighted_mean"]


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
