r"""One turn of KTAB's Spatial Model of Politics: assess, challenge, bargain, resolve.

Re-implements ``SMPState::setAllAUtil``, ``probEduChlg``, ``bestChallenge``,
``doBCN`` and ``updateBestBrgnPositions`` of KAPSARC's KTAB
(``examples/smp/libsrc/smp.cpp``, ``smpbcn.cpp``; read at ``lsyaseen/KTAB`` @ 3b5b0635).

Every array has a LEADING draw axis D (1 for a plain fit, thousands for Monte
Carlo): positions and ideals (D, n_actors, n_dims) on [0, 1], salience
(D, n_actors, n_dims), capability (D, n_actors). All actors act simultaneously on
the same state, so a turn is a pure function of that state. Each actor makes at
most one challenge, so the bargains of a turn fit in fixed-size arrays with one
slot per initiator (two with InitRcvrInterp) and a validity mask; an actor's
bargain queue is a mask over those slots plus its status quo.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.bargain.models.smp import rules as R

POS_TOL = 1e-3
"""``SMPModel::posTol``: positions closer than this (unit scale) count as one option."""
MIN_SIG_EDU = 1e-5
"""``bestChallenge``: smallest expected gain worth a challenge."""
MIN_CLTN = 1e-10
"""``probEduChlg``: floor of the principals' coalitions."""


@dataclass(frozen=True)
class Rules:
    """The SMP settings of one run (names as in ``SpatialModel``)."""

    vote_rule: str
    """Voting rule of coalitions."""
    prob_model: str
    """Victory-probability model."""
    pce: str
    """Probabilistic Condorcet election model."""
    big_r_range: str
    """Range of inferred risk attitudes."""
    big_r_adjust: str
    """How an estimator blends its own attitude into its estimate of another's."""
    third_party_commit: str
    """How committed third parties are to the side they join."""
    interp: str
    """Per-dimension bargain interpolation."""
    bargain_interp: str
    """Which perspective(s) form the bargain."""


@dataclass(frozen=True)
class Assessment:
    """What every actor believes about a state (``setAllAUtil``)."""

    risk: np.ndarray
    """Inferred risk attitude R_i, shape (D, n_actors)."""
    util: np.ndarray
    """``util[d, h, i, j]``: h's estimate of the utility to i of j's position, (D, n, n, n)."""

    def take(self, rows: np.ndarray) -> Assessment:
        """The assessment of a subset of draws."""
        return Assessment(risk=self.risk[rows], util=self.util[rows])


@dataclass(frozen=True)
class Bargains:
    """The bargains proposed in one turn: slot s belongs to initiator ``init[d, s]``."""

    init: np.ndarray
    """Initiator (challenger) of each slot, int array (D, n_slots)."""
    rcvr: np.ndarray
    """Receiver (target); equals ``init`` in an unused slot."""
    valid: np.ndarray
    """True where the initiator found a target worth challenging."""
    pos_init: np.ndarray
    """Position proposed for the initiator, (D, n_slots, n_dims)."""
    pos_rcvr: np.ndarray
    """Position proposed for the receiver, (D, n_slots, n_dims)."""
    prob: np.ndarray
    """Initiator's estimate that it would win the challenge, (D, n_slots)."""
    gain: np.ndarray
    """Initiator's expected gain from the challenge, (D, n_slots)."""


def assess(ideals, pos, sal, cap, rules: Rules) -> Assessment:
    """Risk attitudes and every estimator's utility matrix for a state.

    Risk-neutral utilities → votes weighted by capability → PCE over all actors'
    positions → ``R_i`` (big_r) → ``r_hi`` (est_nra) → ``U^h_ij = (1 - d_ij)(1 + d_ij r_hi)``.
    """
    d = R.sal_distance(ideals[:, :, None, :], pos[:, None, :, :], sal[:, :, None, :])
    rn = R.bs_util(d, 0.0)
    p = R.pce(rules.pce, rules.prob_model, R.coalitions(rules.vote_rule, cap, rn))
    risk = R.big_r(p, rules.big_r_range)
    r_hi = R.est_nra(risk, rules.big_r_adjust)
    util = R.bs_util(d[:, None, :, :], r_hi[:, :, :, None])
    return Assessment(risk=risk, util=util)


def challenge(a: Assessment, d, h, k, i, j, ssum, cap, rules: Rules):
    r"""Estimate by h of P(i beats j) and of k's expected gain from i challenging j.

    ``probEduChlg``: the principals vote with weight ``c·Σs``; each third party n
    judges the little contest (i:j) with only the principals and itself
    (``vProbLittle``), then votes between "n joins i" and "n joins j" under the
    third-party commitment rule (``thirdPartyVoteSU``). With S_j = Σ_d s_jd,
    ``EU = (1 - S_j) 2u_ki + S_j (P 2u_ki + (1 - P) 2u_kj) - (u_ki + u_kj)``.

    Args:
        a: Assessment of the state.
        d: Draw index, integer array broadcastable with the others.
        h: Estimator.
        k: Actor whose gain is estimated.
        i: Initiator (challenger).
        j: Receiver (target).
        ssum: Total salience per actor, shape (D, n_actors).
        cap: Capability per actor, shape (D, n_actors).
        rules: Settings.

    Returns:
        (P, ΔEU), each of the broadcast shape of the indices.
    """
    U, vr = a.util, rules.vote_rule
    uii, uij, uji, ujj = U[d, h, i, i], U[d, h, i, j], U[d, h, j, i], U[d, h, j, j]
    uki, ukj = U[d, h, k, i], U[d, h, k, j]
    eu_sq = uki + ukj
    u_vict, u_lose = uki + uki, ukj + ukj
    sj = ssum[d, j]
    ci = R.vote(vr, ssum[d, i] * cap[d, i], uii - uij)
    cj = R.vote(vr, sj * cap[d, j], uji - ujj)
    ch_ij = MIN_CLTN + np.where(ci > 0.0, ci, 0.0)
    ch_ji = MIN_CLTN - np.where(ci < 0.0, ci, 0.0)
    ch_ij = ch_ij + np.where(cj > 0.0, cj, 0.0)
    ch_ji = ch_ji - np.where(cj < 0.0, cj, 0.0)
    pi_ij, pj_ij = ch_ij, ch_ji
    tpc = rules.third_party_commit
    for n in range(U.shape[-1]):
        third = (n != i) & (n != j)
        wn = ssum[d, n] * cap[d, n]
        uni, unj, unn = U[d, h, n, i], U[d, h, n, j], U[d, h, n, n]
        cn = R.vote(vr, wn, uni - unj)
        cni = np.where(cn > 0, pi_ij + cn, pi_ij)
        cnj = np.where(cn < 0, pj_ij - cn, pj_ij)
        pin = cni / (cni + cnj)
        pjn = 1.0 - pin
        # utilities of: i with n beats j, j beats i with n, i beats j with n, j with n beats i
        ik_j = uni + uni + (uni if tpc == "full" else unn)
        j_ik = unj + unj + (unn if tpc == "none" else unj)
        i_jk = uni + uni + (unn if tpc == "none" else uni)
        jk_i = unj + unj + (unj if tpc == "full" else unn)
        vn = R.vote(vr, wn, ((pin * ik_j) + (pjn * j_ik)) - ((pin * i_jk) + (pjn * jk_i)))
        ch_ij = np.where(third & (vn > 0), ch_ij + vn, ch_ij)
        ch_ji = np.where(third & (vn < 0), ch_ji - vn, ch_ji)
    p_ij = ch_ij / (ch_ij + ch_ji)
    p_ji = ch_ji / (ch_ij + ch_ji)
    eu_contest = p_ij * u_vict + p_ji * u_lose
    eu_chlg = (1 - sj) * u_vict + sj * eu_contest
    return p_ij, eu_chlg - eu_sq


def best_challenges(a: Assessment, pos, sal, cap, rules: Rules) -> Bargains:
    """Each actor's most advantageous target and the bargain it proposes (``doBCN(i)``).

    Actor i targets the j with the largest expected gain above 1e-5 (first in
    actor order on ties) and interpolates a bargain from its own estimate of its
    chance of winning. InitRcvrInterp adds the bargain from j's perspective;
    PWCompInterp replaces both with their capability·salience-weighted average.
    Both keep two slips of KTAB's code that its logs reflect (commented below).
    """
    n_d, n = pos.shape[:2]
    ssum = R.seq_sum(sal)
    dd, ii = np.arange(n_d)[:, None], np.arange(n)[None, :]
    p, edu = challenge(
        a,
        dd[..., None],
        ii[..., None],
        ii[..., None],
        ii[..., None],
        ii[:, None, :],
        ssum,
        cap,
        rules,
    )  # (D, i, j)
    edu = np.where(np.eye(n, dtype=bool) | ~(edu > MIN_SIG_EDU), -np.inf, edu)
    best = np.argmax(edu, axis=2)
    gain = np.take_along_axis(edu, best[..., None], axis=2)[..., 0]
    valid = np.isfinite(gain)
    tgt = np.where(valid, best, ii)
    prob = np.where(valid, np.take_along_axis(p, best[..., None], axis=2)[..., 0], 0.5)
    pos_j, sal_j = pos[dd, tgt], sal[dd, tgt]
    bi, bj = R.interpolate(
        rules.interp, pos, sal, prob[..., None], pos_j, sal_j, 1 - prob[..., None]
    )
    init = np.broadcast_to(ii, (n_d, n))
    if rules.bargain_interp == "init_only":
        return Bargains(init, tgt, valid, bi, bj, prob, gain)
    # KTAB's doBCN passes get<1>(Vjij) -- j's estimate of i's expected GAIN, not of
    # P(i beats j) -- as the "probability" of j's view; kept as written (the log's
    # "j proposes" lines, reproduced in the tests, depend on it).
    _, g_j = challenge(a, dd, tgt, ii, ii, tgt, ssum, cap, rules)
    ci, cj = R.interpolate(rules.interp, pos, sal, g_j[..., None], pos_j, sal_j, 1 - g_j[..., None])
    if rules.bargain_interp == "init_rcvr":  # two slots per initiator: i's view, then j's

        def two(x, y):
            return np.stack([x, y], axis=2).reshape((n_d, 2 * n) + x.shape[2:])

        return Bargains(
            two(init, init),
            two(tgt, tgt),
            two(valid, valid),
            two(bi, ci),
            two(bj, cj),
            two(prob, prob),
            two(gain, gain),
        )
    # KTAB's PWCompInterp weighs j's proposal by the sCap of brgnJIJ's *initiator* (i)
    # times j's salience; kept as written.
    w_i = (cap * ssum)[..., None]
    w_j = (cap * ssum[dd, tgt])[..., None]
    comp_i = (w_i * bi + w_j * ci) / (w_i + w_j)
    comp_j = (w_i * bj + w_j * cj) / (w_i + w_j)
    return Bargains(init, tgt, valid, comp_i, comp_j, prob, gain)


def bargain_utilities(a: Assessment, ideals, sal, b: Bargains) -> np.ndarray:
    """``u[d, v, o]``: average utility to voter v of the state after option o.

    Option 0 is the status quo, option 1 + s the bargain in slot s.
    ``updateBestBrgnPositions``' ``brgnUtil``: the two parties' positions are
    replaced by the bargain's, everybody else's stay; v values the bargain's
    positions with its true attitude R_v and the others with its own estimate
    ``U^v_vn``; the sum is divided by n.
    """
    n_d, n = ideals.shape[:2]
    own = a.util[:, np.arange(n), np.arange(n), :]  # own[d, v, m] = U^v_{v m}
    pts = np.stack([b.pos_init, b.pos_rcvr])  # (2, D, S, dims)
    dist = R.sal_distance(
        ideals[None, :, :, None, :], pts[:, :, None, :, :], sal[None, :, :, None, :]
    )
    u = R.bs_util(dist, a.risk[None, :, :, None])  # (2, D, v, S)
    acc = np.concatenate([np.zeros((n_d, n, 1)), u[0] + u[1]], axis=2)
    skip = np.zeros((n_d, 1, acc.shape[2]), dtype=bool)
    for m in range(n):
        skip[:, 0, 1:] = (b.init == m) | (b.rcvr == m)
        acc = acc + np.where(skip, 0.0, own[:, :, m, None])
    return acc / n


def resolve(
    a: Assessment, pos, ideals, sal, cap, b: Bargains, rules: Rules, rng: np.random.Generator | None
) -> tuple[np.ndarray, np.ndarray]:
    """New positions: each actor adopts the winner of a PCE over the bargains in its queue.

    Actor k's queue holds its status-quo bargain and every bargain it initiated
    or received; with Deterministic transitions it takes the most probable one
    (first on ties, ``ndxMaxAbs``), with Stochastic (``rng`` given) it samples one.

    Returns:
        (new positions (D, n, dims), chosen slot per actor (D, n); -1 = status quo).
    """
    n_d, n = pos.shape[:2]
    u = bargain_utilities(a, ideals, sal, b)
    c = R.coalitions(rules.vote_rule, cap, u)  # (D, O, O): one vote over all options
    k = np.arange(n)[None, :, None]
    member = b.valid[:, None, :] & ((b.init[:, None, :] == k) | (b.rcvr[:, None, :] == k))
    queue = np.concatenate([np.ones((n_d, n, 1), dtype=bool), member], axis=2)  # (D, k, O)
    p = R.pce(rules.pce, rules.prob_model, c[:, None], queue)
    if rng is None:
        pick = np.argmax(np.where(queue, np.abs(p), -1.0), axis=2)
    else:
        cum = np.cumsum(np.where(queue, p, 0.0), axis=2)
        pick = np.argmax(cum > rng.random((n_d, n, 1)) * cum[..., -1:], axis=2)
    slot = pick - 1
    s = np.maximum(slot, 0)
    dd = np.arange(n_d)[:, None]
    as_init = b.init[dd, s] == np.arange(n)[None, :]
    moved_to = np.where(as_init[..., None], b.pos_init[dd, s], b.pos_rcvr[dd, s])
    return np.where((slot >= 0)[..., None], moved_to, pos), slot


def unique_options(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct positions and each actor's option (``State::setUENdx``, ``posProb``).

    Positions closer than ``POS_TOL`` (Euclidean) are one option, represented by
    its first holder; an actor maps to the last equivalent option, as KTAB does.

    Returns:
        (``distinct`` boolean (D, n): actor i's position is a new option;
        ``option`` int (D, n): index of the actor representing i's option).
    """
    n_d, n = pos.shape[:2]
    eq = np.sqrt(R.seq_sum((pos[:, :, None, :] - pos[:, None, :, :]) ** 2)) < POS_TOL
    distinct = np.zeros((n_d, n), dtype=bool)
    for i in range(n):
        distinct[:, i] = ~np.any(eq[:, i, :i] & distinct[:, :i], axis=1)
    option = np.where(distinct[:, None, :] & eq, np.arange(n), -1).max(axis=2)
    return distinct, option


def position_probs(a: Assessment, pos, cap, rules: Rules, by_estimator: bool) -> np.ndarray:
    """Probability that each actor's position wins a PCE among the distinct positions.

    ``SMPState::pDist(h)`` with weights = capability. From each actor's own view
    (``pDist(-1)``, ``U^i_ij``: KTAB's logged "winning probabilities") or, with
    ``by_estimator``, as each estimator h sees everyone's utilities ``U^h`` (KTAB's
    PosProb table; O(n^4) per turn). Actors sharing a position share its probability.

    Returns:
        Array of shape (D, n_actors) or, by estimator, (D, n_estimators, n_actors).
    """
    n = pos.shape[1]
    distinct, option = unique_options(pos)
    if by_estimator:
        u, w, mask, option = a.util, cap[:, None, :], distinct[:, None, :], option[:, None, :]
        option = np.broadcast_to(option, a.util.shape[:2] + (n,))
    else:
        u, w, mask = a.util[:, np.arange(n), np.arange(n), :], cap, distinct
    p = R.pce(rules.pce, rules.prob_model, R.coalitions(rules.vote_rule, w, u), mask)
    return np.take_along_axis(p, option, axis=-1)
