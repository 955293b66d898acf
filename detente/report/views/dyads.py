"""The report's dyads: each pair's index over time and its channels, every point with its evidence.

Only the relations stage's public functions compute anything here (``dyad_summary``,
``dyad_index``, ``channel_states``); this module selects the dyads to show and ties
each piece of evidence to the event row it came from, so every point links into the
document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from detente.relations import (
    background_events,
    channel_states,
    dyad_index,
)
from detente.relations.dyads import evidence_items
from detente.relations.periods import FREQS, period_key
from detente.report.views.corpus import EventInfo, doc_anchor


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


LEAD_DYAD = ("RUS", "USA")
"""The dyad shown first when it has events (the negotiation the tool was built for)."""


MAX_DYADS = 6
"""Dyads charted; further ones are listed."""


MAX_LISTED = 20
"""Further dyads listed in a table."""


MAX_CHANNEL_DYADS = 2
"""Dyads whose channels are tabulated."""


def value_or_none(value) -> str | None:
    """A frame cell, None for a missing one (None or NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


class EventAnchors:
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
            mode=value_or_none(item.get("mode")),
            score=float(item["score"]),
            source=value_or_none(item.get("source")),
            target=value_or_none(item.get("target")),
            sentence=str(item["sentence"] or ""),
            date=value_or_none(item.get("date")),
            date_precision=value_or_none(item.get("date_precision")),
            date_evidence=value_or_none(item.get("date_evidence")),
            n_documents=int(item.get("n_documents") or 1),
            reports=reports,
        )


def _distinct_reports(reports) -> list[dict]:
    """One report per article sentence (four rows read from one sentence are one report)."""
    seen: dict[tuple, dict] = {}
    for r in reports:
        seen.setdefault((r["doc_id"], int(r["start"]), int(r["end"])), r)
    return list(seen.values())


def iso_day(period) -> str | None:
    """A period's first day as an ISO date; None for the undated row."""
    return None if pd.isna(period) else pd.Timestamp(period).date().isoformat()


def period_label(period, resolution: str | None, freq: str) -> str | None:
    """ISO start of a period, with its resolution when coarser than ``freq``'s own."""
    iso = iso_day(period)
    if iso is None:
        return None
    if resolution and resolution != FREQS[freq]:
        return f"{iso} ({resolution})"
    return iso


def _points(idx: pd.DataFrame, prefix: str, anchors: EventAnchors) -> list[DyadPoint]:
    out = []
    for r in idx.itertuples(index=False):
        period = iso_day(r.period)
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
                period_end=iso_day(r.period_end),
                resolution=value_or_none(r.resolution),
                n_reports=int(r.n_reports),
                n_documents=int(r.n_documents),
            )
        )
    return out


def _series(label: str, directed: bool, points: list[DyadPoint]) -> DyadSeries:
    dated = tuple(p for p in points if p.period is not None)
    undated = next((p for p in points if p.period is None), None)
    return DyadSeries(label=label, directed=directed, points=dated, undated=undated)


def dyad_view(events, a, b, summary_row, names, anchors, freq) -> DyadView:
    """One dyad's index per period (undirected, and each direction), each point with evidence."""
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


def ordered_pairs(summary: pd.DataFrame) -> list:
    """Dyad summary rows, the lead dyad (Russia–United States) first."""
    rows = list(summary.itertuples(index=False))
    lead = [r for r in rows if (r.a, r.b) == LEAD_DYAD]
    rest = [r for r in rows if (r.a, r.b) != LEAD_DYAD]
    return lead + rest


def orient(a: str, b: str) -> tuple[str, str]:
    """Sides in display order: the United States first in its dyads, else alphabetical."""
    return (b, a) if b == "USA" else (a, b)


def gather_channels(events, stances, dyad: DyadView, anchors, freq: str) -> ChannelsView | None:
    """Channel x period table of one dyad; None when no sentence falls in any channel."""
    frame = channel_states(events, dyad.a, dyad.b, stances=stances, freq=freq)
    if frame.empty:
        return None
    keys = sorted(
        {(r.period, r.resolution) for r in frame.itertuples(index=False) if pd.notna(r.period)},
        key=lambda k: period_key(*k),
    )
    slots = [(iso_day(p), res) for p, res in keys]
    labels = [period_label(p, res, freq) for p, res in keys]
    if frame["period"].isna().any():
        slots.append((None, None))
        labels.append("undated")
    rows = []
    for cid, group in frame.groupby("channel", sort=False):
        cells: list[ChannelCell | None] = [None] * len(labels)
        for r in group.itertuples(index=False):
            k = slots.index(
                (iso_day(r.period), None if iso_day(r.period) is None else r.resolution)
            )
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
