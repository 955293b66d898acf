"""Pydantic shapes of what the JSON API sends and accepts (the edge of the pipeline).

Records inside detente are frozen dataclasses and DataFrames; only here, at the
web edge, are they turned into validated pydantic models, which also give the
OpenAPI schema served at ``/api/v1/openapi.json``. Where a response carries the
same fields as one of the report's view records (or the comparison's records), its
schema is :func:`mirror`-ed from that record, so the two cannot drift apart and the
record's attribute docstrings describe the API's fields; the rest are written here
because the API's shape differs from any record's (store rows, flattened bands,
per-pair dicts).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import inspect
import math
import textwrap
import types
import typing
from typing import Annotated, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, create_model

from detente.bargain import MODELS
from detente.forecasting import Comparison, IssueComparison, ModelLine, ScaleMark
from detente.report.views.corpus import DocumentInfo
from detente.report.views.dyads import DyadPoint
from detente.report.views.forecast import ActorInput, IssueInput
from detente.report.views.relations import FramingView, ToneCell
from detente.report.views.track import TrackIssue, TrackOutcome


def plain(value: Any) -> Any:
    """A JSON-ready value: numpy scalars to Python, NaN/NaT to None, timestamps to dates."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame as plain dicts."""
    return [plain(r) for r in frame.to_dict(orient="records")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _attribute_docs(record: type) -> dict[str, str]:
    """The docstring under each field of a dataclass (PEP 257 attribute docstrings)."""
    body = ast.parse(textwrap.dedent(inspect.getsource(record))).body[0].body
    docs = {}
    for node, after in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def _as_list(tp: Any) -> Any:
    """``tuple[X, ...]`` as ``list[X]`` (what JSON sends), inside unions too."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_as_list(args[0])]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_as_list(a) for a in args)]  # noqa: UP007
    return tp


def mirror(
    record: type,
    *,
    exclude: tuple[str, ...] = (),
    only: tuple[str, ...] | None = None,
    types: dict[str, Any] | None = None,
    defaults: dict[str, Any] | None = None,
    required: tuple[str, ...] = (),
    name: str | None = None,
) -> type[_Out]:
    """A response schema with the fields of a dataclass record, described by its docstrings.

    Tuples become lists; ``types`` replaces a field's type (a nested record's own
    schema, a date the API parses); a field without a default in the record gets
    ``defaults``' value, or None when it may be None, else is required (as are those
    named in ``required``).

    Args:
        record: The dataclass whose fields the response carries.
        exclude: Fields the response leaves out.
        only: The fields the response carries, in the record's order (all when None).
        types: Field types that differ from the record's.
        defaults: Defaults of fields the record requires but the response may omit.
        required: Fields the response always carries, even those that may be None.
        name: Schema name; ``record``'s name with ``Out`` when None.
    """
    hints = typing.get_type_hints(record)
    docs = _attribute_docs(record)
    types, defaults = types or {}, defaults or {}
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in exclude or (only is not None and f.name not in only):
            continue
        tp = types.get(f.name, _as_list(hints[f.name]))
        if f.name in required:
            default = ...
        elif f.default is not dataclasses.MISSING:
            default = f.default
        elif f.name in defaults:
            default = defaults[f.name]
        elif type(None) in typing.get_args(tp):
            default = None
        else:
            default = ...
        fields[f.name] = (tp, Field(default, description=docs.get(f.name)))
    return create_model(
        name or f"{record.__name__}Out", __base__=_Out, __doc__=record.__doc__, **fields
    )


class ErrorOut(_Out):
    """Body of every error response."""

    status: int = Field(description="HTTP status")
    error: str = Field(description="One line saying what is wrong and where (field, file, id)")


_ERROR_MEANING = {
    400: "A parameter is malformed or inconsistent (unknown state code, a window that ends "
    "before it starts); the error names the parameter.",
    404: "No such document, actor or path.",
    422: "The request does not fit the schema or the scenario (wrong type, out of range, "
    "unknown actor, issue or model); the error names the field.",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error statuses an operation returns, all as ErrorOut.

    422 replaces FastAPI's default validation-error body: detente answers every
    error, validation included, with the same ``{"status", "error"}`` shape.
    """
    return {code: {"model": ErrorOut, "description": _ERROR_MEANING[code]} for code in codes}


def enum_query(values, description: str) -> dict[str, Any]:
    """``Query`` keywords documenting a closed set of values (checked by the route itself)."""
    return {"description": description, "json_schema_extra": {"enum": list(values)}}


DocumentOut = mirror(
    DocumentInfo,
    only=("doc_id", "name", "title", "published", "outlet", "author", "url", "n_chars"),
    types={"published": dt.date | None},
    name="DocumentOut",
)


class ActorOut(_Out):
    """An actor known to the store."""

    actor_id: str
    name: str
    type: str
    country: str | None = Field(
        None, description="ISO alpha-3 of its state (in an article: the state it served there)"
    )
    org: str | None = Field(
        None, description="In an article: the international body whose post it held there"
    )
    role: str | None = None
    n_docs: int | None = None
    n_mentions: int | None = None


class EventOut(_Out):
    """A PLOVER-coded event with its score and evidence sentence."""

    doc_id: str
    doc: str
    type: str
    mode: str | None = None
    date: str | None = None
    date_precision: str | None = Field(None, description="day, month or year: how precise date is")
    date_evidence: str | None = Field(
        None, description="The words date was read from (null: the publication's date or none)"
    )
    date_start: int | None = Field(None, description="Offset of those words in the text")
    date_end: int | None = Field(None, description="Offset one past those words")
    background: bool = Field(False, description="Told as background or history")
    cluster: str | None = Field(None, description="Key of the happening it reports")
    cluster_documents: int | None = Field(None, description="Articles reporting that happening")
    source_id: str | None = None
    source_name: str | None = None
    source_country: str | None = Field(None, description="State the source served in the article")
    source_org: str | None = Field(None, description="Body whose post the source held then")
    target_id: str | None = None
    target_name: str | None = None
    target_country: str | None = Field(None, description="State the target served in the article")
    target_org: str | None = Field(None, description="Body whose post the target held then")
    start: int
    end: int
    score: float | None = None
    evidence: str | None = Field(None, description="The sentence the event was coded from")


class QuoteOut(_Out):
    """A direct quotation."""

    doc_id: str
    doc: str
    speaker_id: str | None = None
    speaker_name: str | None = None
    start: int
    end: int
    text: str
    cue: str | None = None


class StanceOut(_Out):
    """An actor's stance on a scenario issue."""

    doc_id: str
    doc: str
    actor_id: str
    actor_name: str | None = None
    issue: str
    direction: int
    kind: str
    position: float | None = Field(default=None, description="Point on the issue's scale")
    relative_id: str | None = Field(
        default=None, description="Actor whose stated position this accepts or rejects"
    )
    cue: str | None = Field(default=None, description="The words that placed it")
    start: int
    end: int
    evidence: str | None = None


class HighlightOut(_Out):
    """A highlighted span of an article's text."""

    kind: str = Field(description="actor, event or quote")
    start: int
    end: int
    label: str
    ref: str | None = Field(None, description="Actor id (actor, quote) or event type")


class ArticleOut(_Out):
    """An article with its text and everything extracted from it."""

    document: DocumentOut
    text: str
    actors: list[ActorOut]
    events: list[EventOut]
    quotes: list[QuoteOut]
    stances: list[StanceOut]
    highlights: list[HighlightOut]


class ActorDyadOut(_Out):
    """A dyad an actor takes part in."""

    a: str
    b: str
    level: str
    n_events: int
    score_sum: float
    score_mean: float


class AppearanceOut(_Out):
    """An actor as one article has it: its role, state and international body at that date."""

    doc_id: str
    doc: str
    role: str | None = None
    country: str | None = None
    org: str | None = None


class ActorDetailOut(_Out):
    """One actor with the facts that involve it."""

    actor: ActorOut
    dyads: list[ActorDyadOut]
    documents: list[str]
    appearances: list[AppearanceOut] = Field(
        default_factory=list, description="Its role, state and body in each article"
    )
    events: list[EventOut]
    quotes: list[QuoteOut]
    stances: list[StanceOut]


class ReportOut(_Out):
    """One article's sentence reporting a happening."""

    doc_id: str
    doc: str
    start: int
    end: int
    date: str | None = None
    date_evidence: str | None = Field(None, description="The words its date was read from")
    sentence: str | None = None


class EvidenceOut(_Out):
    """One happening (or stance) behind a dyad or channel number, with all its reports."""

    doc_id: str
    doc: str
    start: int
    end: int
    type: str
    mode: str | None = None
    score: float
    source: str | None = None
    target: str | None = None
    sentence: str | None = None
    date: str | None = Field(None, description="Its own date (None: filed by publication date)")
    date_precision: str | None = Field(None, description="day, month or year")
    date_evidence: str | None = Field(None, description="The words date was read from")
    dated_by: str | None = Field(None, description="event or published")
    background: bool = False
    cluster: str | None = Field(None, description="Key of the happening (event cluster)")
    n_reports: int = 1
    n_documents: int = Field(1, description="Articles reporting it")
    reports: list[ReportOut] = []


_RESOLUTION = (
    "Period length of the row: the view's own (day, week, month) or, for events dated no "
    "finer than a month or year, month or year"
)


DyadPeriodOut = mirror(
    DyadPoint,
    exclude=("anchor",),
    types={
        "period": dt.date | None,
        "period_end": dt.date | None,
        "evidence": list[EvidenceOut],
    },
    required=("period",),
    name="DyadPeriodOut",
)


class ChannelOut(_Out):
    """State of one bilateral channel in one period."""

    channel: str
    name: str
    period: dt.date | None
    period_end: dt.date | None = None
    resolution: str | None = Field(None, description=_RESOLUTION)
    state: str
    score_mean: float
    n_evidence: int
    evidence: list[EvidenceOut]


class DyadOut(_Out):
    """Dyad index and channel states of a pair."""

    a: str
    b: str
    level: str
    freq: str
    directed: bool
    background: bool = Field(
        False, description="Whether happenings told as background are counted (off by default)"
    )
    periods: list[DyadPeriodOut]
    channels: list[ChannelOut]
    background_events: list[EvidenceOut] = Field(
        [], description="Happenings told as background; counted only when background=true"
    )


class DyadSummaryOut(_Out):
    """One dyad with events."""

    a: str
    b: str
    n_events: int = Field(description="Happenings (reports of one event count once)")
    n_reports: int | None = None
    score_sum: float
    score_mean: float


class TrianglePeriodOut(_Out):
    """Dittmer triangle of one period."""

    period: dt.date | None
    resolution: str | None = Field(None, description=_RESOLUTION)
    type: str
    label: str
    scores: dict[str, float | None]
    signs: dict[str, int]
    roles: dict[str, str | None]
    pivot: str | None = None
    carried: list[str]


class TriangleOverallOut(_Out):
    """Dittmer triangle over the whole corpus."""

    type: str
    label: str
    scores: dict[str, float]
    signs: dict[str, int]
    roles: dict[str, str]
    pivot: str | None = None


class TriangleOut(_Out):
    """A strategic triangle overall and per period."""

    states: list[str]
    freq: str
    background: bool = Field(
        False, description="Whether happenings told as background are counted (off by default)"
    )
    overall: TriangleOverallOut
    periods: list[TrianglePeriodOut]


ToneOut = mirror(ToneCell, name="ToneOut")


class VoiceOut(_Out):
    """How often an outlet quotes a speaker."""

    outlet: str
    speaker_id: str | None = None
    speaker_name: str
    speaker_for: str | None = Field(
        None, description="State or international body the speaker served in the quoting articles"
    )
    n_quotes: int
    share: float


FramingOut = mirror(
    FramingView,
    only=("tone", "voices"),
    types={"tone": list[ToneOut], "voices": list[VoiceOut]},
    name="FramingOut",
)


ScenarioActorOut = mirror(ActorInput, exclude=("why",), name="ScenarioActorOut")


ScenarioIssueOut = mirror(
    IssueInput,
    exclude=("marks",),
    defaults={"low_label": "", "high_label": ""},
    name="ScenarioIssueOut",
)


class PositionOut(_Out):
    """One actor's input on one issue."""

    actor: str
    issue: str
    position: float | None
    salience: float
    capability: float


class ScenarioOut(_Out):
    """The scenario the dashboard forecasts."""

    path: str
    name: str
    description: str
    actors: list[ScenarioActorOut]
    issues: list[ScenarioIssueOut]
    positions: list[PositionOut]
    whatifs: list[str] = Field(description="Ids of the what-ifs the scenario file declares")
    models: list[str] = Field(description="Registered model names")


class ForecastOut(_Out):
    """One model's forecast of the scenario."""

    model: str
    params: dict[str, Any]
    seed: int | None = None
    scenario: str
    issues: list[dict[str, Any]]


MarkOut = mirror(ScaleMark, name="MarkOut")


class CellOut(_Out):
    """One model's forecast of one issue as the comparison shows it."""

    model: str
    value: float | None = Field(description="The number shown")
    basis: str = Field(description="'point' (stated inputs) or 'median' (of the Monte Carlo runs)")
    point: float | None = Field(description="The model's outcome at the stated inputs")
    p05: float | None = None
    median: float | None = None
    p95: float | None = None
    mark: MarkOut | None = Field(description="The scale mark the number lies nearest to")
    flag: str | None = Field(None, description="'no deal' or 'outside band', if so")


IssueComparisonOut = mirror(
    IssueComparison, types={"cells": list[CellOut]}, name="IssueComparisonOut"
)


ModelLineOut = mirror(ModelLine, types={"params": dict[str, str]}, name="ModelLineOut")


ComparisonOut = mirror(
    Comparison,
    exclude=("results",),
    types={"models": list[ModelLineOut], "issues": list[IssueComparisonOut]},
    name="ComparisonOut",
)


def _model_names() -> list[str]:

    return list(MODELS)


class ChangeIn(BaseModel):
    """Set one actor's position, salience and/or clout on one issue."""

    model_config = ConfigDict(extra="forbid")

    actor: str = Field(min_length=1, max_length=128, description="Actor id of the scenario")
    issue: str = Field(min_length=1, max_length=128, description="Issue id of the scenario")
    position: float | None = Field(
        None,
        allow_inf_nan=False,
        ge=-1e9,
        le=1e9,
        strict=True,
        description="New position, on the issue's scale",
    )
    salience: float | None = Field(None, ge=0, le=1, allow_inf_nan=False, strict=True)
    clout: float | None = Field(None, ge=0, le=1e9, allow_inf_nan=False, strict=True)


class WhatIfIn(BaseModel):
    """A what-if to run against the scenario's baseline."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(
        "compromise", description="A registered model", json_schema_extra={"enum": _model_names()}
    )
    name: str = Field("custom what-if", max_length=200)
    drop: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(
        default_factory=list, max_length=200, description="Actor ids removed from the table"
    )
    set: list[ChangeIn] = Field(default_factory=list, max_length=500, description="Changed inputs")


class WhatIfRowOut(_Out):
    """One issue of a what-if result."""

    issue: str
    baseline: float | None
    outcome: float | None
    delta: float | None


class WhatIfOut(_Out):
    """Result of a what-if."""

    model: str
    name: str
    drop: list[str]
    set: list[ChangeIn]
    rows: list[WhatIfRowOut]


class TrackPointOut(_Out):
    """One model's forecast of an issue as of one run."""

    as_of: dt.date
    outcome: float


class TrackMoveOut(_Out):
    """A sentence whose stance entered a run (an article that moved the forecast)."""

    as_of: dt.date
    actor: str
    position: float | None = None
    doc: str
    sentence: str | None = None


TrackOutcomeOut = mirror(
    TrackOutcome, types={"date": dt.date}, defaults={"note": ""}, name="TrackOutcomeOut"
)


TrackIssueOut = mirror(
    TrackIssue,
    exclude=("low", "high"),
    types={
        "series": dict[str, list[TrackPointOut]],
        "outcomes": list[TrackOutcomeOut],
        "moves": list[TrackMoveOut],
    },
    name="TrackIssueOut",
)


class BacktestRowOut(_Out):
    """Mean absolute error of one model (or naive baseline) per horizon band."""

    model: str
    baseline: bool
    mae: dict[str, float | None]
    n: dict[str, int]


class TrackOut(_Out):
    """The newest stored track of the app's scenario, with its backtest."""

    track_id: int
    scenario: str
    every: str
    seed: int
    runs: list[dict[str, Any]]
    issues: list[TrackIssueOut]
    backtest: list[BacktestRowOut] | None = None
