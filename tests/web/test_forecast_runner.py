"""The report, the dashboard and ``detente forecast`` run a scenario through one runner."""

import pytest
from fastapi.testclient import TestClient

from detente import forecasting
from detente.api import compare_scenario
from detente.bargain import MODELS
from detente.errors import ModelError
from detente.report import gather
from detente.settings import get_settings
from detente.web import create_app
from detente.web.deps import ScenarioState


def test_dashboard_baselines_use_the_apps_seed(filled_store, scenario_path):
    seed = get_settings().seed + 1
    with TestClient(create_app(filled_store, scenario_path=scenario_path, random_state=seed)) as c:
        shown = c.get("/api/v1/scenario/forecasts", params={"model": "eum"}).json()
    assert [(f["seed"], f["params"]["random_state"]) for f in shown] == [(seed, seed)]


def test_report_dashboard_and_cli_show_one_comparison(filled_store, scenario_path):
    cli = compare_scenario(scenario_path, draws=12, random_state=5).to_dict()
    web = ScenarioState(scenario_path, draws=12, random_state=5).comparison().to_dict()
    report = gather(filled_store, scenario_path=scenario_path, draws=12, random_state=5)
    assert cli == web == report.scenario.comparison.to_dict()
    assert [m["model"] for m in cli["models"]] == list(MODELS)
    assert cli["seed"] == 5


def test_rounds_are_refused_for_a_closed_form_model_unless_every_model_runs():
    with pytest.raises(ModelError, match="'compromise' is not round-based"):
        forecasting.model_params("compromise", rounds=3, random_state=1)
    assert forecasting.model_params("compromise", rounds=3, random_state=1, strict=False) == {}
    assert forecasting.model_params("eum", rounds=3, random_state=1, jobs=4)["random_state"] == 1
