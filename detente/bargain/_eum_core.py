r"""Pure, vectorised round function of the expected-utility model (Scholz et al. 2011).

Every array here has an actor axis of length n FIRST and a *batch* axis b LAST
(one column per draw x issue: the model is one-dimensional, one issue at a
time). One call of :func:`eum_round` advances every column by one round; the
same function serves a single fit (b = n_issues) and a 10 000-draw Monte Carlo
run (b = n_draws x n_issues). Pairwise quantities are (n, n, b) arrays built by
broadcasting. Keeping the batch axis last and contiguous makes every NumPy
inner loop run over thousands of elements rather than over n ~ 10 actors,
which is what makes the vectorisation pay off. The only O(n^3) step is the
vote numerator of the win probability (a loop over the n voters of O(n^2 b)
array operations); its all-triples denominator is reduced to O(n^2) (see
:func:`win_probability`). Powers x**r with an array exponent are taken as
exp2(r log2 x), which NumPy evaluates several times faster than ``np.power``;
the bases are symmetric in the two actors, so the logarithms are taken on one
triangle (:func:`_power_symmetric`). Every (n, n, b) step writes into the
preallocated arrays of a :class:`Workspace`; being C-contiguous, they also make
each column's result independent of the batch it is computed in, bit for bit
(which lets the Monte Carlo path split draws over processes).

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

NO_OFFER, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
"""Codes of the offer an actor accepts in a round (0 = it keeps its position)."""
OFFER_NAMES = {
    CONFRONTATION: "confrontation",
    COMPROMISE: "compromise",
    CAPITULATION: "capitulation",
}
"""Offer code -> name as printed in the replication logs."""


@dataclass(frozen=True)
class Rules:
    """The switches between the replication code and the paper's printed equations."""

    q: float = 1.0
    """Probability that the status quo persists when no challenge is made (paper's Q)."""
    all_triples: bool = True
    """Probability denominator summed over all voters and all pairs of actors (Scholz's code)
    instead of over the voters of the one contest (the paper's equation)."""
    compromise_scholz: bool = True
    """Choose among compromise offers by the smallest EU-weighted position (Scholz's code)
    instead of the smallest move (the paper)."""
    capitulation: bool = False
    """Let an actor capitulate when its loss outweighs the proposer's gain (the paper); the
    replication's condition can never hold, so it never capitulates."""
    current_range: bool = False
    """Recompute the position range every round instead of once from the inputs."""


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


def position_range(x: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Range max - min of the stated positions per column; 1 where all positions coincide.

    A zero range means nobody can move anyway; 1 only avoids dividing by zero.

    Args:
        x: Positions of shape (n, b), NaN where absent.
        present: Boolean mask of shape (n, b).
    """
    hi = np.where(present, x, -np.inf).max(axis=0)
    lo = np.where(present, x, np.inf).min(axis=0)
    span = hi - lo
    return np.where(span > 0, span, 1.0)


class Workspace:
    """Preallocated (n, n, b) scratch arrays, reused by every round of every chunk.

    A round needs about twenty (n, n, b) temporaries. Allocated afresh each time they are
    fresh pages from the kernel (glibc hands blocks this large to ``mmap``), and the page
    faults were measured to cost a third of the run time; with the arrays allocated once
    and every step written with ``out=``, that cost is gone. Arrays for a batch of b <=
    ``capacity`` columns are contiguous views of the first n*n*b elements.

    Args:
        n: Number of actors.
        capacity: Largest batch (number of columns) this workspace serves.
    """

    _FLOATS = ("diff", "move", "d", "vote", "gain", "num", "t1", "t2", "t3")
    _BOOLS = ("pair", "gains", "conf", "comp", "capit", "chosen", "mask")

    def __init__(self, n: int, capacity: int) -> None:
        self.n, self.capacity = n, capacity
        size = n * n * capacity
        self._flat = {k: np.empty(size) for k in self._FLOATS}
        self._flat.update({k: np.empty(size, dtype=bool) for k in self._BOOLS})

    def arrays(self, b: int) -> dict[str, np.ndarray]:
        """Views of shape (n, n, b) onto the buffers."""
        if b > self.capacity:
            raise ValueError(f"batch of {b} columns exceeds the workspace ({self.capacity})")
        shape = (self.n, self.n, b)
        return {k: v[: self.n * self.n * b].reshape(shape) for k, v in self._flat.items()}


def _win_probability_into(
    u: np.ndarray,
    w: np.ndarray,
    pair: np.ndarray,
    all_triples: bool,
    num: np.ndarray,
    vote: np.ndarray,
    gain: np.ndarray,
) -> np.ndarray:
    """:func:`win_probability` written into ``num``, with ``vote`` and ``gain`` as scratch.

    The operations and their order are those of the formula, so the result is the same to
    the bit. (Filling only one triangle per voter, with N[j, i] = -sum_k min(g, 0), is also
    exact but measured no faster: the saved passes go into NumPy's axis-0 reduction.)
    """
    np.multiply(w[:, None, :], u, out=vote)  # vote[k, a] = w_k u_ka
    num.fill(0.0)
    for k in range(u.shape[0]):
        # gain[i, j] = w_k (u_kj - u_ki): how much closer voter k is to i than to j, weighted
        np.subtract(vote[k][None, :, :], vote[k][:, None, :], out=gain)
        np.maximum(gain, 0.0, out=gain)
        num += gain
    num *= pair
    if all_triples:
        den = 2.0 * num.sum(axis=(0, 1))
    else:
        den = np.add(num, num.transpose(1, 0, 2), out=gain)
    # where den == 0 every numerator is 0 too (no contest), and P must be 0
    den += den == 0.0
    num /= den
    return num


def win_probability(
    u: np.ndarray, w: np.ndarray, pair: np.ndarray, all_triples: bool
) -> np.ndarray:
    r"""Probability P[i, j] that i's position beats j's in a coalition vote.

    Voter k's vote for i over j is :math:`v_k(i,j) = w_k (u_{kj} - u_{ki})` with
    :math:`w_k = c_k s_k` and :math:`u_{ka} = d_{ka}^{r_k}` its risk-adjusted,
    range-normalised distance to a. The numerator is
    :math:`\sum_k \max(0, v_k(i,j))`. Scholz's code divides by
    :math:`\sum_k \sum_a \sum_b |v_k(a,b)|` over *all* pairs of actors; because
    :math:`|v| = \max(0, v_{ab}) + \max(0, v_{ba})` that equals twice the sum of
    all numerators, so it costs O(n^2) once the numerators are known. The paper's
    equation divides by :math:`\sum_k |v_k(i,j)|` = N[i,j] + N[j,i].

    Args:
        u: Voters' distances of shape (n, n, b), u[k, a] = d_ka ** r_k.
        w: Voting weights c*s of shape (n, b), 0 for absent actors.
        pair: Boolean (n, n, b): both actors present and at different positions.
        all_triples: Use Scholz's all-triples denominator.

    Returns:
        Array of shape (n, n, b); 0 where the positions coincide.
    """
    shape = np.broadcast_shapes(u.shape, pair.shape)
    u = np.broadcast_to(u, shape)
    num, vote, gain = np.empty(shape), np.empty(shape), np.empty(shape)
    return _win_probability_into(u, w, pair, all_triples, num, vote, gain)


def expected_utility(
    p: np.ndarray, s_target: np.ndarray, us: np.ndarray, uf: np.ndarray, usq: np.ndarray, q: float
) -> np.ndarray:
    r"""EU of a challenge, Scholz et al. (2011) eq. 25 with the replication's q-term.

    :math:`EU = s_j [P U_s + (1-P) U_f] + (1 - s_j) U_s - q U_{sq}`, computed as
    :math:`U_s - s_j (1 - P)(U_s - U_f) - q U_{sq}` (the same expression, fewer
    array passes). The paper's extra :math:`-(1-q)[T U_b + (1-T) U_w]` term is
    absent from Scholz's code and vanishes for the customary q = 1.

    Args:
        p: Challenger's win probability, (n, n, b).
        s_target: Salience of the challenged actor (its readiness to resist),
            broadcastable to (n, n, b).
        us: Utility of a successful challenge, (n, n, b).
        uf: Utility of a failed challenge, (n, n, b).
        usq: Utility of the status quo, :math:`2 - 4 \cdot 0.5^r`, broadcastable.
        q: Status-quo probability.
    """
    return _eu(p, s_target, us - uf, us - q * usq)


def _eu(p: np.ndarray, s_target: np.ndarray, spread: np.ndarray, base: np.ndarray) -> np.ndarray:
    """:func:`expected_utility` as base - s_target (1 - p) spread, with in-place steps.

    ``spread`` = U_s - U_f and ``base`` = U_s - q U_sq are shared by eu_ij and eu_ji.
    Written as ``t = 1 - p; t *= s``: on (n, n, b) arrays ``s * (1 - p)`` (a broadcast
    operand with a temporary) takes NumPy's temporary-elision path, measured 20x slower.
    """
    out = 1.0 - p
    out *= s_target
    out *= spread
    return np.subtract(base, out, out=out)


def risk_exponents(
    d: np.ndarray, s: np.ndarray, w: np.ndarray, present: np.ndarray, pair: np.ndarray, rules: Rules
) -> np.ndarray:
    r"""Risk exponents r_i from the actors' danger levels (Scholz et al. 2011 eqs. 32-33).

    With every r = 1, actor i's danger is the EU its rivals expect from
    challenging it, :math:`D_i = \sum_{k \ne i} EU^{(i)}(k \to i)`. Then
    :math:`R_i = (2 D_i - D_{max} - D_{min}) / (D_{max} - D_{min})` over the
    actors present and :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [0.5, 2]`.
    Where all dangers are equal (e.g. everyone at one position) R = 0, r = 1;
    the replication code divides by zero there. With r = 1, U_s = 2d, U_f = -2d
    and U_sq = 0, so :math:`EU^{(i)}(k \to i) = 2 d_{ik} [1 - 2 s_i (1 - P_{ki})]`
    and this pass needs no powers (and q drops out).

    Args:
        d: Normalised distances (n, n, b).
        s: Saliences (n, b).
        w: Voting weights (n, b).
        present: Actors with a position (n, b).
        pair: Valid contests (n, n, b).
        rules: Model switches.

    Returns:
        Array (n, b); 1 for absent actors.
    """
    ws = Workspace(d.shape[0], d.shape[2]).arrays(d.shape[2])
    return _risk_into(d, s, w, present, pair, rules, ws)


def _risk_into(
    d: np.ndarray,
    s: np.ndarray,
    w: np.ndarray,
    present: np.ndarray,
    pair: np.ndarray,
    rules: Rules,
    ws: dict[str, np.ndarray],
) -> np.ndarray:
    """:func:`risk_exponents` with scratch from a :class:`Workspace` (num, vote, gain, t1)."""
    p1 = _win_probability_into(d, w, pair, rules.all_triples, ws["num"], ws["vote"], ws["gain"])
    # absent rivals do not count (d_ii = 0 anyway); d * True is d, so skip when all are present
    dm = d if present.all() else np.multiply(d, present[None, :, :], out=ws["t1"])
    near = dm.sum(axis=1)
    far = np.subtract(1.0, p1.transpose(1, 0, 2), out=ws["gain"])
    far *= dm
    danger = 2.0 * near - 4.0 * s * far.sum(axis=1)
    hi = np.where(present, danger, -np.inf).max(axis=0)
    lo = np.where(present, danger, np.inf).min(axis=0)
    span = hi - lo
    big_r = np.divide(2.0 * danger - hi - lo, span, out=np.zeros_like(danger), where=span > 0)
    return np.where(present, (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0), 1.0)


def _power_symmetric(base: np.ndarray, r: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Base ** r as exp2(r log2 base), for a base symmetric in its two actor axes.

    Every base here is a function of d_ij = d_ji (|x_j - x_i| and |x_i - x_j| are the same
    float), so the logarithm, half the cost of a power, is taken on the upper triangle and
    mirrored: the same bits as the full evaluation for 55% of the log2 calls. 0 ** r = 0
    for r > 0 (log2(0) = -inf, without a warning). ``out`` may be ``base``: row i reads
    only entries at and right of the diagonal, which the rows before it left alone.
    """
    with np.errstate(divide="ignore"):
        for i in range(base.shape[0]):
            np.log2(base[i, i:], out=out[i, i:])
            out[i + 1 :, i] = out[i, i + 1 :]
    out *= r
    return np.exp2(out, out=out)


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
