"""The typed record the report is rendered from: everything shown, nothing computed later.

:func:`detente.report.data.gather` fills a :class:`ReportData` from the store and the
bargaining stage's public API; the renderer only formats it. Keeping every number in
one frozen record is what lets a reader trace each figure in the HTML back to either an
evidence sentence (corpus, scenario inputs) or a model's parameters and seed (forecasts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.forecasting import Comparison
from detente.report.relation_records import RelationsView
from detente.report.track_records import TrackView


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


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the HTML report shows."""

    title: str
    """Report title."""
    seed: int
    """Seed of every random draw in the report."""
    draws: int
    """Monte Carlo draws requested per model."""
    corpus: Corpus
    """The store's contents."""
    scenario: ScenarioView | None = None
    """The scenario part; None when no scenario was given."""
    relations: RelationsView | None = None
    """Dyads, network, channels, triangle and framing; None when not gathered."""
    tracking: TrackView | None = None
    """The scenario's newest stored track (forecast over time) and its backtest; None when
    the scenario was never tracked."""
    warnings: tuple[str, ...] = ()
    """Shown at the top: the corpus is empty, or scenario evidence does not resolve."""
