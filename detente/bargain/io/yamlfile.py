"""detente's own scenario format (YAML), validated with pydantic at the edge.

Layout (``scenarios/ukraine-2025.yaml`` is a full example)::

    name: Ukraine settlement talks, 2025          # required
    description: ...                              # optional
    as_of: 2025-02-19                             # optional; kept on ScenarioFile.as_of
    actors:                                       # required, ids unique
      - {id: usa, name: United States, clout: 100, why: "..."}
    issues:                                       # required, ids unique
      - id: territory
        name: Territorial control
        scale: [0, 100]                           # optional, default [0, 100]
        low: "words for the low end"              # optional
        high: "words for the high end"            # optional
        marks: {25: "...", 50: "..."}             # optional, on the scale
        status_quo: 60                            # optional, on the scale
        keywords: [...]                           # optional: how stance extraction reads
        cues: {100: [...], 50: [...]}             #   sentences (see detente.issues)
        about: [UKR]                              #
    positions:                                    # one entry per (actor, issue) at most
      - actor: usa
        issue: territory
        position: 70                              # on the scale (may be omitted with a range)
        salience: 0.6                             # in [0, 1]
        clout: 90                                 # optional per-issue capability override
        position_sd: 10                           # optional; OR position_range: [60, 80]
        salience_sd: 0.1                          # optional
        evidence: [{doc: 002_x.txt, quote: "a few words"}]   # at least one locator
        note: "analyst's reasoning"               # optional; kept on ScenarioFile.notes
    uncertainty: {position_sd: 5, salience_sd: 0.05, clout_sd: 0.1}  # optional defaults
    whatifs:                                      # optional; see detente.bargain.analysis.whatif
      - {id: no-ukr, name: ..., drop: [ukr], set: [...], add: [...], link: [[a, b]]}
    outcomes:                                     # optional: what was observed, for backtests
      - issue: territory
        date: 2025-11-25                          # when the issue stood there
        position: 50                              # on the scale
        evidence: [{doc: 119_x.txt, quote: "a few words"}]   # at least one locator
        note: "..."                               # optional

An actor without a position on an issue has none there (NaN, no weight).
Global ``uncertainty`` fills every sd a position does not give; ``clout_sd`` is
relative to the capability. Unknown keys inside entries are errors (typos are
caught); unknown top-level keys are ignored. Every error is one line
``file:line: actor 'x', issue 'y': field: problem``; line numbers come from
the YAML node tree, so the analyst lands on the entry.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from detente.bargain.analysis.whatif import (
    NewActor,
    NewPosition,
    PositionChange,
    WhatIf,
    apply_whatif,
)
from detente.bargain.io.files import ScenarioFile, fail, read_text
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, ObservedOutcome, Scenario
from detente.errors import ScenarioError
from detente.issues import Finite, IssueIn, issue_from_input
from detente.yamlsource import YamlSyntaxError, line_of, load

_short = reprlib.Repr()
"""Shortened ``repr`` of a bad value in an error line (a value may be huge)."""
_short.maxlevel, _short.maxlist, _short.maxdict, _short.maxstring = 2, 4, 4, 60


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorIn(_Strict):
    """An ``actors:`` entry."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    clout: float = Field(ge=0, allow_inf_nan=False)
    why: str = ""


class LocatorIn(_Strict):
    """One ``evidence:`` locator."""

    doc: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class PositionIn(_Strict):
    """A ``positions:`` entry: one actor on one issue."""

    actor: str
    issue: str
    position: float | None = Field(default=None, allow_inf_nan=False)
    salience: float = Field(ge=0, le=1, allow_inf_nan=False)
    clout: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    position_sd: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    position_range: tuple[Finite, Finite] | None = None
    salience_sd: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    evidence: list[LocatorIn] = Field(min_length=1)
    note: str = ""


class OutcomeIn(_Strict):
    """An ``outcomes:`` entry: where an issue stood on a date, with the evidence."""

    issue: str
    date: dt.date
    position: float = Field(allow_inf_nan=False)
    evidence: list[LocatorIn] = Field(min_length=1)
    note: str = ""


class UncertaintyIn(_Strict):
    """Global default uncertainty (``clout_sd`` is relative to the clout)."""

    position_sd: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    salience_sd: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    clout_sd: float = Field(default=0.0, ge=0, allow_inf_nan=False)


class SetIn(_Strict):
    """A what-if ``set:`` entry."""

    actor: str
    issue: str
    position: float | None = Field(default=None, allow_inf_nan=False)
    salience: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False)
    clout: float | None = Field(default=None, ge=0, allow_inf_nan=False)


class NewPositionIn(_Strict):
    """A position of an actor added by a what-if."""

    position: float = Field(allow_inf_nan=False)
    salience: float = Field(ge=0, le=1, allow_inf_nan=False)
    clout: float | None = Field(default=None, ge=0, allow_inf_nan=False)


class AddIn(_Strict):
    """A what-if ``add:`` entry."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    clout: float = Field(ge=0, allow_inf_nan=False)
    positions: dict[str, NewPositionIn] = Field(default_factory=dict)


class WhatIfIn(_Strict):
    """A ``whatifs:`` entry."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    drop: list[str] = Field(default_factory=list)
    set: list[SetIn] = Field(default_factory=list)
    add: list[AddIn] = Field(default_factory=list)
    link: list[list[str]] = Field(default_factory=list)


class ScenarioIn(BaseModel):
    """The whole file; unknown top-level keys are ignored, for forward compatibility."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(min_length=1)
    description: str = ""
    as_of: dt.date | str | None = None
    actors: list[ActorIn] = Field(min_length=1)
    issues: list[IssueIn] = Field(min_length=1)
    positions: list[PositionIn] = Field(min_length=1)
    uncertainty: UncertaintyIn = Field(default_factory=UncertaintyIn)
    whatifs: list[WhatIfIn] = Field(default_factory=list)
    outcomes: list[OutcomeIn] = Field(default_factory=list)


_line = line_of


def _label(raw: Any, loc: tuple[Any, ...]) -> str:
    """Human name of the entry at ``loc[:2]``: ``actor 'usa'``, ``actor 'usa', issue 'x'``."""
    if len(loc) < 2 or not isinstance(raw, dict) or not isinstance(loc[1], int):
        return ""
    items = raw.get(loc[0])
    if not isinstance(items, list) or loc[1] >= len(items) or not isinstance(items[loc[1]], dict):
        return f"{loc[0]}[{loc[1]}]"
    item = items[loc[1]]
    if loc[0] == "positions":
        return f"actor {item.get('actor')!r}, issue {item.get('issue')!r}"
    if loc[0] == "outcomes":
        return f"outcome of issue {item.get('issue')!r} on {item.get('date')}"
    kind = {"actors": "actor", "issues": "issue", "whatifs": "what-if"}.get(loc[0], loc[0])
    return f"{kind} {item.get('id', loc[1])!r}"


def _parse(path: Path) -> tuple[ScenarioIn, Any, yaml.Node | None]:
    text = read_text(path)
    try:
        raw, root = load(text)
    except YamlSyntaxError as err:
        raise fail(path, err.line, f"invalid YAML: {err.problem}") from None
    if not isinstance(raw, dict):
        raise fail(
            path, 1, "a scenario file must be a YAML mapping with name, actors, issues, positions"
        )
    try:
        return ScenarioIn.model_validate(raw), raw, root
    except ValidationError as err:
        e = err.errors()[0]
        loc = tuple(e["loc"])
        label = _label(raw, loc)
        inner = [str(x) for x in loc[2:]] if label else [str(x) for x in loc]
        field_name = ".".join(inner) or str(loc[0] if loc else "file")
        got = "" if e["type"] == "missing" else f" (got {_short.repr(e.get('input'))})"
        where = f"{label}: " if label else ""
        raise fail(path, _line(root, loc), f"{where}{field_name}: {e['msg']}{got}") from None


def read_yaml(path: str | Path) -> ScenarioFile:
    """Read a detente YAML scenario; every problem raises ScenarioError naming ``file:line``.

    Args:
        path: The ``.yaml`` / ``.yml`` file.

    Returns:
        The scenario with its evidence locators, what-ifs and notes.
    """
    path = Path(path)
    doc, raw, root = _parse(path)
    actors = tuple(
        ActorSpec(id=a.id, name=a.name, clout=a.clout, description=a.why) for a in doc.actors
    )
    issues = tuple(_issue(path, root, k, i) for k, i in enumerate(doc.issues))
    for kind, ids in (("actor", [a.id for a in actors]), ("issue", [i.id for i in issues])):
        for k, x in enumerate(ids):
            if x in ids[:k]:
                raise fail(path, _line(root, (kind + "s", k)), f"duplicate {kind} id {x!r}")
    n, m = len(actors), len(issues)
    a_idx = {a.id: k for k, a in enumerate(actors)}
    i_idx = {i.id: k for k, i in enumerate(issues)}
    unc = doc.uncertainty
    pos, sal = np.full((n, m), np.nan), np.zeros((n, m))
    cap = np.array([[a.clout] * m for a in actors], dtype=float)
    pos_sd, sal_sd = np.zeros((n, m)), np.zeros((n, m))
    prange = np.full((n, m, 2), np.nan)
    evidence: dict[tuple[str, str], tuple[Locator, ...]] = {}
    notes: dict[tuple[str, str], str] = {}
    for k, p in enumerate(doc.positions):
        line = _line(root, ("positions", k))
        where = f"actor {p.actor!r}, issue {p.issue!r}"
        if p.actor not in a_idx:
            raise fail(
                path,
                _line(root, ("positions", k, "actor")),
                f"{where}: unknown actor {p.actor!r}; actors are {', '.join(a_idx)}",
            )
        if p.issue not in i_idx:
            raise fail(
                path,
                _line(root, ("positions", k, "issue")),
                f"{where}: unknown issue {p.issue!r}; issues are {', '.join(i_idx)}",
            )
        i, j = a_idx[p.actor], i_idx[p.issue]
        if (p.actor, p.issue) in evidence:
            raise fail(path, line, f"{where}: given twice")
        lo, hi = issues[j].low, issues[j].high
        x = p.position
        if p.position_range is not None:
            r_lo, r_hi = p.position_range
            if p.position_sd is not None:
                raise fail(path, line, f"{where}: give position_sd or position_range, not both")
            if not lo <= r_lo <= r_hi <= hi:
                raise fail(
                    path,
                    _line(root, ("positions", k, "position_range")),
                    f"{where}: position_range [{r_lo:g}, {r_hi:g}] must be ordered and "
                    f"within the scale [{lo:g}, {hi:g}]",
                )
            prange[i, j] = (r_lo, r_hi)
            x = (r_lo + r_hi) / 2 if x is None else x
        if x is None:
            raise fail(path, line, f"{where}: position: Field required")
        if not lo <= x <= hi:
            raise fail(
                path,
                _line(root, ("positions", k, "position")),
                f"{where}: position {x:g} is off the scale [{lo:g}, {hi:g}]",
            )
        pos[i, j], sal[i, j] = x, p.salience
        if p.clout is not None:
            cap[i, j] = p.clout
        pos_sd[i, j] = unc.position_sd if p.position_sd is None else p.position_sd
        sal_sd[i, j] = unc.salience_sd if p.salience_sd is None else p.salience_sd
        evidence[(p.actor, p.issue)] = tuple(Locator(doc=e.doc, quote=e.quote) for e in p.evidence)
        if p.note:
            notes[(p.actor, p.issue)] = p.note
    for k, a in enumerate(actors):
        if not np.any(cap[k] > 0):
            raise fail(
                path, _line(root, ("actors", k)), f"actor {a.id!r} has no clout (0 on every issue)"
            )
    try:
        scenario = Scenario(
            name=doc.name,
            description=doc.description,
            actors=actors,
            issues=issues,
            positions=pos,
            salience=sal,
            capability=cap,
            evidence=evidence,
            position_sd=pos_sd,
            salience_sd=sal_sd,
            capability_sd=unc.clout_sd * cap,
            position_range=prange,
        )
    except ScenarioError as err:
        raise fail(path, None, str(err)) from None
    whatif_ids = [w.id for w in doc.whatifs]
    for k, x in enumerate(whatif_ids):
        if x in whatif_ids[:k]:
            raise fail(path, _line(root, ("whatifs", k)), f"duplicate what-if id {x!r}")
    whatifs = tuple(_whatif(path, root, k, w, scenario) for k, w in enumerate(doc.whatifs))
    outcomes = tuple(_outcome(path, root, k, o, scenario) for k, o in enumerate(doc.outcomes))
    as_of = doc.as_of.isoformat() if isinstance(doc.as_of, dt.date) else doc.as_of
    return ScenarioFile(
        scenario=scenario,
        whatifs=whatifs,
        format="yaml",
        path=str(path),
        notes=notes,
        as_of=as_of,
        outcomes=outcomes,
    )


def _outcome(
    path: Path, root: yaml.Node | None, k: int, o: OutcomeIn, scenario: Scenario
) -> ObservedOutcome:
    where = f"outcome of issue {o.issue!r} on {o.date}"
    if o.issue not in scenario.issue_ids:
        raise fail(
            path,
            _line(root, ("outcomes", k, "issue")),
            f"{where}: unknown issue {o.issue!r}; issues are {', '.join(scenario.issue_ids)}",
        )
    issue = scenario.issues[scenario.issue_index(o.issue)]
    if not issue.low <= o.position <= issue.high:
        raise fail(
            path,
            _line(root, ("outcomes", k, "position")),
            f"{where}: position {o.position:g} is off the scale [{issue.low:g}, {issue.high:g}]",
        )
    return ObservedOutcome(
        issue=o.issue,
        date=o.date.isoformat(),
        position=o.position,
        evidence=tuple(Locator(doc=e.doc, quote=e.quote) for e in o.evidence),
        note=o.note,
    )


def _issue(path: Path, root: yaml.Node | None, k: int, i: IssueIn) -> IssueSpec:
    try:
        return issue_from_input(i)
    except ValueError as exc:
        raise fail(path, _line(root, ("issues", k)), f"issue {i.id!r}: {exc}") from None


def _whatif(path: Path, root: yaml.Node | None, k: int, w: WhatIfIn, scenario: Scenario) -> WhatIf:
    variant = WhatIf(
        id=w.id,
        name=w.name,
        drop=tuple(w.drop),
        set=tuple(
            PositionChange(
                actor=s.actor,
                issue=s.issue,
                position=s.position,
                salience=s.salience,
                clout=s.clout,
            )
            for s in w.set
        ),
        add=tuple(
            NewActor(
                id=a.id,
                name=a.name,
                clout=a.clout,
                positions=tuple(
                    NewPosition(issue=iss, position=p.position, salience=p.salience, clout=p.clout)
                    for iss, p in a.positions.items()
                ),
            )
            for a in w.add
        ),
        link=tuple(tuple(g) for g in w.link),
        description=w.description,
    )
    try:
        apply_whatif(scenario, variant)
    except ScenarioError as err:
        raise fail(path, _line(root, ("whatifs", k)), str(err)) from None
    return variant
