r"""Interchangeable rules of KTAB's Spatial Model of Politics, as small vectorised functions.

Each function re-implements one rule of KAPSARC's KTAB toolkit (MIT licence;
read at ``lsyaseen/KTAB`` @ 3b5b0635, ``KTAB/kmodel/libsrc/kmodel.cpp`` and
``examples/smp/libsrc/smp.cpp``): the voting rules of ``Model::vote``, the
victory-probability models of ``Model::vProb``, coalition strengths
(``Model::coalitions``), the probabilistic Condorcet elections (``condPCE``,
``markovIncentivePCE``, ``markovUniformPCE``), the inference of risk attitudes
from probabilities (``bigRfromProb``, ``estNRA``) and the salience-weighted
distance and utility of ``SMPModel::bvDiff`` / ``bsUtil``.

Floating-point order follows KTAB where it can matter for a reproduction to the
last printed digit: sums over actors are accumulated sequentially in actor order
(a Python loop over the actor axis, vectorised over everything else), never with
NumPy's pairwise summation. The reproduction is pinned by
``tests/bargain/test_spatial.py``.
"""

from __future__ import annotations

import numpy as np

from detente.errors import ModelError

VOTE_RULES = ("binary", "prop_bin", "prop", "prop_cbc", "cubic", "asym_prosp")
"""KTAB ``VotingRule`` names (Binary, PropBin, Proportional, PropCbc, Cubic, ASymProsp)."""
PROB_MODELS = ("linear", "square", "quartic", "octic", "binary")
"""KTAB ``VPModel`` names: how coalition strengths become a victory probability."""
PCE_MODELS = ("conditional", "markov_incentive", "markov_uniform")
"""KTAB ``PCEModel`` names: probabilistic Condorcet election over options."""
BIG_R_RANGES = ("min", "mid", "max")
"""KTAB ``BigRRange``: the interval onto which option probabilities map risk attitudes."""
BIG_R_ADJUSTS = {
    "none": 0.0,
    "one_third": 1.0 / 3.0,
    "half": 0.5,
    "two_thirds": 2.0 / 3.0,
    "full": 1.0,
}
"""KTAB ``BigRAdjust``: weight of i's own attitude in h's estimate of i's attitude."""

MIN_COALITION = 1e-8
"""``minC`` of ``Model::coalitions``: floor of every coalition, so 0/0 never occurs."""
_SMALL = 200_000
"""Up to this many votes, :func:`coalitions` forms them in one array instead of a loop."""


def seq_sum(a: np.ndarray, axis: int = -1) -> np.ndarray:
    """Sum along ``axis`` strictly left to right, as KTAB's ``for`` loops do.

    NumPy's ``sum`` uses pairwise summation, which differs from a C loop in the
    last bit; the SMP rounds bargains to 4 decimals and picks maxima, so the
    order is kept.
    """
    a = np.moveaxis(np.asarray(a, dtype=float), axis, 0)
    acc = np.zeros(a.shape[1:])
    for x in a:
        acc = acc + x
    return acc


def vote(rule: str, w: np.ndarray, du: np.ndarray) -> np.ndarray:
    """Vote of actors with weight ``w`` given utility differences ``du = u(a) - u(b)``.

    ``Model::vote``: Prop ``w du``; Binary ``w clamp(du/1e-8, ±1)``; PropBin
    ``w (0.8 du + 0.2 bin)``; PropCbc ``w (0.5 du + 0.5 du³)``; Cubic ``w du³``;
    ASymProsp ``w du`` for losses and ``2 w du / 3`` for gains.
    """
    if rule == "prop":
        return w * du
    r_bin = np.clip(du / 1e-8, -1.0, 1.0)
    if rule == "binary":
        return w * r_bin
    if rule == "prop_bin":
        return w * ((1 - 0.2) * du + 0.2 * r_bin)
    if rule == "prop_cbc":
        return w * ((1 - 0.5) * du + 0.5 * (du * du * du))
    if rule == "cubic":
        return w * (du * du * du)
    if rule == "asym_prosp":
        return np.where(du < 0.0, w * du, np.where(du > 0.0, (2.0 * w * du) / 3.0, 0.0))
    raise ModelError(f"unknown vote rule {rule!r}; use one of {', '.join(VOTE_RULES)}")


def coalitions(rule: str, w: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Coalition strength ``C[..., a, b]`` for option a over option b.

    ``Model::coalitions``: ``1e-8 + Σ_k max(0, v_k(a, b))`` with the sum in actor order.

    Args:
        rule: Voting rule name.
        w: Actor weights, shape (..., n_actors) broadcastable to ``u.shape[:-1]``.
        u: Utilities, shape (..., n_actors, n_options): ``u[..., k, a]`` is the
            utility to actor k of option a.

    Returns:
        Array of shape (..., n_options, n_options); the diagonal is ``1e-8``.
    """
    u = np.asarray(u, dtype=float)
    w = np.asarray(w, dtype=float)
    n_act, n_opt = u.shape[-2], u.shape[-1]
    if u.size * n_opt <= _SMALL:  # all votes at once; accumulate keeps the actor order
        v = vote(rule, w[..., :, None, None], u[..., :, :, None] - u[..., :, None, :])
        v = np.where(v > 0.0, v, 0.0)
        v = np.concatenate([np.full(v.shape[:-3] + (1, n_opt, n_opt), MIN_COALITION), v], axis=-3)
        return np.add.accumulate(v, axis=-3)[..., -1, :, :]
    c = np.full(u.shape[:-2] + (n_opt, n_opt), MIN_COALITION)
    for k in range(n_act):
        uk = u[..., k, :]
        du = uk[..., :, None] - uk[..., None, :]
        wk = w[..., k, None, None]
        if rule == "prop":  # in place: the common case, and the hot loop of large scenarios
            du *= wk
            c += np.maximum(du, 0.0, out=du)
        else:
            v = vote(rule, wk, du)
            c += np.where(v > 0.0, v, 0.0)
    return c


def victory_prob(model: str, c: np.ndarray) -> np.ndarray:
    """``P[..., a, b]``: probability that option a beats b, from coalition strengths.

    ``Model::vProb``: Linear ``C_ab/(C_ab + C_ba)``; Square, Quartic, Octic use
    powers of C; Binary gives certainty to a 10 % margin and interpolates below it.
    The diagonal is ½.
    """
    ct = np.swapaxes(c, -1, -2)
    if model == "linear":
        x1, x2 = c, ct
    elif model == "square":
        x1, x2 = c * c, ct * ct
    elif model == "quartic":
        x1, x2 = (c * c) * (c * c), (ct * ct) * (ct * ct)
    elif model == "octic":
        q1, q2 = (c * c) * (c * c), (ct * ct) * (ct * ct)
        x1, x2 = q1 * q1, q2 * q2
    elif model == "binary":
        thresh, min_x = 1.10, 1e-6
        p12 = (c / (c + ct) * (thresh + 1.0) - 1.0) / (thresh - 1.0)
        x1 = np.where(c >= thresh * ct, 1.0, np.where(ct >= thresh * c, min_x, p12))
        x2 = np.where(c >= thresh * ct, min_x, np.where(ct >= thresh * c, 1.0, 1.0 - p12))
    else:
        raise ModelError(
            f"unknown victory-probability model {model!r}; use one of {', '.join(PROB_MODELS)}"
        )
    p = x1 / (x1 + x2)
    n = p.shape[-1]
    p[..., np.arange(n), np.arange(n)] = 0.5
    return p


def pce(kind: str, prob_model: str, c: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Probability that each option wins a probabilistic Condorcet election.

    Conditional (``Model::condPCE``): ``p_a ∝ Π_b P(a > b)``. MarkovIncentive and
    MarkovUniform iterate KTAB's challenge Markov chains to their fixed points,
    each election stopping at its own tolerance as KTAB's loop does.

    Args:
        kind: PCE model name.
        prob_model: Victory-probability model name.
        c: Coalition strengths, shape (..., n_options, n_options).
        mask: Optional boolean array broadcastable to (..., n_options): the options
            that stand in each election (an actor's bargain queue, the distinct
            positions). Others get probability 0 and do not affect the rest.

    Returns:
        Array of shape (..., n_options) summing to 1 over the standing options.
    """
    pv = victory_prob(prob_model, c)
    n = pv.shape[-1]
    shape = np.broadcast_shapes(pv.shape[:-1], () if mask is None else np.shape(mask))
    m = np.ones(shape, dtype=bool) if mask is None else np.broadcast_to(mask, shape)
    if kind == "conditional":
        p = np.ones(shape)
        for b in range(n):  # product in option order; a missing option multiplies by 1
            p = p * np.where(m[..., b, None], pv[..., b], 1.0)
        p = np.where(m, p, 0.0)
        return p / seq_sum(p)[..., None]
    if kind not in ("markov_incentive", "markov_uniform"):
        raise ModelError(f"unknown PCE model {kind!r}; use one of {', '.join(PCE_MODELS)}")
    n_on = m.sum(axis=-1, keepdims=True)
    p0 = np.where(m, 1.0 / n_on, 0.0)
    pair = m[..., :, None] & m[..., None, :]
    if kind == "markov_incentive":
        inct = np.where(pair, c * pv + np.eye(n) * 1e-10, 0.0)
        col = seq_sum(inct, axis=-2)[..., None, :]
        chlg = inct / np.where(col > 0, col, 1.0)
        chlg_t = np.swapaxes(chlg, -1, -2)
        return _markov(
            lambda p: np.einsum(
                "...ij,...ij->...i", pv, p[..., :, None] * chlg_t + p[..., None, :] * chlg
            ),
            p0,
            m,
            1e-8,
        )
    pvm = np.where(pair, pv, 0.0)
    return _markov(
        lambda p: np.where(
            m, np.einsum("...ij,...ij->...i", pvm, p[..., :, None] + p[..., None, :]) / n_on, 0.0
        ),
        p0,
        m,
        1e-6,
    )


def _markov(update, p: np.ndarray, mask: np.ndarray, tol: float) -> np.ndarray:
    """Damped fixed-point iteration ``p <- (p + q(p)) / 2`` from ``p``.

    Each election iterates until its own largest change is within ``tol``, as
    KTAB's ``while (pTol < change)`` loop does for one election.
    """
    done = np.zeros(p.shape[:-1], dtype=bool)
    for _ in range(1000):
        q = update(p)
        change = np.max(np.where(mask, np.abs(q - p), 0.0), axis=-1)
        p = np.where(done[..., None], p, (p + q) / 2.0)
        done |= change <= tol
        if done.all():
            return p
    raise ModelError("Markov PCE did not converge in 1000 iterations")


def big_r(p: np.ndarray, rng: str) -> np.ndarray:
    r"""Risk attitudes from win probabilities (``Model::bigRfromProb``).

    Actors whose positions are likely to win can afford risk aversion. Mid:
    ``R = (3p - (p_max + 2 p_min)) / (2 (p_max - p_min))`` ∈ [-½, 1]; Min maps to
    [0, 1]; Max to [-1, 1]. When every probability is equal KTAB divides by zero;
    here every actor is then risk-neutral (R = 0).
    """
    p_min, p_max = np.min(p, axis=-1, keepdims=True), np.max(p, axis=-1, keepdims=True)
    span = p_max - p_min
    safe = np.where(span > 0.0, span, 1.0)
    if rng == "min":
        r = (p - p_min) / safe
    elif rng == "mid":
        r = (3 * p - (p_max + 2 * p_min)) / (2 * safe)
    elif rng == "max":
        r = (2 * p - (p_max + p_min)) / safe
    else:
        raise ModelError(f"unknown big_r_range {rng!r}; use one of {', '.join(BIG_R_RANGES)}")
    return np.where(span > 0.0, r, 0.0)


def est_nra(r: np.ndarray, adjust: str) -> np.ndarray:
    """``R[..., h, i]``: h's estimate of i's risk attitude (``Model::estNRA``).

    OneThird: ``(2 r_h + r_i) / 3`` (h projects its own attitude); Full: ``r_i``; None: ``r_h``.
    """
    rh, ri = r[..., :, None], r[..., None, :]
    shape = r.shape + r.shape[-1:]
    if adjust == "full":
        return np.broadcast_to(ri, shape).copy()
    if adjust == "two_thirds":
        return (rh + (2.0 * ri)) / 3.0
    if adjust == "half":
        return (rh + ri) / 2
    if adjust == "one_third":
        return ((2.0 * rh) + ri) / 3.0
    if adjust == "none":
        return np.broadcast_to(rh, shape).copy()
    raise ModelError(f"unknown big_r_adjust {adjust!r}; use one of {', '.join(BIG_R_ADJUSTS)}")


def sal_distance(ideal: np.ndarray, pos: np.ndarray, sal: np.ndarray) -> np.ndarray:
    r"""Salience-weighted distance ``sqrt(Σ_d (s_d (x_d - y_d))² / Σ_d s_d²)`` (``bvDiff``).

    Args:
        ideal: Ideal points, shape (..., n_dims).
        pos: Positions, broadcastable against ``ideal``.
        sal: Saliences of the actor owning ``ideal``, broadcastable.
    """
    ds = (ideal - pos) * sal
    ds2 = seq_sum(ds * ds)
    ss2 = seq_sum(np.broadcast_to(sal * sal, ds.shape))
    return np.sqrt(ds2 / ss2)


def bs_util(d: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Utility ``(1 - d)(1 + d R)`` of a distance d ∈ [0, 1] under risk attitude R (``bsUtil``).

    R = 0 is risk-neutral (linear), R = 1 risk-averse (concave), R = -1 risk-seeking.
    Round-off can push d slightly above 1; KTAB then uses ``(1 - d)(1 + R)``.
    """
    return np.where(d <= 1.0, (1 - d) * (1 + d * r), (1 - d) * (1 + r))


def round4(x: np.ndarray) -> np.ndarray:
    """``(int)(0.5 + 10000 x) / 10000`` of ``interpBrgnSnPm`` (x ≥ 0 on the unit scale)."""
    return np.trunc(0.5 + x * 10000.0) / 10000.0


def interpolate(kind: str, ti, si, pi, tj, sj, pj) -> tuple[np.ndarray, np.ndarray]:
    r"""Bargain positions of initiator i and receiver j, per dimension.

    ``SMPActor::interpBrgnSnPm`` (S1P1, S2P2): weights ``w = s^n p^m``;
    ``b_i = round4(((w_i + 1e-6) t_i + w_j t_j) / (w_i + 1e-6 + w_j))`` and
    ``b_j = round4((w_i t_i + (1e-6 + w_j) t_j) / (w_i + 1e-6 + w_j))``: each moves
    toward the other in proportion to the other's salience and chance of winning.
    ``interpBrgnS2PMax``: only the likely loser moves, by ``d = Δp s_other² / (...)``.
    """
    if kind in ("s1p1", "s2p2"):
        n = 1 if kind == "s1p1" else 2
        wi = (si**n) * (pi**n)
        wj = (sj**n) * (pj**n)
        den = wi + 1e-6 + wj
        return round4(((wi + 1e-6) * ti + wj * tj) / den), round4(
            (wi * ti + (1e-6 + wj) * tj) / den
        )
    if kind == "s2pmax":
        di = np.where(pj > pi, pj - pi, 0.0)
        dj = np.where(pi > pj, pi - pj, 0.0)
        si2, sj2 = si * si, sj * sj
        dik = (di * sj2) / ((di * sj2) + 1e-6 + ((1 - di) * si2))
        djk = (dj * si2) / ((dj * si2) + 1e-6 + ((1 - dj) * sj2))
        return ti + dik * (tj - ti), tj + djk * (ti - tj)
    raise ModelError(f"unknown interp {kind!r}; use s1p1, s2p2 or s2pmax")
