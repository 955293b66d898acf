r"""Randomised equal gain ("random rate" p > 0) of Dijkstra, Van Assen, Stokman & Draaijer (2018).

In the deterministic model both partners gain the same. With rate :math:`p \in (0, 1]`
one partner ``A`` (``i`` or ``j``, each with probability 1/2, draw ``u``) either wins
(draw ``v`` < 1/2) part of the way towards its maximum utility, or loses part of its
equal gain: :math:`G_A = G + p\,z\,(G^{max}_A - G)` or :math:`G_A = G - p\,z\,G`
(``z`` uniform). ``A`` still moves all the way to its partner's position; the partner's
move follows from ``G_A``, and is shortened when it would overshoot (then ``A``'s move
follows instead). The ranking of exchanges still uses the equal gain ``G``.

Rules follow ``EqualGainExchange.calculate_maximum_utility`` and
``EqualGainExchangeActor.randomized_gain`` of ``foarsitter/decide-exchange-model``,
including two of its quirks kept so that its runs are reproduced: the outcome check of
the non-overshooting branch keeps ``A``'s full move (only the partner's move shrinks)
and flips its sign twice. Maximum utilities are checked against the reference's
``test_rex.py`` in ``tests/bargain/test_exchange.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Side:
    """Arrays describing one partner of a set of candidate exchanges (all shape (n,))."""

    x: np.ndarray
    """Position on the issue it supplies."""
    target: np.ndarray
    """The partner's position on that issue (where a full move ends)."""
    own_demand: np.ndarray
    """Its own position on the issue it demands (the partner's target)."""
    s_sup: np.ndarray
    """Salience of the supplied issue."""
    s_dem: np.ndarray
    """Salience of the demanded issue."""
    cs: np.ndarray
    """c * s on the supplied issue."""
    denom: np.ndarray
    """Sum of c * s on the supplied issue."""
    base: np.ndarray
    """Sum of c * s * x on the supplied issue without this actor, as the candidate sees it."""
    own_seen: np.ndarray
    """This actor's own position on the supplied issue as recorded by the candidate (NaN = none)."""
    y: np.ndarray
    """Voting position after the equal-gain exchange."""

    def outcome(self, pos: np.ndarray) -> np.ndarray:
        """Outcome of the supplied issue with this actor at ``pos``."""
        return (self.base + self.cs * pos) / self.denom


def max_utilities(i: Side, j: Side) -> tuple[np.ndarray, np.ndarray]:
    """Maximum utility each partner could get (``calculate_maximum_utility``).

    Returns:
        ``(eu_max_i, eu_max_j)``, shape (n,) each.
    """
    i_po = i.own_demand == i.y
    j_po = j.own_demand == j.y
    d_i = np.abs(i.outcome(i.x) - i.outcome(np.where(i_po, i.y, i.target)))
    d_j = np.abs(j.outcome(j.x) - j.outcome(np.where(j_po, j.y, j.target)))
    loss_1, gain_2 = d_j * j.s_sup, d_j * i.s_dem
    loss_2, gain_1 = d_i * i.s_sup, d_i * j.s_dem
    util_i, util_j = gain_1 - loss_1, gain_2 - loss_2
    over = np.full(i.x.shape, np.nan)
    over = np.where(i_po & (util_i > 0), gain_2 - loss_1 / j.s_dem * i.s_sup, over)
    over = np.where(j_po & (util_j > 0), gain_1 - loss_2 / i.s_dem * j.s_sup, over)
    actor_is_j = gain_2 > gain_1
    gain = np.where(actor_is_j, gain_1, gain_2)
    loss = np.where(actor_is_j, loss_2, loss_1)
    a_sup = np.where(actor_is_j, j.s_sup, i.s_sup)
    o_dem = np.where(actor_is_j, i.s_dem, j.s_dem)
    share = a_sup / (a_sup + o_dem)
    d2u1 = loss / (share * o_dem)
    d2u2 = gain / (share * a_sup)
    eu_opp = np.where(np.isnan(over) | (over == 0), share * o_dem * d2u2 - loss, over)
    eu_actor = gain - share * a_sup * d2u1
    eu_i = np.where(actor_is_j, eu_opp, eu_actor)
    eu_j = np.where(actor_is_j, eu_actor, eu_opp)
    return eu_i, eu_j


def randomised_moves(
    a: Side,
    b: Side,
    gain: np.ndarray,
    eu_max_a: np.ndarray,
    rate: float,
    v: np.ndarray,
    z: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signed moves of ``A`` and ``B`` and ``A``'s gain under the random rate (``randomized_gain``).

    Args:
        a: The partner whose gain is drawn.
        b: The other partner.
        gain: Equal gain of each candidate.
        eu_max_a: ``A``'s maximum utility.
        rate: ``p`` in (0, 1].
        v: Uniform draws: ``A`` wins when ``v < 0.5``.
        z: Uniform draws: how far towards the maximum (or towards zero).

    Returns:
        ``(move_a, move_b, gain_a)``, shape (n,) each.
    """
    gain_a = np.where(v < 0.5, gain + rate * z * (eu_max_a - gain), gain - rate * z * gain)
    full_a = np.abs(a.x - a.target)
    r_a = full_a * a.cs / a.denom
    r_b = (gain_a + r_a * a.s_sup) / a.s_dem
    move_b = r_b * b.denom / b.cs
    room_b = np.abs(b.x - b.target)
    over = move_b > room_b
    # B would overshoot: B moves fully, A's move follows
    r_b_o = room_b * b.cs / b.denom
    r_a_o = np.abs((gain_a - r_b_o * a.s_dem) / a.s_sup)
    move_a_o = r_a_o * a.denom / a.cs
    # otherwise A moves fully unless the outcome would pass B's position
    sign_a = np.where(a.x > a.target, -1.0, 1.0)
    o0, o1 = a.outcome(a.x), a.outcome(a.x + sign_a * full_a)
    t = a.target
    crosses = ~over & ~(((t >= o0) & (t >= o1)) | ((t <= o0) & (t <= o1)))
    o_cur = np.where(np.isnan(a.own_seen), o0, a.outcome(a.own_seen))
    r_a_c = np.abs(t - o_cur)
    r_b_c = (gain_a + r_a_c * a.s_sup) / a.s_dem
    move_b_c = r_b_c * b.denom / b.cs
    move_a = np.where(over, move_a_o, np.where(crosses, sign_a * full_a, full_a))
    move_b = np.where(over, room_b, np.where(crosses, move_b_c, move_b))
    move_a = np.where(a.x > a.target, -move_a, move_a)
    move_b = np.where(b.x > b.target, -move_b, move_b)
    return move_a, move_b, gain_a
