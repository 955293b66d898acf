"""Weighted median: reference numbers (bargaining README §a) and hand-computed cases.

Sources: EU emission-standards example (Bueno de Mesquita 1994 via Scholz, Calbert &
Smith 2011; jmckib/bdm-scholz-expected-utility-model @55f63e9 per-round medians) and
the Greece 2015 blog example (muratk3n/thirdwave @0ee0d50, "weighted mode" 100).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.bargain import WeightedMedian, load_scenario, weighted_median
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError


def test_eu_emissions_round0_is_7(bargaining_dir):
    s = load_scenario(bargaining_dir / "bdm_eum_eu_emissions_scholz2011" / "inputs.csv")
    assert WeightedMedian().fit(s).outcome_[0] == 7.0


def test_eu_emissions_every_round_of_the_eum_trajectory(bargaining_dir):
    """jmckib's pairwise-vote median equals the c·s weighted median on every round's positions."""
    d = bargaining_dir / "bdm_eum_eu_emissions_scholz2011"
    s = load_scenario(d / "inputs.csv")
    traj = pd.read_csv(d / "expected_jmckib_positions_by_round.csv")
    expected = pd.read_csv(d / "expected_jmckib_median_mean_by_round.csv")
    rounds = sorted(traj["round"].unique())
    pos = np.stack(
        [
            traj[traj["round"] == r]
            .set_index("actor")
            .loc[list(s.actor_ids), "position"]
            .to_numpy()
            for r in rounds
        ]
    )[:, :, None]
    got = weighted_median(pos, s.weights()[None])[
        :, 0
    ]  # all rounds at once: rounds as the draw axis
    np.testing.assert_allclose(got, expected["weighted_median"].to_numpy(), rtol=0, atol=1e-12)


def test_sultan_median(bargaining_dir):
    s = load_scenario(bargaining_dir / "bdm_eum_sultan_inputs" / "inputs.csv")
    expected = pd.read_csv(
        bargaining_dir / "bdm_eum_sultan_inputs" / "generated_jmckib_median_mean_by_round.csv"
    )
    assert WeightedMedian().fit(s).outcome_[0] == pytest.approx(
        expected["weighted_median"].iloc[0], abs=1e-12
    )


def test_greece_2015_is_100(bargaining_dir):
    s = load_scenario(bargaining_dir / "greece2015_muratk3n" / "input.csv")
    expected = pd.read_csv(bargaining_dir / "greece2015_muratk3n" / "expected.csv").set_index(
        "quantity"
    )
    assert (
        WeightedMedian().fit(s).outcome_[0]
        == float(expected.loc["cs_weighted_median", "value"])
        == 100.0
    )


@pytest.mark.parametrize(
    ("x", "w", "expected"),
    [
        ([10, 20, 30], [1, 1, 1], 20),  # plain median
        ([30, 10, 20], [1, 1, 5], 20),  # heavy middle actor; unsorted input
        ([10, 20, 30], [3, 1, 1], 10),  # 3/5 >= 1/2 already at the first
        ([10, 20], [1, 1], 10),  # exact half: the lower middle position
        ([10, 20, 30, 40], [1, 1, 1, 1], 20),
        ([10, 20, 30, 40], [1, 1, 1, 1.0001], 30),
        ([0, 50, 100], [0.1, 0.2, 0.3], 50),  # 0.3/0.6 hits the half exactly despite float sums
        ([10, np.nan, 30], [1, 100, 2], 30),  # NaN position ignored with its weight
        ([10, 20, 30], [0, 0, 0], 20),  # all weights zero: equal weights
        ([10, 20, 30], [0, 1, 0], 20),  # zero-weight actors never chosen
    ],
)
def test_hand_computed(x, w, expected):
    got = weighted_median(np.array(x, float)[:, None], np.array(w, float)[:, None])
    assert got.shape == (1,) and got[0] == expected


def test_issue_without_positions_is_nan():
    got = weighted_median(np.array([[np.nan, 1.0]]), np.ones((1, 2)))
    assert np.isnan(got[0]) and got[1] == 1.0


def test_vectorised_over_draws_equals_loop():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, (50, 6, 4))
    w = rng.uniform(0, 1, (50, 6, 4))
    batch = weighted_median(x, w)
    loop = np.stack([weighted_median(x[k], w[k]) for k in range(50)])
    np.testing.assert_array_equal(batch, loop)
    # brute force: the smallest position whose cumulative weight reaches half
    for k in range(5):
        for j in range(4):
            order = np.argsort(x[k, :, j])
            cum = np.cumsum(w[k, order, j])
            assert batch[k, j] == x[k, order, j][np.argmax(cum >= cum[-1] / 2)]


def test_negative_weights_rejected():
    with pytest.raises(ModelError, match="weights must be >= 0"):
        weighted_median(np.ones((2, 1)), -np.ones((2, 1)))


def scenario():
    return Scenario(
        name="t",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 1.0), ActorSpec("c", "C", 3.0)),
        issues=(IssueSpec("x", "X"),),
        positions=np.array([[0.0], [50.0], [100.0]]),
        salience=np.array([[1.0], [0.2], [0.1]]),
        capability=np.array([[1.0], [1.0], [3.0]]),
    )


def test_weight_parameter_changes_the_answer():
    s = scenario()
    assert WeightedMedian().fit(s).outcome_[0] == 0.0  # c·s = 1, .2, .3: 1 >= 1.5 / 2 at 0
    assert (
        WeightedMedian(weight="capability").fit(s).outcome_[0] == 100.0
    )  # 1, 1, 3: half only at 100
    assert WeightedMedian(weight="clout*salience").fit(s).outcome_[0] == 0.0


def test_bad_weight_parameter():
    with pytest.raises(ModelError, match="The 'weight' parameter of WeightedMedian must be one of"):
        WeightedMedian(weight="power").fit(scenario())
