"""The "Forecast over time" section: whether it shows and the chart of each issue."""

from __future__ import annotations

from typing import Any

from detente.report.charts.track import forecast_chart
from detente.report.views.track import TrackView


def has_track(data) -> bool:
    """Whether the report has a stored track of its scenario."""
    return getattr(data, "tracking", None) is not None


def context(data) -> dict[str, Any]:
    """Template variables of the report section: the chart of each issue."""
    return {"track_charts": track_charts(data.tracking)}


def track_charts(t: TrackView) -> dict[str, str | None]:
    """The forecast-over-time chart of each issue (None for an issue never forecast)."""
    charts: dict[str, str | None] = {}
    for i in t.issues:
        if not i.series and not i.outcomes:
            charts[i.id] = None
            continue
        moves: dict[str, tuple[str, str]] = {}
        for k, m in enumerate(i.moves, start=1):
            href, lines = moves.get(m.as_of, (f"#track-{i.id}-{m.as_of}-{k}", ""))
            line = (
                f"\u2022 {m.actor} at {m.position:g}: {m.doc_name}"
                if m.position is not None
                else f"\u2022 {m.actor}: {m.doc_name}"
            )
            moves[m.as_of] = (href, f"{lines}\n{line}" if lines else f"entered:\n{line}")
        charts[i.id] = forecast_chart(
            title=f"{i.name}: forecast over time",
            low=i.low,
            high=i.high,
            status_quo=i.status_quo,
            series=i.series,
            outcomes=[(o.date, o.position, o.note) for o in i.outcomes],
            moves=moves,
        )
    return charts
