"""The scenario: inputs, every model's forecast, and a what-if form.

Baseline forecasts are computed once per app (see
:class:`~detente.web.deps.ScenarioState`); a what-if runs only the model the
user picks, on the baseline and the variant (no Monte Carlo in a request).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

import numpy as np
from fastapi import APIRouter, Query, Request
from pydantic import ValidationError

from detente.bargain import MODELS, PositionChange, WhatIf, get_model, seeded_params, whatif
from detente.errors import InputError
from detente.web.deps import ScenarioDep, TemplatesDep
from detente.web.schemas import (
    ChangeIn,
    ComparisonOut,
    ForecastOut,
    ScenarioOut,
    WhatIfIn,
    WhatIfOut,
    enum_query,
    error_responses,
    plain,
)

router = APIRouter()

FORM_ROWS = 3
"""Change rows offered by the what-if form."""


def _models() -> list[str]:
    return list(MODELS)


def _scenario(state) -> dict:
    sf = state.file()
    s = sf.scenario
    positions = []
    for i, actor in enumerate(s.actors):
        for j, issue in enumerate(s.issues):
            pos = s.positions[i, j]
            positions.append(
                {
                    "actor": actor.id,
                    "issue": issue.id,
                    "position": None if np.isnan(pos) else float(pos),
                    "salience": float(s.salience[i, j]),
                    "capability": float(s.capability[i, j]),
                }
            )
    return {
        "path": str(state.path),
        "name": s.name,
        "description": s.description,
        "actors": [{"id": a.id, "name": a.name, "clout": a.clout} for a in s.actors],
        "issues": [
            {
                "id": i.id,
                "name": i.name,
                "low": i.low,
                "high": i.high,
                "low_label": i.low_label,
                "high_label": i.high_label,
                "status_quo": i.status_quo,
            }
            for i in s.issues
        ],
        "positions": positions,
        "whatifs": [w.id for w in sf.whatifs],
        "models": _models(),
    }


def run_whatif(state, body: WhatIfIn) -> dict:
    """Apply ``body`` to the scenario and compare the chosen model's outcomes with the baseline."""
    # an unknown model is a ModelError (422); the app's seed as for its baselines
    model = get_model(body.model, **seeded_params(body.model, state.seed))
    variant = WhatIf(
        id="custom",
        name=body.name,
        drop=tuple(body.drop),
        set=tuple(
            PositionChange(
                c.actor, c.issue, position=c.position, salience=c.salience, clout=c.clout
            )
            for c in body.set
        ),
    )
    table = whatif(state.file().scenario, [variant], model)
    rows = [
        {k: plain(r[k]) for k in ("issue", "baseline", "outcome", "delta")}
        for r in table.to_dict(orient="records")
    ]
    return {
        "model": body.model,
        "name": body.name,
        "drop": body.drop,
        "set": [c.model_dump() for c in body.set],
        "rows": rows,
    }


def _number(fields: dict, key: str) -> float | None:
    raw = fields.get(key, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"form field {key}", f"must be a number; got {raw!r}") from None
    if not np.isfinite(value):
        raise InputError(f"form field {key}", f"must be a finite number; got {raw!r}")
    return value


def parse_form(body: bytes) -> WhatIfIn:
    """A :class:`WhatIfIn` from the urlencoded what-if form (no multipart dependency needed).

    Raises:
        InputError: naming the form field that is not valid.
    """
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise InputError("form", "body is not UTF-8") from None
    fields = {k: v for k, v in pairs if k != "drop"}
    drop = [v for k, v in pairs if k == "drop" and v.strip()]
    changes = []
    for k in range(FORM_ROWS):
        actor = fields.get(f"actor_{k}", "").strip()
        issue = fields.get(f"issue_{k}", "").strip()
        values = {n: _number(fields, f"{n}_{k}") for n in ("position", "salience", "clout")}
        if not actor and not issue and all(v is None for v in values.values()):
            continue
        if not actor or not issue:
            raise InputError(f"form row {k + 1}", "choose both an actor and an issue")
        if all(v is None for v in values.values()):
            raise InputError(f"form row {k + 1}", "give a new position, salience or clout")
        try:
            changes.append(ChangeIn(actor=actor, issue=issue, **values))
        except ValidationError as err:
            raise _form_error(err, f"form row {k + 1} ") from None
    try:
        return WhatIfIn(model=fields.get("model", "compromise"), drop=drop, set=changes)
    except ValidationError as err:
        raise _form_error(err, "form field ") from None


def _form_error(err: ValidationError, prefix: str) -> InputError:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return InputError(f"{prefix}{where}".strip(), first.get("msg", "invalid"))


def _page(request: Request, state, templates, *, result=None, submitted=None, status: int = 200):
    data = _scenario(state)
    comparison = state.comparison().to_dict()
    sf = state.file()
    declared = []
    if sf.whatifs:
        table = whatif(sf.scenario, sf.whatifs, "compromise")
        declared = [plain(r) for r in table.to_dict(orient="records")]
    return templates.TemplateResponse(
        request,
        "scenario.html",
        {
            **data,
            "comparison": comparison,
            "declared": declared,
            "result": result,
            "submitted": submitted,
            "form_rows": range(FORM_ROWS),
        },
        status_code=status,
    )


@router.get("/scenario", include_in_schema=False)
def scenario_page(request: Request, state: ScenarioDep, templates: TemplatesDep):
    """Inputs, each model's forecast, the file's own what-ifs and the what-if form."""
    return _page(request, state, templates)


@router.post("/scenario/whatif", include_in_schema=False)
async def whatif_form(request: Request, state: ScenarioDep, templates: TemplatesDep):
    """Run the what-if submitted by the form and show it beside the baseline."""
    body = parse_form(await request.body())
    result = run_whatif(state, body)
    return _page(request, state, templates, result=result, submitted=body)


@router.get(
    "/api/v1/scenario",
    response_model=ScenarioOut,
    tags=["scenario"],
    responses=error_responses(404, 422),
)
def get_scenario(state: ScenarioDep):
    """The scenario's actors, issues and inputs."""
    return _scenario(state)


@router.get(
    "/api/v1/scenario/forecasts",
    response_model=list[ForecastOut],
    tags=["scenario"],
    responses=error_responses(404, 422),
)
def get_forecasts(
    state: ScenarioDep,
    model: Annotated[
        str, Query(**enum_query([*_models(), "all"], "A registered model, or `all`"))
    ] = "all",
):
    """Baseline forecasts of one registered model, or ``all``."""
    names = _models() if model == "all" else [model]
    out = []
    for name in names:
        data = plain(state.forecast(name).to_dict())
        data.pop("trajectory", None)
        out.append(data)
    return out


@router.get(
    "/api/v1/scenario/comparison",
    response_model=ComparisonOut,
    tags=["scenario"],
    responses=error_responses(404, 422),
)
def get_comparison(state: ScenarioDep):
    """Every model's forecast of every issue side by side, with why they differ.

    Each cell: the number shown, its Monte Carlo band and the scale mark it lies nearest
    to in words; each model: what its number is. The same table as ``detente forecast
    --model all`` and the report.
    """
    return state.comparison().to_dict()


@router.post(
    "/api/v1/scenario/whatif",
    response_model=WhatIfOut,
    tags=["scenario"],
    responses=error_responses(400, 404, 422),
)
def post_whatif(body: WhatIfIn, state: ScenarioDep):
    """Drop actors and/or change positions, saliences or clout; compare with the baseline."""
    return run_whatif(state, body)
