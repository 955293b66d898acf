"""Asymmetric Nash bargaining: closed forms derived by hand, the weighted-mean link, optimality.

Objective and sources in ``detente/bargain/models/nash.py`` (Nash 1950; Kalai 1977; Roth 1979;
the compromise model as its "simple variant", Achen 2006 / Leinaweaver & Thomson 2014).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from detente.bargain import NashBargaining, clone, weighted_mean, weighted_median
from detente.bargain.models.nash import nash_solution
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError


def one_issue(x, w, low=0.0, high=100.0, status_quo=None):
    n = len(x)
    return Scenario(
        name="t",
        actors=tuple(ActorSpec(f"a{i}", f"A{i}", 1.0) for i in range(n)),
        issues=(IssueSpec("x", "X", low=low, high=high, status_quo=status_quo),),
        positions=np.array(x, float)[:, None],
        salience=np.ones((n, 1)),
        capability=np.array(w, float)[:, None],
    )


def objective(x, pos, w, d, k):
    """Sum_i w_i log(D_i^k - |x - x_i|^k) for scalar x (salience 1)."""
    gains = d**k - np.abs(x - pos) ** k
    return -math.inf if np.any(gains <= 0) else float(np.sum(w * np.log(gains)))


def test_linear_two_actors_at_the_ends_split_like_a_pie():
    """max w1 log(100 - x) + w2 log(x)  =>  x = 100 w2 / (w1 + w2) (worst points 100 and 0)."""
    m = NashBargaining(utility="linear").fit(one_issue([0, 100], [1, 2]))
    assert m.outcome_[0] == pytest.approx(200 / 3, abs=1e-9)
    assert m.feasible_[0] and np.isnan(m.disagreement_[0])


def test_quadratic_two_actors_at_the_ends():
    """FOC -x/((100-x)(100+x)) + 2(100-x)/(x(200-x)) = 0, i.e. 2(100-x)^2(100+x) = x^2(200-x)."""
    roots = np.roots(
        np.polyadd(
            np.polymul([2.0], np.polymul([1, -100], np.polymul([1, -100], [1, 100]))),
            np.polymul([1, 0, 0], [1, -200]),
        )
    )
    root = [r.real for r in roots if abs(r.imag) < 1e-9 and 0 < r.real < 100]
    assert len(root) == 1
    got = NashBargaining().fit(one_issue([0, 100], [1, 2])).outcome_[0]
    assert got == pytest.approx(root[0], abs=1e-9)


def test_status_quo_below_everyone():
    """sq = 0, actors at 40 and 60 (w = 1, 1).

    FOC (40-x)/(80-x) + (60-x)/(120-x) = 0, i.e. x^2 - 150x + 4800 = 0.
    """
    m = NashBargaining().fit(one_issue([40, 60], [1, 1], status_quo=0))
    assert m.outcome_[0] == pytest.approx((150 - math.sqrt(3300)) / 2, abs=1e-9)
    assert m.feasible_[0] and m.disagreement_[0] == 0


def test_status_quo_between_actors_means_no_deal():
    s = one_issue([20, 80], [1, 1], status_quo=50)
    m = NashBargaining().fit(s)
    assert m.outcome_[0] == 50 and not m.feasible_[0]
    frame = m.outcomes()
    assert list(frame.columns) == ["issue", "outcome", "feasible", "disagreement"]
    assert frame["feasible"].tolist() == [False] and frame["disagreement"].tolist() == [50.0]


def test_actor_standing_on_the_status_quo_blocks():
    m = NashBargaining().fit(one_issue([30, 80], [1, 1], status_quo=30))
    assert m.outcome_[0] == 30 and not m.feasible_[0]


def test_worst_disagreement_ignores_the_status_quo():
    s = one_issue([20, 80], [1, 1], status_quo=50)
    assert NashBargaining(disagreement="worst").fit(s).outcome_[0] == pytest.approx(50, abs=1e-9)
    assert NashBargaining(disagreement="worst").fit(s).feasible_[0]


@pytest.mark.parametrize("k", [1, 2])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_optimal_against_a_grid(k, seed):
    rng = np.random.default_rng(seed)
    pos = rng.uniform(0, 100, 5)
    w = rng.uniform(0.1, 1, 5)
    sq = 100.0 if seed % 2 else None
    s = one_issue(pos, w, status_quo=sq)
    x = NashBargaining(utility="linear" if k == 1 else "quadratic").fit(s).outcome_[0]
    d = np.abs(sq - pos) if sq is not None else np.maximum(pos, 100 - pos)
    best = objective(x, pos, w, d, k)
    grid = np.linspace(0, 100, 20001)[:, None]
    gains = d**k - np.abs(grid - pos) ** k
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(
            (gains > 0).all(axis=1),
            (w * np.log(np.where(gains > 0, gains, 1))).sum(axis=1),
            -np.inf,
        )
    assert np.isfinite(best) and best >= values.max() - 1e-9


def test_quadratic_fixed_point_is_a_reweighted_mean():
    """FOC for k = 2: x* = sum w_i/(D_i^2-(x*-x_i)^2) x_i / sum of the same weights."""
    rng = np.random.default_rng(7)
    pos, w = rng.uniform(0, 100, 6), rng.uniform(0.1, 1, 6)
    x = NashBargaining(disagreement="worst").fit(one_issue(pos, w)).outcome_[0]
    d = np.maximum(pos, 100 - pos)
    omega = w / (d**2 - (x - pos) ** 2)
    assert x == pytest.approx(np.sum(omega * pos) / np.sum(omega), abs=1e-9)


def test_far_disagreement_tends_to_the_weighted_mean_and_median():
    """Status quo at distance L >> spread.

    Quadratic -> weighted mean (gap <= spread^2/L); linear -> weighted median.
    """
    pos = np.array([[10.0], [30.0], [80.0]])
    w = np.array([[1.0], [2.0], [1.5]])
    mean, median = weighted_mean(pos, w)[0], weighted_median(pos, w)[0]
    gaps = []
    for big in (1e3, 1e4, 1e5, 1e6):
        quad, ok = nash_solution(pos, w, np.array([0.0]), np.array([big]), np.array([big]), 2.0)
        lin, _ = nash_solution(pos, w, np.array([0.0]), np.array([big]), np.array([big]), 1.0)
        assert ok[0]
        gaps.append(abs(quad[0] - mean))
        assert gaps[-1] <= 70.0**2 / big
        assert lin[0] == pytest.approx(median, abs=1e-9)
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 2e-3


def test_unanimity_and_single_actor():
    assert NashBargaining().fit(one_issue([42, 42, 42], [1, 2, 3])).outcome_[0] == pytest.approx(
        42, abs=1e-9
    )
    assert NashBargaining().fit(one_issue([42, 42], [1, 2], status_quo=42)).outcome_[0] == 42
    assert NashBargaining().fit(one_issue([42, 60], [1, 0.0001], status_quo=0)).outcome_[
        0
    ] == pytest.approx(42, abs=0.01)


def test_zero_weight_actor_does_not_constrain():
    """An actor with salience 0 has a flat utility: it takes no part and cannot veto."""
    s = one_issue([40, 60, 100], [1, 1, 1], status_quo=0)
    s = Scenario(
        name="t",
        actors=s.actors,
        issues=s.issues,
        positions=s.positions,
        salience=np.array([[1.0], [1.0], [0.0]]),
        capability=s.capability,
    )
    assert NashBargaining().fit(s).outcome_[0] == pytest.approx(
        (150 - math.sqrt(3300)) / 2, abs=1e-9
    )


def test_draw_axis_equals_single_fits():
    rng = np.random.default_rng(11)
    base = one_issue([10, 50, 90], [1, 1, 1], status_quo=95)
    pos = rng.uniform(0, 90, (20, 3, 1))
    sal = rng.uniform(0.1, 1, (20, 3, 1))
    cap = rng.uniform(0.1, 2, (20, 3, 1))
    m = NashBargaining()
    batch = m.solve_draws(base, pos, sal, cap, rng)
    for k in range(20):
        s = Scenario(
            name="t",
            actors=base.actors,
            issues=base.issues,
            positions=pos[k],
            salience=sal[k],
            capability=cap[k],
        )
        assert batch[k, 0] == clone(m).fit(s).outcome_[0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"utility": "cubic"},
            "The 'utility' parameter of NashBargaining must be one of 'linear', 'quadratic'",
        ),
        ({"disagreement": "best"}, "The 'disagreement' parameter of NashBargaining must be one of"),
        ({"weight": "votes"}, "The 'weight' parameter of NashBargaining"),
    ],
)
def test_parameter_validation(params, message):
    with pytest.raises(ModelError, match=message):
        NashBargaining(**params).fit(one_issue([0, 1], [1, 1]))
