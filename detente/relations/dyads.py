"""Dyad index: how cooperative or conflictual two actors' dealings were, period by period.

The index is the classic event-data dyad series: sum and mean of the
conflict–cooperation scores of the events between two actors in each period
(Goldstein 1992, "A conflict-cooperation scale for WEIS events data", Journal of
Conflict Resolution 36(2), used here with PLOVER's own scale, see
:mod:`detente.relations.scores`). At ``level="state"`` a person or agency rolls up
to the state it served *in the article that reports the event* (the store's
per-document ``country``), so a Trump–Putin call counts for USA–RUS; a person in
a post of an international body then (the per-document ``org``: a NATO Secretary
General) rolls up to that body, which is a side of its own (``org.nato``), as
international bodies are.

What is counted is the *happening*, not the report: the articles' reports of one
event (the store's ``cluster``) count once, with all their sentences as evidence
(:mod:`detente.relations.happenings`). Happenings the articles tell as background
or history are left out unless ``include_background`` is set. Each happening is
placed in time at the precision its date is known to
(:mod:`detente.relations.periods`): in a weekly index a month-dated event makes a
month row, not a point in the week of the 1st. An event is dated by its own
date, else by the article's publication date; events with neither fall in one
``NaT`` ("undated") period so they are still counted and shown rather than
dropped.
"""

from __future__ import annotations

import pandas as pd

from detente.errors import InputError
from detente.relations.happenings import background_only, current, happenings
from detente.relations.periods import check_freq, event_times, period_key, place
from detente.relations.scores import score_events

LEVELS = ("state", "actor")
"""``state`` rolls people and agencies up to their state or international body; ``actor``
keeps ids."""

BODY_PREFIX = "org."
"""Id prefix of international bodies, which are sides of their own at state level."""

INDEX_COLUMNS = [
    "period",
    "period_end",
    "resolution",
    "n_events",
    "n_reports",
    "n_documents",
    "score_sum",
    "score_mean",
    "n_cooperative",
    "n_conflictual",
    "evidence",
]


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

    At ``state`` level, as of the event's article: the actor's state (``<role>_country``),
    else the international body whose post it held (``<role>_org``), else the actor id
    itself for a state or an international body (``org.*``); other actors without a
    state (collectives such as ``grp.west``) get NaN (no side).
    """
    ids = events[f"{role}_id"]
    if level == "actor":
        return ids.astype(object)
    none = pd.Series(None, index=events.index, dtype=object)
    country = events[f"{role}_country"].astype(object)
    org = events.get(f"{role}_org", none).astype(object)
    kind = events.get(f"{role}_type", none)
    own = ids.where((kind == "country") | ids.astype(str).str.startswith(BODY_PREFIX))
    return country.where(country.notna(), org.where(org.notna(), own)).astype(object)


def scored(
    events: pd.DataFrame, *, freq: str, level: str, include_background: bool = False
) -> pd.DataFrame:
    """Happenings of ``events`` with ``score``, sides, time and period columns.

    Returns:
        One row per happening (:func:`~detente.relations.happenings.happenings`; background
        ones only with ``include_background``) with ``score``, ``side_a`` / ``side_b``,
        ``when``, ``precision``, ``dated_by``, ``period``, ``period_end`` and ``resolution``.
    """
    check_level(level)
    check_freq(freq)
    return _timed(_happenings(events, level), freq, include_background)


def _happenings(events: pd.DataFrame, level: str) -> pd.DataFrame:
    out = events.copy()
    out["score"] = score_events(events)
    out["side_a"] = side(events, "source", level)
    out["side_b"] = side(events, "target", level)
    return happenings(out, by_sides=level == "actor")


def _timed(frame: pd.DataFrame, freq: str, include_background: bool) -> pd.DataFrame:
    frame = current(frame, include_background=include_background)
    times = event_times(frame) if len(frame) else _no_times()
    return place(pd.concat([frame, times.set_axis(frame.index)], axis=1), freq)


def _no_times() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "when": pd.Series(dtype="datetime64[ns]"),
            "precision": pd.Series(dtype=object),
            "dated_by": pd.Series(dtype=object),
        }
    )


def normalise_key(key: str, level: str) -> str:
    """State codes upper case (``usa`` -> ``USA``), body ids lower, actor ids as given."""
    key = key.strip()
    if not key:
        raise InputError("dyad", "an actor key is empty")
    if level != "state":
        return key
    return key.lower() if key.lower().startswith(BODY_PREFIX) else key.upper()


def between(frame: pd.DataFrame, a: str, b: str, *, directed: bool) -> pd.Series:
    """Boolean mask of scored events from ``a`` to ``b`` (or either way when undirected)."""
    forward = (frame["side_a"] == a) & (frame["side_b"] == b)
    if directed:
        return forward
    return forward | ((frame["side_a"] == b) & (frame["side_b"] == a))


def evidence_items(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready evidence of each happening row: its first report and all its reports.

    Keys: ``doc_id``, ``doc``, ``start``, ``end``, ``sentence`` (the first report),
    ``type``, ``mode``, ``score``, ``source``, ``target`` (sides), ``date`` and
    ``date_precision`` (as placed), ``date_evidence`` (the words the first report's date
    was read from, when that is the date shown), ``dated_by``, ``background``,
    ``cluster``, ``n_reports``, ``n_documents`` and ``reports`` (every report: doc_id,
    doc, start, end, date, date_evidence, sentence).
    """
    items = []
    frame = frame.astype(object).where(frame.notna(), None)  # NaN / NaT -> None
    for r in frame.to_dict("records"):
        date = r.get("date") if r.get("dated_by") == "event" else None
        first = (r.get("reports") or [{}])[0]
        words = first.get("date_evidence") if date and first.get("date") == date else None
        items.append(
            {
                "doc_id": r["doc_id"],
                "doc": r["doc"],
                "start": int(r["start"]),
                "end": int(r["end"]),
                "type": r["type"],
                "mode": r.get("mode"),
                "score": float(r["score"]),
                "source": r.get("side_a"),
                "target": r.get("side_b"),
                "sentence": r["evidence"],
                "date": date,
                "date_precision": r.get("precision"),
                "date_evidence": words,
                "dated_by": r.get("dated_by"),
                "background": bool(r.get("background") or False),
                "cluster": r.get("cluster"),
                "n_reports": int(r.get("n_reports") or 1),
                "n_documents": int(r.get("n_documents") or 1),
                "reports": list(r.get("reports") or []),
            }
        )
    return items


def _empty_index() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in INDEX_COLUMNS}).astype(
        {
            "period": "datetime64[ns]",
            "period_end": "datetime64[ns]",
            "n_events": int,
            "n_reports": int,
            "n_documents": int,
            "score_sum": float,
            "score_mean": float,
            "n_cooperative": int,
            "n_conflictual": int,
        }
    )


def index_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Aggregate scored happenings into index rows, one per (period, resolution).

    Rows come in time order (undated last), finer resolutions first at one start day.
    """
    if frame.empty:
        return _empty_index()
    frame = frame.assign(_res=frame["resolution"].fillna("undated"))
    rows = []
    for (period, res), group in frame.groupby(["period", "_res"], dropna=False, sort=False):
        scores = group["score"]
        rows.append(
            {
                "period": period,
                "period_end": group["period_end"].iloc[0],
                "resolution": None if res == "undated" else res,
                "n_events": len(group),
                "n_reports": int(group["n_reports"].sum()),
                "n_documents": len({r["doc_id"] for rs in group["reports"] for r in rs}),
                "score_sum": float(scores.sum()),
                "score_mean": float(scores.mean()),
                "n_cooperative": int((scores > 0).sum()),
                "n_conflictual": int((scores < 0).sum()),
                "evidence": evidence_items(group),
            }
        )
    out = pd.DataFrame(rows, columns=INDEX_COLUMNS)
    order = sorted(
        out.index, key=lambda i: period_key(out.at[i, "period"], out.at[i, "resolution"])
    )
    out = out.loc[order]
    return out[INDEX_COLUMNS].astype(_empty_index().dtypes.to_dict()).reset_index(drop=True)


def dyad_index(
    events: pd.DataFrame,
    a: str,
    b: str,
    *,
    freq: str = "W",
    directed: bool = False,
    level: str = "state",
    include_background: bool = False,
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
        include_background: Count the happenings the articles tell as background too.

    Returns:
        One row per period and resolution with events, in time order (undated last):
        ``period`` and ``period_end`` (first and last day), ``resolution`` (``freq``'s
        own, or ``month`` / ``year`` for events dated no finer than that), ``n_events``
        (happenings), ``n_reports`` (sentences reporting them), ``n_documents``
        (articles), ``score_sum``, ``score_mean``, ``n_cooperative`` (score > 0),
        ``n_conflictual`` (score < 0) and ``evidence`` (list of dicts, one per
        happening, see :func:`evidence_items`).

    Raises:
        InputError: bad ``freq`` / ``level``, ``a`` equal to ``b``, or an unknown event type.
    """
    a, b = check_pair(a, b, level)
    frame = scored(events, freq=freq, level=level, include_background=include_background)
    return index_rows(frame.loc[between(frame, a, b, directed=directed)])


def background_events(
    events: pd.DataFrame, a: str, b: str, *, directed: bool = False, level: str = "state"
) -> pd.DataFrame:
    """The background happenings between ``a`` and ``b`` that the current views leave out.

    Returns:
        Scored happening rows (see :func:`scored`), placed at their own dates' precision.
    """
    a, b = check_pair(a, b, level)
    frame = background_only(_happenings(events, level))
    frame = _timed(frame, "D", include_background=True)
    return frame.loc[between(frame, a, b, directed=directed)]


def check_pair(a: str, b: str, level: str) -> tuple[str, str]:
    """Two different sides as keys of ``level``.

    Raises:
        InputError: bad ``level`` or ``a`` equal to ``b``.
    """
    check_level(level)
    a, b = normalise_key(a, level), normalise_key(b, level)
    if a == b:
        raise InputError("dyad", f"needs two different actors; got {a!r} twice")
    return a, b


def dyad_summary(
    events: pd.DataFrame, *, level: str = "state", include_background: bool = False
) -> pd.DataFrame:
    """Every undirected dyad with events, most active first.

    Returns:
        Columns ``a``, ``b`` (in sorted order), ``n_events`` (happenings), ``n_reports``
        (sentences reporting them), ``score_sum``, ``score_mean``.
    """
    columns = ["a", "b", "n_events", "n_reports", "score_sum", "score_mean"]
    frame = scored(events, freq="D", level=level, include_background=include_background)
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
        .groupby(["a", "b"], sort=True)
        .agg(
            n_events=("score", "size"),
            n_reports=("n_reports", "sum"),
            score_sum=("score", "sum"),
            score_mean=("score", "mean"),
        )
        .reset_index()
        .sort_values(["n_events", "a", "b"], ascending=[False, True, True], kind="stable")
    )
    return out[columns].reset_index(drop=True)
