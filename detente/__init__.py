"""detente: news about a negotiation in, a sourced picture and bargaining forecasts out.

The public API, one function per user-level job (see :mod:`detente.api`)::

    from detente import open_store, ingest_paths, forecast_scenario

Stages live in their own subpackages, in the pipeline's one direction:
``ingest -> extract -> store -> relations / bargain -> report / web``.
"""

from detente.api import (
    check_scenario,
    forecast_scenario,
    ingest_paths,
    reextract,
    run_demo,
    sensitivity_scenario,
    whatif_scenario,
    write_report,
)
from detente.bargain import Scenario, forecast, get_model
from detente.bargain.io import load_scenario
from detente.errors import DetenteError, InputError, ModelError, NotFound, ScenarioError
from detente.evidence import Evidence
from detente.store import open_store

__version__ = "0.1.0"

__all__ = [
    "DetenteError",
    "Evidence",
    "InputError",
    "ModelError",
    "NotFound",
    "Scenario",
    "ScenarioError",
    "check_scenario",
    "forecast",
    "forecast_scenario",
    "get_model",
    "ingest_paths",
    "load_scenario",
    "open_store",
    "reextract",
    "run_demo",
    "sensitivity_scenario",
    "whatif_scenario",
    "write_report",
]
