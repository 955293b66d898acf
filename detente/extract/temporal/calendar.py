"""A calendar of dated diplomatic events: the reference points of undated articles.

Why: a news article that states no publication date still says "the talks in
Riyadh on Tuesday" or "last week's call with Putin". Once such a phrase is tied
to an event whose date is known (the US–Russia talks in Riyadh, 18 February
2025), the article's own "now" is pinned down to a few days and every other
relative date in it can be resolved (see
:mod:`detente.extract.temporal.reference_time`). The events are package data
(``detente/extract/data/calendar.json``), like the actor dictionary: a user may
load another file with :meth:`Calendar.load`.

>>> from detente.extract.temporal.calendar import Calendar
>>> cal = Calendar.load()
>>> [e.title for e in cal.events if e.first.isoformat() == "2025-02-18"]
['US–Russia talks in Riyadh']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from detente.errors import InputError

_FIELDS = frozenset({"id", "date", "end", "kind", "parties", "places", "title", "note"})


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One dated event of the negotiation track."""

    id: str
    """Stable key, ``<date>.<slug>``."""
    first: date
    """Its (first) day."""
    last: date
    """Its last day (= ``first`` for one-day events)."""
    kind: str
    """``meeting``, ``call``, ``vote``, ``election``, ... (a key of :attr:`Calendar.cues`)."""
    parties: frozenset[str]
    """Actor ids taking part: ISO alpha-3 states or dictionary ids (``org.nato``)."""
    places: tuple[str, ...]
    """Place names that identify it ("Riyadh", "the Kremlin"); empty for calls."""
    title: str
    """What it was, for people reading the evidence."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """The events, and the words that name each kind of event."""

    events: tuple[CalendarEvent, ...]
    """Every event, in date order."""
    cues: dict[str, tuple[str, ...]]
    """Kind -> words naming it in text ("talks", "summit" for ``meeting``)."""

    @classmethod
    def load(cls, path: Path | str | None = None) -> Calendar:
        """Read a calendar file; the packaged one when ``path`` is None (cached)."""
        if path is None:
            return _packaged()
        path = Path(path)
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise InputError(path, f"cannot read calendar ({exc.strerror})") from exc
        return parse_calendar(path, text)

    def cue_pattern(self, kind: str) -> re.Pattern[str]:
        """A case-insensitive whole-word pattern for the cue words of ``kind``."""
        return _cue_pattern(self.cues[kind])


@lru_cache(maxsize=1)
def _packaged() -> Calendar:
    source = resources.files("detente.extract").joinpath("data/calendar.json")
    return parse_calendar("detente/extract/data/calendar.json", source.read_text("utf-8"))


@lru_cache(maxsize=64)
def _cue_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


def _day(path: Path | str, where: str, value: object) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(path, f"{where}: not an ISO date: {value!r}") from exc


def parse_calendar(path: Path | str, text: str) -> Calendar:
    """Validate a calendar file's text; every problem names the file and the event."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: invalid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise InputError(path, "expected an object with an 'events' list")
    cues = data.get("cues")
    if not isinstance(cues, dict) or not all(
        isinstance(v, list) and v and all(isinstance(w, str) for w in v) for v in cues.values()
    ):
        raise InputError(path, "expected 'cues': {kind: [words, ...]}")
    events, seen = [], set()
    for i, raw in enumerate(data["events"]):
        where = f"events[{i}]"
        if not isinstance(raw, dict):
            raise InputError(path, f"{where}: expected an object")
        extra = set(raw) - _FIELDS
        missing = {"id", "date", "kind", "parties", "title"} - set(raw)
        if extra:
            raise InputError(path, f"{where}: unknown fields {sorted(extra)}")
        if missing:
            raise InputError(path, f"{where}: missing fields {sorted(missing)}")
        where = f"event {raw['id']!r}"
        if raw["id"] in seen:
            raise InputError(path, f"{where}: duplicate id")
        seen.add(raw["id"])
        if raw["kind"] not in cues:
            raise InputError(path, f"{where}: kind {raw['kind']!r} has no cues")
        first = _day(path, where, raw["date"])
        last = _day(path, where, raw.get("end") or raw["date"])
        if last < first:
            raise InputError(path, f"{where}: end {last} before date {first}")
        events.append(
            CalendarEvent(
                id=raw["id"],
                first=first,
                last=last,
                kind=raw["kind"],
                parties=frozenset(raw["parties"]),
                places=tuple(raw.get("places") or ()),
                title=raw["title"],
            )
        )
    events.sort(key=lambda e: (e.first, e.id))
    return Calendar(tuple(events), {k: tuple(v) for k, v in cues.items()})
