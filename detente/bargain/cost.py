"""What a forecast will cost, known before it runs: large scenarios are refused up front.

Why: the dynamic models' work grows steeply with the table. The expected-utility
model weighs every challenge by every third party (actors³ per issue and round),
the exchange model pairs every two actors on every two issues (actors² × issues²
per round) and the spatial model of politics has each actor weigh each pair of
actors turn after turn. A 200-actor table with 200 Monte Carlo draws that takes a
closed-form model a second can take one of these hours; a user is better served
by an immediate, clear refusal that says how many draws would fit than by a run
that never ends.

Each estimate is ``seconds per unit × units × rounds × (draws + 1)``, the per-unit
figure measured by ``benchmarks/bargain_scaling.py`` (section ``large``) on the
project's 2-core reference machine and rounded up. The limit is
``Settings.max_forecast_seconds`` (env ``DETENTE_MAX_FORECAST_SECONDS``).
Closed-form models (compromise, weighted median, Nash) cost microseconds per
actor and issue and are never refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from detente.errors import ModelError


@dataclass(frozen=True, slots=True)
class Cost:
    """How one model's work grows with the table."""

    units: Callable[[int, int], float]
    """Work of one round for ``(n_actors, n_issues)``, in the model's own units."""
    growth: str
    """The same in words, for the refusal message."""
    seconds_per_unit: float
    """CPU seconds per unit and round, measured and rounded up."""
    rounds_param: str
    """Name of the model's round (turn) limit parameter."""
    rounds_used: float = 1.0
    """Share of the round limit a run takes on average (the spatial model converges early)."""


COSTS: dict[str, Cost] = {
    "eum": Cost(lambda n, m: n**3 * m, "actors³ × issues", 6e-9, "rounds"),
    "exchange": Cost(  # exchanges pair two actors on two issues; one issue has none
        lambda n, m: n**2 * m * (m - 1) + n * m, "actors² × issues²", 2e-6, "rounds"
    ),
    "smp": Cost(lambda n, m: n**3 * (1 + m / 20), "actors³", 8e-8, "max_turns", 0.5),
}
"""Cost models of the models whose work explodes with the table, by registered name."""


def estimate_seconds(name: str, params: dict, n_actors: int, n_issues: int, draws: int) -> float:
    """Estimated CPU seconds of one fit plus ``draws`` Monte Carlo draws (0 when cheap)."""
    cost = COSTS.get(name)
    if cost is None:
        return 0.0
    rounds = float(params.get(cost.rounds_param) or 1) * cost.rounds_used
    return cost.seconds_per_unit * cost.units(n_actors, n_issues) * rounds * (draws + 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def refusal(
    name: str, params: dict, n_actors: int, n_issues: int, draws: int, budget: float
) -> str | None:
    """Why this forecast is refused (one line with what would fit), or None when it fits."""
    seconds = estimate_seconds(name, params, n_actors, n_issues, draws)
    if seconds <= budget:
        return None
    per_run = estimate_seconds(name, params, n_actors, n_issues, 0)
    what = (
        f"model {name!r} on {_count(n_actors, 'actor')} × {_count(n_issues, 'issue')}"
        + (f" with {draws} draws" if draws else "")
        + f" would take about {_duration(seconds)} of CPU (its work grows with "
        f"{COSTS[name].growth}); the limit is {_duration(budget)}"
    )
    fits = int(budget // per_run) - 1 if per_run > 0 else draws
    if fits >= 1:
        return f"{what}: use --draws {fits} or fewer, or fewer actors or issues"
    return f"{what}: even one run is over it; use fewer actors or issues"


def check_cost(
    names: list[str],
    params: dict[str, dict],
    n_actors: int,
    n_issues: int,
    draws: int,
    budget: float,
) -> None:
    """Refuse, before anything runs, the forecasts whose estimate is over ``budget`` seconds.

    Raises:
        ModelError: one line naming every refused model, its estimate and what would fit.
    """
    problems = [
        reason
        for name in names
        if (reason := refusal(name, params.get(name, {}), n_actors, n_issues, draws, budget))
    ]
    if problems:
        raise ModelError("; ".join(problems) + " (raise DETENTE_MAX_FORECAST_SECONDS to run it)")
