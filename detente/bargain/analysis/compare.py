"""One table comparing every model's forecast of every issue, with why they differ.

Six models give six answers; an analyst needs them side by side, each read on the
issue's own scale in words, each labelled with what its number is, and a short
account of why they disagree. This module runs the models once
(:func:`run_models`: fit, then Monte Carlo over the stated uncertainty) and turns
their own outputs and diagnostics into a :class:`Comparison` (:func:`compare`); the
CLI, the report and the dashboard all show that one record, so they print the same
numbers for the same seed. Nothing here changes what a model computes:

* the number shown is the model's outcome at the stated inputs, except for a model
  whose outcome depends on its seed at fixed inputs
  (:meth:`~detente.bargain.base.BargainingModel.stochastic`, e.g. the exchange
  model's random tie-breaks): one run is then one draw of its randomness, and the
  median of its Monte Carlo runs is shown instead;
* each number is placed at the scale mark it lies nearest to (the ends count as
  marks), so "52.6" reads "50: ceasefire on the current front line";
* the "why" notes come from the models' own diagnostics: Nash's feasibility (which
  actors stand on either side of the status quo), who moved in the dynamic models
  (their trajectories and who-moved-whom tables), the input whose one-at-a-time
  swing moves each deterministic model most
  (:func:`~detente.bargain.analysis.sensitivity.one_at_a_time`), and a point that lies
  outside its own Monte Carlo band.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.bargain.analysis.sensitivity import one_at_a_time
from detente.bargain.analysis.uncertainty import Mapper, MonteCarloResult, monte_carlo
from detente.bargain.base import BargainingModel, get_model
from detente.bargain.forecast import Forecast, _plain, fitted_forecast
from detente.bargain.scenario import IssueSpec, Scenario
from detente.errors import DetenteError
from detente.randomness import RandomStateLike, seed_of

LOOP_DRAWS = 500
"""Default cap on Monte Carlo draws for models that run each draw as its own seeded run.

Such models (:meth:`~detente.bargain.base.BargainingModel.vectorised` False) cannot put
draws on an array axis, so each draw costs a whole run (the exchange model's cost per
draw: ``benchmarks/bargain_scaling.py exchange``). A cut is stated in the model's note,
so the reader knows.
"""

ProgressHook = Callable[[str], None]
"""Called with a short description of the step about to run (status lines)."""


@dataclass(frozen=True)
class ModelResult:
    """One model run on a scenario: the fit, its Monte Carlo and what went wrong."""

    model: str
    """Registered model name."""
    forecast: Forecast | None
    """The fit's outcomes and provenance; None when the model failed."""
    fitted: BargainingModel | None
    """The fitted model, for its diagnostics (trajectory, who moved whom, feasibility)."""
    mc: MonteCarloResult | None
    """Monte Carlo over the stated uncertainty; None without draws."""
    note: str | None = None
    """Why draws were cut or skipped, if they were."""
    error: str | None = None
    """One-line reason the model could not forecast this scenario."""


def run_models(
    scenario: Scenario,
    models: Sequence[str],
    params_of: Callable[[str], dict[str, Any]],
    *,
    draws: int,
    random_state: RandomStateLike = None,
    loop_draws: int = LOOP_DRAWS,
    on_step: ProgressHook | None = None,
    mapper: Mapper | None = None,
) -> list[ModelResult]:
    """Fit each model and run its Monte Carlo; a model that fails is reported, not raised.

    Args:
        scenario: The scenario.
        models: Registered model names, in display order.
        params_of: The parameters of each model (its seed among them).
        draws: Monte Carlo draws per model (0 for none).
        random_state: The Monte Carlo runs' randomness (:mod:`detente.randomness`); every
            model's run gets the same seed.
        loop_draws: Cap on draws for models without a draws axis (see :data:`LOOP_DRAWS`).
        on_step: Told about each step before it runs.
        mapper: Where the Monte Carlo's seeded blocks run (a cluster's ``map``); here
            when None. The numbers do not depend on it.
    """
    step = on_step or (lambda text: None)
    seed = seed_of(random_state)
    out = []
    for name in models:
        params = params_of(name)
        step(f"{name}: fitting")
        try:
            fitted = get_model(name, **params).fit(scenario)
        except DetenteError as exc:
            out.append(ModelResult(name, None, None, None, error=exc.one_line()))
            continue
        fc = fitted_forecast(fitted, scenario)
        model = get_model(name, **params)
        n, note = draws, None
        if draws and not type(model).vectorised() and draws > loop_draws:
            n = loop_draws
            note = (
                f"{name} runs each draw as its own seeded run: {loop_draws} of {draws} draws run"
                if loop_draws
                else f"{name} runs each draw as its own seeded run: Monte Carlo skipped"
            )
        mc = None
        if n:
            step(f"{name}: Monte Carlo, {n} draws")
            try:
                mc = monte_carlo(
                    scenario, get_model(name, **params), draws=n, random_state=seed, mapper=mapper
                )
            except DetenteError as exc:
                note = f"Monte Carlo failed: {exc.one_line()}"
        out.append(ModelResult(name, fc, fitted, mc, note=note))
    return out


@dataclass(frozen=True, slots=True)
class ScaleMark:
    """A point of an issue's scale that is described in words (an end or a mark)."""

    value: float
    """Where it sits on the scale."""
    words: str
    """What it means."""


def scale_marks(issue: IssueSpec) -> tuple[ScaleMark, ...]:
    """The ends and the marks of an issue's scale, low to high; ends without words are skipped."""
    marks = [ScaleMark(issue.low, issue.low_label), ScaleMark(issue.high, issue.high_label)]
    marks += [ScaleMark(float(v), str(t)) for v, t in issue.marks]
    return tuple(sorted((m for m in marks if m.words), key=lambda m: m.value))


def nearest_mark(issue: IssueSpec, value: float) -> ScaleMark | None:
    """The described point of the scale nearest to ``value`` (the lower one on a tie)."""
    marks = scale_marks(issue)
    if not marks or value is None or not math.isfinite(value):
        return None
    return min(marks, key=lambda m: (abs(m.value - value), m.value))


@dataclass(frozen=True, slots=True)
class Cell:
    """One model's forecast of one issue as the comparison shows it."""

    model: str
    """Registered model name."""
    value: float | None
    """The number shown: ``point``, or the Monte Carlo median for a stochastic model."""
    basis: str
    """``point`` (outcome at the stated inputs) or ``median`` (of the Monte Carlo runs)."""
    point: float | None
    """The model's outcome at the stated inputs (one seed's run for a stochastic model)."""
    band: tuple[float, float, float] | None
    """5 %, median and 95 % of the Monte Carlo outcomes; None without draws."""
    mark: ScaleMark | None
    """The scale mark ``value`` lies nearest to."""
    flag: str | None = None
    """A short qualifier shown with the number (``no deal``, ``outside band``)."""


@dataclass(frozen=True, slots=True)
class IssueComparison:
    """Every model's forecast of one issue and why they differ."""

    issue: str
    """Issue id."""
    name: str
    """Issue name."""
    status_quo: float | None
    """The issue's status quo, if given."""
    cells: tuple[Cell, ...]
    """One per model that ran, in model order."""
    why: tuple[str, ...]
    """Short sentences from the models' diagnostics."""


@dataclass(frozen=True, slots=True)
class ModelLine:
    """What one model's numbers are, and how they were made."""

    model: str
    """Registered model name."""
    meaning: str
    """What its number is, in words."""
    params: dict[str, Any]
    """``get_params()`` of the fitted model."""
    mc_draws: int
    """Monte Carlo draws run (0 for none)."""
    note: str | None = None
    """Draws cut or skipped, if so."""
    error: str | None = None
    """Why the model could not forecast, if it could not."""


@dataclass(frozen=True)
class Comparison:
    """Issues x models: the table the CLI, the report and the dashboard show."""

    scenario: str
    """Scenario name."""
    seed: int
    """Seed of the Monte Carlo draws (and of each model's own draws)."""
    draws: int
    """Monte Carlo draws requested per model."""
    models: tuple[ModelLine, ...]
    """One line per model, in display order."""
    issues: tuple[IssueComparison, ...]
    """One row block per issue, in scenario order."""
    results: tuple[ModelResult, ...] = ()
    """The runs it was made from (not serialised)."""

    def cell(self, issue: str, model: str) -> Cell:
        """The cell of one issue and model."""
        row = next(i for i in self.issues if i.issue == issue)
        return next(c for c in row.cells if c.model == model)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (numbers as floats, marks as ``{"value", "words"}``)."""

        def cell(c: Cell) -> dict[str, Any]:
            return {
                "model": c.model,
                "value": c.value,
                "basis": c.basis,
                "point": c.point,
                "p05": c.band[0] if c.band else None,
                "median": c.band[1] if c.band else None,
                "p95": c.band[2] if c.band else None,
                "mark": {"value": c.mark.value, "words": c.mark.words} if c.mark else None,
                "flag": c.flag,
            }

        return _plain(
            {
                "scenario": self.scenario,
                "seed": self.seed,
                "draws": self.draws,
                "models": [
                    {
                        "model": m.model,
                        "meaning": m.meaning,
                        "params": {k: repr(v) for k, v in m.params.items()},
                        "mc_draws": m.mc_draws,
                        "note": m.note,
                        "error": m.error,
                    }
                    for m in self.models
                ],
                "issues": [
                    {
                        "issue": i.issue,
                        "name": i.name,
                        "status_quo": i.status_quo,
                        "cells": [cell(c) for c in i.cells],
                        "why": list(i.why),
                    }
                    for i in self.issues
                ],
            }
        )


def _meaning(r: ModelResult) -> str:
    if r.fitted is None:
        return ""
    text = type(r.fitted).outcome_meaning or f"outcome of the {r.model} model"
    if r.fitted.stochastic():
        text += (
            f"; shown: the median of its {r.mc.n_draws} Monte Carlo runs"
            if r.mc is not None
            else "; shown: one run (give Monte Carlo draws for the median of many)"
        )
    return text


def _cell(issue: IssueSpec, j: int, r: ModelResult) -> Cell:
    point = float(r.fitted.outcome_[j])
    band = None
    if r.mc is not None:
        row = r.mc.summary.iloc[j]
        band = (float(row["p05"]), float(row["median"]), float(row["p95"]))
    stochastic = r.fitted.stochastic() and band is not None
    value = band[1] if stochastic else point
    flag = None
    feasible = getattr(r.fitted, "feasible_", None)
    if feasible is not None and not bool(feasible[j]):
        flag = "no deal"
    elif band is not None and not stochastic and not band[0] - 1e-9 <= point <= band[2] + 1e-9:
        flag = "outside band"
    return Cell(
        model=r.model,
        value=value,
        basis="median" if stochastic else "point",
        point=point,
        band=band,
        mark=nearest_mark(issue, value),
        flag=flag,
    )


def compare(
    scenario: Scenario,
    results: Sequence[ModelResult],
    *,
    random_state: RandomStateLike = None,
    draws: int,
    explain: bool = True,
    on_step: ProgressHook | None = None,
) -> Comparison:
    """The comparison table of ``results`` (from :func:`run_models`) on ``scenario``.

    Args:
        scenario: The scenario the models ran on.
        results: The runs, in display order.
        random_state: What the runs used (:mod:`detente.randomness`): its seed is recorded
            and passed to the sensitivity analysis.
        draws: Monte Carlo draws requested.
        explain: Add the "why they differ" notes (runs a one-at-a-time sensitivity
            analysis of each deterministic model).
        on_step: Told about each step before it runs.
    """
    seed = seed_of(random_state)
    ok = [r for r in results if r.fitted is not None]
    swings = {}
    if explain:
        for r in ok:
            if not r.fitted.stochastic():
                if on_step:
                    on_step(f"{r.model}: sensitivity")
                try:
                    swings[r.model] = one_at_a_time(scenario, r.fitted, random_state=seed)
                except DetenteError:  # the model cannot solve perturbed inputs: no swing to show
                    continue
    issues = []
    for j, issue in enumerate(scenario.issues):
        cells = tuple(_cell(issue, j, r) for r in ok)
        why = _why(scenario, j, ok, cells, swings) if explain else ()
        issues.append(IssueComparison(issue.id, issue.name, issue.status_quo, cells, why))
    lines = tuple(
        ModelLine(
            model=r.model,
            meaning=_meaning(r),
            params=r.forecast.params if r.forecast else {},
            mc_draws=r.mc.n_draws if r.mc else 0,
            note=r.note,
            error=r.error,
        )
        for r in results
    )
    return Comparison(scenario.name, seed, draws, lines, tuple(issues), tuple(results))


# -- why the models differ ----------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") if math.isfinite(value) else "n/a"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _why(scenario, j, results, cells, swings) -> tuple[str, ...]:
    names = {a.id: a.name for a in scenario.actors}
    notes = []
    shown = [(c.value, c.model) for c in cells if c.value is not None]
    if len(shown) > 1:
        lo, hi = min(shown), max(shown)
        low_models = ", ".join(m for v, m in shown if math.isclose(v, lo[0], abs_tol=0.05))
        high_models = ", ".join(m for v, m in shown if math.isclose(v, hi[0], abs_tol=0.05))
        notes.append(
            f"The models range from {_num(lo[0])} ({low_models}) to {_num(hi[0])} ({high_models})."
        )
    for r in results:
        if getattr(r.fitted, "feasible_", None) is not None and not bool(r.fitted.feasible_[j]):
            notes.append(_no_deal(scenario, j, r.fitted, names))
    decisive = _decisive(scenario, j, swings, names)
    if decisive:
        notes.append(decisive)
    movers = [m for m in (_mover(scenario, j, r, names) for r in results) if m]
    if movers:
        notes.append("Who moved: " + "; ".join(movers) + ".")
    width = scenario.issues[j].high - scenario.issues[j].low
    for c in cells:
        if c.band is None or c.basis != "point" or c.flag == "no deal":
            continue
        if c.flag == "outside band":
            notes.append(
                f"{c.model}: the stated inputs give {_num(c.point)}, outside its own 5-95 % band "
                f"({_num(c.band[0])}-{_num(c.band[2])}): the stated values are not typical of "
                "the uncertainty the scenario states (a range that leaves them out, or an "
                f"outcome that jumps with small changes), so read the band (median "
                f"{_num(c.band[1])}) rather than the point."
            )
        elif abs(c.point - c.band[1]) > 0.1 * width:
            notes.append(
                f"{c.model}: the stated inputs give {_num(c.point)}, but the median over the "
                f"draws is {_num(c.band[1])}: its outcome is sensitive to the inputs' uncertainty."
            )
    return tuple(notes)


def _no_deal(scenario: Scenario, j: int, model, names: dict[str, str]) -> str:
    """Why Nash finds no point every actor prefers to the status quo, from its feasibility rule."""
    sq = model.disagreement_[j]
    x = scenario.positions[:, j]
    w = np.nan_to_num(scenario.weights(getattr(model, "weight", "capability*salience"))[:, j])
    active = ~np.isnan(x) & (w > 0)
    head = f"nash: no deal beats the status quo ({_num(sq)})"
    if not math.isnan(sq):
        on = [i for i in np.flatnonzero(active) if x[i] == sq]
        if on:
            a = scenario.actor_ids[on[0]]
            return f"{head}: {names[a]} already stands on it, so no move gains it anything."
        above = [i for i in np.flatnonzero(active) if x[i] > sq]
        below = [i for i in np.flatnonzero(active) if x[i] < sq]
        if above and below:
            up = max(above, key=lambda i: w[i])
            down = max(below, key=lambda i: w[i])
            return (
                f"{head}: {names[scenario.actor_ids[up]]} ({_num(x[up])}) wants it higher and "
                f"{names[scenario.actor_ids[down]]} ({_num(x[down])}) lower, so every move "
                "leaves one of them worse off; the status quo is reported."
            )
    return f"{head}: the actors' acceptable ranges do not overlap; the status quo is reported."


def _decisive(scenario: Scenario, j: int, swings: dict, names: dict[str, str]) -> str | None:
    """The input whose one-at-a-time swing moves each deterministic model most on issue j."""
    issue = scenario.issues[j].id
    groups: dict[tuple[str, str], list[str]] = {}
    for model, table in swings.items():
        rows = table[(table["target"] == issue) & (table["swing"] > 1e-9)]
        if rows.empty:
            continue
        top = rows.iloc[0]
        groups.setdefault((str(top["actor"]), str(top["variable"])), []).append(
            f"{model} ±{_num(float(top['swing']) / 2)}"
        )
    if not groups:
        return None
    parts = [
        f"{_possessive(names.get(actor, actor))} {variable} ({', '.join(models)})"
        for (actor, variable), models in groups.items()
    ]
    return (
        "Decisive input (largest change when one input moves by a tenth of its range): "
        + "; ".join(parts)
        + "."
    )


def _mover(scenario: Scenario, j: int, r: ModelResult, names: dict[str, str]) -> str | None:
    """The actor that moved most on issue j in a dynamic model, and whom it moved with."""
    traj = getattr(r.fitted, "trajectory_", None)
    if traj is None or traj.empty:
        return None
    issue = scenario.issues[j].id
    rows = traj[traj["issue"] == issue]
    first = rows[rows["round"] == rows["round"].min()].set_index("actor")["position"]
    last = rows[rows["round"] == rows["round"].max()].set_index("actor")["position"]
    moved = (last - first).abs().dropna()
    if moved.empty or moved.max() < 0.05:
        return f"{r.model} — nobody moved"
    actor = str(moved.idxmax())
    text = f"{r.model} — {names.get(actor, actor)} {_num(first[actor])} → {_num(last[actor])}"
    partner = _partner(r.fitted, actor, issue, names)
    return f"{text} ({partner})" if partner else text


def _partner(model, actor: str, issue: str, names: dict[str, str]) -> str | None:
    """Whom the mover moved with, from the model's who-moved-whom table."""
    offers = getattr(model, "offers_", None)
    if offers is not None and not offers.empty:
        mine = offers[(offers["actor"] == actor) & (offers["issue"] == issue)]
        if not mine.empty:
            other = Counter(mine["proposer"]).most_common(1)[0][0]
            return f"offers from {names.get(other, other)}"
    exchanges = getattr(model, "exchanges_", None)
    if exchanges is not None and not exchanges.empty:
        pairs = Counter()
        for row in exchanges.itertuples(index=False):
            if row.actor_i == actor and row.issue_i == issue:
                pairs[(row.actor_j, row.issue_j)] += 1
            elif row.actor_j == actor and row.issue_j == issue:
                pairs[(row.actor_i, row.issue_i)] += 1
        if pairs:
            (other, other_issue), _ = pairs.most_common(1)[0]
            return f"trading with {names.get(other, other)}, who moves on {other_issue}"
    bargains = getattr(model, "bargains_", None)
    if bargains is not None and not bargains.empty:
        with_whom = Counter(
            list(
                bargains.loc[
                    (bargains["receiver"] == actor) & bargains["receiver_adopted"], "initiator"
                ]
            )
            + list(
                bargains.loc[
                    (bargains["initiator"] == actor) & bargains["initiator_adopted"], "receiver"
                ]
            )
        )
        if with_whom:
            other = with_whom.most_common(1)[0][0]
            return f"bargains with {names.get(other, other)}"
    return None
