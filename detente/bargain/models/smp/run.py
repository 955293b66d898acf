r"""The SMP turn loop over a leading draw axis, and the mapping of scenario arrays to KTAB's.

``run`` is Mesa's shape: one place advances the turn counter, each step is "act,
then collect". Draws stop independently (each at its own stopping turn); a
stopped draw is frozen and leaves the active set, so a fit (one draw) and a
Monte Carlo of thousands run the same code.

Stopping rule (``smp.cpp`` ``smpStopFn``, ``configExec``): after at least
``min_turns`` turns, stop when Σ_i ‖x_i(t) - x_i(t-1)‖ / (Σ_i ‖x_i(1) - x_i(0)‖ + 1e-4)
< ``tolerance`` (positions on [0, 1]); always stop after ``max_turns``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from detente.bargain.models.smp import rules as R
from detente.bargain.models.smp import turn as T
from detente.errors import ScenarioError

log = logging.getLogger(__name__)

MIN_SIG_DELTA = 1e-4
"""``configExec``'s ``minSigDelta``: added to the first turn's movement to avoid 0/0."""
SALIENCE_FLOOR = 1e-9
"""Salience given, in Monte Carlo draws only, to an actor whose drawn saliences are all 0."""


def smp_arrays(actor_ids, low, high, positions, salience, capability, strict: bool = True):
    """Scenario arrays (D, n_actors, n_issues) → KTAB's positions on [0, 1], salience, capability.

    * positions are rescaled from each issue's [low, high] to [0, 1];
    * capability is one scalar per actor: the per-issue value when all issues
      agree, else the actor's mean over issues;
    * saliences form a vector per actor with Σ ≤ 1 (KTAB rejects larger sums):
      when some actor's sum exceeds 1, all saliences of that draw are divided by
      the largest sum, keeping every priority and every ratio between actors;
    * a missing position (NaN) gets salience 0 and, as its coordinate, the
      capability-weighted mean of the stated positions on that issue.

    Args:
        actor_ids: Actor ids, for messages.
        low: Lower ends of the issue scales, shape (n_issues,).
        high: Upper ends, shape (n_issues,).
        positions: Shape (D, n_actors, n_issues); NaN = no position.
        salience: Same shape, in [0, 1].
        capability: Same shape, >= 0.
        strict: Raise :class:`ScenarioError` for an actor with no salience (a fit);
            otherwise give it ``SALIENCE_FLOOR`` (a Monte Carlo draw).

    Returns:
        (positions (D, n, m), salience (D, n, m), capability (D, n)).
    """
    present = ~np.isnan(positions)
    pos = (positions - low) / (high - low)
    sal = np.where(present, salience, 0.0)
    differ = ~np.all(capability == capability[..., :1], axis=-1)
    cap = np.where(differ, capability.mean(axis=-1), capability[..., 0])
    if np.any(differ):
        log.info("SMP: per-issue capabilities differ; using each actor's mean over issues")
    if not np.all(present):
        w = np.where(present, cap[..., None], 0.0)
        fill = (w * np.nan_to_num(pos)).sum(axis=-2) / np.maximum(w.sum(axis=-2), 1e-300)
        pos = np.where(present, pos, fill[..., None, :])
    mute = ~np.any(sal > 0, axis=-1)
    if np.any(mute):
        if strict:
            who = actor_ids[int(np.flatnonzero(mute.any(axis=0))[0])]
            raise ScenarioError(
                f"actor {who!r} has salience 0 on every issue it takes a position on; "
                "the SMP needs some salience to weigh distances"
            )
        sal = np.where(mute[..., None], SALIENCE_FLOOR, sal)
    if not np.all(cap > 0):
        who = actor_ids[int(np.flatnonzero((cap <= 0).any(axis=0))[0])]
        raise ScenarioError(f"actor {who!r} has capability 0; the SMP needs a positive vote weight")
    top = np.max(R.seq_sum(sal), axis=-1)
    sal = np.where((top > 1.0)[..., None, None], sal / top[..., None, None], sal)
    return pos, sal, cap


@dataclass
class Run:
    """What a run produced; the per-turn lists are filled only when recording (one draw)."""

    final: np.ndarray
    """Final positions on [0, 1], (D, n_actors, n_dims)."""
    final_probs: np.ndarray
    """Winning probability of each actor's final position from its own view, (D, n_actors)."""
    turns: np.ndarray
    """Turns run per draw, (D,)."""
    converged: np.ndarray
    """True where the stopping rule fired before ``max_turns``, (D,)."""
    history: list[np.ndarray] = field(default_factory=list)
    """Positions of draw 0 at turn 0, 1, ... (recording only)."""
    risk: list[np.ndarray] = field(default_factory=list)
    """Risk attitudes of draw 0 per turn."""
    probs: list[np.ndarray] = field(default_factory=list)
    """Own-view winning probabilities of draw 0 per turn."""
    bargains: list[tuple] = field(default_factory=list)
    """(turn, init, rcvr, prob, gain, init adopted, rcvr adopted) of draw 0."""


def run(
    pos,
    sal,
    cap,
    rules: T.Rules,
    *,
    min_turns: int,
    max_turns: int,
    tolerance: float,
    rng: np.random.Generator | None,
    record: bool,
) -> Run:
    """Run the SMP on every draw until each one's stopping rule fires.

    Args:
        pos: Positions on [0, 1], (D, n_actors, n_dims); ideals track positions
            (KTAB's CSV path: identity accommodation matrix).
        sal: Salience, same shape.
        cap: Capability, (D, n_actors).
        rules: Settings.
        min_turns: Turns before the stopping rule may fire.
        max_turns: Hard limit.
        tolerance: Fractional-change threshold.
        rng: Generator for stochastic transitions, None for deterministic ones.
        record: Keep per-turn history of draw 0 (a fit).
    """
    n_d = pos.shape[0]
    out = Run(
        final=pos.copy(),
        final_probs=np.zeros(pos.shape[:2]),
        turns=np.zeros(n_d, dtype=int),
        converged=np.zeros(n_d, dtype=bool),
    )
    active = np.arange(n_d)
    cur, d01 = pos.copy(), np.zeros(n_d)
    a = T.assess(cur, cur, sal, cap, rules)
    turn = 0
    while True:  # act, then collect; the turn counter advances here only
        probs = T.position_probs(a, cur[active], cap[active], rules, by_estimator=False)
        if record:
            out.history.append(cur[0].copy())
            out.risk.append(a.risk[0])
            out.probs.append(probs[0])
        stop = out.converged[active] | (turn >= max_turns)
        out.final_probs[active[stop]] = probs[stop]
        if stop.all():
            break
        keep = ~stop
        active, a = active[keep], a.take(keep)
        turn += 1
        x, s, c = cur[active], sal[active], cap[active]
        b = T.best_challenges(a, x, s, c, rules)
        new, slot = T.resolve(a, x, x, s, c, b, rules, rng)
        if record:
            chosen = slot[0]
            out.bargains += [
                (
                    turn - 1,
                    b.init[0, m],
                    b.rcvr[0, m],
                    b.prob[0, m],
                    b.gain[0, m],
                    chosen[b.init[0, m]] == m,
                    chosen[b.rcvr[0, m]] == m,
                )
                for m in np.flatnonzero(b.valid[0])
            ]
        moved = R.seq_sum(np.sqrt(R.seq_sum((new - x) ** 2)))
        if turn == 1:
            d01[active] = moved + MIN_SIG_DELTA
        ratio = moved / d01[active]
        log.debug("SMP turn %d: fractional change %s (target %.4f)", turn, ratio, tolerance)
        out.converged[active] = (turn >= min_turns) & (ratio < tolerance)
        out.turns[active] = turn
        cur[active] = new
        a = T.assess(new, new, s, c, rules)
    out.final = cur
    return out
