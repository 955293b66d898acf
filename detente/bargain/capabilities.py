"""Clout from public capability figures: the default capability of a drafted scenario.

A drafted scenario takes positions and saliences from what actors said; their clout
(capability) cannot come from words, so it comes from a table of public figures shipped
with detente (``detente/bargain/data/capabilities.yaml``: GDP from the World Bank and
military expenditure from SIPRI, both for 2023, each with its source), unless the
issues file gives an actor's clout. The rule and every figure are written into the
drafted file's ``why:`` line, so each clout traces to its sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from detente.errors import InputError

DATA_FILE = Path(__file__).with_name("data") / "capabilities.yaml"
"""The packaged capabilities table."""


@dataclass(frozen=True, slots=True)
class Measure:
    """One capability measure and where its figures come from."""

    id: str
    """Column key (``gdp``, ``milex``)."""
    name: str
    """What it measures, with its unit."""
    source: str
    """Publisher and series."""
    year: int
    """Year of the figures."""


@dataclass(frozen=True, slots=True)
class Capability:
    """One actor's figures."""

    id: str
    """Scenario actor id (``usa``, ``eu``)."""
    name: str
    """Display name."""
    values: tuple[tuple[str, float | None], ...]
    """(measure id, value or None when no figure exists)."""


@dataclass(frozen=True)
class CapabilityTable:
    """The measures, the actors' figures, and the clout rule over them."""

    measures: tuple[Measure, ...]
    """Measures in column order."""
    actors: tuple[Capability, ...]
    """Actors in file order."""
    source: str = ""
    """Where the table was read from."""

    def get(self, actor_id: str) -> Capability | None:
        """The actor's figures, or None when the table does not list it."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def clout(self, actor_id: str) -> tuple[float, str] | None:
        """Clout of an actor (0–100) and the sentence saying how it was computed.

        100 × the mean over the measures of the square root of the actor's share of
        the largest value; a missing figure counts 0. None when the actor is not listed.
        """
        row = self.get(actor_id)
        if row is None:
            return None
        largest = {
            m.id: max((v for a in self.actors for k, v in a.values if k == m.id and v), default=0)
            for m in self.measures
        }
        values = dict(row.values)
        roots = [
            math.sqrt(values[m.id] / largest[m.id]) if values.get(m.id) and largest[m.id] else 0.0
            for m in self.measures
        ]
        clout = round(100 * sum(roots) / len(roots), 1)
        parts = [
            f"{m.name} {values[m.id]:g} ({m.source}, {m.year})"
            if values.get(m.id) is not None
            else f"{m.name}: none ({m.source}, {m.year})"
            for m in self.measures
        ]
        why = f"{'; '.join(parts)}. Clout = 100 x mean of sqrt(share of the largest) = {clout:g}."
        return clout, why


def parse_capabilities(raw: object, *, origin: str) -> CapabilityTable:
    """Validate a capabilities table (the shape of the packaged YAML).

    Raises:
        InputError: naming ``origin``, the entry and the problem.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("measures"), dict):
        raise InputError(origin, "a capabilities table has measures: and actors:")
    measures = []
    for key, m in raw["measures"].items():
        if not isinstance(m, dict) or not {"name", "source", "year"} <= set(m):
            raise InputError(origin, f"measure {key!r}: give name, source and year")
        measures.append(Measure(str(key), str(m["name"]), str(m["source"]), int(m["year"])))
    rows = []
    for k, a in enumerate(raw.get("actors") or []):
        if not isinstance(a, dict) or not a.get("id") or not a.get("name"):
            raise InputError(origin, f"actors[{k}]: give id and name")
        values = []
        for m in measures:
            v = a.get(m.id)
            if v is not None and (not isinstance(v, int | float) or v < 0 or not math.isfinite(v)):
                raise InputError(origin, f"actor {a['id']!r}: {m.id} must be a number >= 0")
            values.append((m.id, None if v is None else float(v)))
        rows.append(Capability(str(a["id"]), str(a["name"]), tuple(values)))
    if not measures or not rows:
        raise InputError(origin, "a capabilities table needs at least one measure and one actor")
    return CapabilityTable(tuple(measures), tuple(rows), origin)


@cache
def load_capabilities() -> CapabilityTable:
    """The packaged table, read once."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return parse_capabilities(raw, origin=str(DATA_FILE))


__all__ = ["Capability", "CapabilityTable", "Measure", "load_capabilities", "parse_capabilities"]
