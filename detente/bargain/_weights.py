"""Voting weights and the two closed-form aggregates every model reports.

Kept in one private module so the weighted median, the compromise model, the
round recorder and Monte Carlo all agree on the same rules (NaN handling, ties,
zero total weight).
"""

from __future__ import annotations

import numpy as np

from detente.errors import ModelError

WEIGHT_KINDS = ("capability*salience", "clout*salience", "capability", "clout", "salience")
"""Names accepted by the ``weight`` parameter of the closed-form models."""


def weight_array(kind: str, salience: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """Voting weight per actor and issue, with any leading draw axes.

    Mirrors :meth:`detente.bargain.scenario.Scenario.weights` but works on
    perturbed arrays, so Monte Carlo draws use the same rule as a single fit.

    Args:
        kind: ``capability*salience`` (alias ``clout*salience``), ``capability`` or ``salience``.
        salience: Array of shape (..., n_actors, n_issues).
        capability: Array of shape (..., n_actors, n_issues).

    Returns:
        Array of the broadcast shape; positions are not masked here.
    """
    if kind in ("capability*salience", "clout*salience"):
        return np.asarray(capability, float) * np.asarray(salience, float)
    if kind in ("capability", "clout"):
        return np.asarray(capability, float) * np.ones_like(salience, dtype=float)
    if kind == "salience":
        return np.asarray(salience, float) * np.ones_like(capability, dtype=float)
    raise ModelError(f"unknown weight {kind!r}; use one of {', '.join(WEIGHT_KINDS)}")


def _prepare(
    positions: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Broadcast, zero the weight of missing positions, fall back to equal weights.

    When every actor with a position on an issue has weight 0 (e.g. all
    saliences are 0), each of them counts equally instead of the aggregate
    being undefined; an issue with no position at all yields NaN.
    """
    x, w = np.broadcast_arrays(np.asarray(positions, float), np.asarray(weights, float))
    if np.any(w < 0):
        raise ModelError("weights must be >= 0")
    present = ~np.isnan(x)
    w = np.where(present, w, 0.0)
    total = w.sum(axis=-2, keepdims=True)
    w = np.where(total > 0, w, present.astype(float))
    return x, w, present


def weighted_median(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Position at which the cumulative weight first reaches half the total (Black's median).

    Sort actors by position; return the first position whose cumulative weight
    is >= 1/2 of the issue's total (the rule of muratk3n's "weighted mode", see
    the bargaining README §a). With an exact half split the LOWER of the two
    middle positions is returned. A relative tolerance of 1e-12 absorbs
    floating-point error in the cumulative sum. NaN positions are ignored.

    Args:
        positions: Array of shape (..., n_actors, n_issues); leading axes are draws.
        weights: Array broadcastable to ``positions``, >= 0.

    Returns:
        Array of shape (..., n_issues); NaN for an issue without any position.
    """
    x, w, present = _prepare(positions, weights)
    total = w.sum(axis=-2, keepdims=True)
    order = np.argsort(np.where(present, x, np.inf), axis=-2, kind="stable")
    xs = np.take_along_axis(x, order, axis=-2)
    cum = np.cumsum(np.take_along_axis(w, order, axis=-2), axis=-2)
    reached = cum >= total * (0.5 - 1e-12)
    idx = np.argmax(reached, axis=-2)[..., None, :]
    med = np.take_along_axis(xs, idx, axis=-2)[..., 0, :]
    return np.where(total[..., 0, :] > 0, med, np.nan)


def weighted_mean(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r"""Weighted mean :math:`\sum_i w_i x_i / \sum_i w_i` per issue, NaN positions ignored.

    Args:
        positions: Array of shape (..., n_actors, n_issues); leading axes are draws.
        weights: Array broadcastable to ``positions``, >= 0.

    Returns:
        Array of shape (..., n_issues); NaN for an issue without any position.
    """
    x, w, present = _prepare(positions, weights)
    total = w.sum(axis=-2)
    num = np.where(present, x * w, 0.0).sum(axis=-2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, num / np.where(total > 0, total, 1.0), np.nan)
