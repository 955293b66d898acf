"""The report's relations part: dyads, network, channels, triangle, framing, gathered together.

The network is laid out by a Fruchterman–Reingold spring layout (Fruchterman &
Reingold 1991, "Graph drawing by force-directed placement", *Software: Practice and
Experience* 21(11)) started from a circle perturbed with the report's seed, so the
same store and seed give the same picture. Tone and voices come from the relations
stage's ``tone_by_outlet`` and ``quoted_voices``, the triangle from ``triangle`` and
``triangle_overall``; the dyads and their channels from :mod:`.dyads`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detente.randomness import RandomStateLike, check_random_state, seed_of
from detente.relations import (
    LABELS,
    dyad_summary,
    happenings,
    quoted_voices,
    tone_by_outlet,
    triangle,
    triangle_overall,
)
from detente.relations.dyads import side
from detente.report.views.corpus import EventInfo, plover_rows
from detente.report.views.dyads import (
    MAX_CHANNEL_DYADS,
    MAX_DYADS,
    MAX_LISTED,
    ChannelsView,
    DyadView,
    EventAnchors,
    dyad_view,
    gather_channels,
    ordered_pairs,
    orient,
    period_label,
    value_or_none,
)

log = logging.getLogger(__name__)


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


TRIANGLE_STATES = ("USA", "RUS", "CHN")
"""Default states of the strategic triangle."""


MAX_NODES = 24
"""Nodes drawn in the network (most active first)."""


MAX_TONE_ACTORS = 12
"""Actors (columns) of the tone table."""


SPRING_ITERATIONS = 300
"""Iterations of the spring layout."""


def _name_map(actors: pd.DataFrame) -> dict[str, str]:
    return {str(r.actor_id): str(r.name) for r in actors.itertuples(index=False)}


def spring_layout(
    n: int,
    edges: np.ndarray,
    weights: np.ndarray,
    *,
    random_state: RandomStateLike = None,
    iterations: int,
) -> np.ndarray:
    """Fruchterman–Reingold positions of ``n`` nodes in [0, 1]², vectorised over node pairs.

    Args:
        n: Number of nodes.
        edges: Integer array of shape (n_edges, 2), node indices.
        weights: Array of shape (n_edges,), attraction multiplier of each edge.
        random_state: The small perturbation of the starting circle
            (:mod:`detente.randomness`).
        iterations: Cooling steps.

    Returns:
        Array of shape (n, 2).
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.full((1, 2), 0.5)
    rng = check_random_state(random_state)
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


def gather_network(
    events: pd.DataFrame, actors: pd.DataFrame, *, random_state: RandomStateLike = None
) -> Network:
    """States and organisations as nodes, events between them as edges.

    People and agencies roll up to the state or international body they served in the
    article reporting each event (as in the state-level dyad index); an actor with
    neither stays its own node. The layout's description names the seed of
    ``random_state`` (:mod:`detente.randomness`).
    """
    seed = seed_of(random_state)
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
        random_state=seed,
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
                period=period_label(r["period"], value_or_none(r["resolution"]), freq) or "undated",
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
                roles=tuple(value_or_none(r[f"role_{s}"]) for s in states),
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
    store,
    events_info: Sequence[EventInfo],
    *,
    random_state: RandomStateLike = None,
    freq: str = "W",
) -> RelationsView:
    """The relations part of the report.

    Args:
        store: An open :class:`detente.store.Store`.
        events_info: The corpus events as shown in the Events table (their anchors are
            what index points and channel cells link to).
        random_state: The network layout's starting perturbation
            (:mod:`detente.randomness`).
        freq: Period of the dyad index and channel table: ``D``, ``W`` (default, so a
            month of talks shows movement) or ``M``; with ``D`` or ``W`` each dyad also
            gets its month view. The triangle is monthly.

    Everything counts happenings (the store's event clusters), and the happenings the
    articles tell as background are left out and listed apart per dyad.
    """
    events = store.events().sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
    actors = store.actors()
    names = _name_map(actors)
    anchors = EventAnchors(store.documents())
    anchors.add_frame(events, events_info)
    known = plover_rows(events) if len(events) else pd.Series(dtype=bool)
    if not known.all():
        log.warning(
            "%d event(s) with a type outside PLOVER left out of the relations", (~known).sum()
        )
        events = events.loc[known].reset_index(drop=True)
    summary = dyad_summary(events, level="state")
    ordered = ordered_pairs(summary)
    dyads = []
    for r in ordered[:MAX_DYADS]:
        a, b = orient(r.a, r.b)
        dyads.append(dyad_view(events, a, b, r, names, anchors, freq))
    others = tuple(
        (*orient(r.a, r.b), int(r.n_events), float(r.score_mean))
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
        network=gather_network(events, actors, random_state=random_state),
        channels=tuple(channels),
        triangle=gather_triangle(events, names, freq="M") if len(events) else None,
        framing=gather_framing(store),
    )
