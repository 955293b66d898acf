"""Forecasting: bargaining models over a scenario of actors x issues."""

from detente.bargain.base import MODELS, BargainingModel, clone, get_model, register_model
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, Scenario

__all__ = [
    "MODELS",
    "ActorSpec",
    "BargainingModel",
    "IssueSpec",
    "Locator",
    "Scenario",
    "clone",
    "get_model",
    "register_model",
]
