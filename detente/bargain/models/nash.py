r"""Asymmetric Nash bargaining solution, issue by issue.

Objective (per issue, over the issue's scale):

.. math::

    x^* = \arg\max_{x \in F} \sum_i w_i \log\bigl(u_i(x) - u_i(d_i)\bigr),\qquad
    u_i(x) = -s_i\,|x - x_i|^k,\qquad w_i = c_i s_i,

with :math:`F` the points every active actor strictly prefers to its
disagreement point. ``utility="linear"`` is :math:`k = 1`, ``"quadratic"`` is
:math:`k = 2`. The disagreement point :math:`d` is the issue's status quo when
the scenario gives one (``disagreement="status_quo"``); otherwise, or with
``disagreement="worst"``, each actor's worst point on the scale (the far end
from its position). Actors with zero weight or no position do not take part.

Sources. Nash (1950, "The bargaining problem", Econometrica 18(2)) for the
product of gains; the asymmetric (weighted) form is Kalai (1977, IJGT 6(3)) and
Roth (1979, *Axiomatic Models of Bargaining*). The EU decision-making
literature treats the capability x salience weighted mean as "a
computationally simple variant of the Nash Bargaining Solution" (Achen 2006,
ch. 4 of *The European Union Decides*; Leinaweaver & Thomson 2014). Achen's
exact derivation (utility form, disagreement point, weights) is not the source
here; the objective above is the textbook asymmetric NBS with salience-weighted
power losses, chosen because it makes the link to the compromise model explicit,
not because it is confirmed to be Achen's.

Relation to the weighted mean (derived here, checked in
``tests/bargain/test_nash.py``). The objective is strictly concave on
:math:`F` for :math:`k \ge 1` (log of a positive concave function), so the
maximiser is unique and sits where the derivative changes sign. For
:math:`k = 2` the first-order condition is

.. math::

    \sum_i w_i \frac{x_i - x}{D_i^2 - (x - x_i)^2} = 0,\qquad D_i = |d_i - x_i|,

i.e. :math:`x^*` is a weighted mean of the positions with weights
:math:`\omega_i = w_i / (D_i^2 - (x^* - x_i)^2)`. When the disagreement point
is far away compared with the spread of positions (:math:`D_i \approx L`,
:math:`L \to \infty`) the :math:`\omega_i` become proportional to :math:`w_i`
and :math:`x^*` tends to the compromise (weighted mean); the gap shrinks like
spread² / L. For :math:`k = 1` the same limit balances the weight on either
side, i.e. the weighted median. The salience inside :math:`u_i` only adds
:math:`\log s_i` to the objective, so salience acts through :math:`w_i`.

Computation: bisection on the (monotone decreasing) derivative over :math:`F`,
vectorised over draws and issues; the interval shrinks below float resolution.
If :math:`F` is empty (the status quo lies between actors, or an actor already
stands on it) no deal beats disagreement and the outcome is the status quo.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detente.bargain.base import BargainingModel, Options, register_model
from detente.bargain.models.closed_form import WEIGHT_KINDS, prepare_weights, weight_array
from detente.bargain.scenario import Scenario

UTILITIES = {"linear": 1.0, "quadratic": 2.0}
"""Exponent k of the loss |x - x_i|^k per utility name."""
DISAGREEMENTS = ("status_quo", "worst")
"""Accepted values of the ``disagreement`` parameter."""
_ITERATIONS = 64
"""Bisection steps: 2^-64 of the feasible width is below double resolution."""


def nash_solution(
    positions: np.ndarray,
    weights: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    status_quo: np.ndarray,
    k: float = 2.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Asymmetric NBS per issue; see the module docstring for the objective.

    Args:
        positions: Array of shape (..., n_actors, n_issues); NaN = no position.
        weights: Broadcastable to ``positions``; the Nash exponents w_i >= 0.
        low: Array of shape (n_issues,), lower end of each scale.
        high: Array of shape (n_issues,), upper end.
        status_quo: Array of shape (n_issues,); NaN means each actor's worst point.
        k: Exponent of the loss (1 linear, 2 quadratic).

    Returns:
        ``(outcome, feasible)``, each of shape (..., n_issues); ``feasible`` is False
        where no point beats disagreement and the outcome is the status quo.
    """
    x, w, present = prepare_weights(positions, weights)
    active = present & (w > 0)
    sq = np.broadcast_to(status_quo, x.shape[:-2] + status_quo.shape)[..., None, :]
    worst = np.maximum(x - low, high - x)
    dist = np.where(np.isnan(sq), worst, np.abs(sq - x))
    xa = np.where(active, x, 0.0)
    lo = np.maximum(low, np.where(active, xa - dist, -np.inf).max(axis=-2))
    hi = np.minimum(high, np.where(active, xa + dist, np.inf).min(axis=-2))
    blocked = (active & (dist <= 0)).any(axis=-2)
    feasible = (lo < hi) & ~blocked
    dk = dist**k
    for _ in range(_ITERATIONS):
        mid = 0.5 * (lo + hi)
        gap = mid[..., None, :] - xa
        with np.errstate(divide="ignore", invalid="ignore"):
            if k == 2.0:  # the two named utilities avoid the slow general power
                term = -2.0 * gap / (dk - gap * gap)
            elif k == 1.0:
                term = -np.sign(gap) / (dk - np.abs(gap))
            else:
                term = k * np.abs(gap) ** (k - 1) * -np.sign(gap) / (dk - np.abs(gap) ** k)
            slope = np.where(active, w * term, 0.0).sum(axis=-2)
        up = slope > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    outcome = np.where(feasible, 0.5 * (lo + hi), sq[..., 0, :])
    return outcome, feasible


@register_model("nash")
class NashBargaining(BargainingModel):
    """Asymmetric Nash bargaining solution with weights capability x salience.

    Args:
        utility: ``"quadratic"`` (default; k = 2) or ``"linear"`` (k = 1) losses.
        disagreement: ``"status_quo"`` (default; falls back to each actor's worst point on
            issues without a status quo) or ``"worst"``.
        weight: Nash exponents: ``capability*salience`` (default), ``capability`` or ``salience``.

    Attributes:
        outcome_: Array of shape (n_issues,).
        feasible_: Boolean array (n_issues,): False where no deal beats the status quo.
        disagreement_: Array (n_issues,): the status quo used, NaN where worst points were used.
    """

    outcome_meaning = (
        "Nash bargaining solution; where no point leaves every actor better off than the "
        "status quo, the status quo itself (shown as 'no deal')"
    )

    _parameter_constraints = {
        "utility": [Options(UTILITIES)],
        "disagreement": [Options(DISAGREEMENTS)],
        "weight": [Options(WEIGHT_KINDS)],
    }

    def __init__(
        self,
        *,
        utility: str = "quadratic",
        disagreement: str = "status_quo",
        weight: str = "capability*salience",
    ) -> None:
        self.utility = utility
        self.disagreement = disagreement
        self.weight = weight

    def _status_quo(self, scenario: Scenario) -> np.ndarray:
        if self.disagreement == "worst":
            return np.full(len(scenario.issues), np.nan)
        return np.array(
            [np.nan if i.status_quo is None else i.status_quo for i in scenario.issues], dtype=float
        )

    def solve_draws(self, scenario: Scenario, positions, salience, capability, rng) -> np.ndarray:
        """Vectorised over the leading draw axis (see :meth:`BargainingModel.solve_draws`)."""
        self._validate_params()
        low, high = scenario.scale
        outcome, _ = nash_solution(
            positions,
            weight_array(self.weight, salience, capability),
            low,
            high,
            self._status_quo(scenario),
            UTILITIES[self.utility],
        )
        return outcome

    def fit(self, scenario: Scenario) -> NashBargaining:
        """Solve the bargaining problem of every issue."""
        low, high = scenario.scale
        sq = self._status_quo(scenario)
        outcome, feasible = nash_solution(
            scenario.positions[None],
            scenario.weights(self.weight)[None],
            low,
            high,
            sq,
            UTILITIES[self.utility],
        )
        self.outcome_, self.feasible_, self.disagreement_ = outcome[0], feasible[0], sq
        return self

    def outcomes(self) -> pd.DataFrame:
        """Outcome per issue plus ``feasible`` (a deal beats disagreement) and ``disagreement``."""
        frame = super().outcomes()
        frame["feasible"] = np.asarray(self.feasible_, dtype=bool)
        frame["disagreement"] = self.disagreement_
        return frame
