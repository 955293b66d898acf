"""Stokman's exchange model: the estimator and the pieces of one round.

:mod:`~detente.bargain.models.exchange.model` holds the estimator;
:mod:`~detente.bargain.models.exchange.state` the round's arrays,
:mod:`~detente.bargain.models.exchange.algebra` the algebra of one candidate exchange,
:mod:`~detente.bargain.models.exchange.randomised` the randomised variant's draws,
:mod:`~detente.bargain.models.exchange.rounds` how a round realises exchanges, and
:mod:`~detente.bargain.models.exchange.draws` many Monte Carlo draws side by side.
"""

from detente.bargain.models.exchange.model import ExchangeModel, HighestGain, exchange_round

__all__ = ["ExchangeModel", "HighestGain", "exchange_round"]
