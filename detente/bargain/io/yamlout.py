"""Write a scenario as detente YAML (the format :mod:`detente.bargain.io.yamlfile` reads).

Used for drafted scenarios: every entry keeps its evidence locators and a note
saying how its numbers were computed, and extra top-level sections (``left_out:``,
``draft:``) record what was left out and the drafting parameters. The reader ignores
unknown top-level keys, so a written file reads back as the same scenario
(``tests/bargain/test_draft.py`` checks the round trip).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import yaml

from detente.bargain.scenario import ObservedOutcome, Scenario
from detente.errors import InputError


def _num(value: float) -> float | int:
    value = float(value)
    return int(value) if math.isfinite(value) and value == int(value) else round(value, 4)


def scenario_dict(
    scenario: Scenario,
    *,
    as_of: str | None = None,
    notes: Mapping[tuple[str, str], str] | None = None,
    outcomes: tuple[ObservedOutcome, ...] = (),
    extra: Mapping[str, object] | None = None,
) -> dict:
    """The scenario as the plain mapping the YAML reader expects."""
    notes = notes or {}
    out: dict = {"name": scenario.name}
    if scenario.description:
        out["description"] = scenario.description
    if as_of:
        out["as_of"] = as_of
    out["actors"] = [
        {
            "id": a.id,
            "name": a.name,
            "clout": _num(a.clout),
            **({"why": a.description} if a.description else {}),
        }
        for a in scenario.actors
    ]
    issues = []
    for i in scenario.issues:
        item: dict = {"id": i.id, "name": i.name}
        if (i.low, i.high) != (0.0, 100.0):
            item["scale"] = [_num(i.low), _num(i.high)]
        if i.low_label:
            item["low"] = i.low_label
        if i.high_label:
            item["high"] = i.high_label
        if i.marks:
            item["marks"] = {_num(v): t for v, t in i.marks}
        if i.status_quo is not None:
            item["status_quo"] = _num(i.status_quo)
        issues.append(item)
    out["issues"] = issues
    positions = []
    for c, issue in enumerate(scenario.issues):
        for r, actor in enumerate(scenario.actors):
            if not scenario.present[r, c]:
                continue
            item = {
                "actor": actor.id,
                "issue": issue.id,
                "position": _num(scenario.positions[r, c]),
                "salience": _num(scenario.salience[r, c]),
            }
            if not np.isclose(scenario.capability[r, c], actor.clout):
                item["clout"] = _num(scenario.capability[r, c])
            if scenario.position_sd is not None and scenario.position_sd[r, c] > 0:
                item["position_sd"] = _num(scenario.position_sd[r, c])
            item["evidence"] = [
                {"doc": loc.doc, "quote": loc.quote}
                for loc in scenario.evidence.get((actor.id, issue.id), ())
            ]
            if (actor.id, issue.id) in notes:
                item["note"] = notes[(actor.id, issue.id)]
            positions.append(item)
    out["positions"] = positions
    if outcomes:
        out["outcomes"] = [
            {
                "issue": o.issue,
                "date": o.date,
                "position": _num(o.position),
                "evidence": [{"doc": e.doc, "quote": e.quote} for e in o.evidence],
                **({"note": o.note} if o.note else {}),
            }
            for o in outcomes
        ]
    out.update(extra or {})
    return out


def write_scenario_yaml(
    path: Path | str, scenario: Scenario, *, header: str = "", **kwargs
) -> Path:
    """Write ``scenario`` to ``path`` (keyword arguments as :func:`scenario_dict`).

    Raises:
        InputError: the file cannot be written.
    """
    path = Path(path)
    text = yaml.safe_dump(
        scenario_dict(scenario, **kwargs), sort_keys=False, allow_unicode=True, width=100
    )
    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(lines + text, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot write the scenario: {exc.strerror or exc}") from exc
    return path


__all__ = ["scenario_dict", "write_scenario_yaml"]
