r"""Contest formulas of the expected-utility model (Scholz et al. 2011), vectorised.

What one actor expects from challenging another: the probability that a position wins
a coalition vote (:func:`win_probability`), the expected utility of a challenge
(:func:`expected_utility`) and the risk exponents that shape both
(:func:`risk_exponents`), plus the :class:`Rules` that switch between the replication
code and the printed equations and the :class:`Workspace` of scratch arrays the round
function writes into. The round itself (offers, choices, moves) is
:func:`detente.bargain.models.eum.core.eum_round`.

Arrays follow the layout of :mod:`detente.bargain.models.eum.core`: actor axis (length n) first,
batch axis b (draw x issue columns) last; pairwise quantities are (n, n, b). The only
O(n^3) step is the vote numerator of the win probability (a loop over the n voters of
O(n^2 b) array operations); its all-triples denominator is reduced to O(n^2) (see
:func:`win_probability`). Powers x**r with an array exponent are taken as
exp2(r log2 x), which NumPy evaluates several times faster than ``np.power``; the bases
are symmetric in the two actors, so the logarithms are taken on one triangle
(:func:`_power_symmetric`).

Source: Scholz, J.B., Calbert, G.J., Smith, G.A. (2011) "Unravelling Bueno De
Mesquita's group decision model", *Journal of Theoretical Politics* 23(4):510-531,
as replicated by jmckib/bdm-scholz-expected-utility-model (commit 55f63e9f), whose
deviations from the printed equations are the defaults of :class:`Rules`; reproduced to
1e-9 in ``tests/bargain/test_expected_utility.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
    faults cost a large share of the run time; with the arrays allocated once
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
    exact but no faster: the saved passes go into NumPy's axis-0 reduction.)
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
    operand with a temporary) takes NumPy's temporary-elision path, which is far slower.
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
    mirrored: the same bits as the full evaluation for (n + 1) / 2n of the log2 calls. 0 ** r = 0
    for r > 0 (log2(0) = -inf, without a warning). ``out`` may be ``base``: row i reads
    only entries at and right of the diagonal, which the rows before it left alone.
    """
    with np.errstate(divide="ignore"):
        for i in range(base.shape[0]):
            np.log2(base[i, i:], out=out[i, i:])
            out[i + 1 :, i] = out[i, i + 1 :]
    out *= r
    return np.exp2(out, out=out)
