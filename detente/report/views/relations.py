"""The report's relations part: dyad index, network, channels, triangle, framing.

The records are filled from the relations stage's public functions (``dyad_summary``,
``dyad_index``, ``channel_states``, ``triangle``, ``triangle_overall``,
``tone_by_outlet``, ``quoted_voices``); this module selects what to show, ties each
piece of evidence to the event row it came from (so every point links into the
document) and lays out the actor network. The layout is a Fruchterman–Reingold
spring layout (Fruchterman & Reingold 1991, "Graph drawing by force-directed
placement", *Software: Practice and Experience* 21(11)) started from a circle
perturbed with the report's seed, so the same store and seed give the same picture.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detente.relations import (
    LABELS,
    background_events,
    channel_states,
    dyad_index,
    dyad_summary,
    happenings,
    quoted_voices,
    tone_by_outlet,
    triangle,
    triangle_overall,
)
from detente.relations.dyads import evidence_items, side
from detente.relations.periods import FREQS, period_key
from detente.report.views.corpus import EventInfo, doc_anchor, plover_rows

log = logging.getLogger(__name__)


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


LEAD_DYAD = ("RUS", "USA")
"""The dyad shown first when it has events (the negotiation the tool was built for)."""
TRIANGLE_STATES = ("USA", "RUS", "CHN")
"""Default states of the strategic triangle."""
MAX_DYADS = 6
"""Dyads charted; further ones are listed."""
MAX_LISTED = 20
"""Further dyads listed in a table."""
MAX_CHANNEL_DYADS = 2
"""Dyads whose channels are tabulated."""
MAX_NODES = 24
"""Nodes drawn in the network (most active first)."""
MAX_TONE_ACTORS = 12
"""Actors (columns) of the tone table."""
SPRING_ITERATIONS = 300
"""Iterations of the spring layout."""


def _name_map(actors: pd.DataFrame) -> dict[str, str]:
    return {str(r.actor_id): str(r.name) for r in actors.itertuples(index=False)}


def _key(value) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


class _EventAnchors:
    """Finds the event row (and its anchor) behind each evidence item of the relations stage."""

    def __init__(self, docs: pd.DataFrame) -> None:

        self._doc_anchor = doc_anchor
        self._names = {str(r.doc_id): str(r.name) for r in docs.itertuples(index=False)}
        self._by_key: dict[tuple, str] = {}

    def add_frame(self, frame: pd.DataFrame, events: Sequence[EventInfo]) -> None:
        """Register the anchors of ``frame`` (``Store.events()`` sorted as the Events table)."""
        for k, r in enumerate(frame[["doc_id", "start", "end", "type"]].itertuples(index=False)):
            self._by_key.setdefault((r.doc_id, int(r.start), int(r.end), r.type), events[k].anchor)

    def ref(self, item: dict) -> EventRef:
        """An :class:`EventRef` for one evidence dict of ``dyad_index`` / ``channel_states``."""
        key = (item["doc_id"], int(item["start"]), int(item["end"]), item["type"])
        anchor = None if item["type"] == "STANCE" else self._by_key.get(key)
        reports = tuple(
            ReportRef(
                anchor=None
                if item["type"] == "STANCE"
                else self._by_key.get((r["doc_id"], int(r["start"]), int(r["end"]), item["type"])),
                doc_name=str(r.get("doc") or self._names.get(r["doc_id"], "")),
                doc_anchor=self._doc_anchor(r["doc_id"]),
                sentence=str(r.get("sentence") or ""),
            )
            for r in _distinct_reports(item.get("reports") or ())
        )
        return EventRef(
            anchor=anchor,
            doc_name=str(item.get("doc") or self._names.get(item["doc_id"], "")),
            doc_anchor=self._doc_anchor(item["doc_id"]),
            type=str(item["type"]),
            mode=_key(item.get("mode")),
            score=float(item["score"]),
            source=_key(item.get("source")),
            target=_key(item.get("target")),
            sentence=str(item["sentence"] or ""),
            date=_key(item.get("date")),
            date_precision=_key(item.get("date_precision")),
            date_evidence=_key(item.get("date_evidence")),
            n_documents=int(item.get("n_documents") or 1),
            reports=reports,
        )


def _distinct_reports(reports) -> list[dict]:
    """One report per article sentence (four rows read from one sentence are one report)."""
    seen: dict[tuple, dict] = {}
    for r in reports:
        seen.setdefault((r["doc_id"], int(r["start"]), int(r["end"])), r)
    return list(seen.values())


def _iso(period) -> str | None:
    return None if pd.isna(period) else pd.Timestamp(period).date().isoformat()


def period_label(period, resolution: str | None, freq: str) -> str | None:
    """ISO start of a period, with its resolution when coarser than ``freq``'s own."""
    iso = _iso(period)
    if iso is None:
        return None
    if resolution and resolution != FREQS[freq]:
        return f"{iso} ({resolution})"
    return iso


def _points(idx: pd.DataFrame, prefix: str, anchors: _EventAnchors) -> list[DyadPoint]:
    out = []
    for r in idx.itertuples(index=False):
        period = _iso(r.period)
        coarse = f"-{r.resolution}" if r.resolution in ("month", "year") else ""
        out.append(
            DyadPoint(
                anchor=f"{prefix}-{period or 'undated'}{coarse}",
                period=period,
                n_events=int(r.n_events),
                score_sum=float(r.score_sum),
                score_mean=float(r.score_mean),
                n_cooperative=int(r.n_cooperative),
                n_conflictual=int(r.n_conflictual),
                evidence=tuple(anchors.ref(item) for item in r.evidence),
                period_end=_iso(r.period_end),
                resolution=_key(r.resolution),
                n_reports=int(r.n_reports),
                n_documents=int(r.n_documents),
            )
        )
    return out


def _series(label: str, directed: bool, points: list[DyadPoint]) -> DyadSeries:
    dated = tuple(p for p in points if p.period is not None)
    undated = next((p for p in points if p.period is None), None)
    return DyadSeries(label=label, directed=directed, points=dated, undated=undated)


def _dyad(events, a, b, summary_row, names, anchors, freq) -> DyadView:
    did = f"{a}-{b}".lower()
    series = [
        _series(
            f"{a} \u2013 {b}",
            False,
            _points(dyad_index(events, a, b, freq=freq), f"dyad-{did}", anchors),
        )
    ]
    for x, y in ((a, b), (b, a)):
        idx = dyad_index(events, x, y, freq=freq, directed=True)
        if len(idx):
            pts = _points(idx, f"dyad-{did}-{x.lower()}", anchors)
            series.append(_series(f"{x} \u2192 {y}", True, pts))
    monthly = None
    if freq != "M":
        monthly = _series(
            f"{a} \u2013 {b}, per month",
            False,
            _points(dyad_index(events, a, b, freq="M"), f"dyad-{did}-m", anchors),
        )
    past = evidence_items(background_events(events, a, b))
    return DyadView(
        id=did,
        a=a,
        b=b,
        a_name=names.get(a, a),
        b_name=names.get(b, b),
        n_events=int(summary_row.n_events),
        score_sum=float(summary_row.score_sum),
        score_mean=float(summary_row.score_mean),
        series=tuple(series),
        monthly=monthly,
        background=tuple(anchors.ref(item) for item in past),
    )


def _ordered_pairs(summary: pd.DataFrame) -> list:
    rows = list(summary.itertuples(index=False))
    lead = [r for r in rows if (r.a, r.b) == LEAD_DYAD]
    rest = [r for r in rows if (r.a, r.b) != LEAD_DYAD]
    return lead + rest


def _orient(a: str, b: str) -> tuple[str, str]:
    """Sides in display order: the United States first in its dyads, else alphabetical."""
    return (b, a) if b == "USA" else (a, b)


def spring_layout(
    n: int, edges: np.ndarray, weights: np.ndarray, *, seed: int, iterations: int
) -> np.ndarray:
    """Fruchterman–Reingold positions of ``n`` nodes in [0, 1]², vectorised over node pairs.

    Args:
        n: Number of nodes.
        edges: Integer array of shape (n_edges, 2), node indices.
        weights: Array of shape (n_edges,), attraction multiplier of each edge.
        seed: Seed of the small perturbation of the starting circle.
        iterations: Cooling steps.

    Returns:
        Array of shape (n, 2).
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.full((1, 2), 0.5)
    rng = np.random.default_rng(seed)
    angle = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack([np.cos(angle), np.sin(angle)]) * 0.5
    pos += rng.normal(scale=0.01, size=pos.shape)
    k = 1.0 / math.sqrt(n)
    adj = np.zeros((n, n))
    if len(edges):
        np.add.at(adj, (edges[:, 0], edges[:, 1]), weights)
        np.add.at(adj, (edges[:, 1], edges[:, 0]), weights)
    temperature = 0.1
    for step in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = k * k / dist - adj * dist / k  # repulsion minus weighted attraction
        np.fill_diagonal(force, 0.0)
        disp = np.einsum("ij,ijk->ik", force / dist, delta)
        disp -= 0.05 * pos  # weak pull to the centre keeps unconnected nodes in view
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temperature * (1 - step / iterations))
    pos -= pos.min(axis=0)
    span = pos.max(axis=0)
    pos /= np.where(span > 0, span, 1.0)
    return np.round(pos, 4)


def gather_network(events: pd.DataFrame, actors: pd.DataFrame, *, seed: int) -> Network:
    """States and organisations as nodes, events between them as edges.

    People and agencies roll up to the state or international body they served in the
    article reporting each event (as in the state-level dyad index); an actor with
    neither stays its own node.
    """
    nodes = events.copy()
    for role in ("source", "target"):
        rolled = side(events, role, "state")
        nodes[f"{role}_id"] = rolled.where(rolled.notna(), events[f"{role}_id"])
    summary = dyad_summary(nodes, level="actor")
    layout = f"spring layout (Fruchterman-Reingold, {SPRING_ITERATIONS} steps, seed {seed})"
    if summary.empty:
        return Network((), (), layout, 0)
    info = actors.set_index("actor_id")
    names = _name_map(actors)
    kinds = info["type"].astype(object).to_dict()
    frame = summary.loc[summary["a"] != summary["b"]]
    lo = frame[["a", "b"]].min(axis=1)
    hi = frame[["a", "b"]].max(axis=1)
    edges = (
        frame.assign(a=lo, b=hi)
        .groupby(["a", "b"], sort=True)[["n_events", "score_sum"]]
        .sum()
        .reset_index()
    )
    edges["score_mean"] = edges["score_sum"] / edges["n_events"]
    degree = (
        pd.concat(
            [
                edges[["a", "n_events"]].rename(columns={"a": "node"}),
                edges[["b", "n_events"]].rename(columns={"b": "node"}),
            ]
        )
        .groupby("node")["n_events"]
        .sum()
    )
    order = sorted(degree.index, key=lambda x: (-int(degree[x]), x))
    kept = order[:MAX_NODES]
    edges = edges.loc[edges["a"].isin(kept) & edges["b"].isin(kept)]
    edges = edges.sort_values(["n_events", "a", "b"], ascending=[False, True, True])
    index = {node: i for i, node in enumerate(kept)}
    pairs = np.array([[index[a], index[b]] for a, b in zip(edges["a"], edges["b"], strict=True)])
    pos = spring_layout(
        len(kept),
        pairs.reshape(-1, 2).astype(int),
        np.log1p(edges["n_events"].to_numpy(dtype=float)),
        seed=seed,
        iterations=SPRING_ITERATIONS,
    )

    def kind(node: str) -> str:
        t = kinds.get(node)
        return "state" if t == "country" else "organization" if t == "organization" else "other"

    nodes = tuple(
        NetworkNode(
            id=node,
            label=names.get(node, node),
            kind=kind(node),
            n_events=int(degree[node]),
            x=float(pos[i, 0]),
            y=float(pos[i, 1]),
        )
        for i, node in enumerate(kept)
    )
    return Network(
        nodes=nodes,
        edges=tuple(
            NetworkEdge(r.a, r.b, int(r.n_events), float(r.score_sum), float(r.score_mean))
            for r in edges.itertuples(index=False)
        ),
        layout=layout,
        left_out=len(order) - len(kept),
    )


def gather_channels(events, stances, dyad: DyadView, anchors, freq: str) -> ChannelsView | None:
    """Channel x period table of one dyad; None when no sentence falls in any channel."""
    frame = channel_states(events, dyad.a, dyad.b, stances=stances, freq=freq)
    if frame.empty:
        return None
    keys = sorted(
        {(r.period, r.resolution) for r in frame.itertuples(index=False) if pd.notna(r.period)},
        key=lambda k: period_key(*k),
    )
    slots = [(_iso(p), res) for p, res in keys]
    labels = [period_label(p, res, freq) for p, res in keys]
    if frame["period"].isna().any():
        slots.append((None, None))
        labels.append("undated")
    rows = []
    for cid, group in frame.groupby("channel", sort=False):
        cells: list[ChannelCell | None] = [None] * len(labels)
        for r in group.itertuples(index=False):
            k = slots.index((_iso(r.period), None if _iso(r.period) is None else r.resolution))
            iso, res = slots[k]
            suffix = f"-{res}" if res and res != FREQS[freq] else ""
            cells[k] = ChannelCell(
                anchor=f"chan-{dyad.id}-{cid}-{iso or 'undated'}{suffix}",
                period=labels[k],
                state=str(r.state),
                score_mean=float(r.score_mean),
                evidence=tuple(anchors.ref(item) for item in r.evidence),
            )
        rows.append(ChannelRow(str(cid), str(group["name"].iloc[0]), tuple(cells)))
    return ChannelsView(
        dyad=dyad.id,
        label=f"{dyad.a_name} \u2013 {dyad.b_name}",
        periods=tuple(labels),
        rows=tuple(rows),
    )


def gather_triangle(events: pd.DataFrame, names: dict, *, freq: str) -> TriangleView:
    """Dittmer's triangle of :data:`TRIANGLE_STATES` per period and over the corpus."""
    states = TRIANGLE_STATES
    pairs = ((0, 1), (0, 2), (1, 2))
    frame = triangle(events, states, freq=freq)
    periods = []
    for r in frame.to_dict("records"):
        carried = set(r["carried"])
        periods.append(
            TrianglePeriod(
                period=period_label(r["period"], _key(r["resolution"]), freq) or "undated",
                type=str(r["type"]),
                label=str(r["label"]),
                scores=tuple(
                    None
                    if pd.isna(r[f"score_{states[i]}_{states[j]}"])
                    else float(r[f"score_{states[i]}_{states[j]}"])
                    for i, j in pairs
                ),
                signs=tuple(int(r[f"sign_{states[i]}_{states[j]}"]) for i, j in pairs),
                carried=tuple(f"{states[i]}-{states[j]}" in carried for i, j in pairs),
                roles=tuple(_key(r[f"role_{s}"]) for s in states),
            )
        )
    whole = triangle_overall(events, states)
    keys = [f"{states[i]}-{states[j]}" for i, j in pairs]
    overall = TrianglePeriod(
        period="whole corpus",
        type=whole["type"],
        label=LABELS[whole["type"]],
        scores=tuple(float(whole["scores"][k]) for k in keys),
        signs=tuple(int(whole["signs"][k]) for k in keys),
        carried=(False, False, False),
        roles=tuple(whole["roles"].get(s) for s in states),
    )
    return TriangleView(
        states=states,
        names=tuple(names.get(s, s) for s in states),  # type: ignore[arg-type]
        pairs=pairs,
        freq=freq,
        periods=tuple(periods),
        overall=overall,
    )


def gather_framing(store) -> FramingView:
    """Tone per outlet toward the most mentioned actors, and whose voices each outlet quotes."""
    docs = store.documents()
    tone = tone_by_outlet(docs, store.sentences(), store.mentions())
    voices = quoted_voices(docs, store.quotes())
    outlets = sorted(set(tone["outlet"]) | set(voices["outlet"]))
    top: list[tuple[str, str]] = []
    if not tone.empty:
        totals = tone.groupby(["actor_id", "name"])["n_sentences"].sum().reset_index()
        totals = totals.sort_values(["n_sentences", "actor_id"], ascending=[False, True])
        top = [(str(r.actor_id), str(r.name)) for r in totals.head(MAX_TONE_ACTORS).itertuples()]
    shown = {a for a, _ in top}
    return FramingView(
        outlets=tuple(outlets),
        actors=tuple(top),
        tone=tuple(
            ToneCell(
                str(r.outlet),
                str(r.actor_id),
                str(r.name),
                int(r.n_sentences),
                float(r.tone_mean),
                int(r.n_positive),
                int(r.n_negative),
            )
            for r in tone.itertuples(index=False)
            if r.actor_id in shown
        ),
        voices=tuple(
            VoiceRow(
                str(r.outlet),
                str(r.speaker_name),
                int(r.n_quotes),
                float(r.share),
                r.speaker_for if isinstance(r.speaker_for, str) else None,
            )
            for r in voices.itertuples(index=False)
        ),
    )


def gather_relations(
    store, events_info: Sequence[EventInfo], *, seed: int, freq: str = "W"
) -> RelationsView:
    """The relations part of the report.

    Args:
        store: An open :class:`detente.store.Store`.
        events_info: The corpus events as shown in the Events table (their anchors are
            what index points and channel cells link to).
        seed: Seed of the network layout's starting perturbation.
        freq: Period of the dyad index and channel table: ``D``, ``W`` (default, so a
            month of talks shows movement) or ``M``; with ``D`` or ``W`` each dyad also
            gets its month view. The triangle is monthly.

    Everything counts happenings (the store's event clusters), and the happenings the
    articles tell as background are left out and listed apart per dyad.
    """
    events = store.events().sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
    actors = store.actors()
    names = _name_map(actors)
    anchors = _EventAnchors(store.documents())
    anchors.add_frame(events, events_info)
    known = plover_rows(events) if len(events) else pd.Series(dtype=bool)
    if not known.all():
        log.warning(
            "%d event(s) with a type outside PLOVER left out of the relations", (~known).sum()
        )
        events = events.loc[known].reset_index(drop=True)
    summary = dyad_summary(events, level="state")
    ordered = _ordered_pairs(summary)
    dyads = []
    for r in ordered[:MAX_DYADS]:
        a, b = _orient(r.a, r.b)
        dyads.append(_dyad(events, a, b, r, names, anchors, freq))
    others = tuple(
        (*_orient(r.a, r.b), int(r.n_events), float(r.score_mean))
        for r in ordered[MAX_DYADS : MAX_DYADS + MAX_LISTED]
    )
    stances = store.stances()
    channels = []
    for dyad in dyads[:MAX_CHANNEL_DYADS]:
        view = gather_channels(events, stances, dyad, anchors, freq)
        if view is not None:
            channels.append(view)
    told = happenings(events)
    flagged = told["background"].astype(bool) if "background" in told else pd.Series(False)
    return RelationsView(
        freq=freq,
        unscored=int((~known).sum()),
        n_background=int(flagged.sum()),
        n_happenings=int((~flagged).sum()) if len(told) else 0,
        n_reports=len(events),
        dyads=tuple(dyads),
        other_dyads=others,
        network=gather_network(events, actors, seed=seed),
        channels=tuple(channels),
        triangle=gather_triangle(events, names, freq="M") if len(events) else None,
        framing=gather_framing(store),
    )
