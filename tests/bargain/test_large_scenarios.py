"""Large scenarios through every model with 200 draws: bounded, or refused up front.

The two sizes of the drill: 200 actors × 1 issue as a BDM table and 50 actors × 20
issues as detente YAML, with random (seeded) positions of our own. A model either
forecasts every issue within its scale, or refuses before anything runs with one
line that says what it would cost and what would fit.
"""

from __future__ import annotations

import math
import resource

import numpy as np
import pytest
import yaml

from detente.api import forecast_scenario
from detente.bargain import MODELS
from detente.bargain.cost import COSTS, estimate_seconds, refusal
from detente.errors import ModelError


def write_bdm(path, n_actors: int = 200, seed: int = 7):
    rng = np.random.default_rng(seed)
    rows = ["Actor,Capability,Position,Salience"] + [
        f"actor{i},{rng.uniform(1, 100):.2f},{rng.uniform(0, 100):.1f},{rng.uniform(0.1, 1):.2f}"
        for i in range(n_actors)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_yaml(path, n_actors: int = 50, n_issues: int = 20, seed: int = 7):
    rng = np.random.default_rng(seed)
    doc = {
        "name": f"Synthetic {n_actors} x {n_issues}",
        "actors": [
            {"id": f"a{i}", "name": f"Actor {i}", "clout": round(float(rng.uniform(1, 100)), 1)}
            for i in range(n_actors)
        ],
        "issues": [{"id": f"i{j}", "name": f"Issue {j}"} for j in range(n_issues)],
        "positions": [
            {
                "actor": f"a{i}",
                "issue": f"i{j}",
                "position": round(float(rng.uniform(0, 100)), 1),
                "salience": round(float(rng.uniform(0.1, 1)), 2),
                "evidence": [{"doc": "synthetic.txt", "quote": "invented"}],
            }
            for i in range(n_actors)
            for j in range(n_issues)
        ],
        "uncertainty": {"position_sd": 5, "salience_sd": 0.05, "clout_sd": 0.1},
    }
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("size", ["200x1", "50x20"])
def test_every_model_with_200_draws_finishes_or_is_refused_up_front(tmp_path, monkeypatch, size):
    # a limit of 20 CPU seconds keeps this test short; benchmarks/bargain_scaling.py (section
    # large) runs the same drill at the default limit and prints time and memory per model
    monkeypatch.setenv("DETENTE_MAX_FORECAST_SECONDS", "20")
    path = write_bdm(tmp_path / "big.csv") if size == "200x1" else write_yaml(tmp_path / "big.yaml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcomes = {}
    for name in MODELS:
        try:
            (result,) = forecast_scenario(path, model=name, draws=200, random_state=1, jobs=1)
        except ModelError as err:
            message = err.one_line()
            assert name in COSTS, message  # only the steep models are ever refused
            assert f"model {name!r} on " in message and "would take about" in message
            assert "use --draws" in message or "use fewer actors or issues" in message
            outcomes[name] = "refused"
            continue
        table = result.outcomes
        assert len(table) == (1 if size == "200x1" else 20)
        for col in ("outcome", "p05", "mc_median", "p95"):
            assert table[col].map(math.isfinite).all(), (name, col)
        assert (table["p05"] <= table["p95"] + 1e-9).all()
        outcomes[name] = "ran"
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 1500, grown_mb  # memory stays bounded (peak growth of this process)
    ran = {n for n, o in outcomes.items() if o == "ran"}
    assert ran >= {"compromise", "weighted_median", "nash"}
    assert "refused" in outcomes.values()


def test_a_refused_forecast_runs_nothing(tmp_path, monkeypatch):
    import detente.bargain as bargain

    def never(*args, **kwargs):
        raise AssertionError("a refused forecast must not start")

    monkeypatch.setattr(bargain, "forecast", never)
    with pytest.raises(ModelError, match=r"model 'smp' on 200 actors × 1 issue with 200 draws"):
        forecast_scenario(write_bdm(tmp_path / "big.csv"), model="smp", draws=200)
    with pytest.raises(ModelError, match=r"model 'exchange' .*; model 'smp' "):
        forecast_scenario(write_yaml(tmp_path / "big.yaml"), model="all", draws=200)


def test_the_limit_is_configurable(tmp_path, monkeypatch):
    path = write_bdm(tmp_path / "small.csv", n_actors=30)
    monkeypatch.setenv("DETENTE_MAX_FORECAST_SECONDS", "0.05")
    with pytest.raises(ModelError, match=r"the limit is 0 s: use --draws \d+ or fewer"):
        forecast_scenario(path, model="eum", draws=200)
    monkeypatch.setenv("DETENTE_MAX_FORECAST_SECONDS", "60")
    (result,) = forecast_scenario(path, model="eum", draws=20, jobs=1)
    assert len(result.outcomes) == 1  # a BDM table is one issue


def test_estimates_grow_as_the_models_do():
    eum = {"rounds": 10}
    assert estimate_seconds("eum", eum, 20, 1, 0) == pytest.approx(
        8 * estimate_seconds("eum", eum, 10, 1, 0)
    )
    assert estimate_seconds("eum", eum, 10, 1, 99) == pytest.approx(
        100 * estimate_seconds("eum", eum, 10, 1, 0)
    )
    assert estimate_seconds("compromise", {}, 10_000, 100, 10_000) == 0.0
    assert refusal("exchange", {"rounds": 10}, 10, 3, 200, budget=60) is None
    assert "even one run" in refusal("smp", {"max_turns": 100}, 400, 1, 0, budget=60)
