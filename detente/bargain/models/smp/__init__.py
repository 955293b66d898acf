"""KTAB's Spatial Model of Politics: the estimator, its rules, one turn and a whole run.

:mod:`~detente.bargain.models.smp.model` holds the estimator,
:mod:`~detente.bargain.models.smp.rules` the voting and utility rules,
:mod:`~detente.bargain.models.smp.turn` one turn and :mod:`~detente.bargain.models.smp.run`
the turns to convergence.
"""

from detente.bargain.models.smp.model import SpatialModel, smp_inputs

__all__ = ["SpatialModel", "smp_inputs"]
