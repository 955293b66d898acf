"""The Python API behind the CLI: provenance, run options and locator checks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from detente.api import (
    check_scenario,
    forecast_scenario,
    ingest_paths,
    model_names,
    whatif_scenario,
)
from detente.bargain import MODELS, Locator
from detente.bargain.io import load_scenario
from detente.errors import ModelError, ScenarioError
from detente.settings import get_settings
from detente.store import open_store

SEED_SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "ukraine-2025.yaml"


def test_unseeded_forecasts_use_the_default_seed_and_repeat() -> None:
    first = forecast_scenario(SEED_SCENARIO, model="exchange", rounds=2)[0]
    second = forecast_scenario(SEED_SCENARIO, model="exchange", rounds=2)[0]
    assert first.params["random_state"] == get_settings().seed
    assert first.outcomes.equals(second.outcomes)
    assert first.trajectory.equals(second.trajectory)


def test_rounds_apply_to_round_based_models_only() -> None:
    results = forecast_scenario(SEED_SCENARIO, model="all", rounds=2)
    assert [r.model for r in results] == model_names("all") == list(MODELS)
    eum = next(r for r in results if r.model == "eum")
    assert eum.params["rounds"] == 2 and eum.trajectory["round"].max() == 2
    with pytest.raises(ModelError, match="not round-based"):
        forecast_scenario(SEED_SCENARIO, model="compromise", rounds=2)


def test_monte_carlo_band_brackets_the_median() -> None:
    result = forecast_scenario(SEED_SCENARIO, model="weighted_median", draws=300, random_state=3)[0]
    table = result.outcomes
    assert {"p05", "mc_median", "p95"} <= set(table.columns)
    assert (table["p05"] <= table["mc_median"]).all() and (table["mc_median"] <= table["p95"]).all()
    again = forecast_scenario(SEED_SCENARIO, model="weighted_median", draws=300, random_state=3)[0]
    assert table.equals(again.outcomes)


def test_unknown_whatif_is_named() -> None:
    with pytest.raises(ScenarioError, match="unknown what-if 'nope'"):
        whatif_scenario(SEED_SCENARIO, variants=["nope"])
    frame = whatif_scenario(SEED_SCENARIO, variants=["sanctions-early"])
    moved = frame.set_index("issue")["delta"]
    assert moved["sanctions"] > 0 and moved.drop("sanctions").abs().max() == 0


def test_check_scenario_lists_what_does_not_resolve(seeds_dir: Path, db_url: str) -> None:
    scenario = load_scenario(SEED_SCENARIO)
    key = ("usa", "territory")
    broken = dict(scenario.evidence)
    broken[key] = (Locator(scenario.evidence[key][0].doc, "words that the article never uses"),)
    scenario = dataclasses.replace(scenario, evidence=broken)
    with open_store(db_url) as store:
        ingest_paths([seeds_dir], store=store, extract=False)
        checks = check_scenario(scenario, store)
    bad = [c for c in checks if c.problem]
    assert [(c.actor, c.issue) for c in bad] == [key]
    assert all(c.sentence for c in checks if not c.problem)
