"""From reports to happenings: what the relations stage counts.

The store gives one row per event per article and, in its ``cluster`` column, the
happening each row reports (:mod:`detente.store.clusters`: the Riyadh talks told
by four articles are one cluster). The indices, channels and triangle count
happenings, so :func:`happenings` collapses the rows of a cluster into one -- the
first report in the frame's order stands for it, dated by the date its reports
agree on (``cluster_date``) -- and keeps every report as evidence. A row without
a cluster (a frame built by hand) is a happening of its own.

A happening every report of which tells as background (``background`` column,
set by the extraction stage: "since 2014", "during the Cold War") is history
recalled, not news of the period: :func:`current` leaves those out unless
``include_background`` is set, and :func:`background_only` lists them.
"""

from __future__ import annotations

import pandas as pd

REPORT_FIELDS = ("doc_id", "doc", "start", "end", "date", "date_evidence", "evidence")
"""Fields of each report kept with a happening."""


def _keys(frame: pd.DataFrame, by_sides: bool) -> pd.Series:
    own = pd.Series([f"row:{i}" for i in frame.index], index=frame.index, dtype=object)
    if "cluster" in frame:
        key = frame["cluster"].astype(object).where(frame["cluster"].notna(), own)
    else:
        key = own
    if by_sides:
        key = key + "|" + frame["side_a"].astype(str) + "|" + frame["side_b"].astype(str)
    return key


def _report(row: dict) -> dict:
    out = {k: row.get(k) for k in REPORT_FIELDS}
    out["start"], out["end"] = int(out["start"]), int(out["end"])
    out["sentence"] = out.pop("evidence")
    for key in ("date", "date_evidence"):
        if out[key] is not None and pd.isna(out[key]):
            out[key] = None
    return out


def happenings(frame: pd.DataFrame, *, by_sides: bool = False) -> pd.DataFrame:
    """One row per happening, with its reports.

    Args:
        frame: ``Store.events()`` rows (with ``side_a`` / ``side_b`` when ``by_sides``).
        by_sides: Keep the rows of one cluster apart when their sides differ (the
            actor-level view: Trump–Putin and USA–Russia reports of one call are two
            actor pairs).

    Returns:
        The first row of each happening, in the frame's order, with ``date`` replaced
        by ``cluster_date`` where the store gives one, ``background`` true only when
        every report is background, and ``n_reports`` (distinct sentences),
        ``n_documents`` (articles), ``reports`` (list of dicts: doc_id, doc, start,
        end, date, date_evidence, sentence) and ``texts`` (the distinct sentences, joined).
    """
    if frame.empty:
        return frame.assign(
            n_reports=pd.Series(dtype=int),
            n_documents=pd.Series(dtype=int),
            reports=pd.Series(dtype=object),
            texts=pd.Series(dtype=object),
        )
    keys = _keys(frame, by_sides)
    groups: dict[str, list[dict]] = {}
    for key, row in zip(keys, frame.to_dict("records"), strict=True):
        groups.setdefault(key, []).append(row)
    first = frame.loc[~keys.duplicated()].copy()
    members = [groups[k] for k in keys.loc[first.index]]
    first["n_reports"] = [len({(r["doc_id"], r["start"], r["end"]) for r in m}) for m in members]
    first["n_documents"] = [len({r["doc_id"] for r in m}) for m in members]
    first["reports"] = [[_report(r) for r in m] for m in members]
    first["texts"] = [
        "\n".join(dict.fromkeys(str(r.get("evidence") or "") for r in m)) for m in members
    ]
    if "background" in frame:
        first["background"] = [all(bool(r.get("background")) for r in m) for m in members]
    if "cluster_date" in frame:
        first["date"] = first["cluster_date"].where(first["cluster_date"].notna(), first["date"])
    return first


def _flag(frame: pd.DataFrame) -> pd.Series:
    if "background" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["background"].fillna(False).astype(bool)


def current(frame: pd.DataFrame, *, include_background: bool = False) -> pd.DataFrame:
    """Happenings of the period: background ones left out unless ``include_background``."""
    return frame if include_background else frame.loc[~_flag(frame)]


def background_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The background happenings of a frame of happenings."""
    return frame.loc[_flag(frame)]


__all__ = ["REPORT_FIELDS", "background_only", "current", "happenings"]
