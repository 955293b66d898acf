r"""Pure, vectorised round function of the expected-utility model (Scholz et al. 2011).

Every array here has an actor axis of length n FIRST and a *batch* axis b LAST
(one column per draw x issue: the model is one-dimensional, one issue at a
time). One call of :func:`eum_round` advances every column by one round; the
same function serves a single fit (b = n_issues) and a 10 000-draw Monte Carlo
run (b = n_draws x n_issues). Pairwise quantities are (n, n, b) arrays built by
broadcasting. Keeping the batch axis last and contiguous makes every NumPy
inner loop run over thousands of elements rather than over n ~ 10 actors,
which is what makes the vectorisation pay off. The contest formulas a round is
built from (win probability, expected utility, risk exponents) and the
:class:`Workspace` live in :mod:`detente.bargain.models.eum.contest`; they are
re-exported here, so this module is the one entry point of the model's core. Every
(n, n, b) step writes into the preallocated arrays of a :class:`Workspace`; being
C-contiguous, they also make each column's result independent of the batch it is
computed in, bit for bit (which lets the Monte Carlo path split draws over processes).

Source: Scholz, J.B., Calbert, G.J., Smith, G.A. (2011) "Unravelling Bueno De
Mesquita's group decision model", *Journal of Theoretical Politics* 23(4):510-531,
as replicated by jmckib/bdm-scholz-expected-utility-model (commit 55f63e9f,
"perfect replication of bdm-scholz results up to 10 rounds"), whose deviations
from the printed equations are the defaults here; reproduced to 1e-9 in
``tests/bargain/test_expected_utility.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.bargain.models.eum.contest import (
    Rules,
    Workspace,
    _power_symmetric,
    _risk_into,
    _win_probability_into,
    expected_utility,
    position_range,
    risk_exponents,
    win_probability,
)

__all__ = [
    "CAPITULATION",
    "COMPROMISE",
    "CONFRONTATION",
    "NO_OFFER",
    "OFFER_NAMES",
    "RoundResult",
    "Rules",
    "Workspace",
    "eum_round",
    "expected_utility",
    "position_range",
    "risk_exponents",
    "win_probability",
]

NO_OFFER, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
"""Codes of the offer an actor accepts in a round (0 = it keeps its position)."""
OFFER_NAMES = {
    CONFRONTATION: "confrontation",
    COMPROMISE: "compromise",
    CAPITULATION: "capitulation",
}
"""Offer code -> name as printed in the replication logs."""


@dataclass(frozen=True)
class RoundResult:
    """What one round did to every actor of every column; arrays of shape (n, b)."""

    positions: np.ndarray
    """Positions after the simultaneous moves (NaN stays NaN)."""
    risk: np.ndarray
    """Risk exponent r_i used for the offers of this round, in [0.5, 2]."""
    offer: np.ndarray
    """Code of the accepted offer (:data:`NO_OFFER`, :data:`CONFRONTATION`, ...)."""
    proposer: np.ndarray
    """Row index of the proposing actor, -1 without an offer."""
    eu_ij: np.ndarray
    """EU to the mover of challenging the proposer (mover's view); NaN without an offer."""
    eu_ji: np.ndarray
    """EU to the proposer of challenging the mover (mover's view); NaN without an offer."""


def _first_argmin(key: np.ndarray) -> np.ndarray:
    """Argmin over axis 1 of (n, n, b), first index on ties, by a loop over the n proposers.

    Equivalent to ``key.argmin(axis=1)`` but runs over contiguous (n, b) slices, which
    is several times faster than NumPy's reduction along a middle axis.
    """
    best = key[:, 0, :].copy()
    idx = np.zeros(best.shape, dtype=np.intp)
    better = np.empty(best.shape, dtype=bool)
    for j in range(1, key.shape[1]):
        np.less(key[:, j, :], best, out=better)
        np.copyto(best, key[:, j, :], where=better)
        np.copyto(idx, j, where=better)
    return idx


_FAR = 1e300
"""Added to the choice key of offers that are not in the chosen category (finite, unlike inf,
so an arithmetic mask never produces 0 * inf = NaN)."""


def eum_round(
    x: np.ndarray,
    s: np.ndarray,
    w: np.ndarray,
    present: np.ndarray,
    delta: np.ndarray,
    rules: Rules,
    work: Workspace | None = None,
) -> RoundResult:
    """One round for every column: risk exponents, offers, choices, simultaneous moves.

    Offers to mover i from each proposer j at another position, both EUs seen
    with i's risk exponent (replication semantics):
    confrontation if eu_ji > eu_ij > 0 (i moves to x_j); compromise if
    eu_ji > 0 > eu_ij and eu_ji > |eu_ij| (i moves the fraction |eu_ij/eu_ji| of
    the way to x_j); capitulation if eu_ji > 0 > eu_ij and eu_ji < |eu_ij|
    (i moves to x_j; only with ``rules.capitulation``). i accepts a
    confrontation if it has one (the smallest move), else a compromise, else a
    capitulation; ties go to the proposer listed first.

    Every (n, n, b) step writes into the arrays of ``work`` (see :class:`Workspace` and
    :func:`_eu` for why); each array is annotated with the quantity it holds.

    Args:
        x: Positions (n, b); NaN where absent.
        s: Saliences (n, b).
        w: Voting weights c*s (n, b), 0 where absent.
        present: Actors with a position (n, b).
        delta: Position range per column (b,).
        rules: Model switches.
        work: Scratch arrays for at least b columns; allocated for this call when None.
    """
    n, b = x.shape
    ws = (work or Workspace(n, b)).arrays(b)
    xz = np.where(present, x, 0.0)
    xi, xj = xz[:, None, :], xz[None, :, :]
    diff = np.subtract(xj, xi, out=ws["diff"])  # diff[i, j] = x_j - x_i: i's move to reach j
    move = np.abs(diff, out=ws["move"])
    d = np.divide(move, delta, out=ws["d"])
    pair = np.not_equal(move, 0.0, out=ws["pair"])
    pair &= present[:, None, :]
    pair &= present[None, :, :]

    r = _risk_into(d, s, w, present, pair, rules, ws)
    rr = r[:, None, :]
    half_r = np.exp2(-rr)  # 0.5 ** r, shape (n, 1, b)
    u = _power_symmetric(d, rr, out=ws["t1"])
    p = _win_probability_into(u, w, pair, rules.all_triples, ws["num"], ws["vote"], ws["gain"])
    # U_s = 2 - 4 (0.5 - 0.5 d)^r = 2 - 4 * 0.5^r (1 - d)^r; U_f likewise with 1 + d
    # d <= 1 up to rounding (a compromise can land one ulp outside the initial range)
    minus_4h = -4.0 * half_r
    us = np.subtract(1.0, d, out=ws["vote"])
    np.maximum(us, 0.0, out=us)
    us = _power_symmetric(us, rr, out=us)
    us *= minus_4h
    us += 2.0
    uf = _power_symmetric(np.add(1.0, d, out=ws["gain"]), rr, out=ws["gain"])
    uf *= minus_4h
    uf += 2.0
    spread = np.subtract(us, uf, out=uf)  # U_s - U_f
    base = np.subtract(us, rules.q * (2.0 - 4.0 * half_r), out=us)  # U_s - q U_sq
    # EU = base - s_target (1 - P) spread, see expected_utility()
    eu_ij = np.subtract(1.0, p, out=ws["t1"])  # i challenges j, j resists with s_j
    eu_ij *= s[None, :, :]
    eu_ij *= spread
    np.subtract(base, eu_ij, out=eu_ij)
    eu_ji = np.subtract(1.0, p.transpose(1, 0, 2), out=ws["t2"])  # j challenges i
    eu_ji *= s[:, None, :]
    eu_ji *= spread
    np.subtract(base, eu_ji, out=eu_ji)

    a_ij = np.abs(eu_ij, out=ws["vote"])
    a_ji = np.abs(eu_ji, out=ws["gain"])
    gains = np.greater(eu_ji, 0.0, out=ws["gains"])
    gains &= pair
    conf = np.greater(eu_ji, eu_ij, out=ws["conf"])
    conf &= gains
    mask = ws["mask"]
    conf &= np.greater(eu_ij, 0.0, out=mask)
    neg = gains  # gains is not needed any more: neg = gains & (eu_ij < 0)
    neg &= np.less(eu_ij, 0.0, out=mask)
    comp = np.greater(eu_ji, a_ij, out=ws["comp"])
    comp &= neg
    capit = None
    if rules.capitulation:
        capit = np.less(eu_ji, a_ij, out=ws["capit"])
        capit &= neg

    if rules.compromise_scholz:
        # (|eu_ij| x_i + |eu_ji| x_j) / (|eu_ij| + |eu_ji|) = x_i + share * (x_j - x_i)
        comp_key = np.add(a_ij, a_ji, out=ws["t3"])
        comp_key += 1e-300
        np.divide(a_ji, comp_key, out=comp_key)
        comp_key *= diff
        comp_key += xi
    else:
        comp_key = np.add(a_ji, 1e-300, out=ws["t3"])
        np.divide(a_ij, comp_key, out=comp_key)
        comp_key *= diff
        np.abs(comp_key, out=comp_key)

    has_conf, has_comp = conf.any(axis=1), comp.any(axis=1)
    has_cap = capit.any(axis=1) if capit is not None else np.zeros_like(has_conf)
    offer = np.select(
        [has_conf, has_comp, has_cap], [CONFRONTATION, COMPROMISE, CAPITULATION], NO_OFFER
    )
    # only offers of the accepted kind compete
    chosen = np.logical_and(conf, has_conf[:, None, :], out=ws["chosen"])
    chosen |= np.logical_and(comp, (~has_conf & has_comp)[:, None, :], out=mask)
    if capit is not None:
        chosen |= np.logical_and(capit, (~has_conf & ~has_comp)[:, None, :], out=mask)
    key = np.subtract(comp_key, move, out=comp_key)
    key *= comp
    key += move  # the compromise rule's key for compromises, the smallest move otherwise
    np.add(key, _FAR, out=key, where=np.logical_not(chosen, out=chosen))
    proposer = np.where(offer != NO_OFFER, _first_argmin(key), -1)
    j = np.maximum(proposer, 0)[:, None, :]

    def take(a: np.ndarray) -> np.ndarray:
        return np.take_along_axis(a, j, axis=1)[:, 0, :]

    moved = offer != NO_OFFER
    # step of a compromise: i moves the fraction |eu_ij / eu_ji| of the way to j (computed for
    # the chosen proposer only; where comp holds eu_ji > |eu_ij| >= 0)
    t_ij, t_ji = take(eu_ij), take(eu_ji)
    step = np.abs(t_ij) / (np.abs(t_ji) + 1e-300)
    step *= take(diff)
    # a confrontation or capitulation lands exactly on x_j (not x_i + (x_j - x_i), which can
    # differ by an ulp and would leave the two actors "apart" in the next round)
    x_proposer = np.take_along_axis(xz, j[:, 0, :], axis=0)
    target = np.where(offer == COMPROMISE, xz + step, x_proposer)
    return RoundResult(
        positions=np.where(moved, target, x),
        risk=r,
        offer=offer,
        proposer=proposer,
        eu_ij=np.where(moved, t_ij, np.nan),
        eu_ji=np.where(moved, t_ji, np.nan),
    )
