"""Request dependencies: the store, the scenario and the corpus cache of the app.

``StoreDep = Annotated[Store, Depends(get_store)]`` is the FastAPI full-stack
template's idiom: a route names what it needs in its signature and tests swap
the object on ``app.state``; nothing is read from globals.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from detente.store import Store
from detente.web.cache import CorpusCache

log = logging.getLogger(__name__)


class ScenarioState:
    """The app's scenario file, read on first use, with its baseline forecasts cached.

    Forecasting every model once takes a few seconds (the exchange model is the
    slow one), so the result is kept for the app's lifetime; what-ifs run on
    request with the one model the user picks.
    """

    def __init__(self, path: Path | str | None, *, draws: int = 500, seed: int | None = None):
        self._path = path
        self._lock = threading.Lock()
        self._file = None
        self._forecasts: dict[str, object] = {}
        self._comparison = None
        self.draws = draws
        """Monte Carlo draws per model of the comparison (the report's and the CLI's default)."""
        self.seed = seed
        """Seed of every draw; ``Settings().seed`` when None."""

    @property
    def path(self) -> Path:
        """The scenario file (the seed scenario when none was given)."""
        if self._path is None:
            from detente.api import default_scenario_path

            self._path = default_scenario_path()
        return Path(self._path)

    def file(self):
        """The :class:`~detente.bargain.io.ScenarioFile` (scenario plus declared what-ifs)."""
        with self._lock:
            if self._file is None:
                from detente.bargain.io import load_scenario_file

                self._file = load_scenario_file(self.path)
            return self._file

    def forecast(self, model: str):
        """The baseline :class:`~detente.bargain.Forecast` of one registered model (cached)."""
        from detente.bargain import forecast, seeded_params

        params = seeded_params(model)
        scenario = self.file().scenario
        with self._lock:
            if model not in self._forecasts:
                log.info("forecasting %s with %s", scenario.name, model)
                self._forecasts[model] = forecast(scenario, model, **params)
            return self._forecasts[model]

    def comparison(self):
        """Every model compared (:func:`detente.bargain.compare.compare`), computed once.

        The same runs as ``detente report`` and ``detente forecast --model all`` with the
        same draws and seed, so the dashboard shows the same numbers.
        """
        from detente.bargain import MODELS, seeded_params
        from detente.bargain.analysis.compare import compare, run_models
        from detente.settings import get_settings

        scenario = self.file().scenario
        seed = get_settings().seed if self.seed is None else self.seed
        with self._lock:
            if self._comparison is None:
                log.info("comparing every model on %s (%d draws)", scenario.name, self.draws)
                results = run_models(
                    scenario,
                    list(MODELS),
                    lambda name: seeded_params(name, seed),
                    draws=self.draws,
                    seed=seed,
                )
                self._comparison = compare(scenario, results, seed=seed, draws=self.draws)
            return self._comparison


def get_store(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store


def get_scenario(request: Request) -> ScenarioState:
    """The app's scenario state."""
    return request.app.state.scenario


def get_cache(request: Request) -> CorpusCache:
    """The app's cache of results computed from the corpus."""
    return request.app.state.cache


def get_templates(request: Request) -> Jinja2Templates:
    """The app's templates (autoescaping Jinja2 environment)."""
    return request.app.state.templates


StoreDep = Annotated[Store, Depends(get_store)]
ScenarioDep = Annotated[ScenarioState, Depends(get_scenario)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
CacheDep = Annotated[CorpusCache, Depends(get_cache)]
