"""One round of Stokman's exchange model: realise the best exchange, update the rest, repeat.

Within a round the candidate with the highest equal gain is realised first; every
remaining candidate that shares an actor-issue with it is brought up to date and
re-evaluated (its supplying actor now starts from the realised voting position, or
it now sees the shifted outcome of an issue it demands), and candidates that became
impossible are dropped. The loop ends when no candidate is left. Rules follow
``ModelLoop.loop``, ``AbstractModel.remove_invalid_exchanges`` and
``AbstractExchange.recalculate`` of ``foarsitter/decide-exchange-model``; see
:mod:`detente.bargain._exchange_algebra` for the algebra of one candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from detente.bargain._exchange_algebra import Candidates, RoundArrays, evaluate


@dataclass(frozen=True, slots=True)
class Realised:
    """One realised exchange, on the normalised 0–100 scale."""

    actor_i: int
    """Row of actor ``i``, who moves on ``issue_i``."""
    issue_i: int
    """Issue ``i`` supplies (``q``); ``i`` demands ``issue_j``."""
    actor_j: int
    """Row of actor ``j``, who moves on ``issue_j``."""
    issue_j: int
    """Issue ``j`` supplies (``p``)."""
    start_i: float
    """``i``'s position on ``issue_i`` before this exchange."""
    end_i: float
    """``i``'s voting position on ``issue_i`` after it."""
    start_j: float
    """``j``'s position on ``issue_j`` before this exchange."""
    end_j: float
    """``j``'s voting position on ``issue_j`` after it."""
    gain: float
    """Utility gain of each of the two actors (equal gain)."""
    tied: int
    """How many candidates shared the highest gain when this one was picked (1 = no tie)."""
    gain_i: float = float("nan")
    """``i``'s own gain (equals ``gain`` unless the random rate is on)."""
    gain_j: float = float("nan")
    """``j``'s own gain."""


class PartnerRule(Protocol):
    """Policy choosing the exchange to realise among candidates (negmas-style composition)."""

    def choose(
        self, gains: np.ndarray, rng: np.random.Generator, pairs: np.ndarray
    ) -> tuple[int, int]:
        """Return (position in ``gains`` of the exchange to realise, number tied at the top).

        ``pairs`` has shape (n, 4): actor ``i``, issue ``i`` supplies, actor ``j``, issue
        ``j`` supplies, for each candidate in ``gains``.
        """
        ...


@dataclass(frozen=True)
class HighestGain:
    """Realise the highest equal gain; break ties at the top by ``tie``.

    ``tie="random"`` draws uniformly among the tied candidates from the model's seeded
    generator (the reference flips ``random.random()`` between the first two, unseeded);
    ``tie="first"`` takes the earliest candidate in generation order, which is what the
    reference does with ``EqualGainModel.ALLOW_RANDOM = False``.
    """

    tie: str = "random"
    """``"random"`` or ``"first"``."""
    tolerance: float = 1e-12
    """Gains within ``tolerance * max(1, best)`` of the best count as tied."""

    def choose(
        self, gains: np.ndarray, rng: np.random.Generator, pairs: np.ndarray | None = None
    ) -> tuple[int, int]:
        """Pick one candidate; see the class docstring (``pairs`` is not needed)."""
        best = gains.max()
        tied = np.flatnonzero(gains >= best - self.tolerance * max(1.0, abs(best)))
        if tied.size == 1 or self.tie == "first":
            return int(tied[0]), int(tied.size)
        return int(tied[rng.integers(tied.size)]), int(tied.size)


def _update_seen(start: float, end: float, seen: np.ndarray) -> np.ndarray:
    """Position of a realised supplier as later candidates record it (``update_updates``).

    The first record is the voting position. A later exchange of the same supplier on
    the same issue keeps the smaller of the two records when the supplier started at or
    below the old record and the larger otherwise; this is the reference's rule, kept
    as is so that its runs are reproduced.
    """
    again = np.where(start <= seen, np.minimum(seen, end), np.maximum(seen, end))
    return np.where(np.isnan(seen), end, again)


def _propagate(
    r: RoundArrays,
    cand: Candidates,
    won: int,
    others: np.ndarray,
    rate: float,
    rng: np.random.Generator,
) -> None:
    """Bring candidates ``others`` up to date after realising candidate ``won``."""
    R_ai, R_aj, R_p, R_q = (int(v[won]) for v in (cand.ai, cand.aj, cand.p, cand.q))
    R_yi, R_yj = float(cand.yi[won]), float(cand.yj[won])
    ai, aj, p, q = cand.ai[others], cand.aj[others], cand.p[others], cand.q[others]

    # the supplying actor of a candidate moved on its supply issue: start from there
    i_was_i = (ai == R_ai) & (q == R_q)
    i_was_j = ~i_was_i & (ai == R_aj) & (q == R_p)
    j_was_i = (aj == R_ai) & (p == R_q)
    j_was_j = ~j_was_i & (aj == R_aj) & (p == R_p)
    sup_i = i_was_i | i_was_j
    sup_j = j_was_i | j_was_j
    cand.xi[others[i_was_i]] = R_yi
    cand.xi[others[i_was_j]] = R_yj
    cand.xj[others[j_was_i]] = R_yi
    cand.xj[others[j_was_j]] = R_yj

    # a candidate actor demands the issue a realised actor supplied: it sees the shift
    # (R's j demands R_q, which R's i supplied; R's i demands R_p, which R's j supplied)
    dem = []
    for demander, issue, supplier, start, end in (
        (R_aj, R_q, R_ai, float(r.x[R_ai, R_q]), R_yi),
        (R_ai, R_p, R_aj, float(r.x[R_aj, R_p]), R_yj),
    ):
        on_q = (aj == demander) & (q == issue)  # the candidate's j demands q
        on_p = (ai == demander) & (p == issue)  # the candidate's i demands p
        for mask, seen in ((on_q, cand.seen_q), (on_p, cand.seen_p)):
            rows = others[mask]
            if rows.size:
                seen[rows, supplier] = _update_seen(start, end, seen[rows, supplier])
        dem.append(on_q | on_p)

    # the reference's move history: a side that just took over a realised position keeps
    # its last move and appends the new one; otherwise the new move replaces the last
    redo = sup_i | sup_j | dem[0] | dem[1]
    cand.moves_i.keep_last(others[redo & sup_i])
    cand.moves_j.keep_last(others[redo & sup_j])
    evaluate(r, cand, others[redo], rate, rng)


def run_round(
    r: RoundArrays,
    cand: Candidates,
    rule: PartnerRule,
    rng: np.random.Generator,
    rate: float = 0.0,
) -> list[Realised]:
    """Realise exchanges until none is possible; return them in order.

    ``rate`` > 0 re-draws the random-rate moves of every candidate re-evaluated.
    """
    done: list[Realised] = []
    active = np.flatnonzero(cand.valid)
    while active.size:
        pairs = np.stack([cand.ai[active], cand.q[active], cand.aj[active], cand.p[active]], axis=1)
        k, tied = rule.choose(cand.gain[active], rng, pairs)
        won = int(active[k])
        done.append(
            Realised(
                actor_i=int(cand.ai[won]),
                issue_i=int(cand.q[won]),
                actor_j=int(cand.aj[won]),
                issue_j=int(cand.p[won]),
                start_i=float(cand.xi[won]),
                end_i=float(cand.yi[won]),
                start_j=float(cand.xj[won]),
                end_j=float(cand.yj[won]),
                gain=float(cand.gain[won]),
                tied=tied,
                gain_i=float(cand.gain_i[won]),
                gain_j=float(cand.gain_j[won]),
            )
        )
        others = np.delete(active, k)
        _propagate(r, cand, won, others, rate, rng)
        active = others[cand.valid[others]]
    return done


def close_round(
    r: RoundArrays, realised: list[Realised], salience_weight: float, fixed_weight: float
) -> tuple[np.ndarray, np.ndarray]:
    r"""Voting positions of the round and the starting positions of the next one.

    An actor who moved on an issue starts the next round at
    :math:`x' = (1 - w)\,x + w\,y` with :math:`w = (1 - s)\,\text{salience\_weight} +
    \text{fixed\_weight}` (``calculations.new_start_position``): the less the actor cares,
    the more its own position follows the vote it cast.
    """
    voting = r.x.copy()
    nxt = r.x.copy()
    for ex in realised:
        for a, k, y in ((ex.actor_i, ex.issue_i, ex.end_i), (ex.actor_j, ex.issue_j, ex.end_j)):
            voting[a, k] = y
            w = (1.0 - r.s[a, k]) * salience_weight + fixed_weight
            nxt[a, k] = (1.0 - w) * r.x[a, k] + w * y
    return voting, nxt
