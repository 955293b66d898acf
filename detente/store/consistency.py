"""One bad fact never costs its document: extractions are checked fact by fact before storing.

Why: an extraction comes from many rule-based components, and any of them may one
day emit a fact that does not fit its document: an event whose target is not among
the document's actors, a span past the end of the text, a field longer than its
column. Rejecting the whole document for that loses an article and every good fact
in it. Instead each fact is checked against the document's text and the actors the
store knows; a fact that can be mended keeps its core (a quote whose speaker is
unknown stays, without a speaker; an over-long optional field is cleared) and a
fact that cannot is dropped alone. Every change is described in one line, which the
ingest report shows, so nothing is changed silently.

What is checked, per record type:

- spans (every :class:`~detente.evidence.Evidence`): same document, ``0 <= start
  <= end <= len(text)``;
- actor references: known to the document or already in the store;
- required text fields (event type, stance issue, actor id): non-empty strings
  that fit their column; optional ones (mode, date, location, trigger, cue, role,
  country, org) are cleared when they do not fit;
- sentences: unique indices; reference times: ISO dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

from detente.evidence import Evidence
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    ReferenceRecord,
    SentenceRecord,
    StanceRecord,
)
from detente.store.tables import (
    ActorRow,
    DocumentActorRow,
    EventRow,
    QuoteRow,
    ReferenceClueRow,
    StanceRow,
)

Warn = Callable[[str], None]


def _limit(table, column: str) -> int | None:
    return getattr(table.__table__.c[column].type, "length", None)


def _fits(value: Any, table, column: str) -> bool:
    """A non-empty string within the column's length."""
    limit = _limit(table, column)
    return isinstance(value, str) and bool(value.strip()) and (limit is None or len(value) <= limit)


def _optional(value: Any, table, column: str, what: str, warn: Warn) -> Any:
    """``value`` when it fits the optional column, else None (with a note)."""
    if value is None or _fits(value, table, column):
        return value
    shown = repr(value)[:60]
    warn(f"{what}: cleared {column} {shown} (not a string of at most {_limit(table, column)})")
    return None


class Checker:
    """Checks the facts of one extraction against one document's text and known actors.

    Args:
        doc_id: Content hash of the document.
        text: The document's text, which every span must lie within.
        warn: Called with one line per repaired or dropped fact.
    """

    def __init__(self, doc_id: str, text: str, warn: Warn) -> None:
        self.doc_id = doc_id
        self.n_chars = len(text)
        self.warn = warn

    # -- building blocks ---------------------------------------------------------------

    def span_problem(self, ev: Any) -> str | None:
        """Why ``ev`` is not a span of this document, or None."""
        if not isinstance(ev, Evidence):
            return f"evidence is {type(ev).__name__}, not a span"
        if ev.doc_id != self.doc_id:
            return f"evidence points to document {str(ev.doc_id)[:12]}"
        return self.offsets_problem(ev.start, ev.end)

    def offsets_problem(self, start: Any, end: Any) -> str | None:
        """Why ``[start, end)`` is not a span of the text, or None."""
        ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
        if not ints or not 0 <= start <= end <= self.n_chars:
            return f"span [{start}, {end}) is outside the text ({self.n_chars} characters)"
        return None

    def _where(self, what: str, ev: Any) -> str:
        if isinstance(ev, Evidence | SentenceRecord):
            return f"{what} at [{ev.start}, {ev.end})"
        return what

    def _drop(self, what: str, ev: Any, why: str) -> None:
        self.warn(f"dropped {self._where(what, ev)}: {why}")

    # -- records -------------------------------------------------------------------------

    def actors(self, records: Iterable[ActorRecord]) -> list[ActorRecord]:
        """Actor records with a usable id; other fields cleared or defaulted when they misfit."""
        out: dict[str, ActorRecord] = {}
        for rec in records:
            if not _fits(rec.actor_id, ActorRow, "actor_id"):
                self.warn(f"dropped actor {str(rec.actor_id)[:60]!r}: not a usable actor id")
                continue
            what = f"actor {rec.actor_id!r}"
            name = rec.name if _fits(rec.name, ActorRow, "name") else rec.actor_id
            if name != rec.name:
                self.warn(f"{what}: name {str(rec.name)[:60]!r} replaced by its id")
            kind = rec.type if _fits(rec.type, ActorRow, "type") else "organization"
            if kind != rec.type:
                self.warn(f"{what}: type {str(rec.type)[:60]!r} replaced by 'organization'")
            out[rec.actor_id] = dataclasses.replace(
                rec,
                name=name,
                type=kind,
                country=_optional(rec.country, ActorRow, "country", what, self.warn),
                role=_optional(rec.role, ActorRow, "role", what, self.warn),
                org=_optional(rec.org, DocumentActorRow, "org", what, self.warn),
            )
        return list(out.values())

    def sentences(self, records: Iterable[SentenceRecord]) -> list[SentenceRecord]:
        """Sentences with a span inside the text and an index not seen before."""
        seen: set[int] = set()
        out = []
        for rec in records:
            why = self.offsets_problem(rec.start, rec.end)
            if why is None and (not isinstance(rec.index, int) or rec.index in seen):
                why = f"index {rec.index!r} is not a new integer"
            if why:
                self._drop(f"sentence {rec.index}", rec, why)
                continue
            seen.add(rec.index)
            out.append(rec)
        return out

    def mentions(self, records: Iterable[MentionRecord], known: set[str]) -> list[MentionRecord]:
        """Mentions of known actors with a span inside the text."""
        out = []
        for rec in records:
            why = self.span_problem(rec.evidence) or _unknown(rec.actor_id, known, "actor")
            if why:
                self._drop("mention", rec.evidence, why)
            else:
                out.append(rec if isinstance(rec.text, str) else dataclasses.replace(rec, text=""))
        return out

    def events(self, records: Iterable[EventRecord], known: set[str]) -> list[EventRecord]:
        """Events with a valid type, known (or no) actors and a span; optional fields mended."""
        out = []
        for rec in records:
            what = f"{rec.type} event" if isinstance(rec.type, str) else "event"
            why = (
                self.span_problem(rec.evidence)
                or (None if _fits(rec.type, EventRow, "type") else f"type {rec.type!r} is invalid")
                or _unknown(rec.source_id, known, "source", optional=True)
                or _unknown(rec.target_id, known, "target", optional=True)
            )
            if why:
                self._drop(what, rec.evidence, why)
                continue
            where = self._where(what, rec.evidence)
            date = _optional(rec.date, EventRow, "date", where, self.warn)
            date_evidence = getattr(rec, "date_evidence", None)
            if date_evidence is not None and self.span_problem(date_evidence):
                self.warn(f"{where}: cleared date_evidence, {self.span_problem(date_evidence)}")
                rec = dataclasses.replace(rec, date_evidence=None)
            out.append(
                dataclasses.replace(
                    rec,
                    mode=_optional(rec.mode, EventRow, "mode", where, self.warn),
                    date=date,
                    location=_optional(rec.location, EventRow, "location", where, self.warn),
                    trigger=_optional(rec.trigger, EventRow, "trigger", where, self.warn),
                )
            )
        return out

    def quotes(self, records: Iterable[QuoteRecord], known: set[str]) -> list[QuoteRecord]:
        """Quotes with a span; an unknown speaker is cleared (the quote stays, unattributed)."""
        out = []
        for rec in records:
            why = self.span_problem(rec.evidence) or (
                None if isinstance(rec.text, str) else "its text is not a string"
            )
            if why:
                self._drop("quote", rec.evidence, why)
                continue
            where = self._where("quote", rec.evidence)
            speaker = rec.speaker_id
            if _unknown(speaker, known, "speaker", optional=True):
                self.warn(f"{where}: cleared speaker {speaker!r}, not among the document's actors")
                speaker = None
            cue = _optional(rec.cue, QuoteRow, "cue", where, self.warn)
            out.append(dataclasses.replace(rec, speaker_id=speaker, cue=cue))
        return out

    def stances(self, records: Iterable[StanceRecord], known: set[str]) -> list[StanceRecord]:
        """Stances of known actors on a named issue, with a direction of -1, 0 or +1.

        A position that is not a finite number, a relative actor the document does not
        know and a cue that is not text are cleared (the stance stays).
        """
        out = []
        for rec in records:
            why = (
                self.span_problem(rec.evidence)
                or _unknown(rec.actor_id, known, "actor")
                or (None if _fits(rec.issue, StanceRow, "issue") else f"issue {rec.issue!r}")
                or (None if rec.direction in (-1, 0, 1) else f"direction {rec.direction!r}")
                or (None if _fits(rec.kind, StanceRow, "kind") else f"kind {rec.kind!r}")
            )
            if why:
                self._drop("stance", rec.evidence, why)
                continue
            where = self._where("stance", rec.evidence)
            position, relative, cue = rec.position, rec.relative_to, rec.cue
            if position is not None and not (
                isinstance(position, int | float) and math.isfinite(position)
            ):
                self.warn(f"{where}: cleared position {position!r} (not a finite number)")
                position = None
            if _unknown(relative, known, "relative", optional=True):
                self.warn(
                    f"{where}: cleared relative_to {relative!r}, not among the document's actors"
                )
                relative = None
            if not isinstance(cue, str):
                self.warn(f"{where}: cleared cue {str(cue)[:60]!r} (not text)")
                cue = ""
            out.append(dataclasses.replace(rec, position=position, relative_to=relative, cue=cue))
        return out

    def reference(self, rec: ReferenceRecord | None) -> ReferenceRecord | None:
        """The inferred reference time when its dates are ISO days; clues checked one by one."""
        if rec is None:
            return None
        if _day(rec.earliest) is None or _day(rec.latest) is None:
            self.warn(f"dropped reference time {rec.earliest!r}..{rec.latest!r}: not ISO dates")
            return None
        clues = []
        for clue in rec.clues:
            why = self.span_problem(clue.evidence)
            if why is None and _day(clue.event_date) is None:
                why = f"event date {clue.event_date!r} is not an ISO date"
            if why is None and not _fits(clue.event_id, ReferenceClueRow, "event_id"):
                why = f"event id {clue.event_id!r} is invalid"
            if why:
                self._drop("reference clue", clue.evidence, why)
            else:
                clues.append(clue)
        return dataclasses.replace(rec, clues=tuple(clues))


def _unknown(actor_id: Any, known: set[str], role: str, *, optional: bool = False) -> str | None:
    """Why ``actor_id`` cannot be stored as ``role``, or None."""
    if actor_id is None and optional:
        return None
    if actor_id in known:
        return None
    return f"{role} {actor_id!r} is not among the document's actors"


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def referenced_actors(extraction: DocumentExtraction) -> set[str]:
    """Every actor id a fact of ``extraction`` names (mentions, events, quotes, stances)."""
    ids: set[Any] = {m.actor_id for m in extraction.mentions}
    ids |= {e.source_id for e in extraction.events} | {e.target_id for e in extraction.events}
    ids |= {q.speaker_id for q in extraction.quotes} | {st.actor_id for st in extraction.stances}
    ids |= {st.relative_to for st in extraction.stances}
    return {x for x in ids if isinstance(x, str) and x}


def checked(
    extraction: DocumentExtraction,
    text: str,
    known: set[str],
    actors: list[ActorRecord],
    warn: Warn,
) -> DocumentExtraction:
    """``extraction`` with every fact that does not fit repaired or dropped (see the module).

    Args:
        extraction: As the pipeline produced it (its ``doc_id`` already checked).
        text: The document's text.
        known: Actor ids a fact may name: the document's actors and those the store has.
        actors: The document's actor records, already checked by :meth:`Checker.actors`.
        warn: Called with one line per change.
    """
    check = Checker(extraction.doc_id, text, warn)
    return DocumentExtraction(
        doc_id=extraction.doc_id,
        sentences=check.sentences(extraction.sentences),
        actors=actors,
        mentions=check.mentions(extraction.mentions, known),
        events=check.events(extraction.events, known),
        quotes=check.quotes(extraction.quotes, known),
        stances=check.stances(extraction.stances, known),
        reference=check.reference(extraction.reference),
    )
