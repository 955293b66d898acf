"""Monte Carlo draws of the exchange model run side by side (``_exchange_draws``).

The fast path must change no number: every draw equals, bit for bit, what the loop
fallback of ``BargainingModel.solve_draws`` (one seeded fit per draw) gives, for any
``n_jobs``, with ties broken at random, with the random rate, and with a custom rule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargain.analysis.uncertainty import draw_inputs, monte_carlo
from detente.bargain.base import BargainingModel
from detente.bargain.io import load_scenario
from detente.bargain.models.exchange import draws as draws_module
from detente.bargain.models.exchange.algebra import RoundArrays, candidate_pairs
from detente.bargain.models.exchange.draws import (
    MIN_DRAWS_PER_JOB,
    RunSpec,
    run_draws,
    solve_serial,
)
from detente.bargain.models.exchange.model import ExchangeModel, HighestGain
from detente.bargain.models.exchange.rounds import Realised, close_moves, close_round
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError

UKRAINE = Path(__file__).resolve().parents[2] / "scenarios" / "ukraine-2025.yaml"


def _coarse(seed: int, n: int = 7, m: int = 5) -> Scenario:
    """Positions on a 5-point grid, saliences in tenths and twin actors: equal gains (ties).

    On a 0-10 scale so the rescaling is exercised; one actor has no position on issue 0.
    In Monte Carlo only the positions of the last three actors vary, so ties survive.
    """
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 5, (n, m)) * 2.5
    s = rng.integers(1, 10, (n, m)) / 10.0
    c = rng.integers(1, 4, (n, m)).astype(float)
    for a in (x, s, c):
        a[1] = a[2]  # twins: every exchange of one has an equally good one of the other
    x[0, 0] = np.nan
    sd = np.full((n, m), 0.0)
    psd = sd.copy()
    psd[-3:] = 1.0
    return Scenario(
        name="coarse",
        actors=tuple(ActorSpec(f"a{k}", f"Actor {k}", 1.0) for k in range(n)),
        issues=tuple(IssueSpec(f"i{k}", f"Issue {k}", 0.0, 10.0) for k in range(m)),
        positions=x,
        salience=s,
        capability=c,
        position_sd=psd,
        salience_sd=sd,
        capability_sd=sd,
    )


def _draws(sc: Scenario, n: int, seed: int) -> tuple[np.ndarray, ...]:
    """Perturbed inputs as monte_carlo draws them."""
    return draw_inputs(sc, n, np.random.default_rng(seed))


def _both(model: ExchangeModel, sc: Scenario, inputs, seed: int) -> tuple[np.ndarray, ...]:
    fast = model.solve_draws(sc, *inputs, np.random.default_rng(seed))
    slow = BargainingModel.solve_draws(model, sc, *inputs, np.random.default_rng(seed))
    return fast, slow


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"random_rate": 0.5},
        {"rounds": 3, "salience_weight": 0.2, "fixed_weight": 0.3, "tie_tolerance": 1e-6},
        {"exchange_partner_rule": HighestGain("first")},
    ],
)
def test_side_by_side_equals_loop_fallback(params, global_seed):
    sc = _coarse(global_seed)
    inputs = _draws(sc, 8, global_seed)
    model = ExchangeModel(random_state=global_seed, **params)
    fast, slow = _both(model, sc, inputs, global_seed)
    assert fast.shape == (8, 5) and np.isfinite(fast).all()
    np.testing.assert_array_equal(fast, slow)
    assert len(np.unique(fast, axis=0)) > 4  # the draws differ


def test_coarse_scenario_has_ties(global_seed):
    """The fixture is meant to exercise tie-breaking: its fits do meet ties."""
    ties = ExchangeModel(random_state=global_seed).fit(_coarse(global_seed)).exchanges_["tied"]
    assert ties.max() > 1


def test_seed_scenario_equals_loop_fallback(global_seed):
    """The 9-actor x 8-issue seed scenario (ties in its round-1 gains), as monte_carlo draws."""
    sc = load_scenario(UKRAINE)
    inputs = draw_inputs(
        sc, 6, np.random.default_rng(global_seed), position_sd=5.0, salience_sd=0.05
    )
    fast, slow = _both(ExchangeModel(random_state=global_seed), sc, inputs, global_seed)
    np.testing.assert_array_equal(fast, slow)


class _Counting:
    """A stateful custom rule: highest gain, first on ties, and a log of the calls."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def choose(self, gains, rng, pairs):
        self.calls.append(gains.size)
        return HighestGain("first").choose(gains, rng, pairs)


def test_custom_rule_sees_the_calls_of_the_loop(global_seed):
    sc = _coarse(global_seed)
    inputs = _draws(sc, 5, global_seed)
    fast_rule, slow_rule = _Counting(), _Counting()
    fast = ExchangeModel(exchange_partner_rule=fast_rule, n_jobs=2).solve_draws(
        sc, *inputs, np.random.default_rng(global_seed)
    )
    slow = BargainingModel.solve_draws(
        ExchangeModel(exchange_partner_rule=slow_rule),
        sc,
        *inputs,
        np.random.default_rng(global_seed),
    )
    np.testing.assert_array_equal(fast, slow)
    assert fast_rule.calls == slow_rule.calls and len(fast_rule.calls) > 5


def test_n_jobs_gives_identical_draws(global_seed):
    """n_jobs=1 and n_jobs=2 through monte_carlo: the same draws, bit for bit."""
    sc = _coarse(global_seed, n=8, m=4)
    n = 2 * MIN_DRAWS_PER_JOB  # enough for two workers
    runs = {
        jobs: monte_carlo(
            sc,
            ExchangeModel(random_state=global_seed, n_jobs=jobs),
            draws=n,
            random_state=global_seed,
        )
        for jobs in (1, 2)
    }
    assert runs[1].params["n_jobs"] == 1 and runs[2].params["n_jobs"] == 2
    np.testing.assert_array_equal(runs[1].draws, runs[2].draws)
    assert not runs[2].vectorised


def test_split_and_batch_change_nothing(global_seed):
    sc = _coarse(global_seed)
    x, s, c = _draws(sc, 2 * MIN_DRAWS_PER_JOB + 3, global_seed)
    x = x * 10.0  # the 0-100 scale the driver works on
    seeds = np.arange(x.shape[0]) + global_seed
    spec = RunSpec(10, 0.4, 0.1, 0.25, HighestGain("random", 1e-12))
    whole = solve_serial(x, s, c, seeds, spec)
    np.testing.assert_array_equal(whole, solve_serial(x, s, c, seeds, spec, batch=4))
    np.testing.assert_array_equal(whole, run_draws(x, s, c, seeds, spec, n_jobs=2))
    for k in (0, 7):  # each draw alone
        alone = solve_serial(x[k : k + 1], s[k : k + 1], c[k : k + 1], seeds[k : k + 1], spec)
        np.testing.assert_array_equal(whole[k], alone[0])


@pytest.mark.parametrize("tie", ["random", "first"])
def test_choose_blocks_equals_choose_per_segment(tie, global_seed):
    rng = np.random.default_rng(global_seed)
    gains = rng.integers(0, 4, 60) / 4.0  # many exact ties
    gains[10:14] += 1e-14  # ties within the tolerance
    starts = np.array([0, 10, 11, 30, 45])
    rule = HighestGain(tie)
    seeds = rng.integers(0, 1000, starts.size)
    picks, counts = rule.choose_blocks(gains, starts, [np.random.default_rng(sd) for sd in seeds])
    ends = np.append(starts[1:], gains.size)
    for k, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        want = rule.choose(gains[lo:hi], np.random.default_rng(seeds[k]))
        assert (picks[k] - lo, counts[k]) == want
    assert counts.max() > 1


def test_candidate_pairs_side_by_side(global_seed):
    """Problems side by side pair issues only within themselves, each in its own order."""
    one, two = _coarse(global_seed), _coarse(global_seed + 1)
    x = np.hstack([one.positions, two.positions])
    s = np.hstack([one.salience, two.salience])
    out = RoundArrays.build(x, s, np.ones_like(x)).outcome()
    got = candidate_pairs(x, s, out, width=5)
    parts = [candidate_pairs(x[:, k : k + 5], s[:, k : k + 5], out[k : k + 5]) for k in (0, 5)]
    want = [np.concatenate([parts[0][f], parts[1][f] + (5 if f >= 2 else 0)]) for f in range(4)]
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)
    assert parts[0][0].size and parts[1][0].size


def test_close_moves_last_vote_counts():
    x = np.array([[10.0, 20.0], [90.0, 80.0]])
    s = np.array([[0.5, 0.2], [0.4, 0.9]])
    r = RoundArrays.build(x, s, np.ones_like(x))
    moves = [
        Realised(0, 1, 1, 0, 20.0, 30.0, 90.0, 70.0, 1.0, 1),
        Realised(0, 1, 1, 0, 30.0, 40.0, 70.0, 60.0, 0.5, 1),
    ]
    voting, nxt = close_round(r, moves, 0.4, 0.1)
    assert voting[0, 1] == 40.0 and voting[1, 0] == 60.0
    w = (1.0 - 0.2) * 0.4 + 0.1
    assert nxt[0, 1] == (1.0 - w) * 20.0 + w * 40.0
    assert voting[0, 0] == 10.0 and nxt[1, 1] == 80.0
    again = close_moves(r, [0, 1, 0, 1], [1, 0, 1, 0], [30.0, 70.0, 40.0, 60.0], 0.4, 0.1)
    np.testing.assert_array_equal(again[0], voting)
    np.testing.assert_array_equal(again[1], nxt)


@pytest.mark.parametrize("value", [0, 65, 1.5, True])
def test_bad_n_jobs(value):
    with pytest.raises(ModelError, match="'n_jobs' parameter of ExchangeModel"):
        ExchangeModel(n_jobs=value).fit(_coarse(0))


def test_batch_size_bounds_memory(monkeypatch, global_seed):
    assert draws_module.batch_size(9, 8) == draws_module.BATCH  # the seed scenario: full
    assert 1 <= draws_module.batch_size(30, 13) < draws_module.BATCH
    assert draws_module.batch_size(200, 50) == 1
    sc = _coarse(global_seed)
    x, s, c = _draws(sc, 6, global_seed)
    seeds = np.arange(6)
    spec = RunSpec(10, 0.4, 0.1, 0.0, HighestGain("random", 1e-12))
    whole = solve_serial(x * 10.0, s, c, seeds, spec)
    monkeypatch.setattr(draws_module, "MEMORY", 1)  # one draw per batch
    assert draws_module.batch_size(7, 5) == 1
    np.testing.assert_array_equal(whole, solve_serial(x * 10.0, s, c, seeds, spec))
