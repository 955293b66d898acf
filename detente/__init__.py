"""detente: news about a negotiation in, a sourced picture and bargaining forecasts out.

The public API, one function per user-level job (see :mod:`detente.api`)::

    from detente import open_store, ingest_paths, forecast_scenario

Stages live in their own subpackages, in the pipeline's one direction:
``ingest -> extract -> store -> relations / bargain -> report / web``.

The names below are resolved on first use (PEP 562), so ``import detente`` stays
cheap: pandas, SQLAlchemy, spaCy and Alembic load only when a name that needs them
is touched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from detente.errors import DetenteError, InputError, ModelError, NotFound, ScenarioError
from detente.evidence import Evidence

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "check_scenario": "detente.api",
    "forecast_scenario": "detente.api",
    "ingest_paths": "detente.api",
    "reextract": "detente.api",
    "run_demo": "detente.api",
    "sensitivity_scenario": "detente.api",
    "whatif_scenario": "detente.api",
    "write_report": "detente.api",
    "Scenario": "detente.bargain",
    "forecast": "detente.bargain",
    "get_model": "detente.bargain",
    "load_scenario": "detente.bargain.io",
    "open_store": "detente.store",
}
"""Public name -> module that defines it, imported when the name is first read."""

if TYPE_CHECKING:
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
    from detente.store import open_store


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
