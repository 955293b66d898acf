"""Placing events in time: each keeps the precision its date was known to.

A date known only to the month ("2025-02") is not the 1st of that month: pinned
there, a February call would sit in the week of 27 January. So every event is
placed at the resolution of the view *or coarser*: with a weekly view a
day-dated event falls in its week, while a month-dated one falls in a **month
row** (``resolution="month"``, from the 1st to the last of the month) and a
year-dated one in a year row. A month view (``freq="M"``) takes day- and
month-dated events alike. Rows of the same resolution never overlap, and no row
starts before the first day its events can have happened.

An event without a date of its own is filed at its article's publication date
(news reports what just happened), which the ``dated_by`` column says; one with
neither stays undated (``period`` is ``NaT``).
"""

from __future__ import annotations

import pandas as pd

from detente.errors import InputError
from detente.extract.records import date_precision

FREQS = {"D": "day", "W": "week", "M": "month"}
"""Accepted period lengths (day, week with Monday start, calendar month) and their names."""

RESOLUTIONS = ("day", "week", "month", "year")
"""Period lengths of index rows, finest first."""

_PANDAS_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_RANK = {name: k for k, name in enumerate(RESOLUTIONS)}


def check_freq(freq: str) -> str:
    """Validate a period code.

    Raises:
        InputError: naming ``freq`` and the accepted codes.
    """
    if freq not in FREQS:
        raise InputError("freq", f"must be one of {', '.join(FREQS)}; got {freq!r}")
    return freq


def resolution_rank(name: str | None) -> int:
    """Order of a resolution, finest first (unknown last), for sorting rows."""
    return _RANK.get(name or "", len(RESOLUTIONS))


def period_key(period, resolution: str | None) -> tuple:
    """Sort key of a (period start, resolution) pair: time order, finer first, undated last."""
    undated = pd.isna(period)
    return (
        undated,
        pd.Timestamp(0) if undated else pd.Timestamp(period),
        resolution_rank(resolution),
    )


def event_times(events: pd.DataFrame, date_column: str = "date") -> pd.DataFrame:
    """When each event happened, as far as its date says.

    Args:
        events: frame with the date column and ``published``.
        date_column: column of ISO dates (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

    Returns:
        Frame aligned with ``events``: ``when`` (first possible day), ``precision``
        (``day``, ``month``, ``year``, None when undated) and ``dated_by`` (``event``,
        ``published`` or None).
    """
    own_values = events[date_column] if date_column in events else pd.Series(None, events.index)
    own_precision = own_values.map(date_precision)
    own = pd.to_datetime(own_values.where(own_precision.notna()), errors="coerce", format="ISO8601")
    published = events["published"] if "published" in events else pd.Series(None, events.index)
    pub = pd.to_datetime(published, errors="coerce", format="ISO8601")
    has_own = own.notna().tolist()
    has_pub = pub.notna().tolist()
    precision = [
        p if o else "day" if q else None
        for p, o, q in zip(own_precision.tolist(), has_own, has_pub, strict=True)
    ]
    dated_by = [
        "event" if o else "published" if q else None for o, q in zip(has_own, has_pub, strict=True)
    ]
    return pd.DataFrame(
        {
            "when": own.where(own.notna(), pub),
            "precision": pd.Series(precision, index=events.index, dtype=object),
            "dated_by": pd.Series(dated_by, index=events.index, dtype=object),
        }
    )


def place(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Add ``period``, ``period_end`` and ``resolution`` to a frame with ``when`` and ``precision``.

    An event whose date is at least as precise as ``freq`` goes into its ``freq``
    period; a coarser one into the period of its own precision (see module docstring).
    """
    name = FREQS[check_freq(freq)]
    out = frame.copy()
    precision = out["precision"].astype(object)
    coarser = precision.map(resolution_rank) > _RANK[name]
    resolution = pd.Series(name, index=out.index, dtype=object).where(~coarser, precision)
    resolution[out["when"].isna()] = None
    period = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    period_end = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    for res in resolution.dropna().unique():
        rows = resolution == res
        spans = pd.to_datetime(out.loc[rows, "when"]).dt.to_period(_PANDAS_CODE[res])
        period[rows] = spans.dt.start_time.to_numpy()
        period_end[rows] = spans.dt.end_time.dt.normalize().to_numpy()
    out["period"] = period
    out["period_end"] = period_end
    out["resolution"] = resolution
    return out


__all__ = [
    "FREQS",
    "RESOLUTIONS",
    "check_freq",
    "event_times",
    "period_key",
    "place",
    "resolution_rank",
]
