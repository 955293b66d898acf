"""Run a registered model on a scenario and keep the result with its provenance."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from detente.bargain.base import BargainingModel, get_model
from detente.bargain.scenario import Scenario


@dataclass(frozen=True)
class Forecast:
    """One model's forecast of a scenario, with everything needed to reproduce it."""

    model: str
    """Registered model name (``compromise``)."""
    params: dict[str, Any]
    """``model.get_params()`` at fit time."""
    scenario: str
    """Scenario name."""
    outcomes: pd.DataFrame
    """One row per issue: ``issue``, ``outcome`` and any model-specific columns."""
    trajectory: pd.DataFrame | None = None
    """Long frame ``round, actor, issue, position`` for dynamic models (round 0 = input)."""
    seed: int | None = None
    """Seed of the random draws, if the model draws any."""

    def outcome(self, issue: str) -> float:
        """Forecast outcome of one issue."""
        row = self.outcomes.loc[self.outcomes["issue"] == issue, "outcome"]
        return float(row.iloc[0])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        Keys: ``{"model", "params", "seed", "scenario", "issues", ["trajectory"]}``.
        """
        out: dict[str, Any] = {
            "model": self.model,
            "params": _plain(self.params),
            "seed": self.seed,
            "scenario": self.scenario,
            "issues": [_plain(r) for r in self.outcomes.to_dict(orient="records")],
        }
        if self.trajectory is not None:
            out["trajectory"] = [_plain(r) for r in self.trajectory.to_dict(orient="records")]
        return out


def _plain(obj: Any) -> Any:
    """Numpy scalars to Python, NaN to None, recursively."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and math.isnan(obj):
        return None
    return obj


def forecast(scenario: Scenario, model: str = "compromise", **params: Any) -> Forecast:
    """Fit the named model on ``scenario`` and return its :class:`Forecast`."""
    m = get_model(model, **params)
    m.fit(scenario)
    return fitted_forecast(m, scenario)


def fitted_forecast(model: BargainingModel, scenario: Scenario) -> Forecast:
    """The :class:`Forecast` of a model already fitted on ``scenario``."""
    return Forecast(
        model=model.name,
        params=model.get_params(),
        scenario=scenario.name,
        outcomes=model.outcomes(),
        trajectory=getattr(model, "trajectory_", None),
        seed=getattr(model, "random_state", None),
    )
