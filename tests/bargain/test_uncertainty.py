"""Monte Carlo: seeded repeatability, the perturbation rules, summaries, the loop fallback."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargain import BargainingModel, Compromise, monte_carlo, weighted_mean
from detente.bargain.analysis.uncertainty import draw_inputs
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError, ScenarioError


def two_issues(**extra) -> Scenario:
    return Scenario(
        name="mc",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 2.0), ActorSpec("c", "C", 1.0)),
        issues=(IssueSpec("x", "X"), IssueSpec("y", "Y", low=-1, high=1)),
        positions=np.array([[10.0, -0.5], [50.0, 0.5], [90.0, np.nan]]),
        salience=np.array([[0.5, 0.5], [0.8, 0.9], [0.3, 0.0]]),
        capability=np.array([[1.0, 1.0], [2.0, 2.0], [1.0, 1.0]]),
        **extra,
    )


def single(position=50.0, **extra) -> Scenario:
    return Scenario(
        name="one",
        actors=(ActorSpec("a", "A", 1.0),),
        issues=(IssueSpec("x", "X"),),
        positions=np.array([[position]]),
        salience=np.array([[0.5]]),
        capability=np.array([[1.0]]),
        **extra,
    )


def test_same_seed_same_result_other_seed_differs(global_seed):
    s = two_issues()
    a = monte_carlo(s, "compromise", draws=300, random_state=global_seed, position_sd=5)
    b = monte_carlo(s, "compromise", draws=300, random_state=global_seed, position_sd=5)
    c = monte_carlo(s, "compromise", draws=300, random_state=global_seed + 1, position_sd=5)
    np.testing.assert_array_equal(a.draws, b.draws)
    assert a.summary.equals(b.summary)
    assert not np.array_equal(a.draws, c.draws)
    assert a.seed == global_seed and a.n_draws == 300 and a.model == "compromise" and a.vectorised


def test_no_uncertainty_gives_the_point_forecast(global_seed):
    s = two_issues()
    r = monte_carlo(s, "compromise", draws=50, random_state=global_seed)
    point = Compromise().fit(s).outcome_
    np.testing.assert_allclose(r.draws, np.broadcast_to(point, (50, 2)), atol=1e-12)
    np.testing.assert_allclose(r.summary["sd"], 0, atol=1e-12)


def test_summary_and_exceedance_match_the_draws(global_seed):
    s = two_issues()
    r = monte_carlo(
        s,
        "weighted_median",
        draws=500,
        random_state=global_seed,
        position_sd=10,
        salience_sd=0.1,
        clout_sd=0.2,
        thresholds={"x": [40, 50], "y": 0.0},
    )
    col = r.draws[:, 0]
    row = r.summary.set_index("issue").loc["x"]
    assert row["median"] == np.percentile(col, 50) and row["p05"] == np.percentile(col, 5)
    assert row["p95"] == np.percentile(col, 95) and row["mean"] == pytest.approx(col.mean())
    assert row["sd"] == pytest.approx(col.std(ddof=1))
    assert list(r.exceedance["issue"]) == ["x", "x", "y"]
    assert r.exceedance["p_above"].iloc[1] == np.mean(col > 50) == r.prob_above("x", 50)
    assert 0 < r.prob_above("x", 40) < 1


def test_global_thresholds_apply_to_every_issue(global_seed):
    r = monte_carlo(
        two_issues(), "compromise", draws=20, random_state=global_seed, thresholds=[0.0, 30.0]
    )
    assert len(r.exceedance) == 4 and set(r.exceedance["issue"]) == {"x", "y"}


def test_normal_position_draws(global_seed):
    r = monte_carlo(
        single(position_sd=np.array([[5.0]])), "compromise", draws=20000, random_state=global_seed
    )
    assert r.draws.mean() == pytest.approx(50, abs=3 * 5 / np.sqrt(20000))
    assert r.draws.std() == pytest.approx(5, rel=0.03)


def test_uniform_range_draws(global_seed):
    s = single(
        position=65.0, position_range=np.array([[[60.0, 80.0]]]), position_sd=np.array([[30.0]])
    )
    d = monte_carlo(s, "compromise", draws=20000, random_state=global_seed).draws[:, 0]
    assert d.min() >= 60 and d.max() <= 80  # the range wins over any sd
    assert d.mean() == pytest.approx(70, abs=0.2)
    assert d.std() == pytest.approx(20 / np.sqrt(12), rel=0.03)


def test_draws_are_clipped_and_missing_positions_stay_missing(global_seed):
    s = two_issues(
        position_sd=np.full((3, 2), 40.0),
        salience_sd=np.full((3, 2), 0.5),
        capability_sd=np.full((3, 2), 3.0),
    )
    pos, sal, cap = draw_inputs(s, 2000, np.random.default_rng(global_seed))
    assert pos.shape == sal.shape == cap.shape == (2000, 3, 2)
    assert np.nanmin(pos[..., 0]) == 0 and np.nanmax(pos[..., 0]) == 100
    assert np.nanmin(pos[..., 1]) == -1 and np.nanmax(pos[..., 1]) == 1
    assert np.isnan(pos[:, 2, 1]).all() and not np.isnan(pos[:, :2]).any()
    assert sal.min() == 0 and sal.max() == 1
    assert (cap > 0).all()


def test_relative_clout_default(global_seed):
    s = two_issues()
    _, _, cap = draw_inputs(s, 20000, np.random.default_rng(global_seed), clout_sd=0.1)
    np.testing.assert_allclose(cap.std(axis=0), 0.1 * s.capability, rtol=0.05)


def test_scenario_sd_overrides_keyword_default(global_seed):
    s = single(position_sd=np.array([[0.0]]))
    r = monte_carlo(s, "compromise", draws=100, random_state=global_seed, position_sd=10)
    assert r.draws.std() == 0  # the scenario says this position is certain


class LoopedMean(BargainingModel):
    """A model without a vectorised solve_draws: monte_carlo must fall back to one fit per draw."""

    def __init__(self, *, random_state: int | None = None) -> None:
        self.random_state = random_state

    def fit(self, scenario):
        self.outcome_ = weighted_mean(scenario.positions, scenario.weights())
        return self


def test_fallback_loop_equals_vectorised(global_seed):
    s = two_issues(position_sd=np.full((3, 2), 0.2), salience_sd=np.full((3, 2), 0.1))
    assert not LoopedMean.vectorised() and Compromise.vectorised()
    looped = monte_carlo(s, LoopedMean(), draws=40, random_state=global_seed)
    vector = monte_carlo(s, Compromise(), draws=40, random_state=global_seed)
    assert not looped.vectorised
    np.testing.assert_allclose(looped.draws, vector.draws, atol=1e-12)


def test_bad_arguments(global_seed):
    draws_message = r"The 'draws' parameter of monte_carlo must be an int in \[1, 1000000\]"
    with pytest.raises(ModelError, match=draws_message):
        monte_carlo(two_issues(), draws=0)
    with pytest.raises(ModelError, match="'position_sd' parameter of monte_carlo"):
        monte_carlo(two_issues(), draws=5, position_sd=-1)
    with pytest.raises(ScenarioError, match="threshold for unknown issue 'z'"):
        monte_carlo(two_issues(), draws=5, thresholds={"z": 1})
    r = monte_carlo(two_issues(), draws=5, random_state=global_seed)
    with pytest.raises(ScenarioError, match="unknown issue 'z'"):
        r.prob_above("z", 1)
    with pytest.raises(ModelError, match="unknown model 'nope'"):
        monte_carlo(two_issues(), "nope", draws=5)


def test_yaml_uncertainty_reaches_the_draws(tmp_path, global_seed):
    from detente.bargain.io import load_scenario

    p = tmp_path / "s.yaml"
    p.write_text(
        "name: t\nactors: [{id: a, name: A, clout: 1}, {id: b, name: B, clout: 1}]\n"
        "issues: [{id: x, name: X}]\npositions:\n"
        "  - {actor: a, issue: x, position: 20, salience: 1, position_sd: 0,\n"
        "     evidence: [{doc: d, quote: q}]}\n"
        "  - {actor: b, issue: x, position: 60, salience: 1, evidence: [{doc: d, quote: q}]}\n"
        "uncertainty: {position_sd: 8}\n"
    )
    s = load_scenario(p)
    r = monte_carlo(s, "compromise", draws=20000, random_state=global_seed)
    # only b's position varies (sd 8); the mean moves by half of it
    assert r.draws.std() == pytest.approx(4, rel=0.03)
    assert s.position_sd[0, 0] == 0 and s.position_sd[1, 0] == 8


def _backwards(fn, *iterables):
    """A mapper that solves the items last to first (as a cluster may finish them)."""
    items = list(zip(*iterables, strict=True))
    done = {i: fn(*args) for i, args in reversed(list(enumerate(items)))}
    return [done[i] for i in range(len(items))]


def test_draws_are_seeded_blocks_wherever_they_run(global_seed):
    from detente.bargain.analysis.uncertainty import BLOCK, draw_block

    s = two_issues()
    kw = dict(random_state=global_seed, position_sd=5.0, salience_sd=0.1, clout_sd=0.1)
    whole = monte_carlo(s, "weighted_median", draws=2 * BLOCK + 5, **kw)
    assert np.array_equal(
        whole.draws,
        monte_carlo(s, "weighted_median", draws=2 * BLOCK + 5, mapper=_backwards, **kw).draws,
    )
    # block 1 alone is rows BLOCK..2*BLOCK; the first draws do not depend on the run's length
    from detente.bargain import WeightedMedian

    alone = draw_block(s, WeightedMedian(), (5.0, 0.1, 0.1), global_seed, 1, BLOCK)
    np.testing.assert_array_equal(whole.draws[BLOCK : 2 * BLOCK], alone)
    short = monte_carlo(s, "weighted_median", draws=10, **kw)
    np.testing.assert_array_equal(short.draws, whole.draws[:10])


def test_sensitivity_chunks_do_not_depend_on_the_mapper(global_seed):
    from detente.bargain import ExchangeModel
    from detente.bargain.analysis.sensitivity import sensitivity

    s = two_issues()
    model = ExchangeModel(random_state=global_seed, rounds=2)
    here = sensitivity(s, model, n=32, random_state=global_seed)
    there = sensitivity(s, model, n=32, random_state=global_seed, mapper=_backwards)
    assert here.oat.equals(there.oat) and here.sobol.equals(there.sobol)
