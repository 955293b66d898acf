"""RoundState / Recorder: Mesa's act-then-collect shape with array states and a draw axis."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.bargain.models.dynamics import (
    Recorder,
    RoundState,
    weighted_mean_of,
    weighted_median_of,
)
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError


def toy() -> Scenario:
    return Scenario(
        name="d",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 3.0)),
        issues=(IssueSpec("x", "X"), IssueSpec("y", "Y"), IssueSpec("z", "Z")),
        positions=np.array([[10.0, 20.0, 30.0], [40.0, 50.0, np.nan]]),
        salience=np.full((2, 3), 0.5),
        capability=np.array([[1.0] * 3, [3.0] * 3]),
    )


def test_round_state_is_immutable_and_advances():
    s = toy()
    st = RoundState.initial(s)
    assert st.round == 0 and st.n_draws is None and not st.converged
    with pytest.raises(dataclasses.FrozenInstanceError):
        st.round = 3
    nxt = st.advance(st.positions + 1, converged=True, extras={"r": np.ones(2)})
    assert nxt.round == 1 and nxt.converged and nxt.extras["r"].shape == (2,)
    assert st.positions[0, 0] == 10 and nxt.positions[0, 0] == 11
    np.testing.assert_array_equal(nxt.salience, st.salience)
    st.positions[0, 0] = 99  # the initial state copies, so the scenario is untouched
    assert s.positions[0, 0] == 10
    with pytest.raises(ModelError, match="round 1: positions have shape"):
        st.advance(np.zeros((3, 3)))


def test_weights_zero_where_no_position():
    st = RoundState.initial(toy())
    np.testing.assert_array_equal(st.weights, [[0.5] * 3, [1.5, 1.5, 0.0]])


def test_recorder_long_frames():
    s = toy()
    rec = Recorder(
        s.actor_ids,
        s.issue_ids,
        reporters={
            "median": weighted_median_of,
            "mean": weighted_mean_of,
            "spread": lambda st: np.nanstd(st.positions),
        },
    )
    st = RoundState.initial(s)
    rec.collect(st)
    st = st.advance(st.positions + 2)
    rec.collect(st)
    traj = rec.to_frame()
    assert list(traj.columns) == ["round", "actor", "issue", "position"]
    assert len(traj) == 2 * 2 * 3 and rec.rounds == (0, 1)
    row = traj[(traj["round"] == 1) & (traj["actor"] == "b") & (traj["issue"] == "y")]
    assert row["position"].item() == 52
    issues = rec.issue_frame()
    assert list(issues.columns) == ["round", "issue", "median", "mean"]
    x0 = issues[(issues["round"] == 0) & (issues["issue"] == "x")].iloc[0]
    assert x0["median"] == 40 and x0["mean"] == pytest.approx((0.5 * 10 + 1.5 * 40) / 2)
    z0 = issues[(issues["round"] == 0) & (issues["issue"] == "z")].iloc[0]
    assert z0["median"] == 30 and z0["mean"] == 30
    rounds = rec.round_frame()
    assert list(rounds.columns) == ["round", "spread"] and len(rounds) == 2


def test_recorder_with_draw_axis():
    s = toy()
    pos = np.stack([s.positions, s.positions + 10])
    st = RoundState.initial(s, positions=pos)
    assert st.n_draws == 2 and st.salience.shape == (2, 2, 3)
    rec = Recorder(s.actor_ids, s.issue_ids, reporters={"median": weighted_median_of})
    rec.collect(st)
    frame = rec.to_frame()
    assert (
        list(frame.columns) == ["round", "draw", "actor", "issue", "position"] and len(frame) == 12
    )
    med = rec.issue_frame()
    assert med[(med.draw == 1) & (med.issue == "x")]["median"].item() == 50


def test_empty_recorder_has_the_columns():
    rec = Recorder(["a"], ["x"])
    assert list(rec.to_frame().columns) == ["round", "actor", "issue", "position"]
    assert rec.to_frame().empty


def test_reporter_errors():
    s = toy()
    rec = Recorder(s.actor_ids, s.issue_ids, reporters={"bad": lambda st: np.zeros(7)})
    with pytest.raises(ModelError, match="reporter 'bad' returned shape"):
        rec.collect(RoundState.initial(s))
    rec = Recorder(s.actor_ids, s.issue_ids)
    rec.collect(RoundState.initial(s))
    with pytest.raises(ModelError, match="same number of draws"):
        rec.collect(RoundState.initial(s, positions=np.stack([s.positions] * 2)))
    with pytest.raises(ModelError, match="expected"):
        Recorder(["a"], ["x"]).collect(RoundState.initial(s))
