"""One forecast runner: a scenario's models, their Monte Carlo bands, the comparison, a baseline.

``detente forecast`` (through :mod:`detente.api`), the HTML report and the dashboard
all run a scenario through these functions, so for the same models, draws and
``random_state`` they show the same numbers. The runner sits above :mod:`detente.bargain` and below
every view of it: it knows how to apply run options (seed, rounds, processes, the
cost limit) but nothing about how a result is shown. It is the one place outside
:mod:`detente.bargain` that reaches into its comparison module: the views import
the comparison's records, ``ModelResult`` and ``ProgressHook`` from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from detente.bargain import MODELS, Forecast, Scenario, forecast, get_model, seeded_params
from detente.bargain.analysis.compare import (
    LOOP_DRAWS,
    Cell,
    Comparison,
    IssueComparison,
    ModelLine,
    ModelResult,
    ProgressHook,
    ScaleMark,
    compare,
    run_models,
)
from detente.bargain.cost import check_cost
from detente.errors import ModelError
from detente.randomness import RandomStateLike, seed_of
from detente.settings import get_settings


def model_names(model: str) -> list[str]:
    """``all`` -> every registered model in registry order; otherwise the one name."""
    if model == "all":
        return list(MODELS)
    get_model(model)  # raises ModelError naming the known models
    return [model]


def model_params(
    name: str,
    *,
    rounds: int | None = None,
    random_state: RandomStateLike = None,
    strict: bool = True,
    jobs: int = 1,
) -> dict:
    """Run options that apply to a model: ``rounds`` for dynamic ones, always a ``random_state``.

    A model that draws random numbers (tie-breaks, stochastic transitions) gets the
    seed of ``random_state``, so every forecast repeats exactly. With ``strict=False``
    (``--model all``) ``rounds`` is skipped for closed-form models instead of refused.
    ``jobs`` > 1 goes to models that can split Monte Carlo draws over processes (their
    results do not depend on it).
    """
    names = set(MODELS[name]._get_param_names())
    params: dict = seeded_params(name, random_state)
    if rounds is not None:
        for key in ("rounds", "max_turns"):
            if key in names:
                params[key] = rounds
                break
        else:
            if strict:
                raise ModelError(f"model {name!r} is not round-based; --rounds does not apply")
    if jobs > 1 and "n_jobs" in names:
        params["n_jobs"] = jobs
    return params


def run(
    scenario: Scenario,
    models: Sequence[str],
    *,
    draws: int,
    random_state: RandomStateLike = None,
    rounds: int | None = None,
    strict: bool = True,
    jobs: int = 1,
    loop_draws: int = LOOP_DRAWS,
    limit_cost: bool = False,
    on_step: ProgressHook | None = None,
    mapper: Callable | None = None,
) -> list[ModelResult]:
    """Fit each of ``models`` on ``scenario`` and run its Monte Carlo; failures are reported.

    Args:
        scenario: The scenario to forecast.
        models: Registered model names, in display order.
        draws: Monte Carlo draws per model (0 for none).
        random_state: Every random draw's (:mod:`detente.randomness`): one seed for all.
        rounds: Rounds of the round-based models (see :func:`model_params`).
        strict: Refuse ``rounds`` for a model that is not round-based.
        jobs: Processes for the Monte Carlo draws of models that can use them.
        loop_draws: Cap on draws of models without a draws axis.
        limit_cost: Refuse up front, with :class:`~detente.errors.ModelError`, runs whose
            estimated cost is over ``Settings.max_forecast_seconds``.
        on_step: Told about each step before it runs.
        mapper: Runs the Monte Carlo blocks (a cluster's ``map``); here when None.
    """
    seed = seed_of(random_state)
    params = {
        name: model_params(name, rounds=rounds, random_state=seed, strict=strict, jobs=jobs)
        for name in models
    }
    if limit_cost:
        n_actors, n_issues = scenario.positions.shape
        full = {name: get_model(name, **params[name]).get_params() for name in models}
        check_cost(
            list(models), full, n_actors, n_issues, draws, get_settings().max_forecast_seconds
        )
    return run_models(
        scenario,
        list(models),
        params.__getitem__,
        draws=draws,
        random_state=seed,
        loop_draws=loop_draws,
        on_step=on_step,
        mapper=mapper,
    )


def run_and_compare(
    scenario: Scenario,
    models: Sequence[str],
    *,
    draws: int,
    random_state: RandomStateLike = None,
    explain: bool = True,
    on_step: ProgressHook | None = None,
    **options,
) -> Comparison:
    """:func:`run`, then :func:`~detente.bargain.analysis.compare.compare`: what every view shows.

    ``options`` are :func:`run`'s; the comparison's ``results`` hold the runs.
    """
    seed = seed_of(random_state)
    results = run(scenario, models, draws=draws, random_state=seed, on_step=on_step, **options)
    return compare(
        scenario, results, random_state=seed, draws=draws, explain=explain, on_step=on_step
    )


def forecasts_of(results: Sequence[ModelResult]) -> list[Forecast]:
    """The :class:`~detente.bargain.Forecast` of each run, its Monte Carlo band merged in.

    With draws, each outcome table gains ``p05``, ``mc_median`` and ``p95`` per issue.
    """
    out = []
    for r in results:
        fc = r.forecast
        if r.mc is not None:
            table = r.mc.summary[["issue", "p05", "median", "p95"]]
            table = table.rename(columns={"median": "mc_median"})
            fc = replace(fc, outcomes=fc.outcomes.merge(table, on="issue", how="left"))
        out.append(fc)
    return out


def baseline(scenario: Scenario, model: str, *, random_state: RandomStateLike = None) -> Forecast:
    """One model's forecast at the stated inputs, without Monte Carlo (what-ifs compare to it)."""
    return forecast(scenario, model, **seeded_params(model, random_state))


__all__ = [
    "LOOP_DRAWS",
    "Cell",
    "Comparison",
    "IssueComparison",
    "ModelLine",
    "ModelResult",
    "ProgressHook",
    "ScaleMark",
    "baseline",
    "forecasts_of",
    "model_names",
    "model_params",
    "run",
    "run_and_compare",
]
