"""The corpus part of the report: documents, actors, events and quotes as the store holds them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from detente.relations import score_events, score_table
from detente.relations.periods import event_times


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One stored article with its bookkeeping and fact counts."""

    doc_id: str
    """Content hash of the cleaned text."""
    name: str
    """File name it was ingested from."""
    anchor: str
    """HTML id of the document's section (``doc-<hash prefix>``)."""
    title: str | None
    """Headline, if known."""
    outlet: str | None
    """Publishing outlet, if known."""
    author: str | None
    """By-line, if known."""
    published: str | None
    """Publication date (ISO), if known."""
    date_convention: str | None
    """How the date was read (``iso``, ``day-first`` ...), shown beside it."""
    url: str | None
    """Original address, shown as text only (the report never links to the network)."""
    n_chars: int
    """Length of the cleaned text."""
    n_sentences: int
    """Sentences stored for it."""
    n_actors: int
    """Distinct actors mentioned."""
    n_events: int
    """Events coded."""
    n_quotes: int
    """Quotations attributed."""
    text: str
    """The cleaned text, shown folded so evidence can be read in context."""
    reference: str | None = None
    """For an undated document, the inferred days it was written ("2025-02-18 to 2025-02-23")."""
    reference_clues: tuple[tuple[str, str, str], ...] = ()
    """What they rest on: (phrase, calendar event, its date) for each distinct match."""


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """An actor found in the corpus."""

    actor_id: str
    """Canonical id from the actor dictionary."""
    name: str
    """Canonical name."""
    type: str | None
    """Actor type (``country``, ``person``, ``organization`` ...)."""
    country: str | None
    """Country code, if any."""
    role: str | None
    """Role or title, if known."""
    n_mentions: int
    """Mentions over the corpus."""
    n_docs: int
    """Documents that mention it."""


@dataclass(frozen=True, slots=True)
class EventInfo:
    """A coded event with the sentence it was read from."""

    type: str
    """PLOVER event type."""
    mode: str | None
    """PLOVER mode, if coded."""
    source: str | None
    """Name of the acting actor."""
    target: str | None
    """Name of the actor acted upon."""
    date: str | None
    """Date of the event, if resolved."""
    location: str | None
    """Where it happened, if known."""
    doc_name: str
    """Document it comes from."""
    doc_anchor: str
    """HTML id of that document's section."""
    evidence: str
    """The evidence sentence."""
    anchor: str = ""
    """HTML id of the event's row (``event-<n>``) that timeline and index points link to."""
    source_id: str | None = None
    """Canonical id of the acting actor."""
    target_id: str | None = None
    """Canonical id of the actor acted upon."""
    source_country: str | None = None
    """Country code of the acting actor (its state, for roll-up to state dyads)."""
    target_country: str | None = None
    """Country code of the actor acted upon."""
    score: float | None = None
    """PLOVER conflict-cooperation score (-10 .. +10), see :mod:`detente.relations.scores`."""
    quad: str | None = None
    """PLOVER quad (``verbal_cooperation``, ``material_conflict`` ...)."""
    when: str | None = None
    """First day the relations stage files the event under: its own date, else the article's."""
    date_precision: str | None = None
    """How precisely ``when`` is known: ``day``, ``month`` or ``year`` (None: undated)."""
    date_evidence: str | None = None
    """The words ``date`` was read from ("on Tuesday", "in mid-February"); None when the
    event has no date of its own or it is the publication's."""
    dated_by: str | None = None
    """What ``when`` rests on: ``event`` (its own date) or ``published`` (the article's)."""
    background: bool = False
    """The article tells it as background or history; left out of the relations views."""
    cluster: str | None = None
    """Key of the happening it reports (the store's event cluster)."""
    cluster_documents: int = 1
    """Articles reporting that happening (its sources)."""
    cluster_reports: int = 1
    """Sentences reporting that happening."""
    cluster_first: bool = True
    """Whether this row stands for its happening (the first of its cluster in the table)."""


@dataclass(frozen=True, slots=True)
class QuoteInfo:
    """An attributed quotation."""

    speaker: str | None
    """Speaker's canonical name; None when unattributed."""
    text: str
    """The quoted words."""
    cue: str | None
    """Reporting verb lemma."""
    doc_name: str
    """Document it comes from."""
    doc_anchor: str
    """HTML id of that document's section."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the store holds."""

    store: str
    """Store URL, password hidden."""
    documents: tuple[DocumentInfo, ...]
    """Documents by name."""
    actors: tuple[ActorInfo, ...]
    """Actors, most mentioned first."""
    events: tuple[EventInfo, ...]
    """Events by document and position."""
    quotes: tuple[QuoteInfo, ...]
    """Quotations by document and position."""


def doc_anchor(doc_id: str) -> str:
    """HTML id of a document's section: ``doc-`` and the first 16 hex digits of its hash."""
    return f"doc-{doc_id[:16]}"


def _opt(value: Any) -> Any:
    """None for missing values (None, NaN, NaT), the value otherwise."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def plain_cell(value: Any) -> Any:
    """A table cell as a plain Python value (numpy scalars unwrapped, missing -> None)."""
    value = _opt(value)
    return value.item() if isinstance(value, np.generic) else value


def cell_text(value: Any) -> str | None:
    """A table cell as text: dates as ISO days, missing -> None."""
    value = _opt(value)
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def event_anchor(k: int) -> str:
    """HTML id of the ``k``-th event (0-based) of the events sorted by document and offset."""
    return f"event-{k + 1}"


def event_facts(events: pd.DataFrame) -> tuple[list, list, pd.DataFrame]:
    """Score, quad and filing time of each row of ``Store.events()``, via the relations stage.

    The time is the one :func:`detente.relations.event_times` files the event under
    (own date at its precision, else publication), so timeline and dyad index agree.
    """
    if events.empty:
        return [], [], event_times(events)
    known = plover_rows(events)
    scores = pd.Series(np.nan, index=events.index, dtype=float)
    scores.loc[known] = score_events(events.loc[known])
    quad_of = score_table().drop_duplicates("type").set_index("type")["quad"]
    quads = events["type"].astype(str).str.upper().map(quad_of).tolist()
    return [None if math.isnan(v) else v for v in scores], quads, event_times(events)


def plover_rows(events: pd.DataFrame) -> pd.Series:
    """Mask of the events whose type is one of PLOVER's (only those can be scored).

    The store accepts any type string; an event coded outside PLOVER (an older rule,
    a hand-made store) is shown in the Events table without a score and left out of
    the relations charts rather than failing the whole report.
    """
    types = set(score_table()["type"])
    return events["type"].astype(str).str.upper().isin(types)


def _counts(frame: pd.DataFrame, *, distinct: str | None = None) -> dict[str, int]:
    if frame.empty:
        return {}
    grouped = frame.groupby("doc_id")
    series = grouped[distinct].nunique() if distinct else grouped.size()
    return {str(k): int(v) for k, v in series.items()}


def _reference_span(earliest, latest) -> str | None:
    first, last = cell_text(earliest), cell_text(latest)
    if first is None:
        return None
    return first if first == last else f"{first} to {last}"


def gather_corpus(store) -> Corpus:
    """The corpus part of the report: documents with counts, actors, events, quotes."""
    docs = store.documents()
    events, quotes = store.events(), store.quotes()
    n_sent = _counts(store.sentences())
    n_act = _counts(store.doc_actors(), distinct="actor_id")
    n_ev, n_q = _counts(events), _counts(quotes)
    clues: dict[str, dict[tuple[str, str, str], None]] = {}
    for c in store.reference_clues().itertuples(index=False):
        clues.setdefault(c.doc_id, {})[(c.text, c.title, cell_text(c.event_date))] = None
    documents = tuple(
        DocumentInfo(
            doc_id=r.doc_id,
            name=r.name,
            anchor=doc_anchor(r.doc_id),
            title=cell_text(r.title),
            outlet=cell_text(r.outlet),
            author=cell_text(r.author),
            published=cell_text(r.published),
            date_convention=cell_text(r.date_convention),
            url=cell_text(r.url),
            n_chars=int(r.n_chars),
            n_sentences=n_sent.get(r.doc_id, 0),
            n_actors=n_act.get(r.doc_id, 0),
            n_events=n_ev.get(r.doc_id, 0),
            n_quotes=n_q.get(r.doc_id, 0),
            text=store.document(r.doc_id).text,
            reference=_reference_span(r.reference_earliest, r.reference_latest),
            reference_clues=tuple(clues.get(r.doc_id, ())),
        )
        for r in docs.sort_values("name").itertuples(index=False)
    )
    actors_frame = store.actors().sort_values(["n_mentions", "name"], ascending=[False, True])
    actors = tuple(
        ActorInfo(
            actor_id=r.actor_id,
            name=r.name,
            type=cell_text(r.type),
            country=cell_text(r.country),
            role=cell_text(r.role),
            n_mentions=int(r.n_mentions),
            n_docs=int(r.n_docs),
        )
        for r in actors_frame.itertuples(index=False)
    )
    events = events.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
    scores, quads, times = event_facts(events)
    cluster_of = events["cluster"] if "cluster" in events else pd.Series(None, events.index)
    first_of_cluster = ~cluster_of.duplicated() | cluster_of.isna()
    event_rows = tuple(
        EventInfo(
            type=r.type,
            mode=cell_text(r.mode),
            source=cell_text(r.source_name),
            target=cell_text(r.target_name),
            date=cell_text(r.date),
            location=cell_text(r.location),
            doc_name=r.doc,
            doc_anchor=doc_anchor(r.doc_id),
            evidence=str(r.evidence),
            anchor=event_anchor(k),
            source_id=cell_text(r.source_id),
            target_id=cell_text(r.target_id),
            source_country=cell_text(r.source_country),
            target_country=cell_text(r.target_country),
            score=scores[k],
            quad=cell_text(quads[k]),
            when=cell_text(times["when"].iloc[k]),
            date_precision=cell_text(times["precision"].iloc[k]),
            date_evidence=cell_text(getattr(r, "date_evidence", None)),
            dated_by=cell_text(times["dated_by"].iloc[k]),
            background=bool(_opt(getattr(r, "background", False)) or False),
            cluster=cell_text(getattr(r, "cluster", None)),
            cluster_documents=int(_opt(getattr(r, "cluster_documents", None)) or 1),
            cluster_reports=int(_opt(getattr(r, "cluster_reports", None)) or 1),
            cluster_first=bool(first_of_cluster.iloc[k]),
        )
        for k, r in enumerate(events.itertuples(index=False))
    )
    quote_rows = tuple(
        QuoteInfo(
            speaker=cell_text(r.speaker_name),
            text=str(r.text),
            cue=cell_text(r.cue),
            doc_name=r.doc,
            doc_anchor=doc_anchor(r.doc_id),
        )
        for r in quotes.sort_values(["doc", "start"]).itertuples(index=False)
    )
    return Corpus(
        store=store.url, documents=documents, actors=actors, events=event_rows, quotes=quote_rows
    )
