"""The report's scenario part: inputs with resolved evidence, forecasts with bands, what-ifs."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from detente import forecasting
from detente.bargain import (
    ScenarioFile,
    WhatIf,
    get_model,
    load_scenario_file,
    seeded_params,
    whatif,
)
from detente.bargain.io.evidence import read_evidence, with_evidence
from detente.errors import DetenteError, NotFound
from detente.forecasting import LOOP_DRAWS, Comparison, ModelResult, ProgressHook
from detente.randomness import RandomStateLike, seed_of
from detente.report.views.corpus import cell_text, doc_anchor, plain_cell

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One scenario locator and the sentence it resolved to."""

    anchor: str
    """HTML id (``ev-<n>``) every input citing it links to."""
    doc: str
    """Document named by the locator."""
    quote: str
    """The locator's words."""
    sentence: str | None
    """Full sentence found; None when it did not resolve."""
    doc_anchor: str | None
    """HTML id of the document's section; None when the document is not stored."""
    doc_title: str | None
    """Title of the document, if stored and known."""
    problem: str | None
    """Why it did not resolve, or None."""
    match: tuple[int, int] | None = None
    """Span of the locator's words inside ``sentence``, highlighted in the report; None if
    they cannot be placed word for word."""


@dataclass(frozen=True, slots=True)
class ActorInput:
    """A scenario actor and why it has its clout."""

    id: str
    """Scenario actor id."""
    name: str
    """Display name."""
    clout: float
    """Default capability."""
    why: str
    """The analyst's justification of the clout."""


@dataclass(frozen=True, slots=True)
class IssueInput:
    """A scenario issue and what its scale means."""

    id: str
    """Issue id."""
    name: str
    """Display name."""
    low: float
    """Lower end of the scale."""
    high: float
    """Upper end of the scale."""
    low_label: str
    """Meaning of the lower end."""
    high_label: str
    """Meaning of the upper end."""
    marks: tuple[tuple[float, str], ...]
    """Intermediate marks (value, meaning)."""
    status_quo: float | None
    """Disagreement point, if given."""


@dataclass(frozen=True, slots=True)
class PositionInput:
    """One actor's stated position on one issue, with the evidence behind it."""

    actor: str
    """Actor id."""
    issue: str
    """Issue id."""
    position: float
    """Position on the issue's scale."""
    position_sd: float | None
    """Standard deviation used by the Monte Carlo draws (None or 0 when fixed)."""
    position_range: tuple[float, float] | None
    """(low, high) drawn uniformly instead of the sd, if given."""
    salience: float
    """Salience in [0, 1]."""
    salience_sd: float | None
    """Standard deviation of the salience, if any."""
    clout: float
    """Capability on this issue."""
    clout_override: bool
    """True when the clout differs from the actor's default (a per-issue override)."""
    evidence: tuple[str, ...]
    """Anchors of the :class:`EvidenceItem` records cited."""
    note: str
    """The analyst's reasoning."""


@dataclass(frozen=True, slots=True)
class ModelRun:
    """One model's forecast of the scenario, with its provenance and uncertainty band."""

    model: str
    """Registered model name."""
    params: dict[str, Any]
    """``get_params()`` of the fitted model."""
    seed: int | None
    """Seed of the model's own random draws, if it draws any."""
    outcomes: dict[str, float]
    """Forecast outcome per issue id."""
    mc_draws: int
    """Monte Carlo draws run (0 when none)."""
    mc_seed: int | None
    """Seed of the Monte Carlo input draws."""
    band: dict[str, tuple[float, float, float]]
    """Per issue: (5 %, median, 95 %) of the Monte Carlo outcomes; empty without draws."""
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Model-specific outcome columns (e.g. Nash's ``disagreement``): column -> issue -> value."""
    note: str | None = None
    """Why draws were reduced or skipped, if they were."""
    error: str | None = None
    """One-line reason the model could not forecast this scenario; outcomes are then empty."""
    meaning: str = ""
    """What the model's number is, in words (from the comparison)."""


@dataclass(frozen=True, slots=True)
class WhatIfVariant:
    """A declared what-if."""

    id: str
    """Variant id."""
    name: str
    """What it represents."""
    changes: tuple[str, ...]
    """Its steps in words (dropped actors, changed positions, links)."""


@dataclass(frozen=True, slots=True)
class WhatIfTable:
    """Baseline against every variant for one model."""

    model: str
    """Registered model name (parameters as in its :class:`ModelRun`)."""
    baseline: dict[str, float]
    """Baseline outcome per issue id."""
    outcomes: dict[str, dict[str, float]]
    """Variant id -> issue id -> outcome."""
    error: str | None = None
    """Why the what-ifs could not be run with this model, if so."""


@dataclass(frozen=True, slots=True)
class ScenarioView:
    """A scenario with its forecasts, what-ifs and resolved evidence."""

    name: str
    """Scenario title."""
    description: str
    """What it represents."""
    path: str
    """File it was read from."""
    as_of: str | None
    """Date the positions describe."""
    actors: tuple[ActorInput, ...]
    """Actors in row order."""
    issues: tuple[IssueInput, ...]
    """Issues in column order."""
    positions: tuple[PositionInput, ...]
    """Stated positions, issue by issue."""
    evidence: tuple[EvidenceItem, ...]
    """Every distinct locator, in order of first citation."""
    runs: tuple[ModelRun, ...]
    """One forecast per model."""
    variants: tuple[WhatIfVariant, ...]
    """Declared what-ifs."""
    whatifs: tuple[WhatIfTable, ...]
    """What-if results per model (empty without variants)."""
    comparison: Comparison | None = None
    """Issues x models with scale words and why they differ (what the CLI prints too)."""
    evidence_path: str | None = None
    """Evidence file whose locators replaced the scenario's, if one was given."""


def locate_words(sentence: str, quote: str) -> tuple[int, int] | None:
    """Span of ``quote``'s words in ``sentence``, ignoring case and anything between words.

    Only used to highlight a resolved locator; the store did the authoritative match,
    so a None here (e.g. a locator across odd punctuation) just means no highlight.
    """
    words = re.findall(r"\w+", quote)
    if not words:
        return None
    m = re.search(r"\W+".join(map(re.escape, words)), sentence, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _resolve_evidence(sf: ScenarioFile, store) -> tuple[tuple[EvidenceItem, ...], dict]:
    """Resolve every distinct locator once (issue by issue); map each locator to its anchor."""
    titles = {d.name: cell_text(d.title) for d in store.documents().itertuples()}
    anchors_of = {d.name: doc_anchor(d.doc_id) for d in store.documents().itertuples()}
    items: list[EvidenceItem] = []
    anchors: dict = {}
    s = sf.scenario
    for issue in s.issue_ids:
        for actor in s.actor_ids:
            for loc in s.evidence.get((actor, issue), ()):
                if loc in anchors:
                    continue
                anchors[loc] = anchor = f"ev-{len(items) + 1}"
                try:
                    hit = store.resolve(loc)
                except NotFound as exc:
                    item = EvidenceItem(
                        anchor=anchor,
                        doc=loc.doc,
                        quote=loc.quote,
                        sentence=None,
                        doc_anchor=anchors_of.get(loc.doc),
                        doc_title=titles.get(loc.doc),
                        problem=exc.one_line(),
                    )
                else:
                    item = EvidenceItem(
                        anchor=anchor,
                        doc=loc.doc,
                        quote=loc.quote,
                        sentence=hit.sentence,
                        doc_anchor=doc_anchor(hit.doc_id),
                        doc_title=titles.get(hit.doc_name),
                        problem=None,
                        match=locate_words(hit.sentence, loc.quote),
                    )
                items.append(item)
    return tuple(items), anchors


def _positions(sf: ScenarioFile, anchors: dict) -> tuple[PositionInput, ...]:
    s = sf.scenario
    rows = []
    for j, issue in enumerate(s.issues):
        for i, actor in enumerate(s.actors):
            if not s.present[i, j]:
                continue
            rng = None
            if s.position_range is not None and not np.isnan(s.position_range[i, j]).any():
                rng = (float(s.position_range[i, j, 0]), float(s.position_range[i, j, 1]))
            cap = float(s.capability[i, j])
            rows.append(
                PositionInput(
                    actor=actor.id,
                    issue=issue.id,
                    position=float(s.positions[i, j]),
                    position_sd=_sd(s.position_sd, i, j),
                    position_range=rng,
                    salience=float(s.salience[i, j]),
                    salience_sd=_sd(s.salience_sd, i, j),
                    clout=cap,
                    clout_override=not math.isclose(cap, actor.clout),
                    evidence=tuple(
                        anchors[loc] for loc in s.evidence.get((actor.id, issue.id), ())
                    ),
                    note=sf.notes.get((actor.id, issue.id), ""),
                )
            )
    return tuple(rows)


def _sd(arr: np.ndarray | None, i: int, j: int) -> float | None:
    if arr is None or not np.isfinite(arr[i, j]) or arr[i, j] <= 0:
        return None
    return float(arr[i, j])


def _model_run(r: ModelResult, comparison, seed: int) -> ModelRun:
    """The report's record of one run; its outcomes are the numbers the comparison shows."""
    if r.error is not None:
        log.warning("model %s failed: %s", r.model, r.error)
        return ModelRun(r.model, seeded_params(r.model, seed), None, {}, 0, None, {}, error=r.error)
    fc = r.forecast
    cells = {i.issue: i.cells for i in comparison.issues}
    shown = {issue: next(c for c in row if c.model == r.model) for issue, row in cells.items()}
    details = {
        str(col): {
            str(i): plain_cell(v)
            for i, v in zip(fc.outcomes["issue"], fc.outcomes[col], strict=True)
        }
        for col in fc.outcomes.columns
        if col not in ("issue", "outcome")
    }
    if any(c.basis == "median" for c in shown.values()):
        details = {f"one run (seed {fc.seed})": {i: c.point for i, c in shown.items()}, **details}
    band = {i: c.band for i, c in shown.items() if c.band is not None}
    n = r.mc.n_draws if r.mc is not None else 0
    return ModelRun(
        model=r.model,
        params=fc.params,
        seed=fc.seed,
        outcomes={i: float(c.value) for i, c in shown.items()},
        mc_draws=n,
        mc_seed=seed if n else None,
        band=band,
        details=details,
        note=r.note,
        meaning=next(m.meaning for m in comparison.models if m.model == r.model),
    )


def _describe(w: WhatIf) -> tuple[str, ...]:
    steps = [f"drop {', '.join(w.drop)}"] if w.drop else []
    steps += [f"add {a.name} ({a.id})" for a in w.add]
    for c in w.set:
        what = [
            f"{k} {v:g}"
            for k, v in (("position", c.position), ("salience", c.salience), ("clout", c.clout))
            if v is not None
        ]
        steps.append(f"set {c.actor} on {c.issue}: {', '.join(what)}")
    steps += [f"link {' + '.join(group)}" for group in w.link]
    return tuple(steps)


def _whatif_table(sf: ScenarioFile, name: str, seed: int) -> WhatIfTable:
    try:
        diff = whatif(sf.scenario, sf.whatifs, get_model(name, **seeded_params(name, seed)))
    except DetenteError as exc:
        return WhatIfTable(name, {}, {}, error=exc.one_line())
    baseline = {str(r.issue): float(r.baseline) for r in diff.itertuples(index=False)}
    outcomes: dict[str, dict[str, float]] = {}
    for r in diff.itertuples(index=False):
        outcomes.setdefault(str(r.variant), {})[str(r.issue)] = float(r.outcome)
    return WhatIfTable(name, baseline, outcomes)


def gather_scenario(
    store,
    scenario_path: Path | str,
    *,
    models: Sequence[str],
    draws: int,
    random_state: RandomStateLike = None,
    loop_draws: int = LOOP_DRAWS,
    evidence_path: Path | str | None = None,
    on_step: ProgressHook | None = None,
) -> ScenarioView:
    """The scenario part: inputs with resolved evidence, forecasts with bands, what-ifs.

    ``evidence_path`` names an evidence file whose locators replace the scenario's
    (:mod:`detente.bargain.io.evidence`). The forecasts and what-ifs all use the seed
    of ``random_state`` (:mod:`detente.randomness`).
    """
    seed = seed_of(random_state)
    sf = load_scenario_file(scenario_path)
    if evidence_path is not None:
        sf = with_evidence(sf, read_evidence(evidence_path, sf.scenario))
    s = sf.scenario
    evidence, anchors = _resolve_evidence(sf, store)
    comparison = forecasting.run_and_compare(
        s, models, draws=draws, random_state=seed, loop_draws=loop_draws, on_step=on_step
    )
    runs = tuple(_model_run(r, comparison, seed) for r in comparison.results)
    ok = [r.model for r in runs if r.error is None]
    if on_step and sf.whatifs:
        on_step("what-ifs")
    return ScenarioView(
        name=s.name,
        description=s.description,
        path=str(scenario_path),
        as_of=sf.as_of,
        actors=tuple(ActorInput(a.id, a.name, float(a.clout), a.description) for a in s.actors),
        issues=tuple(
            IssueInput(
                id=i.id,
                name=i.name,
                low=float(i.low),
                high=float(i.high),
                low_label=i.low_label,
                high_label=i.high_label,
                marks=tuple((float(v), str(t)) for v, t in i.marks),
                status_quo=i.status_quo,
            )
            for i in s.issues
        ),
        positions=_positions(sf, anchors),
        evidence=evidence,
        runs=runs,
        variants=tuple(WhatIfVariant(w.id, w.name, _describe(w)) for w in sf.whatifs),
        whatifs=tuple(_whatif_table(sf, name, seed) for name in ok) if sf.whatifs else (),
        comparison=comparison,
        evidence_path=None if evidence_path is None else str(evidence_path),
    )
