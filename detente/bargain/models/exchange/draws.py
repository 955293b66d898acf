"""Monte Carlo draws of the exchange model, run side by side in lock step.

A draw of the exchange model is a sequential run: within a round each realised
exchange changes the candidates after it, so one draw cannot be vectorised. Many
draws can: they are independent problems, so they are laid side by side along the
issue axis (draw ``d``'s issue ``k`` is column ``d * n_issues + k``) and every step of
:func:`~detente.bargain.models.exchange.rounds.run_blocks` realises the best exchange of every
draw at once, with one NumPy call over all their candidates where a fit makes one per
draw. A fit spends its time in the realised exchanges, each bringing the remaining
candidates up to date with many NumPy calls on a few dozen elements: the cost is
NumPy's per-call overhead, not arithmetic, and draws side by side share those calls
(figures in benchmarks/README.md).

Nothing in a draw depends on the others: every per-issue sum, every candidate's algebra
and every random draw (each draw owns its generator, seeded as the loop fallback
:meth:`~detente.bargain.base.BargainingModel.solve_draws` seeds it) is the same as in a fit
of that draw alone, bit for bit (asserted in ``tests/bargain/test_exchange_draws.py``).
A draw whose round realised nothing has reached its end (the next round would be
the same) and leaves the batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.bargain.models.exchange.algebra import candidate_pairs, new_candidates
from detente.bargain.models.exchange.rounds import PartnerRule, close_moves, run_blocks
from detente.bargain.models.exchange.state import BlockRngs, RoundArrays
from detente.bargain.models.parallel import map_blocks

BATCH = 128
"""Draws run side by side per call: past this, larger batches save little CPU per draw and
hold more memory (benchmarks/README.md)."""

MEMORY = 64 * 2**20
"""Bytes a batch may give its candidates; bounds the batch for large scenarios."""

MIN_DRAWS_PER_JOB = 8
"""Fewest draws worth a worker process: below it, starting a forked pool costs more wall
time than the draws it takes over (benchmarks/README.md)."""


@dataclass(frozen=True)
class RunSpec:
    """The model parameters a draw needs (a picklable bundle for worker processes)."""

    rounds: int
    """Maximum number of rounds."""
    salience_weight: float
    """Weight of ``1 - s`` in how far a position follows the vote."""
    fixed_weight: float
    """Fixed part of that weight."""
    random_rate: float
    """``p`` of the randomised equal gain (0 = equal gain)."""
    rule: PartnerRule
    """Partner rule choosing the exchange to realise."""


def _batch(x: np.ndarray, s: np.ndarray, c: np.ndarray, seeds, spec: RunSpec) -> np.ndarray:
    """Final voting outcomes (D, n_issues) of D draws side by side, on the 0-100 scale."""
    n_draws, n_actors, width = x.shape
    gens = [np.random.default_rng(int(sd)) for sd in seeds]
    out = np.empty((n_draws, width))
    x = x.copy()
    live = np.arange(n_draws)

    def side_by_side(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(a[live].transpose(1, 0, 2).reshape(n_actors, -1))

    rate = float(spec.random_rate)
    for _ in range(spec.rounds):
        if live.size == 0:
            break
        r = RoundArrays.build(side_by_side(x), side_by_side(s), side_by_side(c))
        rng = BlockRngs(tuple(gens[d] for d in live), width)
        pairs = candidate_pairs(r.x, r.s, r.outcome(), width)
        cand = new_candidates(r, *pairs, rate, rng)
        won, _ = run_blocks(r, cand, spec.rule, rng, rate)
        moved = np.zeros(live.size, dtype=bool)
        moved[cand.p[won] // width] = True
        # both sides of each exchange, in the order realised (i then j, as close_round)
        actor = np.stack([cand.ai[won], cand.aj[won]], axis=1).ravel()
        issue = np.stack([cand.q[won], cand.p[won]], axis=1).ravel()
        end = np.stack([cand.yi[won], cand.yj[won]], axis=1).ravel()
        voting, x_next = close_moves(
            r, actor, issue, end, float(spec.salience_weight), float(spec.fixed_weight)
        )
        # a draw that realised nothing votes where it stands: its outcome is the start's
        outcome = RoundArrays.build(voting, r.s, r.c).outcome().reshape(live.size, width)
        out[live] = outcome
        x[live] = x_next.reshape(n_actors, live.size, width).transpose(1, 0, 2)
        live = live[moved]
    return out


def batch_size(n_actors: int, n_issues: int, batch: int = BATCH) -> int:
    """Draws per batch: ``batch``, fewer where a batch's candidates could pass :data:`MEMORY`.

    Of ``n`` actors split into four groups, at most ``n**2 / 4`` pairs lie on opposite
    sides of both outcomes, per issue pair; each candidate holds two records of ``n``
    seen positions and about twenty scalars (float64).
    """
    worst = n_issues * (n_issues - 1) // 2 * (n_actors * n_actors // 4)
    per_draw = max(1, worst * (16 * n_actors + 160))
    return int(max(1, min(batch, MEMORY // per_draw)))


def solve_serial(
    x: np.ndarray, s: np.ndarray, c: np.ndarray, seeds, spec: RunSpec, batch: int = BATCH
) -> np.ndarray:
    """Final voting outcomes of every draw, ``batch`` draws at a time; (D, n_issues).

    ``batch`` is lowered by :func:`batch_size` for large scenarios.
    """
    batch = batch_size(x.shape[1], x.shape[2], batch)
    parts = [
        _batch(
            x[lo : lo + batch], s[lo : lo + batch], c[lo : lo + batch], seeds[lo : lo + batch], spec
        )
        for lo in range(0, x.shape[0], batch)
    ]
    return np.concatenate(parts) if parts else np.empty((0, x.shape[2]))


def run_draws(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    seeds,
    spec: RunSpec,
    n_jobs: int = 1,
    batch: int = BATCH,
) -> np.ndarray:
    """:func:`solve_serial` with the draws split into ``n_jobs`` contiguous blocks.

    Every draw carries its own seed, so the split changes nothing in the result
    (:func:`~detente.bargain.models.parallel.map_blocks`).

    Args:
        x: Positions (D, n_actors, n_issues) on the 0-100 scale; NaN = no position.
        s: Saliences, same shape.
        c: Capabilities, same shape.
        seeds: D seeds, one generator per draw.
        spec: The model parameters.
        n_jobs: Worker processes (1 = this process).
        batch: Draws run side by side per call.
    """
    return map_blocks(
        solve_serial,
        (x, s, c, np.asarray(seeds)),
        (spec, batch),
        n_jobs=n_jobs,
        axis=0,
        min_per_job=MIN_DRAWS_PER_JOB,
    )
