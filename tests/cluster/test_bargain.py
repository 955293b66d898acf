"""Monte Carlo and sensitivity on the cluster: the same numbers as here, for the same seed."""

from __future__ import annotations

import numpy as np
import pytest

from detente.api import forecast_scenario, sensitivity_scenario
from detente.bargain import ExchangeModel, monte_carlo
from detente.bargain.analysis.uncertainty import BLOCK
from tests.bargain.test_uncertainty import two_issues
from tests.conftest import REPO

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

SCENARIO = REPO / "scenarios" / "ukraine-2025.yaml"


def test_monte_carlo_blocks_on_the_cluster_equal_a_local_run(local_cluster, global_seed):
    s = two_issues()
    draws = 2 * BLOCK + 17  # three blocks, the last one short
    kw = dict(draws=draws, random_state=global_seed, position_sd=6.0, salience_sd=0.1, clout_sd=0.2)
    here = monte_carlo(s, "eum", **kw)
    there = monte_carlo(s, "eum", mapper=local_cluster.map, **kw)
    np.testing.assert_array_equal(here.draws, there.draws)
    assert here.summary.equals(there.summary) and len(np.unique(here.draws[:, 0])) > 50


def test_a_stochastic_model_draws_the_same_on_the_cluster(local_cluster, global_seed):
    s = two_issues()
    model = ExchangeModel(random_state=global_seed, rounds=3)
    kw = dict(draws=BLOCK + 40, random_state=global_seed, position_sd=8.0, salience_sd=0.1)
    np.testing.assert_array_equal(
        monte_carlo(s, model, **kw).draws,
        monte_carlo(s, model, mapper=local_cluster.map, **kw).draws,
    )


def test_forecast_and_sensitivity_take_the_scheduler(local_cluster, global_seed):
    address = local_cluster.local.scheduler_address
    kw = dict(model="weighted_median", draws=BLOCK + 300, random_state=global_seed)
    here = forecast_scenario(SCENARIO, **kw)[0]
    there = forecast_scenario(SCENARIO, scheduler=address, **kw)[0]
    assert here.outcomes.equals(there.outcomes)
    assert {"p05", "mc_median", "p95"} <= set(there.outcomes.columns)
    a = sensitivity_scenario(SCENARIO, model="compromise", n=64, random_state=global_seed)
    b = sensitivity_scenario(
        SCENARIO, model="compromise", n=64, random_state=global_seed, scheduler=address
    )
    assert a.oat.equals(b.oat) and a.sobol.equals(b.sobol)
