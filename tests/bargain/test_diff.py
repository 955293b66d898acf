"""Two scenarios side by side."""

from __future__ import annotations

import math

import numpy as np

from detente.bargain.diff import diff_scenarios
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, Scenario


def _scenario(name, actors, positions, *, evidence=None, scale=(0.0, 100.0)):
    issues = (IssueSpec("a", "A", low=scale[0], high=scale[1]), IssueSpec("b", "B"))
    return Scenario(
        name=name,
        actors=tuple(ActorSpec(x, x.upper(), c) for x, c in actors),
        issues=issues,
        positions=np.array(positions, dtype=float),
        salience=np.full((len(actors), 2), 0.5),
        capability=np.array([[c, c] for _, c in actors], dtype=float),
        evidence=evidence or {},
    )


def test_positions_clout_and_evidence_compared_entry_by_entry():
    loc1, loc2 = Locator("d1", "first words"), Locator("d2", "other words")
    a = _scenario(
        "A",
        [("x", 10), ("y", 20)],
        [[10, 50], [np.nan, 80]],
        evidence={("x", "a"): (loc1,), ("x", "b"): (loc1,)},
    )
    b = _scenario(
        "B",
        [("x", 30), ("z", 5)],
        [[30, 50], [40, np.nan]],
        evidence={("x", "a"): (loc1, loc2), ("x", "b"): (loc2,)},
    )
    d = diff_scenarios(a, b)
    row = d.positions.set_index(["actor", "issue"])
    assert row.loc[("x", "a"), "delta"] == 20
    assert row.loc[("x", "a"), "evidence_only_b"] == ["d2: other words"]
    assert row.loc[("x", "a"), "evidence_shared"] == 1
    assert row.loc[("x", "b"), "evidence_only_a"] == ["d1: first words"]
    assert math.isnan(row.loc[("y", "b"), "position_b"])
    assert math.isnan(row.loc[("z", "a"), "position_a"])
    assert d.mean_abs_delta == 10  # (20 + 0) / 2
    by = d.by_issue.set_index("issue")
    assert by.loc["a", ["n_both", "n_only_a", "n_only_b"]].tolist() == [1, 0, 1]
    assert by.loc["b", "mean_abs_delta"] == 0
    clout = d.clout.set_index("actor")
    assert clout.loc["x", "delta"] == 20 and math.isnan(clout.loc["z", "clout_a"])


def test_differences_are_points_of_a_0_to_100_scale():
    a = _scenario("A", [("x", 1)], [[1, 50]], scale=(0.0, 10.0))
    b = _scenario("B", [("x", 1)], [[3, 50]], scale=(0.0, 10.0))
    assert diff_scenarios(a, b).positions.iloc[0]["delta"] == 20
