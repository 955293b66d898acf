r"""State of one round of Stokman's exchange model: the per-round sums and the candidates.

:class:`RoundArrays` holds what is constant within a round (positions at its start,
saliences, capabilities and the per-issue sums of the expected outcome); the
:class:`Candidates` struct of arrays holds what changes as exchanges are realised, with
each candidate's :class:`MoveHistory`. :class:`BlockRngs` gives each of several problems
laid side by side (Monte Carlo draws, :mod:`detente.bargain.models.exchange.draws`) its own
generator. The algebra that reads and updates this state is
:mod:`detente.bargain.models.exchange.algebra`; the names follow the reference implementation
``foarsitter/decide-exchange-model`` (Stokman & Van Oosten 1994).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class RoundArrays:
    """Per-round constants on the normalised scale, shape (n_actors, n_issues) unless noted."""

    x: np.ndarray
    """Positions at the start of the round (0–100); NaN = no position."""
    s: np.ndarray
    """Salience."""
    c: np.ndarray
    """Capability."""
    cs: np.ndarray
    """``c * s``, zero where the actor has no position."""
    denom: np.ndarray
    """Shape (n_issues,): :math:`D_k = \\sum_a c s` on each issue."""
    csx: np.ndarray
    """Shape (n_issues,): :math:`\\sum_a c s x` on each issue (NaN positions count 0)."""

    @classmethod
    def build(cls, x: np.ndarray, s: np.ndarray, c: np.ndarray) -> RoundArrays:
        """Derive the sums once per round."""
        present = ~np.isnan(x)
        cs = np.where(present, c * s, 0.0)
        return cls(
            x=x,
            s=s,
            c=c,
            cs=cs,
            denom=cs.sum(axis=0),
            csx=(cs * np.where(present, x, 0.0)).sum(axis=0),
        )

    def outcome(self) -> np.ndarray:
        """c·s-weighted mean per issue; unweighted mean where no one has weight."""
        plain = np.nanmean(self.x, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.denom > 0, self.csx / self.denom, plain)


@dataclass
class Candidates:
    """Struct of arrays: one entry per candidate exchange (mutable state of the round)."""

    ai: np.ndarray
    """Actor ``i`` (supplies ``q``, demands ``p``)."""
    aj: np.ndarray
    """Actor ``j`` (supplies ``p``, demands ``q``)."""
    p: np.ndarray
    """Issue that ``j`` supplies."""
    q: np.ndarray
    """Issue that ``i`` supplies."""
    xi: np.ndarray
    """``i``'s current position on ``q`` (changes when an exchange of ``i`` on ``q`` is done)."""
    xj: np.ndarray
    """``j``'s current position on ``p``."""
    yi: np.ndarray
    """``i``'s voting position on ``q`` if this exchange is realised."""
    yj: np.ndarray
    """``j``'s voting position on ``p`` if this exchange is realised."""
    gain: np.ndarray
    """Equal utility gain of both actors (ranks the candidates)."""
    gain_i: np.ndarray
    """``i``'s own gain: the equal gain, or its random-rate draw."""
    gain_j: np.ndarray
    """``j``'s own gain."""
    valid: np.ndarray
    """Whether the exchange is still possible."""
    moves_i: MoveHistory
    """``i``'s moves on ``q`` this round that the direction check compares with."""
    moves_j: MoveHistory
    """``j``'s moves on ``p``."""
    seen_p: np.ndarray | None
    """Shape (n, n_actors): position of each actor on ``p`` as a realised exchange left
    it and this candidate has learnt of (the reference's ``exchange.updates``); NaN = none."""
    seen_q: np.ndarray | None
    """Same for issue ``q``. Both are None before the first evaluation (nothing seen yet)."""


@dataclass
class MoveHistory:
    r"""The reference's per-candidate list of moves, kept as "earlier moves" + "last move".

    ``is_move_valid`` needs the sum, the minimum and the maximum of all moves; the list
    is only ever changed by replacing its last move or by appending a new one, so the
    earlier moves are kept as running sum/min/max (NaN ``last`` = no move yet).
    """

    total: np.ndarray
    """Sum of the earlier moves."""
    low: np.ndarray
    """Minimum of the earlier moves (``+inf`` if none)."""
    high: np.ndarray
    """Maximum of the earlier moves (``-inf`` if none)."""
    last: np.ndarray
    """The last move (NaN if none)."""

    @classmethod
    def empty(cls, n: int) -> MoveHistory:
        """``n`` empty histories."""
        return cls(np.zeros(n), np.full(n, np.inf), np.full(n, -np.inf), np.full(n, np.nan))

    def keep_last(self, idx: np.ndarray) -> None:
        """Make the last move of ``idx`` an earlier move (the next one is appended)."""
        last = self.last[idx]
        has = ~np.isnan(last)
        sel, val = idx[has], last[has]
        self.total[sel] += val
        self.low[sel] = np.minimum(self.low[sel], val)
        self.high[sel] = np.maximum(self.high[sel], val)
        self.last[sel] = np.nan

    def earlier(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sum, min, max) of the earlier moves of ``idx``."""
        return self.total[idx], self.low[idx], self.high[idx]


@dataclass(frozen=True)
class BlockRngs:
    """One generator per problem when several problems share the issue axis (``width``).

    Each Monte Carlo draw owns a generator, as it would in a fit of its own; candidates
    of problem ``b`` (issues ``b * width`` to ``(b + 1) * width - 1``) draw from
    ``generators[b]``, in the order a fit of that problem alone would draw.
    """

    generators: tuple[np.random.Generator, ...]
    """Generator of each problem, in column order."""
    width: int
    """Issues per problem."""

    def of(self, issue: np.ndarray) -> np.ndarray:
        """Problem (block) of each issue column."""
        return issue // self.width


Rng = np.random.Generator | BlockRngs | None
"""A single problem's generator, or one per problem (:class:`BlockRngs`)."""
