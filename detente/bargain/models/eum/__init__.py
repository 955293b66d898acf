"""The expected-utility model: the model itself, one round's arithmetic, and its contests.

:mod:`~detente.bargain.models.eum.model` holds the estimator,
:mod:`~detente.bargain.models.eum.core` one round over many columns at once and
:mod:`~detente.bargain.models.eum.contest` the pairwise contests a round is made of.
"""

from detente.bargain.models.eum.model import ExpectedUtilityModel

__all__ = ["ExpectedUtilityModel"]
