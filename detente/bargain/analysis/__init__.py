"""What is done with a fitted model: uncertainty, sensitivity, what-ifs, comparison, scoring.

:mod:`~detente.bargain.analysis.uncertainty` (Monte Carlo over the stated uncertainty),
:mod:`~detente.bargain.analysis.sensitivity` (one-at-a-time swings, Sobol indices),
:mod:`~detente.bargain.analysis.whatif` (changed scenarios side by side),
:mod:`~detente.bargain.analysis.compare` (every model in one table) and
:mod:`~detente.bargain.analysis.backtest` (earlier forecasts against observed outcomes).
"""
