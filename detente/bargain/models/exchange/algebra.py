r"""Equal-gain exchange algebra of Stokman & Van Oosten (1994), vectorised over candidates.

One *candidate exchange* is a pair of actors and a pair of issues. Actor ``i``
supplies (moves on) issue ``q`` and demands issue ``p``; actor ``j`` supplies ``p``
and demands ``q``. All positions are on the normalised 0–100 scale. With
:math:`D_k = \sum_a c_{ak} s_{ak}` the expected outcome of issue ``k`` is the
c·s-weighted mean :math:`O_k = \sum_a c_{ak} s_{ak} x_{ak} / D_k` (Decide calls it the
"Nash bargaining solution"/MDS), and a move :math:`m` of actor ``a`` shifts it by the
*exchange ratio* :math:`\delta_k = |m|\, c_{ak} s_{ak} / D_k`.

Equal gain (both actors gain :math:`G = \delta_p s_{ip} - \delta_q s_{iq} =
\delta_q s_{jq} - \delta_p s_{jp}`) fixes
:math:`\delta_q = \delta_p (s_{ip}+s_{jp})/(s_{iq}+s_{jq})`.
``j`` first moves all the way to ``i``'s position on ``p``; if ``i``'s required move on ``q``
then exceeds the distance to ``j``'s position, ``i`` moves all the way instead and ``j``'s
move follows. A move may not let the outcome pass the demanding actor's own position
(the move is then shortened so that the outcome lands on it, "check_nbs"), must be
non-zero, stay on [0, 100] and keep the direction of the actor's earlier moves on that
issue in the round.

Every rule here was checked against the reference implementation
``foarsitter/decide-exchange-model`` (``decide/model/equalgain.py``, ``base.py``,
``calculations.py``); the numbers it asserts are reproduced in
``tests/bargain/test_exchange.py``. No code was copied: the reference works one
Decimal exchange object at a time, this module works on float64 arrays of candidates
(the round's state, :mod:`detente.bargain.models.exchange.state`).
"""

from __future__ import annotations

import numpy as np

from detente.bargain.models.exchange.randomised import Side, max_utilities, randomised_moves
from detente.bargain.models.exchange.state import (
    BlockRngs,
    Candidates,
    MoveHistory,
    Rng,
    RoundArrays,
)

MIN_MOVE = 1e-10
"""Moves and gains at or below this are "no exchange" (the reference's threshold)."""
AT_TARGET_TOL = 1e-9
"""An outcome this close to the demanding actor's position counts as on it (0–100 scale)."""
BOUND_TOL = 1e-9
"""Slack on the [0, 100] bounds, absorbing float64 rounding of ``x + (target - x)``."""


def candidate_pairs(
    x: np.ndarray, s: np.ndarray, outcome: np.ndarray, width: int | None = None
) -> tuple[np.ndarray, ...]:
    """All actor pairs that may exchange, over all issue pairs, in the reference's order.

    For issues ``(p, q)``, ``p < q``, actors are grouped by side of the outcomes
    (``x <= O`` is "left"): A = right/right, B = left/right, C = right/left,
    D = left/left. Only A–D and B–C pairs can exchange (they are on opposite sides of
    both outcomes). Roles follow Stokman & Van Oosten: of two actors ``a, b`` the one
    with the lower relative salience :math:`s_p/s_q` supplies ``p``.

    The reference loops over issue pairs, then the two group pairings, then the actors
    of the first group and of the second; here one boolean array over (issue pair,
    pairing, a, b) is built and ``np.nonzero`` lists its cells in exactly that order.

    Args:
        x: Positions of shape (n_actors, n_issues), NaN = absent.
        s: Salience of shape (n_actors, n_issues).
        outcome: Outcomes of shape (n_issues,).
        width: Issues per independent problem: the columns are ``n_issues / width``
            problems side by side (Monte Carlo draws, :mod:`detente.bargain.models.exchange.draws`)
            and issues pair only within their own problem. None = one problem.

    Returns:
        ``(ai, aj, p, q)`` integer arrays: ``i`` supplies ``q``, ``j`` supplies ``p``.
    """
    n_issues = x.shape[1]
    width = n_issues if width is None else width
    present = ~np.isnan(x)
    left = np.where(present, x <= outcome, False)
    p_in, q_in = np.triu_indices(width, k=1)  # (0, 1), (0, 2), ..., (1, 2), ...: p-major
    offset = np.arange(0, n_issues, width)[:, None]
    p_all, q_all = (offset + p_in).ravel(), (offset + q_in).ravel()
    both = present[:, p_all] & present[:, q_all]  # (n_actors, pairs)
    group = left[:, p_all].astype(int) | (left[:, q_all].astype(int) << 1)
    # pairings (A, D) and (B, C): group codes (0, 3) and (1, 2)
    first = both[:, :, None] & (group[:, :, None] == np.array([0, 1]))  # (n_actors, pairs, 2)
    second = both[:, :, None] & (group[:, :, None] == np.array([3, 2]))
    first, second = first.transpose(1, 2, 0), second.transpose(1, 2, 0)
    cell, _, aa, bb = np.nonzero(first[:, :, :, None] & second[:, :, None, :])
    p, q = p_all[cell], q_all[cell]
    with np.errstate(divide="ignore", invalid="ignore"):
        ra = s[aa, p] / s[aa, q]
        rb = s[bb, p] / s[bb, q]
    a_supplies_p = ra < rb
    ai = np.where(a_supplies_p, bb, aa)
    aj = np.where(a_supplies_p, aa, bb)
    return ai.astype(int), aj.astype(int), p.astype(int), q.astype(int)


def new_candidates(r: RoundArrays, ai, aj, p, q, rate: float = 0.0, rng: Rng = None) -> Candidates:
    """Fresh candidate state for a round and its first evaluation (see :func:`evaluate`)."""
    n = ai.size
    cand = Candidates(
        ai=ai,
        aj=aj,
        p=p,
        q=q,
        xi=r.x[ai, q].copy(),
        xj=r.x[aj, p].copy(),
        yi=np.zeros(n),
        yj=np.zeros(n),
        gain=np.zeros(n),
        gain_i=np.zeros(n),
        gain_j=np.zeros(n),
        valid=np.zeros(n, dtype=bool),
        moves_i=MoveHistory.empty(n),
        moves_j=MoveHistory.empty(n),
        seen_p=None,
        seen_q=None,
    )
    evaluate(r, cand, np.arange(n), rate, rng)
    # candidates impossible from the start never come back: drop them before the
    # per-candidate records of seen positions are allocated
    keep = np.flatnonzero(cand.valid)
    fields = ("ai", "aj", "p", "q", "xi", "xj", "yi", "yj", "gain", "gain_i", "gain_j", "valid")
    moves = [
        MoveHistory(*(a[keep] for a in (h.total, h.low, h.high, h.last)))
        for h in (cand.moves_i, cand.moves_j)
    ]
    return Candidates(
        *(getattr(cand, f)[keep] for f in fields),
        moves_i=moves[0],
        moves_j=moves[1],
        seen_p=np.full((keep.size, r.x.shape[0]), np.nan),
        seen_q=np.full((keep.size, r.x.shape[0]), np.nan),
    )


def _move_ok(start, move, prev) -> np.ndarray:
    """The reference's ``is_move_valid``: size, bounds, total and same direction as before."""
    total, lo, hi = prev
    size = np.abs(move)
    end = start + move
    lo2 = np.minimum(lo, move)
    hi2 = np.maximum(hi, move)
    same_sign = ((lo2 < 0) & (hi2 < 0)) | ((lo2 > 0) & (hi2 > 0))
    return (
        (size <= 100.0)
        & (size > MIN_MOVE)
        & (end >= -BOUND_TOL)
        & (end <= 100.0 + BOUND_TOL)
        & (total + move <= 100.0)
        & same_sign
    )


def _seen_outcome(
    r: RoundArrays, seen: np.ndarray, issue: np.ndarray, actor: np.ndarray
) -> np.ndarray:
    r""":math:`\sum c s x` of ``issue`` as candidates see it, without ``actor``'s own term.

    Realised moves reach a candidate only through what it has seen (the reference's
    ``exchange.updates``); the model's positions change only at the end of the round.

    Args:
        r: Round constants.
        seen: Shape (n, n_actors): seen positions on ``issue``, NaN = round-start position.
        issue: Shape (n,): the issue of each row.
        actor: Shape (n,): the actor whose own term is left out.
    """
    x_t, cs_t = r.x.T[issue], r.cs.T[issue]  # (n, n_actors)
    shift = np.where(np.isnan(seen), 0.0, cs_t * (seen - x_t))
    shift[np.arange(issue.size), actor] = 0.0
    return r.csx[issue] + np.nan_to_num(shift).sum(axis=1) - r.cs[actor, issue] * r.x[actor, issue]


def draw_uvz(rng: np.random.Generator, gains: np.ndarray) -> np.ndarray:
    """Uniform draws ``(u, v, z)`` of shape (3, n) for the ``n`` candidates with ``gains``.

    The gains are passed so that a replay of another program's run can key its draws.
    """
    return rng.random((3, gains.size))


def _uvz(rng: Rng, gains: np.ndarray, issue: np.ndarray) -> np.ndarray:
    """:func:`draw_uvz` for candidates on ``issue``, from the generator of their problem."""
    if not isinstance(rng, BlockRngs):
        return draw_uvz(rng, gains)
    out = np.empty((3, gains.size))
    block = rng.of(issue)
    for b in np.unique(block):  # a problem's rows keep their order: its own draw order
        rows = np.flatnonzero(block == b)
        out[:, rows] = draw_uvz(rng.generators[b], gains[rows])
    return out


def evaluate(
    r: RoundArrays,
    cand: Candidates,
    idx: np.ndarray,
    rate: float = 0.0,
    rng: Rng = None,
) -> None:
    """(Re)compute moves, gain and validity of candidates ``idx`` from their current state.

    With ``rate`` > 0 the valid candidates then get random-rate moves
    (:mod:`detente.bargain.models.exchange.randomised`), drawn from ``rng`` in the order of ``idx``.

    This is the reference's ``EqualGainExchange.calculate`` followed by ``check_nbs`` for
    ``i`` and then ``j``. The final moves become the ``last`` of ``moves_i``/``moves_j``.
    """
    if idx.size == 0:
        return
    ai, aj, p, q = cand.ai[idx], cand.aj[idx], cand.p[idx], cand.q[idx]
    xi, xj = cand.xi[idx], cand.xj[idx]
    dip = r.x[ai, p]  # where i wants p (j moves towards it)
    djq = r.x[aj, q]  # where j wants q
    s_ip, s_iq, s_jp, s_jq = r.s[ai, p], r.s[ai, q], r.s[aj, p], r.s[aj, q]
    cs_iq, cs_jp = r.cs[ai, q], r.cs[aj, p]
    d_p, d_q = r.denom[p], r.denom[q]
    usable = (cs_iq > 0) & (cs_jp > 0) & (s_iq + s_jq > 0) & (s_ip + s_jp > 0)
    # guard divisions for unusable candidates; they end invalid below
    cs_iq_ = np.where(usable, cs_iq, 1.0)
    cs_jp_ = np.where(usable, cs_jp, 1.0)
    sum_p = np.where(usable, s_ip + s_jp, 1.0)
    sum_q = np.where(usable, s_iq + s_jq, 1.0)
    d_p_ = np.where(d_p > 0, d_p, 1.0)
    d_q_ = np.where(d_q > 0, d_q, 1.0)

    # j moves fully to i's position on p
    mj = np.abs(dip - xj)
    dp = mj * cs_jp / d_p_
    dq = dp * sum_p / sum_q
    mi = dq * d_q_ / cs_iq_
    room_i = np.abs(djq - xi)
    over = mi > room_i
    # ... unless i would overshoot j's position on q: then i moves fully
    dq = np.where(over, room_i * cs_iq / d_q_, dq)
    dp = np.where(over, dq * sum_q / sum_p, dp)
    mi = np.where(over, room_i, mi)
    mj = np.where(over, dp * d_p_ / cs_jp_, mj)
    mi = np.where(xi > djq, -mi, mi)
    mj = np.where(xj > dip, -mj, mj)
    gain = np.abs(dq * s_iq - dp * s_ip)

    prev_i = cand.moves_i.earlier(idx)
    prev_j = cand.moves_j.earlier(idx)
    ok = usable & _move_ok(xi, mi, prev_i) & _move_ok(xj, mj, prev_j) & (gain >= MIN_MOVE)

    # check_nbs: the outcome may not pass the demanding actor's position
    if cand.seen_p is None:  # first evaluation: nothing seen yet
        no_seen = np.full(idx.size, np.nan)
        base_q = r.csx[q] - r.cs[ai, q] * r.x[ai, q]  # sum c s x on q without i
        base_p = r.csx[p] - r.cs[aj, p] * r.x[aj, p]
        seen_i = seen_j = no_seen
    else:
        base_q = _seen_outcome(r, cand.seen_q[idx], q, ai)
        base_p = _seen_outcome(r, cand.seen_p[idx], p, aj)
        seen_i, seen_j = cand.seen_q[idx, ai], cand.seen_p[idx, aj]
    for side in ("i", "j"):
        if side == "i":
            base, d_, cs_a, x_a, m_a, target = base_q, d_q_, cs_iq, xi, mi, djq
            own_seen = seen_i
        else:
            base, d_, cs_a, x_a, m_a, target = base_p, d_p_, cs_jp, xj, mj, dip
            own_seen = seen_j
        o0 = (base + cs_a * x_a) / d_
        o1 = (base + cs_a * (x_a + m_a)) / d_
        # An outcome that an earlier exchange capped exactly on the target differs from it
        # only by rounding noise; read it as exactly on it (exact arithmetic: no crossing).
        # The reference decides these by the sign of its 28-digit Decimal noise.
        at_target = np.abs(target - o0) <= AT_TARGET_TOL
        o0 = np.where(at_target, target, o0)
        crosses = ok & ~(((target >= o0) & (target >= o1)) | ((target <= o0) & (target <= o1)))
        if not crosses.any():
            continue
        # shorten the move so that the outcome lands exactly on the target; like the
        # reference (adjusted_nbs_by_position) a recorded position of the actor itself wins
        o_cur = np.where(np.isnan(own_seen), o0, (base + cs_a * own_seen) / d_)
        ratio_a = np.abs(target - o_cur)  # shift of the outcome on the supplied issue
        move_a = ratio_a * d_ / np.where(cs_a > 0, cs_a, 1.0)
        if side == "i":
            ratio_b = ratio_a * sum_q / sum_p  # dp
            move_b = ratio_b * d_p_ / cs_jp_
            new_mi = np.where(xi > djq, -move_a, move_a)
            new_mj = np.where(xj > dip, -move_b, move_b)
            dq = np.where(crosses, ratio_a, dq)
            dp = np.where(crosses, ratio_b, dp)
        else:
            ratio_b = ratio_a * sum_p / sum_q  # dq
            move_b = ratio_b * d_q_ / cs_iq_
            new_mj = np.where(xj > dip, -move_a, move_a)
            new_mi = np.where(xi > djq, -move_b, move_b)
            dp = np.where(crosses, ratio_a, dp)
            dq = np.where(crosses, ratio_b, dq)
        mi = np.where(crosses, new_mi, mi)
        mj = np.where(crosses, new_mj, mj)
        gain = np.where(crosses, np.abs(dq * s_iq - dp * s_ip), gain)
    ok = ok & _move_ok(xi, mi, prev_i) & _move_ok(xj, mj, prev_j)
    gain_i = gain_j = gain
    if rate > 0 and ok.any():
        mi, mj, gain_i, gain_j, ok = _random_rate(
            rate,
            rng,
            ok,
            gain,
            mi,
            mj,
            prev_i,
            prev_j,
            p,
            i=(xi, djq, dip, s_iq, s_ip, cs_iq, d_q_, base_q, seen_i),
            j=(xj, dip, djq, s_jp, s_jq, cs_jp, d_p_, base_p, seen_j),
        )

    cand.yi[idx] = np.clip(xi + mi, 0.0, 100.0)
    cand.yj[idx] = np.clip(xj + mj, 0.0, 100.0)
    cand.gain[idx] = gain
    cand.gain_i[idx] = gain_i
    cand.gain_j[idx] = gain_j
    cand.valid[idx] = ok
    cand.moves_i.last[idx] = mi
    cand.moves_j.last[idx] = mj


def _random_rate(rate, rng, ok, gain, mi, mj, prev_i, prev_j, issue, i, j):
    """Replace the equal-gain moves of valid candidates by random-rate moves."""
    sel = np.flatnonzero(ok)
    u, v, z = _uvz(rng, gain[sel], issue[sel])
    side_i = Side(*(a[sel] for a in i), y=i[0][sel] + mi[sel])
    side_j = Side(*(a[sel] for a in j), y=j[0][sel] + mj[sel])
    g = gain[sel]
    with np.errstate(divide="ignore", invalid="ignore"):
        eu_i, eu_j = max_utilities(side_i, side_j)
        a_i, b_j, g_i = randomised_moves(side_i, side_j, g, eu_i, rate, v, z)
        a_j, b_i, g_j = randomised_moves(side_j, side_i, g, eu_j, rate, v, z)
    i_draws = u < 0.5
    mi, mj = mi.copy(), mj.copy()
    mi[sel] = np.where(i_draws, a_i, b_i)
    mj[sel] = np.where(i_draws, b_j, a_j)
    # the other partner's gain follows from the moves
    shift_i = np.abs(mi[sel]) * side_i.cs / side_i.denom
    shift_j = np.abs(mj[sel]) * side_j.cs / side_j.denom
    own_i = shift_j * side_i.s_dem - shift_i * side_i.s_sup
    own_j = shift_i * side_j.s_dem - shift_j * side_j.s_sup
    gain_i, gain_j = gain.copy(), gain.copy()
    gain_i[sel] = np.where(i_draws, g_i, own_i)
    gain_j[sel] = np.where(i_draws, own_j, g_j)
    ok = ok.copy()
    x_i, x_j = i[0], j[0]
    ok[sel] = _move_ok(x_i[sel], mi[sel], tuple(a[sel] for a in prev_i)) & _move_ok(
        x_j[sel], mj[sel], tuple(a[sel] for a in prev_j)
    )
    return mi, mj, gain_i, gain_j, ok
