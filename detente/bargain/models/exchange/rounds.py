"""One round of Stokman's exchange model: realise the best exchange, update the rest, repeat.

Within a round the candidate with the highest equal gain is realised first; every
remaining candidate that shares an actor-issue with it is brought up to date and
re-evaluated (its supplying actor now starts from the realised voting position, or
it now sees the shifted outcome of an issue it demands), and candidates that became
impossible are dropped. The loop ends when no candidate is left. Rules follow
``ModelLoop.loop``, ``AbstractModel.remove_invalid_exchanges`` and
``AbstractExchange.recalculate`` of ``foarsitter/decide-exchange-model``; see
:mod:`detente.bargain.models.exchange.algebra` for the algebra of one candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from detente.bargain.models.exchange.algebra import evaluate
from detente.bargain.models.exchange.state import BlockRngs, Candidates, Rng, RoundArrays


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

    def choose_blocks(
        self, gains: np.ndarray, starts: np.ndarray, rngs: list[np.random.Generator]
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`choose` on every segment ``gains[starts[k]:starts[k + 1]]`` at once.

        The same comparisons as :meth:`choose`, segment by segment (``reduceat``), and the
        same draw from segment ``k``'s generator ``rngs[k]`` where several are tied.

        Returns:
            (position in ``gains`` of each segment's pick, number tied in each segment).
        """
        size = gains.size
        best = np.maximum.reduceat(gains, starts)
        segment = np.repeat(np.arange(starts.size), np.diff(np.append(starts, size)))
        floor = best - self.tolerance * np.maximum(1.0, np.abs(best))
        tied = gains >= floor[segment]
        count = np.add.reduceat(tied.astype(np.intp), starts)
        pick = np.minimum.reduceat(np.where(tied, np.arange(size), size), starts)
        if self.tie != "first":
            for k in np.flatnonzero(count > 1):
                rows = np.flatnonzero(tied[starts[k] :])[: count[k]] + starts[k]
                pick[k] = rows[rngs[k].integers(rows.size)]
        return pick, count


def _update_seen(start: np.ndarray, end: np.ndarray, seen: np.ndarray) -> np.ndarray:
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
    won: np.ndarray,
    others: np.ndarray,
    rate: float,
    rng: Rng,
) -> None:
    """Bring candidates ``others`` up to date after realising, for each, candidate ``won``.

    ``won`` is aligned with ``others``: the exchange just realised in that candidate's
    problem (all the same for a single problem). Problems share no issue, so the
    comparisons below never match a candidate with another problem's exchange.
    """
    R_ai, R_aj, R_p, R_q = cand.ai[won], cand.aj[won], cand.p[won], cand.q[won]
    R_yi, R_yj = cand.yi[won], cand.yj[won]
    ai, aj, p, q = cand.ai[others], cand.aj[others], cand.p[others], cand.q[others]

    # the supplying actor of a candidate moved on its supply issue: start from there
    i_was_i = (ai == R_ai) & (q == R_q)
    i_was_j = ~i_was_i & (ai == R_aj) & (q == R_p)
    j_was_i = (aj == R_ai) & (p == R_q)
    j_was_j = ~j_was_i & (aj == R_aj) & (p == R_p)
    sup_i = i_was_i | i_was_j
    sup_j = j_was_i | j_was_j
    cand.xi[others[i_was_i]] = R_yi[i_was_i]
    cand.xi[others[i_was_j]] = R_yj[i_was_j]
    cand.xj[others[j_was_i]] = R_yi[j_was_i]
    cand.xj[others[j_was_j]] = R_yj[j_was_j]

    # a candidate actor demands the issue a realised actor supplied: it sees the shift
    # (R's j demands R_q, which R's i supplied; R's i demands R_p, which R's j supplied)
    dem = []
    for demander, issue, supplier, start, end in (
        (R_aj, R_q, R_ai, r.x[R_ai, R_q], R_yi),
        (R_ai, R_p, R_aj, r.x[R_aj, R_p], R_yj),
    ):
        on_q = (aj == demander) & (q == issue)  # the candidate's j demands q
        on_p = (ai == demander) & (p == issue)  # the candidate's i demands p
        for mask, seen in ((on_q, cand.seen_q), (on_p, cand.seen_p)):
            if mask.any():
                rows, who = others[mask], supplier[mask]
                seen[rows, who] = _update_seen(start[mask], end[mask], seen[rows, who])
        dem.append(on_q | on_p)

    # the reference's move history: a side that just took over a realised position keeps
    # its last move and appends the new one; otherwise the new move replaces the last
    redo = sup_i | sup_j | dem[0] | dem[1]
    cand.moves_i.keep_last(others[redo & sup_i])
    cand.moves_j.keep_last(others[redo & sup_j])
    evaluate(r, cand, others[redo], rate, rng)


def _choose(
    rule: PartnerRule,
    cand: Candidates,
    active: np.ndarray,
    starts: np.ndarray,
    rng: Rng,
    blocks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """One pick per problem: positions in ``active`` and tie counts, one per segment.

    Segment ``k`` starts at ``starts[k]`` and holds the candidates of problem
    ``blocks[k]``. :class:`HighestGain` picks in all segments at once; any other rule is
    asked once per segment, with that problem's generator, as a fit of it alone would.
    """
    gains = cand.gain[active]
    gens = [rng.generators[b] for b in blocks] if isinstance(rng, BlockRngs) else [rng]
    if type(rule) is HighestGain:
        return rule.choose_blocks(gains, starts, gens)
    picks, ties = np.empty(starts.size, dtype=np.intp), np.empty(starts.size, dtype=np.intp)
    for k, (lo, hi) in enumerate(zip(starts, np.append(starts[1:], active.size), strict=True)):
        seg = active[lo:hi]
        pairs = np.stack([cand.ai[seg], cand.q[seg], cand.aj[seg], cand.p[seg]], axis=1)
        pick, ties[k] = rule.choose(gains[lo:hi], gens[k], pairs)
        picks[k] = lo + pick
    return picks, ties


def run_blocks(
    r: RoundArrays, cand: Candidates, rule: PartnerRule, rng: Rng, rate: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Realise exchanges until none is possible, in every problem at once.

    One step realises the best candidate of every problem that still has one (a
    :class:`~detente.bargain.models.exchange.state.BlockRngs` ``rng`` says how many issues
    make a problem; a Generator means one problem) and brings the rest up to date with
    one call of ``evaluate``. Each problem sees exactly the steps it would see alone.

    Returns:
        ``(won, tied)``: candidate indices in the order they were realised (a problem's
        own exchanges keep their order) and the number tied at the top for each.
    """
    width = rng.width if isinstance(rng, BlockRngs) else r.x.shape[1]
    block = cand.p // width
    winner = np.zeros(r.x.shape[1] // width, dtype=np.intp)
    won_steps, tied_steps = [], []
    active = np.flatnonzero(cand.valid)  # ascending, so each problem's rows are contiguous
    while active.size:
        b = block[active]
        starts = np.flatnonzero(np.append(True, b[1:] != b[:-1]))
        picks, tied = _choose(rule, cand, active, starts, rng, b[starts])
        won = active[picks]
        won_steps.append(won)
        tied_steps.append(tied)
        keep = np.ones(active.size, dtype=bool)
        keep[picks] = False
        others = active[keep]
        winner[b[starts]] = won
        _propagate(r, cand, winner[block[others]], others, rate, rng)
        active = others[cand.valid[others]]
    if not won_steps:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(won_steps), np.concatenate(tied_steps)


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
    won, tied = run_blocks(r, cand, rule, rng, rate)
    return [
        Realised(
            actor_i=int(cand.ai[w]),
            issue_i=int(cand.q[w]),
            actor_j=int(cand.aj[w]),
            issue_j=int(cand.p[w]),
            start_i=float(cand.xi[w]),
            end_i=float(cand.yi[w]),
            start_j=float(cand.xj[w]),
            end_j=float(cand.yj[w]),
            gain=float(cand.gain[w]),
            tied=int(t),
            gain_i=float(cand.gain_i[w]),
            gain_j=float(cand.gain_j[w]),
        )
        for w, t in zip(won, tied, strict=True)
    ]


def close_round(
    r: RoundArrays, realised: list[Realised], salience_weight: float, fixed_weight: float
) -> tuple[np.ndarray, np.ndarray]:
    r"""Voting positions of the round and the starting positions of the next one.

    An actor who moved on an issue starts the next round at
    :math:`x' = (1 - w)\,x + w\,y` with :math:`w = (1 - s)\,\text{salience\_weight} +
    \text{fixed\_weight}` (``calculations.new_start_position``): the less the actor cares,
    the more its own position follows the vote it cast.
    """
    moves = [
        (a, k, y)
        for ex in realised
        for a, k, y in ((ex.actor_i, ex.issue_i, ex.end_i), (ex.actor_j, ex.issue_j, ex.end_j))
    ]
    actor, issue, end = (np.array(v) for v in zip(*moves, strict=True)) if moves else ([],) * 3
    return close_moves(r, actor, issue, end, salience_weight, fixed_weight)


def close_moves(
    r: RoundArrays,
    actor: np.ndarray,
    issue: np.ndarray,
    end: np.ndarray,
    salience_weight: float,
    fixed_weight: float,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`close_round` from the moves as arrays, in the order they were realised.

    Where one actor moved more than once on an issue its last voting position counts.
    """
    voting = r.x.copy()
    nxt = r.x.copy()
    actor, issue = np.asarray(actor, dtype=np.intp), np.asarray(issue, dtype=np.intp)
    if actor.size == 0:
        return voting, nxt
    cell = (actor * r.x.shape[1] + issue)[::-1]
    _, first = np.unique(cell, return_index=True)  # first from the end = the last move
    last = actor.size - 1 - first
    a, k, y = actor[last], issue[last], np.asarray(end, dtype=float)[last]
    voting[a, k] = y
    w = (1.0 - r.s[a, k]) * salience_weight + fixed_weight
    nxt[a, k] = (1.0 - w) * r.x[a, k] + w * y
    return voting, nxt
