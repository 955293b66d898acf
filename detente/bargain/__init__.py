"""Forecasting: bargaining models over a scenario of actors x issues.

Importing this package registers every built-in model in :data:`MODELS`
through the same :func:`register_model` call an add-on would use.
"""

from detente.bargain.analysis.sensitivity import (
    SensitivityResult,
    one_at_a_time,
    sensitivity,
    sobol_indices,
)
from detente.bargain.analysis.uncertainty import MonteCarloResult, monte_carlo
from detente.bargain.analysis.whatif import (
    NewActor,
    NewPosition,
    PositionChange,
    WhatIf,
    apply_whatif,
    whatif,
)
from detente.bargain.base import (
    MODELS,
    BargainingModel,
    clone,
    get_model,
    register_model,
    seeded_params,
)
from detente.bargain.forecast import Forecast, forecast
from detente.bargain.io import ScenarioFile, load_scenario, load_scenario_file
from detente.bargain.models.compromise import Compromise, weighted_mean
from detente.bargain.models.dynamics import Recorder, RoundState
from detente.bargain.models.eum.model import ExpectedUtilityModel
from detente.bargain.models.exchange.model import ExchangeModel
from detente.bargain.models.nash import NashBargaining
from detente.bargain.models.smp.model import SpatialModel
from detente.bargain.models.weighted_median import WeightedMedian, weighted_median
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, Scenario

#: Order in which ``--model all``, the report and the dashboard list the built-in models:
#: the closed forms first, then the round-based ones. Imports register in any order.
BUILTIN_ORDER = ("compromise", "nash", "weighted_median", "eum", "exchange", "smp")
for _name in BUILTIN_ORDER:
    MODELS[_name] = MODELS.pop(_name)
del _name

__all__ = [
    "MODELS",
    "ActorSpec",
    "BargainingModel",
    "Compromise",
    "ExchangeModel",
    "ExpectedUtilityModel",
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
    "SpatialModel",
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
    "seeded_params",
    "sensitivity",
    "sobol_indices",
    "weighted_mean",
    "weighted_median",
    "whatif",
]
