"""Typed records the extraction stage produces for one document.

Every fact carries an :class:`~detente.evidence.Evidence` span into the cleaned
article text, so anything shown to a user can be traced back to its sentence.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from detente.evidence import Evidence


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A canonical actor seen in a document."""

    actor_id: str
    """Canonical id: ISO alpha-3 for a state (``USA``), ``org.nato``, ``person.rubio_marco`` ..."""
    name: str
    """Canonical display name (``Marco Rubio``)."""
    type: str
    """``person``, ``country`` or ``organization``."""
    country: str | None = None
    """ISO 3166-1 alpha-3 of the actor's state or affiliation."""
    role: str | None = None
    """Role held at the article's date (``Secretary of State``)."""
    org: str | None = None
    """For a person in a post of an international body at the article's date, that body
    (``org.nato`` for a NATO Secretary General; ``country`` is then None); else None."""


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One mention of an actor in the text."""

    actor_id: str
    """The actor referred to."""
    evidence: Evidence
    """Span of the mention's words."""
    text: str
    """The words as written (``the Kremlin``, ``Zelenskyy``)."""


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """A sentence of the cleaned text."""

    index: int
    """Position of the sentence in the document, from 0."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""


DATE_PRECISIONS = {10: "day", 7: "month", 4: "year"}
"""Precision of an ISO date string by its length (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``)."""


def date_precision(value: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date string of that form; None otherwise.

    Dates travel between stages as ISO strings whose form *is* their precision
    ("2025-02" is known only to the month), so every stage reads it the same way.
    """
    if not isinstance(value, str):
        return None
    return DATE_PRECISIONS.get(len(value.strip()))


def date_span(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO date, month or year; None for anything else."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day, day
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A reported real-world action coded in the PLOVER ontology."""

    type: str
    """One of the sixteen PLOVER event types (``CONSULT``, ``AGREE`` ...)."""
    source_id: str | None
    """Actor who acts."""
    target_id: str | None
    """Actor acted upon, if any."""
    evidence: Evidence
    """The sentence the event was coded from."""
    mode: str | None = None
    """PLOVER mode where clear (``phone`` for a call, ``visit`` ...)."""
    date: str | None = None
    """``YYYY-MM-DD`` or ``YYYY-MM`` resolved against the publication date, or None."""
    location: str | None = None
    """Place where it happened, as named in the text."""
    trigger: str | None = None
    """The word that triggered the coding (``met``, ``agreed``)."""
    background: bool = False
    """Whether the text tells it as background or history ("in 2014", "for three years",
    "during the Cold War") rather than as news of the article's time; set by the
    ``detente_background`` component. Such events stay in the event list but the
    relations stage leaves them out of its current-period views unless asked."""
    date_evidence: Evidence | None = None
    """The words ``date`` was read from: a date expression of the event's sentence, or of
    the earlier happening it refers back to; None when it is the publication month."""


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A direct quotation attributed to a speaker."""

    speaker_id: str | None
    """Canonical actor id of the speaker, or None when no speaker could be found."""
    evidence: Evidence
    """Span of the quoted words (inside the quote marks)."""
    text: str
    """The quoted words."""
    cue: str | None = None
    """Reporting verb lemma that attributed it (``say``, ``tell``)."""


@dataclass(frozen=True, slots=True)
class StanceRecord:
    """An actor's stated position on a negotiation issue: where on its scale, and why."""

    actor_id: str
    """Who states it."""
    issue: str
    """Issue id of the issue vocabulary (``territory``, ``nato``; :mod:`detente.issues`)."""
    direction: int
    """+1 above the centre of the issue's scale, -1 below it, 0 at the centre or unknown."""
    evidence: Evidence
    """The sentence that states it."""
    kind: str = "state"
    """``state``, ``demand``, ``propose``, ``accept`` or ``reject``."""
    position: float | None = None
    """Point on the issue's scale the statement names (mirrored for a rejection); None for
    a stance relative to another actor's position that the sentence does not place."""
    relative_to: str | None = None
    """The actor whose stated position this accepts, rejects or proposes (then ``position``
    is None and the drafted scenario places it against that actor's position)."""
    cue: str = ""
    """The words that placed it (the cue phrases, or the position noun of a relative stance)."""


@dataclass(frozen=True, slots=True)
class ReferenceClue:
    """A relative date phrase tied to a dated calendar event ("on Tuesday" = the Riyadh talks)."""

    event_id: str
    """Id of the calendar event (``detente/extract/data/calendar.json``)."""
    title: str
    """What the event was."""
    event_date: str
    """Its (first) day, ``YYYY-MM-DD``."""
    evidence: Evidence
    """Span of the date phrase."""


@dataclass(frozen=True, slots=True)
class ReferenceRecord:
    """The inferred "now" of an article without a publication date.

    Relative dates of such an article ("last week") are resolved against every
    day from ``earliest`` to ``latest`` and keep what those readings agree on.
    """

    earliest: str
    """First day the article may have been written, ``YYYY-MM-DD``."""
    latest: str
    """Last such day."""
    days: int
    """How many candidate days (fewer than the span when the candidates are not contiguous)."""
    clues: tuple[ReferenceClue, ...] = ()
    """The calendar matches it rests on."""


@dataclass(slots=True)
class DocumentExtraction:
    """Everything extracted from one document."""

    doc_id: str
    """Content hash of the document (``Article.content_hash``)."""
    sentences: list[SentenceRecord] = field(default_factory=list)
    """Sentence boundaries."""
    actors: list[ActorRecord] = field(default_factory=list)
    """Distinct actors in the document."""
    mentions: list[MentionRecord] = field(default_factory=list)
    """Every resolved actor mention."""
    events: list[EventRecord] = field(default_factory=list)
    """PLOVER events, one per real-world action."""
    quotes: list[QuoteRecord] = field(default_factory=list)
    """Direct quotations with speakers."""
    stances: list[StanceRecord] = field(default_factory=list)
    """Issue stances, when issues were given."""
    reference: ReferenceRecord | None = None
    """The inferred reference time when the article states no publication date."""
