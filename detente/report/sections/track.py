"""The "Forecast over time" section: whether it shows and its charts."""

from __future__ import annotations

from typing import Any

from detente.report.charts.track import track_charts


def has_track(data) -> bool:
    """Whether the report has a stored track of its scenario."""
    return getattr(data, "tracking", None) is not None


def context(data) -> dict[str, Any]:
    """Template variables of the report section: the chart of each issue."""
    return {"track_charts": track_charts(data.tracking)}
