"""Compromise (capability x salience weighted mean): exact reference numbers.

Sources (bargaining README §b): foarsitter/decide-exchange-model @51dee664 test
asserts (``expected_unit_cases.json``) and round-0 NBS per issue for Copenhagen 2009,
CoP21 2015 and sample_data; jmckib EU emissions round 0 = 7.389955686853767;
muratk3n Greece 2015 = 740/9.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from detente.bargain import Compromise, load_scenario, weighted_mean
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError


def frac(text) -> float:
    """'85 + 5/7' or '200/3' or 50 -> float."""
    return float(sum(Fraction(part.strip()) for part in str(text).split("+")))


def scenario(x, s, c, low=0.0, high=100.0):
    n = len(x)
    return Scenario(
        name="t",
        actors=tuple(ActorSpec(f"a{i}", f"A{i}", 1.0) for i in range(n)),
        issues=(IssueSpec("x", "X", low=low, high=high),),
        positions=np.array(x, float)[:, None],
        salience=np.array(s, float)[:, None],
        capability=np.array(c, float)[:, None],
    )


def test_decide_unit_cases(bargaining_dir):
    cases = json.loads(
        (bargaining_dir / "decide_exchange_unit_cases" / "expected_unit_cases.json").read_text()
    )
    nbs = cases["case_nbs_two_and_three_actors"]
    a, b, c = (nbs["actors"][k] for k in "abc")
    two = (
        Compromise().fit(scenario([a["x"], b["x"]], [a["s"], b["s"]], [a["c"], b["c"]])).outcome_[0]
    )
    three = (
        Compromise()
        .fit(scenario([a["x"], b["x"], c["x"]], [a["s"], b["s"], c["s"]], [a["c"], b["c"], c["c"]]))
        .outcome_[0]
    )
    assert two == pytest.approx(frac(nbs["expected"]["nbs_a_b"]), abs=1e-12)
    assert three == pytest.approx(frac(nbs["expected"]["nbs_a_b_c"]), abs=1e-12)
    # "adjusted" NBS: the same mean after one actor moves
    adj = nbs["expected"]
    assert weighted_mean(np.array([[100.0], [100]]), np.ones((2, 1)))[0] == frac(
        adj["adjusted_nbs(a moves to 100)"]
    )
    assert weighted_mean(np.array([[0.0], [0], [100]]), np.ones((3, 1)))[0] == pytest.approx(
        frac(adj["adjusted_nbs(b moves to 0)"]), abs=1e-12
    )
    # two actors, two issues with 0-100 saliences (as in decide's test_rex input)
    rex = cases["case_rex_two_actors_two_issues"]["expected"]
    issue1 = Compromise().fit(scenario([0, 100], [0.10, 0.60], [1, 1])).outcome_[0]
    issue2 = Compromise().fit(scenario([0, 100], [0.90, 0.50], [1, 1])).outcome_[0]
    assert issue1 == pytest.approx(frac(rex["nbs_issue_1"]), abs=1e-12)
    assert issue2 == pytest.approx(frac(rex["nbs_issue_2"]), abs=1e-12)


@pytest.mark.parametrize(
    ("folder", "input_name"),
    [
        ("decide_copenhagen_2009", "input_copenhagen.csv"),
        ("decide_cop21_2015", "input_cop21.csv"),
        ("decide_exchange_unit_cases", "input_sample_data.txt"),
    ],
)
def test_decide_round0_nbs_per_issue(bargaining_dir, folder, input_name):
    s = load_scenario(bargaining_dir / folder / input_name)
    expected = pd.read_csv(
        bargaining_dir / folder / "expected_initial_NBS_weighted_mean.csv", dtype=str
    )
    got = dict(zip(s.issue_ids, Compromise().fit(s).outcome_, strict=True))
    assert len(expected) == len(s.issues)
    for label, value in zip(
        expected["issue"], expected["nbs_round0_cs_weighted_mean_normalized_0_100"], strict=True
    ):
        issue = label.rsplit(" [", 1)[0]
        assert got[issue] == pytest.approx(float(value), rel=1e-14), issue


def test_copenhagen_newtreaty_digits(bargaining_dir):
    s = load_scenario(bargaining_dir / "decide_copenhagen_2009" / "input_copenhagen.csv")
    got = Compromise().fit(s).outcome_[s.issue_index("Newtreaty")]
    assert got == pytest.approx(61.57627118644067796610169492, rel=1e-15)


def test_eu_emissions_round0_mean(bargaining_dir):
    s = load_scenario(bargaining_dir / "bdm_eum_eu_emissions_scholz2011" / "inputs.csv")
    assert Compromise().fit(s).outcome_[0] == pytest.approx(7.389955686853767, rel=1e-15)


def test_eu_emissions_every_round(bargaining_dir):
    d = bargaining_dir / "bdm_eum_eu_emissions_scholz2011"
    s = load_scenario(d / "inputs.csv")
    traj = pd.read_csv(d / "expected_jmckib_positions_by_round.csv")
    expected = pd.read_csv(d / "expected_jmckib_median_mean_by_round.csv")
    pos = np.stack(
        [
            traj[traj["round"] == r]
            .set_index("actor")
            .loc[list(s.actor_ids), "position"]
            .to_numpy()
            for r in sorted(traj["round"].unique())
        ]
    )[:, :, None]
    np.testing.assert_allclose(
        weighted_mean(pos, s.weights()[None])[:, 0], expected["weighted_mean"], rtol=1e-14
    )


def test_greece_740_over_9(bargaining_dir):
    s = load_scenario(bargaining_dir / "greece2015_muratk3n" / "input.csv")
    assert Compromise().fit(s).outcome_[0] == pytest.approx(740 / 9, rel=1e-15)


def test_hand_computed_and_nan():
    # (1*1*10 + 2*0.5*40) / (1 + 1) = 25; the NaN actor does not count
    s = Scenario(
        name="t",
        actors=(ActorSpec("a", "A", 1), ActorSpec("b", "B", 2), ActorSpec("c", "C", 5)),
        issues=(IssueSpec("x", "X"), IssueSpec("y", "Y")),
        positions=np.array([[10.0, 0.0], [40.0, 100.0], [np.nan, 100.0]]),
        salience=np.array([[1.0, 1.0], [0.5, 0.0], [0.9, 0.5]]),
        capability=np.array([[1.0, 1.0], [2.0, 2.0], [5.0, 5.0]]),
    )
    np.testing.assert_allclose(Compromise().fit(s).outcome_, [25.0, 2.5 / 3.5 * 100])
    np.testing.assert_allclose(Compromise(weight="capability").fit(s).outcome_, [30.0, 700 / 8])
    np.testing.assert_allclose(Compromise(weight="salience").fit(s).outcome_, [20.0, 50 / 1.5])


def test_bad_weight_parameter():
    with pytest.raises(ModelError, match="The 'weight' parameter of Compromise"):
        Compromise(weight=3).fit(scenario([0, 1], [1, 1], [1, 1]))
