"""Checks every registered model must pass (scikit-learn's ``parametrize_with_checks`` idea).

New models join automatically once they register in ``MODELS``. The reproduction
of each published table lives in the model's own test file.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import detente.bargain  # noqa: F401  (registers every built-in model)
from detente.bargain import (
    MODELS,
    BargainingModel,
    Scenario,
    clone,
    forecast,
    get_model,
    monte_carlo,
)
from detente.bargain.scenario import ActorSpec, IssueSpec
from detente.errors import ModelError

NAMES = sorted(MODELS)


def make(name: str, seed: int) -> BargainingModel:
    model = get_model(name)
    if "random_state" in model.get_params():
        model.set_params(random_state=seed)
    return model


def toy(positions=None) -> Scenario:
    """Five actors, three issues; one issue with a status quo, one actor silent on one issue."""
    pos = np.array(
        [
            [10.0, 80.0, 35.0],
            [30.0, 60.0, 50.0],
            [55.0, 20.0, np.nan],
            [70.0, 40.0, 65.0],
            [90.0, 10.0, 20.0],
        ]
    )
    if positions is not None:
        pos = positions
    return Scenario(
        name="toy",
        actors=tuple(
            ActorSpec(f"a{i}", f"Actor {i}", c) for i, c in enumerate([1.0, 0.5, 0.8, 0.3, 0.6])
        ),
        issues=(IssueSpec("p", "P"), IssueSpec("q", "Q", status_quo=95.0), IssueSpec("r", "R")),
        positions=pos,
        salience=np.array(
            [[0.9, 0.3, 0.5], [0.6, 0.8, 0.4], [0.7, 0.5, 0.0], [0.2, 0.9, 0.6], [0.5, 0.4, 0.8]]
        ),
        capability=np.array([[1.0] * 3, [0.5] * 3, [0.8] * 3, [0.3] * 3, [0.6] * 3]),
    )


@pytest.fixture(params=NAMES)
def name(request) -> str:
    return request.param


def test_registered_under_its_name(name):
    assert MODELS[name].name == name
    assert isinstance(get_model(name), BargainingModel)


def test_clone_keeps_params(name, global_seed):
    m = make(name, global_seed)
    assert clone(m).get_params() == m.get_params()
    assert clone(m) is not m
    assert type(clone(m)) is type(m)


def test_outcome_shape_and_deterministic(name, global_seed):
    s = toy()
    a = make(name, global_seed).fit(s).outcome_
    b = make(name, global_seed).fit(s).outcome_
    assert np.asarray(a).shape == (3,)
    np.testing.assert_array_equal(a, b)


def test_invariant_to_actor_permutation(name, global_seed):
    s = toy()
    order = [3, 0, 4, 2, 1]
    perm = dataclasses.replace(
        s,
        actors=tuple(s.actors[i] for i in order),
        positions=s.positions[order],
        salience=s.salience[order],
        capability=s.capability[order],
    )
    np.testing.assert_allclose(
        make(name, global_seed).fit(perm).outcome_,
        make(name, global_seed).fit(s).outcome_,
        atol=1e-9,
    )


def test_unanimity_returns_the_shared_position(name, global_seed):
    s = toy(np.array([[42.0, 17.0, 63.0]] * 5))
    np.testing.assert_allclose(
        make(name, global_seed).fit(s).outcome_, [42.0, 17.0, 63.0], atol=1e-9
    )


def test_outcome_within_the_actors_range(name, global_seed):
    s = toy()
    out = np.asarray(make(name, global_seed).fit(s).outcome_)
    lo, hi = np.nanmin(s.positions, axis=0), np.nanmax(s.positions, axis=0)
    assert np.all(out >= lo - 1e-9) and np.all(out <= hi + 1e-9), (out, lo, hi)


def test_outcomes_frame(name, global_seed):
    s = toy()
    frame = make(name, global_seed).fit(s).outcomes()
    assert list(frame["issue"]) == ["p", "q", "r"] and frame["outcome"].notna().all()


def test_draw_axis_protocol_matches_single_fits(name, global_seed):
    """solve_draws on stacked draws gives, for each draw, the outcome of fitting that draw alone."""
    s = toy()
    m = make(name, global_seed)
    if not type(m).vectorised():
        pytest.skip(f"{type(m).__name__} draws are separate seeded runs, not one run's draws axis")
    rng = np.random.default_rng(global_seed)
    low, high = s.scale
    pos = np.clip(s.positions + rng.normal(0, 8, (4,) + s.positions.shape), low, high)
    sal = np.clip(s.salience + rng.normal(0, 0.1, (4,) + s.salience.shape), 0, 1)
    cap = s.capability * rng.uniform(0.8, 1.2, (4,) + s.capability.shape)
    batch = clone(m).solve_draws(s, pos, sal, cap, np.random.default_rng(global_seed))
    assert batch.shape == (4, 3)
    for k in range(4):
        one = dataclasses.replace(s, positions=pos[k], salience=sal[k], capability=cap[k])
        np.testing.assert_allclose(batch[k], clone(m).fit(one).outcome_, atol=1e-9)


def test_fit_returns_self_and_rejects_unknown_params(name, global_seed):
    m = make(name, global_seed)
    assert m.fit(toy()) is m
    with pytest.raises(ModelError, match="has no parameter 'not_a_param'"):
        m.set_params(not_a_param=1)


def test_monte_carlo_runs_every_model(name, global_seed):
    """Vectorised or through the loop fallback, a few draws give a full, repeatable summary."""
    s = dataclasses.replace(toy(), position_sd=np.full((5, 3), 4.0))
    a = monte_carlo(s, make(name, global_seed), draws=3, random_state=global_seed, thresholds=50.0)
    b = monte_carlo(s, make(name, global_seed), draws=3, random_state=global_seed, thresholds=50.0)
    assert a.draws.shape == (3, 3) and np.isfinite(a.draws).all()
    np.testing.assert_array_equal(a.draws, b.draws)
    assert len(a.exceedance) == 3


def test_forecast_records_the_parameters(name, global_seed):
    params = (
        {"random_state": global_seed} if "random_state" in MODELS[name]._get_param_names() else {}
    )
    f = forecast(toy(), name, **params)
    assert f.model == name and f.params == make(name, global_seed).get_params()
    assert list(f.outcomes["issue"]) == ["p", "q", "r"]
    if MODELS[name].dynamic:
        assert {"round", "actor", "issue", "position"} <= set(f.trajectory.columns)


# --- the parameter contract (scikit-learn's declarative constraints) ---------------------------


def test_every_parameter_has_a_constraint_and_no_constraint_is_stray(name):
    cls = MODELS[name]
    assert set(cls._parameter_constraints) == set(cls._get_param_names())


def test_numpy_scalars_are_accepted_where_numbers_are(name, global_seed):
    """numpy.int64 / numpy.float64 parameters fit exactly as the built-in numbers do."""
    plain = make(name, global_seed)
    params = {}
    for key, value in plain.get_params().items():
        if key == "random_state" or isinstance(value, bool):
            continue
        if isinstance(value, int):
            params[key] = np.int64(value)
        elif isinstance(value, float):
            params[key] = np.float64(value)
    numpy_model = clone(plain).set_params(**params)
    s = toy()
    np.testing.assert_array_equal(numpy_model.fit(s).outcome_, plain.fit(s).outcome_)
    if "random_state" in plain.get_params():
        seeded = clone(plain).set_params(random_state=np.int64(global_seed)).fit(s)
        np.testing.assert_array_equal(seeded.outcome_, plain.outcome_)


def test_parameters_are_checked_at_fit_not_at_construction(name):
    cls = MODELS[name]
    key = sorted(cls._parameter_constraints)[0]
    model = cls(**{key: object()})  # stored verbatim, as scikit-learn does
    with pytest.raises(ModelError, match=f"The '{key}' parameter of {cls.__name__} must be"):
        model.fit(toy())


def test_a_bool_is_not_a_number(name):
    cls = MODELS[name]
    numeric = [
        k
        for k, v in cls().get_params().items()
        if isinstance(v, int | float) and not isinstance(v, bool) and k != "random_state"
    ]
    for key in numeric:
        with pytest.raises(ModelError, match=f"'{key}' parameter"):
            cls(**{key: True}).fit(toy())


@pytest.mark.parametrize("bad", [-1, 2.5, "seed"])
def test_one_random_state_convention_rejects(name, bad):
    cls = MODELS[name]
    if "random_state" not in cls._get_param_names():
        pytest.skip(f"{cls.__name__} takes no random_state")
    with pytest.raises(
        ModelError,
        match="'random_state' parameter .* must be None, an int >= 0 or a numpy Generator",
    ):
        cls(random_state=bad).fit(toy())


def test_one_random_state_convention_a_generator_is_its_seed(name, global_seed):
    cls = MODELS[name]
    if "random_state" not in cls._get_param_names():
        pytest.skip(f"{cls.__name__} takes no random_state")
    s = toy()
    by_int = cls(random_state=global_seed).fit(s).outcome_
    by_generator = cls(random_state=np.random.default_rng(global_seed)).fit(s).outcome_
    np.testing.assert_array_equal(by_int, by_generator)


def test_issue_ids_are_kept_at_fit(name, global_seed):
    """outcomes() needs no scenario: the ids of the issues fitted are a fitted attribute."""
    s = toy()
    order = [2, 0, 1]
    other = dataclasses.replace(
        s,
        issues=tuple(s.issues[j] for j in order),
        positions=s.positions[:, order],
        salience=s.salience[:, order],
        capability=s.capability[:, order],
    )
    m = make(name, global_seed).fit(other)
    assert m.issue_ids_ == ("r", "p", "q")
    frame = m.outcomes()
    assert list(frame["issue"]) == ["r", "p", "q"]
    np.testing.assert_array_equal(frame["outcome"].to_numpy(), np.asarray(m.outcome_))


def test_outcomes_before_fit_is_an_error(name):
    with pytest.raises(ModelError, match="is not fitted"):
        get_model(name).outcomes()
