"""Records of the report's relations part: dyad index, network, channels, triangle, framing.

Filled by :func:`detente.report.relations_data.gather_relations` from the relations
stage's public functions; like :mod:`detente.report.records`, everything shown is in
here already computed, and every point carries the evidence sentences behind it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReportRef:
    """One article's sentence reporting a happening."""

    anchor: str | None
    """HTML id of the event's row in the Events table (None if not listed there)."""
    doc_name: str
    """Document it comes from."""
    doc_anchor: str
    """HTML id of that document's row."""
    sentence: str
    """The sentence."""


@dataclass(frozen=True, slots=True)
class EventRef:
    """One happening (or stance) cited as evidence for a point, cell or edge."""

    anchor: str | None
    """HTML id of the event's row in the Events table; None for a stance (not an event)."""
    doc_name: str
    """Document it comes from."""
    doc_anchor: str
    """HTML id of that document's row."""
    type: str
    """PLOVER type (``STANCE`` for a stance used as channel evidence)."""
    mode: str | None
    """PLOVER mode (or the stance kind), if any."""
    score: float
    """PLOVER score (stances count 0)."""
    source: str | None
    """Acting side (state code or actor id)."""
    target: str | None
    """Side acted upon."""
    sentence: str
    """The evidence sentence (of the first report)."""
    date: str | None = None
    """The happening's own date as its reports give it (None: filed by publication date)."""
    date_precision: str | None = None
    """``day``, ``month`` or ``year``: how precisely it is placed."""
    date_evidence: str | None = None
    """The words :attr:`date` was read from (of the first report), if any."""
    n_documents: int = 1
    """Articles reporting it."""
    reports: tuple[ReportRef, ...] = ()
    """Every sentence reporting it (the first is :attr:`sentence`)."""


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of a dyad's index."""

    anchor: str
    """HTML id of the point's evidence row."""
    period: str | None
    """Start of the period (ISO date); None for the undated period."""
    n_events: int
    """Happenings in the period (reports of one happening count once)."""
    score_sum: float
    """Sum of their scores: the index."""
    score_mean: float
    """Mean of their scores."""
    n_cooperative: int
    """Events scoring above 0."""
    n_conflictual: int
    """Events scoring below 0."""
    evidence: tuple[EventRef, ...]
    """The happenings behind the point."""
    period_end: str | None = None
    """Last day of the period (ISO)."""
    resolution: str | None = None
    """``day``, ``week``, ``month`` or ``year``: a month row in a weekly series holds the
    happenings dated only to that month."""
    n_reports: int = 0
    """Sentences reporting its happenings."""
    n_documents: int = 0
    """Articles reporting them."""


@dataclass(frozen=True, slots=True)
class DyadSeries:
    """A dyad's index over time, undirected or one direction."""

    label: str
    """Legend label (``USA – RUS`` or ``USA → RUS``)."""
    directed: bool
    """True when only events from the first side to the second count."""
    points: tuple[DyadPoint, ...]
    """Dated periods in time order."""
    undated: DyadPoint | None
    """Events with neither an own nor a publication date, listed apart; None if there are none."""


@dataclass(frozen=True, slots=True)
class DyadView:
    """One dyad with its series."""

    id: str
    """Lower-case id used in anchors (``usa-rus``)."""
    a: str
    """First side (state code at state level)."""
    b: str
    """Second side."""
    a_name: str
    """Display name of ``a``."""
    b_name: str
    """Display name of ``b``."""
    n_events: int
    """Events between them over the corpus."""
    score_sum: float
    """Sum of their scores."""
    score_mean: float
    """Mean of their scores."""
    series: tuple[DyadSeries, ...]
    """Undirected series first, then each direction that has events."""
    monthly: DyadSeries | None = None
    """The undirected index per calendar month (the month view), when the series is finer."""
    background: tuple[EventRef, ...] = ()
    """Happenings between them the articles tell as background, left out of the index."""


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """A state, organisation or other actor in the network."""

    id: str
    """State code, or the actor id of an actor without a state."""
    label: str
    """Display name."""
    kind: str
    """``state``, ``organization`` or ``other``."""
    n_events: int
    """Events on its edges."""
    x: float
    """Layout position in [0, 1]."""
    y: float
    """Layout position in [0, 1]."""


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """Events between two nodes, either direction."""

    a: str
    """First node id (sorted order)."""
    b: str
    """Second node id."""
    n_events: int
    """Number of events; the edge's width."""
    score_sum: float
    """Sum of their scores."""
    score_mean: float
    """Mean score; the edge's colour."""


@dataclass(frozen=True, slots=True)
class Network:
    """The actor network and how it was laid out."""

    nodes: tuple[NetworkNode, ...]
    """Nodes, most active first."""
    edges: tuple[NetworkEdge, ...]
    """Edges, most events first."""
    layout: str
    """How positions were computed (shown under the graph)."""
    left_out: int
    """Nodes not drawn because only the most active ones fit."""


@dataclass(frozen=True, slots=True)
class ChannelCell:
    """One channel in one period."""

    anchor: str
    """HTML id of the cell's evidence list."""
    period: str
    """Period label: its start (ISO), with the resolution when coarser than the table's
    (``2025-02-01 (month)``), or ``undated``."""
    state: str
    """``frozen``, ``thawing``, ``active`` or ``deteriorating``."""
    score_mean: float
    """Mean score of the evidence (stances count 0)."""
    evidence: tuple[EventRef, ...]
    """Sentences placing the dyad's dealings in the channel."""


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """One bilateral channel across the periods."""

    id: str
    """Channel id."""
    name: str
    """Display name."""
    cells: tuple[ChannelCell | None, ...]
    """One per period of the table (None where the channel has no evidence)."""


@dataclass(frozen=True, slots=True)
class ChannelsView:
    """Channel x period states of one dyad."""

    dyad: str
    """Dyad id (``usa-rus``)."""
    label: str
    """Display label of the dyad."""
    periods: tuple[str, ...]
    """Period labels (ISO start dates, ``undated`` last)."""
    rows: tuple[ChannelRow, ...]
    """Channels with evidence, in lexicon order."""


@dataclass(frozen=True, slots=True)
class TrianglePeriod:
    """Dittmer's triangle in one period (or over the whole corpus)."""

    period: str
    """Period label (as in :class:`ChannelCell`), ``undated`` or ``whole corpus``."""
    type: str
    """Triangle type id (``romantic_triangle`` ...)."""
    label: str
    """Display label of the type."""
    scores: tuple[float | None, ...]
    """Index sum of each pair (pairs as in :attr:`TriangleView.pairs`); None without events."""
    signs: tuple[int, ...]
    """Sign used for each pair (+1, -1, 0), carried forward where marked."""
    carried: tuple[bool, ...]
    """Whether each pair's sign was carried from an earlier period."""
    roles: tuple[str | None, ...]
    """Role of each state (as in :attr:`TriangleView.states`)."""


@dataclass(frozen=True, slots=True)
class TriangleView:
    """The strategic triangle of three states over time."""

    states: tuple[str, str, str]
    """The three states."""
    names: tuple[str, str, str]
    """Their display names."""
    pairs: tuple[tuple[int, int], ...]
    """Index pairs into ``states`` in the order of the scores and signs."""
    freq: str
    """Period length (``D``, ``W``, ``M``)."""
    periods: tuple[TrianglePeriod, ...]
    """Periods in time order, undated last."""
    overall: TrianglePeriod
    """The triangle over every event of the corpus."""


@dataclass(frozen=True, slots=True)
class ToneCell:
    """Tone of the sentences mentioning one actor in one outlet."""

    outlet: str
    """Outlet name."""
    actor_id: str
    """Actor id."""
    name: str
    """Actor name."""
    n_sentences: int
    """Sentences mentioning the actor."""
    tone_mean: float
    """Mean sentence tone in (-1, 1)."""
    n_positive: int
    """Sentences with a positive tone."""
    n_negative: int
    """Sentences with a negative tone."""


@dataclass(frozen=True, slots=True)
class VoiceRow:
    """How often an outlet quotes one speaker."""

    outlet: str
    """Outlet name."""
    speaker: str
    """Speaker's name (``(unattributed)`` when unknown)."""
    n_quotes: int
    """Quotations."""
    share: float
    """Share of the outlet's quotations, 0-1."""
    speaker_for: str | None = None
    """State or international body the speaker served in the quoting articles (``org.eu``)."""


@dataclass(frozen=True, slots=True)
class FramingView:
    """Outlet framing: tone toward actors and quoted voices."""

    outlets: tuple[str, ...]
    """Outlets in order."""
    actors: tuple[tuple[str, str], ...]
    """(actor id, name) of the actors shown, most mentioned first."""
    tone: tuple[ToneCell, ...]
    """Tone cells of those actors."""
    voices: tuple[VoiceRow, ...]
    """Quoted voices per outlet, most quoted first."""


@dataclass(frozen=True, slots=True)
class RelationsView:
    """Everything the relations sections show."""

    freq: str
    """Period length of the index charts and channel table (``D``, ``W``, ``M``)."""
    unscored: int
    """Events left out because their type is not a PLOVER type (shown unscored)."""
    dyads: tuple[DyadView, ...]
    """Most active dyads, US-Russia first when present."""
    other_dyads: tuple[tuple[str, str, int, float], ...]
    """Further dyads (a, b, events, mean score) listed without a chart."""
    network: Network
    """Actor network."""
    channels: tuple[ChannelsView, ...]
    """Channel tables of the leading dyads."""
    triangle: TriangleView | None
    """The strategic triangle; None when it cannot be formed."""
    framing: FramingView
    """Outlet framing."""
    n_background: int = 0
    """Happenings told as background, left out of the index, channels and triangle."""
    n_happenings: int = 0
    """Happenings the relations views count (reports of one happening count once)."""
    n_reports: int = 0
    """Event rows (reports) behind them."""
