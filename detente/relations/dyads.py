"""Dyad index: how cooperative or conflictual two actors' dealings were, period by period.

The index is the classic event-data dyad series: sum and mean of the
conflict–cooperation scores of the events between two actors in each period
(Goldstein 1992, "A conflict-cooperation scale for WEIS events data", Journal of
Conflict Resolution 36(2), used here with PLOVER's own scale, see
:mod:`detente.relations.scores`). At ``level="state"`` a person or agency rolls up
to its state (the actor's ``country``), so a Trump–Putin call counts for
USA–RUS. An event is dated by its own resolved date, else by the article's
publication date; events with neither fall in one ``NaT`` ("undated") period
so they are still counted and shown rather than dropped.
"""

from __future__ import annotations

import pandas as pd

from detente.errors import InputError
from detente.relations.scores import score_events

FREQS = {"D": "D", "W": "W", "M": "M"}
"""Accepted period lengths: day, week (Monday start), calendar month."""

LEVELS = ("state", "actor")
"""``state`` rolls people and agencies up to their country; ``actor`` keeps ids."""

INDEX_COLUMNS = [
    "period", "n_events", "score_sum", "score_mean", "n_cooperative", "n_conflictual", "evidence",
]  # fmt: skip


def check_freq(freq: str) -> str:
    """Validate a period code.

    Raises:
        InputError: naming ``freq`` and the accepted codes.
    """
    if freq not in FREQS:
        raise InputError("freq", f"must be one of {', '.join(FREQS)}; got {freq!r}")
    return FREQS[freq]


def check_level(level: str) -> str:
    """Validate a roll-up level.

    Raises:
        InputError: naming ``level`` and the accepted values.
    """
    if level not in LEVELS:
        raise InputError("level", f"must be one of {', '.join(LEVELS)}; got {level!r}")
    return level


def side(events: pd.DataFrame, role: str, level: str) -> pd.Series:
    """Key of the ``source`` or ``target`` side of each event at ``level``.

    At ``state`` level the actor's country, or the actor id itself for a country
    actor without one; organisations without a country get NaN (no state side).
    """
    ids = events[f"{role}_id"]
    if level == "actor":
        return ids.astype(object)
    country = events[f"{role}_country"].astype(object)
    is_state = events.get(f"{role}_type", pd.Series(index=events.index, dtype=object)) == "country"
    return country.where(country.notna(), ids.where(is_state))


def event_dates(events: pd.DataFrame) -> pd.Series:
    """Date of each event: its resolved ``date`` (``YYYY-MM[-DD]``), else ``published``."""
    own = pd.to_datetime(events["date"], errors="coerce", format="ISO8601")
    pub = pd.to_datetime(events["published"], errors="coerce", format="ISO8601")
    return own.fillna(pub)


def periods(dates: pd.Series, freq: str) -> pd.Series:
    """Start of the period each date falls in (``NaT`` stays ``NaT``)."""
    code = check_freq(freq)
    return dates.dt.to_period(code).dt.start_time


def scored(events: pd.DataFrame, *, freq: str, level: str) -> pd.DataFrame:
    """Events with ``score``, ``side_a`` / ``side_b``, ``when`` and ``period`` columns added."""
    check_level(level)
    check_freq(freq)
    out = events.copy()
    out["score"] = score_events(events)
    out["side_a"] = side(events, "source", level)
    out["side_b"] = side(events, "target", level)
    out["when"] = event_dates(events) if len(events) else pd.Series(dtype="datetime64[ns]")
    out["period"] = periods(out["when"], freq) if len(events) else out["when"]
    return out


def normalise_key(key: str, level: str) -> str:
    """State codes are upper case (``usa`` -> ``USA``); actor ids are kept as given."""
    key = key.strip()
    if not key:
        raise InputError("dyad", "an actor key is empty")
    return key.upper() if level == "state" else key


def between(frame: pd.DataFrame, a: str, b: str, *, directed: bool) -> pd.Series:
    """Boolean mask of scored events from ``a`` to ``b`` (or either way when undirected)."""
    forward = (frame["side_a"] == a) & (frame["side_b"] == b)
    if directed:
        return forward
    return forward | ((frame["side_a"] == b) & (frame["side_b"] == a))


def evidence_items(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready evidence of each event row: document, span, type, mode, score, sentence."""
    cols = [
        "doc_id",
        "doc",
        "start",
        "end",
        "type",
        "mode",
        "score",
        "evidence",
        "side_a",
        "side_b",
    ]
    items = []
    for r in frame[cols].itertuples(index=False):
        items.append(
            {
                "doc_id": r.doc_id,
                "doc": r.doc,
                "start": int(r.start),
                "end": int(r.end),
                "type": r.type,
                "mode": None if pd.isna(r.mode) else r.mode,
                "score": float(r.score),
                "source": r.side_a,
                "target": r.side_b,
                "sentence": r.evidence,
            }
        )
    return items


def dyad_index(
    events: pd.DataFrame,
    a: str,
    b: str,
    *,
    freq: str = "W",
    directed: bool = False,
    level: str = "state",
) -> pd.DataFrame:
    """Per-period conflict–cooperation index of the dyad ``a``–``b``.

    Args:
        events: ``Store.events()`` frame (type, mode, date, published, source_* and
            target_* actor columns, doc_id, doc, start, end, evidence).
        a: First actor: an ISO alpha-3 state code at ``state`` level (any case), an
            actor id at ``actor`` level.
        b: Second actor.
        freq: ``D``, ``W`` or ``M``.
        directed: Only events with ``a`` as source and ``b`` as target.
        level: ``state`` or ``actor``.

    Returns:
        One row per period with events, in time order (undated last): ``period``,
        ``n_events``, ``score_sum``, ``score_mean``, ``n_cooperative`` (score > 0),
        ``n_conflictual`` (score < 0) and ``evidence`` (list of dicts, one per event).

    Raises:
        InputError: bad ``freq`` / ``level``, ``a`` equal to ``b``, or an unknown event type.
    """
    a, b = normalise_key(a, level), normalise_key(b, level)
    if a == b:
        raise InputError("dyad", f"needs two different actors; got {a!r} twice")
    frame = scored(events, freq=freq, level=level)
    frame = frame.loc[between(frame, a, b, directed=directed)]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in INDEX_COLUMNS}).astype(
            {
                "period": "datetime64[ns]",
                "n_events": int,
                "score_sum": float,
                "score_mean": float,
                "n_cooperative": int,
                "n_conflictual": int,
            }  # fmt: skip
        )
    frame = frame.assign(coop=frame["score"] > 0, conf=frame["score"] < 0)
    grouped = frame.groupby("period", dropna=False, sort=True)
    out = grouped.agg(
        n_events=("score", "size"),
        score_sum=("score", "sum"),
        score_mean=("score", "mean"),
        n_cooperative=("coop", "sum"),
        n_conflictual=("conf", "sum"),
    )
    out["evidence"] = grouped[list(frame.columns)].apply(evidence_items)
    out = out.reset_index().sort_values("period", na_position="last", kind="stable")
    return out[INDEX_COLUMNS].reset_index(drop=True)


def dyad_summary(events: pd.DataFrame, *, level: str = "state") -> pd.DataFrame:
    """Every undirected dyad with events, most active first.

    Returns:
        Columns ``a``, ``b`` (in sorted order), ``n_events``, ``score_sum``, ``score_mean``.
    """
    columns = ["a", "b", "n_events", "score_sum", "score_mean"]
    frame = scored(events, freq="D", level=level)
    frame = frame.loc[
        frame["side_a"].notna() & frame["side_b"].notna() & (frame["side_a"] != frame["side_b"])
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    pair = frame[["side_a", "side_b"]].astype(str)
    lo = pair.min(axis=1)
    hi = pair.max(axis=1)
    out = (
        frame.assign(a=lo, b=hi)
        .groupby(["a", "b"], sort=True)["score"]
        .agg(n_events="size", score_sum="sum", score_mean="mean")
        .reset_index()
        .sort_values(["n_events", "a", "b"], ascending=[False, True, True], kind="stable")
    )
    return out[columns].reset_index(drop=True)
