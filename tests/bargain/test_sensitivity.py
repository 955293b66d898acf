"""Sensitivity: one-at-a-time swings checked by hand, Sobol indices against the analytic shares."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargain import one_at_a_time, sensitivity, sobol_indices
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError


def toy() -> Scenario:
    return Scenario(
        name="s",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 2.0), ActorSpec("c", "C", 3.0)),
        issues=(IssueSpec("x", "X"), IssueSpec("y", "Y")),
        positions=np.array([[30.0, 40.0], [50.0, 60.0], [70.0, np.nan]]),
        salience=np.array([[1.0, 0.5], [0.5, 0.5], [0.5, 0.0]]),
        capability=np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]),
    )


def test_oat_compromise_by_hand():
    s = toy()
    t = one_at_a_time(s, "compromise", position_delta=0.1)
    assert set(t["target"]) == {"x", "y"} and (t["issue"] == t["target"]).all()
    row = t[(t.actor == "a") & (t.variable == "position") & (t.issue == "x")].iloc[0]
    # weights on x: 1, 1, 1.5 (sum 3.5); a's position 30 -> 20 / 40 moves the mean by -/+ 10/3.5
    assert (row.input, row.input_low, row.input_high) == (30, 20, 40)
    assert row.base == pytest.approx((30 + 50 + 105) / 3.5)
    assert row.outcome_high - row.base == pytest.approx(10 / 3.5)
    assert row.swing == pytest.approx(20 / 3.5)
    # salience swing of a on x: weight 1 -> 0.9 / 1.1
    sal = t[(t.actor == "a") & (t.variable == "salience") & (t.issue == "x")].iloc[0]
    low = (0.9 * 30 + 50 + 105) / 3.4
    assert sal.outcome_low == pytest.approx(low) and (sal.input_low, sal.input_high) == (0.9, 1.0)
    # no row for c on y: it has no position there
    assert t[(t.actor == "c") & (t.issue == "y")].empty


def test_oat_sorted_like_a_tornado():
    t = one_at_a_time(toy(), "compromise")
    for _, grp in t.groupby("target"):
        assert list(grp["swing"]) == sorted(grp["swing"], reverse=True)


def test_oat_cross_issue_is_zero_for_separable_models():
    t = one_at_a_time(toy(), "weighted_median", cross_issue=True)
    cross = t[t["issue"] != t["target"]]
    # five stated positions x three variables, each also read on the one other issue
    assert len(cross) == 15 and (cross["swing"] == 0).all()


def test_sobol_matches_the_analytic_variance_shares(global_seed):
    """Mean = sum w_i (x_i + u_i d)/sum w with independent u_i: S1_i = ST_i = w_i^2 / sum w^2."""
    s = toy()
    t = sobol_indices(
        s, "compromise", n=1024, random_state=global_seed, salience_delta=0.0, capability_delta=0.0
    )
    x = t[(t.issue == "x") & (t.variable == "position")].set_index("actor")
    w = np.array([1.0, 1.0, 1.5])
    share = w**2 / np.sum(w**2)
    np.testing.assert_allclose(x.loc[["a", "b", "c"], "S1"], share, atol=0.05)
    np.testing.assert_allclose(x.loc[["a", "b", "c"], "ST"], share, atol=0.05)
    others = t[(t.issue == "x") & (t.variable != "position")]
    assert (others["ST"].abs() < 1e-9).all()
    y = t[(t.issue == "y") & (t.variable == "position")].set_index("actor")
    assert y.loc["c", "ST"] == pytest.approx(0, abs=1e-9)  # c has no position on y


def test_sobol_reproducible_and_validated(global_seed):
    s = toy()
    a = sobol_indices(s, "compromise", n=64, random_state=global_seed)
    b = sobol_indices(s, "compromise", n=64, random_state=global_seed)
    assert a.equals(b)
    assert list(a.columns) == ["issue", "actor", "variable", "S1", "S1_conf", "ST", "ST_conf"]
    with pytest.raises(ModelError, match="The 'n' parameter of sobol_indices must be a power of 2"):
        sobol_indices(s, "compromise", n=100)


def test_constant_outcome_gives_zero_indices(global_seed):
    s = toy()
    t = sobol_indices(
        s,
        "compromise",
        n=64,
        random_state=global_seed,
        position_delta=0,
        salience_delta=0,
        capability_delta=0,
    )
    assert (t[["S1", "ST"]] == 0).all().all()


def test_sensitivity_bundles_both(global_seed):
    r = sensitivity(toy(), "nash", n=64, random_state=global_seed)
    assert len(r.oat) == 5 * 3 and len(r.sobol) == 2 * 3 * 3
    assert r.sobol["ST"].max() > 0
