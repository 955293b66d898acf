"""The one random_state convention: what each accepted value stands for."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargain import monte_carlo, sensitivity
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.randomness import check_random_state, seed_of
from detente.settings import get_settings


def test_an_int_is_the_seed_and_none_the_global_one():
    assert seed_of(12) == 12
    assert seed_of(np.int64(12)) == 12
    assert seed_of(None) == get_settings().seed
    assert check_random_state(None).random() == check_random_state(get_settings().seed).random()


def test_a_generator_is_used_as_it_is_and_advances():
    rng = np.random.default_rng(4)
    assert check_random_state(rng) is rng
    first, second = seed_of(np.random.default_rng(4)), seed_of(np.random.default_rng(4))
    assert first == second and 0 <= first < 2**31 - 1
    assert seed_of(rng) == first and seed_of(rng) != first


@pytest.mark.parametrize("bad", [-1, 1.5, True, "7", [1]])
def test_anything_else_is_refused(bad):
    with pytest.raises(ValueError, match="random_state must be None, an int >= 0"):
        seed_of(bad)


def _scenario() -> Scenario:
    return Scenario(
        name="three",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 2.0), ActorSpec("c", "C", 1.0)),
        issues=(IssueSpec("x", "X"),),
        positions=np.array([[10.0], [60.0], [90.0]]),
        salience=np.array([[0.5], [0.8], [0.3]]),
        capability=np.array([[1.0], [2.0], [1.0]]),
    )


def test_a_run_given_a_generator_records_the_seed_that_repeats_it():
    s = _scenario()
    run = monte_carlo(s, draws=50, random_state=np.random.default_rng(9), position_sd=5.0)
    assert run.seed == seed_of(np.random.default_rng(9))
    again = monte_carlo(s, draws=50, random_state=run.seed, position_sd=5.0)
    np.testing.assert_array_equal(run.draws, again.draws)


def test_sensitivity_gives_both_analyses_the_same_seed():
    s = _scenario()
    with_gen = sensitivity(s, "compromise", n=8, random_state=np.random.default_rng(2))
    with_int = sensitivity(s, "compromise", n=8, random_state=seed_of(np.random.default_rng(2)))
    assert with_gen.sobol.equals(with_int.sobol) and with_gen.oat.equals(with_int.oat)
