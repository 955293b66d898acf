"""The PLOVER event ontology: the sixteen event types, their modes and scores.

PLOVER (Political Language Ontology for Verifiable Event Records) is the Open
Event Data Alliance's successor to CAMEO. detente codes every event with one of
its sixteen types and, where the text makes it clear, one of the type's modes.
The data ships as ``detente/extract/data/plover.json``, derived from
``PLOVER_MANUAL.tex`` "DRAFT Version: 2.0" (openeventdata/PLOVER, commit
5e0c24fb, 2024-02-04) under CC BY-SA 4.0; the attribution travels in the file.

The conflict–cooperation score (−10 … +10) is PLOVER's analogue of the
Goldstein scale. A mode's own score is used when the manual gives one, else the
type's. One correction to the manual is applied and documented in the data: the
mode-less ``ACCUSE`` score is printed as +3, which contradicts every ACCUSE mode
(−2 … −3.5) and its "verbal conflict" quad, so −3 is used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from detente.errors import InputError

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Package data folder of the extraction stage."""

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
"""PLOVER's four quad classes, in the order of their codes 1–4."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type."""

    name: str
    """Upper-case type name (``CONSULT``)."""
    quad: str
    """One of :data:`QUADS`."""
    quad_code: int
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    requires_recipient: bool
    """Whether the manual requires a recipient (target) for the type."""
    score: float
    """Conflict–cooperation score of the type without a mode (−10 … +10)."""
    modes: Mapping[str, float | None]
    """Mode name → its own score, or None where the manual gives no score."""


@dataclass(frozen=True, slots=True)
class Ontology:
    """The PLOVER types, looked up by name."""

    types: Mapping[str, EventType]
    """Type name → :class:`EventType`, in the manual's order."""
    attribution: str
    """Source and licence line to show wherever the data is redistributed."""

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def get(self, name: str) -> EventType:
        """The type called ``name``.

        Raises:
            KeyError: naming the unknown type and the valid ones.
        """
        try:
            return self.types[name]
        except KeyError:
            raise KeyError(
                f"unknown PLOVER type {name!r}; expected one of {', '.join(self.types)}"
            ) from None

    def is_mode(self, type_name: str, mode: str | None) -> bool:
        """Whether ``mode`` is None or one of ``type_name``'s modes."""
        return mode is None or mode in self.get(type_name).modes

    def score(self, type_name: str, mode: str | None = None) -> float:
        """Conflict–cooperation score of a type, refined by its mode when the mode has one.

        Args:
            type_name: a PLOVER type, e.g. ``"CONSULT"``.
            mode: one of the type's modes (``"phone"``) or None.

        Raises:
            KeyError: for an unknown type or a mode the type does not have.
        """
        etype = self.get(type_name)
        if mode is None:
            return etype.score
        if mode not in etype.modes:
            raise KeyError(
                f"PLOVER type {type_name} has no mode {mode!r}; modes: {', '.join(etype.modes)}"
            )
        own = etype.modes[mode]
        return etype.score if own is None else own

    def quad(self, type_name: str) -> str:
        """The quad class of a type (``verbal_cooperation`` ...)."""
        return self.get(type_name).quad


def parse_ontology(data: dict, *, origin: str = "plover.json") -> Ontology:
    """Build an :class:`Ontology` from the JSON layout of ``plover.json``.

    Raises:
        InputError: naming ``origin`` and the entry at fault.
    """
    try:
        rows = data["event_types"]
    except (KeyError, TypeError):
        raise InputError(origin, "missing the 'event_types' list") from None
    types: dict[str, EventType] = {}
    for i, row in enumerate(rows):
        try:
            etype = EventType(
                name=str(row["name"]),
                quad=str(row["quad"]),
                quad_code=int(row["quad_code"]),
                requires_recipient=bool(row["requires_recipient"]),
                score=float(row["score"]),
                modes=MappingProxyType(
                    {
                        str(m): (None if s is None else float(s))
                        for m, s in row.get("modes", {}).items()
                    }
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(origin, f"event_types[{i}]: bad or missing field ({exc})") from None
        if etype.quad not in QUADS or QUADS.index(etype.quad) + 1 != etype.quad_code:
            raise InputError(
                origin,
                f"event_types[{i}] ({etype.name}): quad {etype.quad!r} / code {etype.quad_code}",
            )
        if not -10.0 <= etype.score <= 10.0:
            raise InputError(
                origin, f"event_types[{i}] ({etype.name}): score {etype.score} outside [-10, 10]"
            )
        types[etype.name] = etype
    return Ontology(types=MappingProxyType(types), attribution=str(data.get("attribution", "")))


@cache
def load_ontology() -> Ontology:
    """The PLOVER ontology shipped with detente (read once, then cached)."""
    text = (DATA_DIR / "plover.json").read_text(encoding="utf-8")
    return parse_ontology(json.loads(text))


@cache
def reciprocal_types() -> frozenset[str]:
    """Types whose two sides act on each other alike, as the shipped event lexicon lists them.

    Read from the package data rather than through the lexicon's loader, which needs spaCy,
    so that the store can cluster events without the NLP stack.
    """
    data = json.loads((DATA_DIR / "event_lexicon.json").read_text(encoding="utf-8"))
    return frozenset(data.get("reciprocal_types", ()))


def event_types() -> tuple[str, ...]:
    """The sixteen PLOVER type names, in the manual's order."""
    return tuple(load_ontology().types)
