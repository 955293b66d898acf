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

from detente import forecasting
from detente.bargain import MODELS, Forecast, ScenarioFile, load_scenario_file
from detente.forecasting import Comparison
from detente.randomness import RandomStateLike, seed_of
from detente.samples import seed_scenario
from detente.store import Store
from detente.web.cache import CorpusCache

log = logging.getLogger(__name__)


class ScenarioState:
    """The app's scenario file, read on first use, with its baseline forecasts cached.

    Forecasting every model with its Monte Carlo is the slowest thing the app does,
    so the result is kept for the app's lifetime; what-ifs run on request with the
    one model the user picks.
    """

    def __init__(
        self, path: Path | str | None, *, draws: int = 500, random_state: RandomStateLike = None
    ):
        self._path = path
        self._lock = threading.Lock()
        self._file: ScenarioFile | None = None
        self._forecasts: dict[str, Forecast] = {}
        self._comparison: Comparison | None = None
        self.draws = draws
        """Monte Carlo draws per model of the comparison (the report's and the CLI's default)."""
        self.seed = seed_of(random_state)
        """Seed of every draw and of each model's own draws (that of ``random_state``)."""

    @property
    def path(self) -> Path:
        """The scenario file (the seed scenario when none was given)."""
        if self._path is None:
            self._path = seed_scenario()
        return Path(self._path)

    def file(self) -> ScenarioFile:
        """The :class:`~detente.bargain.io.ScenarioFile` (scenario plus declared what-ifs)."""
        with self._lock:
            if self._file is None:
                self._file = load_scenario_file(self.path)
            return self._file

    def forecast(self, model: str) -> Forecast:
        """The baseline forecast of one registered model with the app's seed (cached)."""
        scenario = self.file().scenario
        with self._lock:
            if model not in self._forecasts:
                log.info("forecasting %s with %s", scenario.name, model)
                self._forecasts[model] = forecasting.baseline(
                    scenario, model, random_state=self.seed
                )
            return self._forecasts[model]

    def comparison(self) -> Comparison:
        """Every model compared (:func:`detente.forecasting.run_and_compare`), computed once.

        The same runs as ``detente report`` and ``detente forecast --model all`` with the
        same draws and seed, so the dashboard shows the same numbers.
        """
        scenario = self.file().scenario
        with self._lock:
            if self._comparison is None:
                log.info("comparing every model on %s (%d draws)", scenario.name, self.draws)
                self._comparison = forecasting.run_and_compare(
                    scenario, list(MODELS), draws=self.draws, random_state=self.seed
                )
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
