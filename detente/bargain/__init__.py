"""Forecasting: bargaining models over a scenario of actors x issues.

Importing this package registers every built-in model in :data:`MODELS`
through the same :func:`register_model` call an add-on would use.
"""

import importlib
import importlib.util

from detente.bargain.base import MODELS, BargainingModel, clone, get_model, register_model
from detente.bargain.compromise import Compromise, weighted_mean
from detente.bargain.dynamics import Recorder, RoundState
from detente.bargain.forecast import Forecast, forecast
from detente.bargain.io import ScenarioFile, load_scenario, load_scenario_file
from detente.bargain.nash import NashBargaining
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, Scenario
from detente.bargain.sensitivity import SensitivityResult, one_at_a_time, sensitivity, sobol_indices
from detente.bargain.uncertainty import MonteCarloResult, monte_carlo
from detente.bargain.weighted_median import WeightedMedian, weighted_median
from detente.bargain.whatif import (
    NewActor,
    NewPosition,
    PositionChange,
    WhatIf,
    apply_whatif,
    whatif,
)

# Models written in parallel by other engineers register themselves on import;
# a module that is not there yet is skipped, a module that fails to import raises.
for _name in ("expected_utility", "exchange", "spatial"):
    if importlib.util.find_spec(f"detente.bargain.{_name}") is not None:
        importlib.import_module(f"detente.bargain.{_name}")
del _name

__all__ = [
    "MODELS",
    "ActorSpec",
    "BargainingModel",
    "Compromise",
    "Forecast",
    "IssueSpec",
    "Locator",
    "MonteCarloResult",
    "NashBargaining",
    "NewActor",
    "NewPosition",
    "PositionChange",
    "Recorder",
    "RoundState",
    "Scenario",
    "ScenarioFile",
    "SensitivityResult",
    "WeightedMedian",
    "WhatIf",
    "apply_whatif",
    "clone",
    "forecast",
    "get_model",
    "load_scenario",
    "load_scenario_file",
    "monte_carlo",
    "one_at_a_time",
    "register_model",
    "sensitivity",
    "sobol_indices",
    "weighted_mean",
    "weighted_median",
    "whatif",
]
