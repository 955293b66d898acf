"""Bilateral channels of a dyad (embassies, leader contact, sanctions ...) and their state.

Analysts of a thaw read it channel by channel: are embassies being staffed again,
do the leaders talk, are sanctions eased, do flights resume? detente places each
event (and each stance) sentence of a dyad in zero or more channels with a small
lexicon shipped as package data (``detente/relations/data/channels.json``,
written for detente), then gives each channel a state per period.

The state rule is detente's own operationalisation, stated here because no
published coding scheme gives one: with ``m`` the mean PLOVER score of the
channel's evidence in the period (stances, which carry no event score, count as
0) and ``p`` the channel's mean in its previous period with evidence,

* a cue of deterioration in the period (``suspend``, ``expel``, ``impose`` ...)
  with ``m <= 0``, or ``m < 0`` and ``m < p`` -> **deteriorating**;
* a cue of thaw (``restore``, ``resume``, ``reopen``, ``ease`` ...) with
  ``m >= 0``, or ``m > 0`` after ``p <= 0`` -> **thawing**;
* otherwise ``m > 0`` -> **active**, and ``m <= 0`` -> **frozen**.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.relations.dyads import (
    between,
    check_pair,
    evidence_items,
    scored,
    side,
)
from detente.relations.periods import check_freq, event_times, period_key, place

DATA = Path(__file__).resolve().parent / "data" / "channels.json"
"""The channel lexicon shipped with detente."""

STATES = ("frozen", "thawing", "active", "deteriorating")
"""Channel states, from coldest to the one that is getting worse."""

COLUMNS = [
    "channel",
    "name",
    "period",
    "period_end",
    "resolution",
    "state",
    "score_mean",
    "n_evidence",
    "evidence",
]


@dataclass(frozen=True, slots=True)
class Channel:
    """One bilateral channel and the words that place a sentence in it."""

    id: str
    """Short id (``sanctions``)."""
    name: str
    """Display name."""
    terms: tuple[str, ...]
    """Lower-case word starts; a sentence is in the channel when one starts a word in it."""


@dataclass(frozen=True, slots=True)
class ChannelLexicon:
    """Channels plus the cue words that mark a thaw or a deterioration."""

    channels: tuple[Channel, ...]
    """Channels in display order."""
    thaw_cues: tuple[str, ...]
    """Word starts that mark a channel being reopened or eased."""
    deterioration_cues: tuple[str, ...]
    """Word starts that mark a channel being cut or tightened."""


def _pattern(terms: tuple[str, ...]) -> str:
    return r"(?i)\b(?:" + "|".join(re.escape(t) for t in terms) + ")"


def parse_lexicon(data: dict, *, origin: str = "channels.json") -> ChannelLexicon:
    """Build a :class:`ChannelLexicon` from the JSON layout of ``channels.json``.

    Raises:
        InputError: naming ``origin`` and the entry at fault.
    """
    try:
        rows = data["channels"]
        channels = tuple(
            Channel(str(r["id"]), str(r["name"]), tuple(str(t).lower() for t in r["terms"]))
            for r in rows
        )
        thaw = tuple(str(t).lower() for t in data["thaw_cues"])
        worse = tuple(str(t).lower() for t in data["deterioration_cues"])
    except (KeyError, TypeError) as exc:
        raise InputError(origin, f"missing or bad field {exc}") from None
    for c in channels:
        if not c.terms or not all(t.strip() for t in c.terms):
            raise InputError(origin, f"channel {c.id!r} has no terms or an empty term")
    if len({c.id for c in channels}) != len(channels):
        raise InputError(origin, "channel ids must be unique")
    return ChannelLexicon(channels, thaw, worse)


@cache
def load_lexicon() -> ChannelLexicon:
    """The channel lexicon shipped with detente (read once)."""
    return parse_lexicon(json.loads(DATA.read_text(encoding="utf-8")), origin=str(DATA))


def match_channels(texts: pd.Series, lexicon: ChannelLexicon | None = None) -> pd.DataFrame:
    """Boolean frame: one column per channel id, True where the text mentions the channel."""
    lex = lexicon or load_lexicon()
    texts = texts.fillna("").astype(str)
    return pd.DataFrame(
        {c.id: texts.str.contains(_pattern(c.terms), regex=True) for c in lex.channels},
        index=texts.index,
    )


def _stance_rows(stances: pd.DataFrame, a: str, b: str, *, freq: str, level: str) -> pd.DataFrame:
    """Stances by either side as evidence rows scored 0, dated by publication."""
    if stances is None or stances.empty:
        return pd.DataFrame()
    who = side(stances.rename(columns=lambda c: c.replace("actor_", "source_")), "source", level)
    rows = stances.loc[who.isin([a, b])].copy()
    if rows.empty:
        return rows
    rows["side_a"] = who.loc[rows.index]
    rows["side_b"] = None
    rows["type"] = "STANCE"
    rows["mode"] = rows["kind"]
    rows["score"] = 0.0
    rows["n_reports"] = 1
    rows["n_documents"] = 1
    rows["texts"] = rows["evidence"]
    rows["reports"] = [
        [
            {
                "doc_id": r.doc_id,
                "doc": r.doc,
                "start": int(r.start),
                "end": int(r.end),
                "date": None,
                "sentence": r.evidence,
            }
        ]
        for r in rows.itertuples(index=False)
    ]
    times = event_times(rows.assign(date=None))
    return place(pd.concat([rows, times], axis=1), freq)


def _state(mean: float, prev: float | None, thaw: bool, worse: bool) -> str:
    if worse and (mean <= 0 or (prev is not None and mean < prev)):
        return "deteriorating"
    if mean < 0 and prev is not None and mean < prev:
        return "deteriorating"
    if thaw and mean >= 0:
        return "thawing"
    if mean > 0:
        return "thawing" if prev is not None and prev <= 0 else "active"
    return "frozen"


def channel_states(
    events: pd.DataFrame,
    a: str,
    b: str,
    *,
    stances: pd.DataFrame | None = None,
    freq: str = "M",
    level: str = "state",
    lexicon: ChannelLexicon | None = None,
    include_background: bool = False,
) -> pd.DataFrame:
    """State of each channel of the dyad ``a``–``b`` per period with evidence.

    Args:
        events: ``Store.events()`` frame.
        a: First side (state code or actor id, see :func:`~detente.relations.dyads.dyad_index`).
        b: Second side.
        stances: Optional ``Store.stances()`` frame; stances by either side count as evidence.
        freq: ``D``, ``W`` or ``M``.
        level: ``state`` or ``actor``.
        lexicon: Channel lexicon; the shipped one by default.
        include_background: Let happenings told as background count too (by default a
            sentence such as "for three years the US has tried to isolate Russia through
            sanctions" does not make this month's sanctions channel deteriorate).

    Returns:
        One row per channel, period and resolution with evidence (channels in lexicon
        order, periods in time order, undated last): ``channel``, ``name``, ``period``,
        ``period_end``, ``resolution`` (see :func:`~detente.relations.dyads.dyad_index`),
        ``state`` (one of :data:`STATES`), ``score_mean``, ``n_evidence`` (happenings
        and stances), ``evidence`` (list of dicts). A happening is placed in a channel
        when any sentence reporting it names the channel.
    """
    check_freq(freq)
    a, b = check_pair(a, b, level)
    lex = lexicon or load_lexicon()
    ev = scored(events, freq=freq, level=level, include_background=include_background)
    ev = ev.loc[between(ev, a, b, directed=False)]
    st = _stance_rows(stances, a, b, freq=freq, level=level)
    frames = [f for f in (ev, st) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    rows = pd.concat(frames, ignore_index=True)
    text = rows["texts"].fillna("").astype(str)
    hits = match_channels(text, lex)
    thaw = text.str.contains(_pattern(lex.thaw_cues), regex=True)
    worse = text.str.contains(_pattern(lex.deterioration_cues), regex=True)
    rows = rows.assign(thaw=thaw, worse=worse)
    out = []
    for channel in lex.channels:
        sel = rows.loc[hits[channel.id]]
        if sel.empty:
            continue
        prev: float | None = None
        sel = sel.assign(_res=sel["resolution"].fillna("undated"))
        groups = sorted(
            sel.groupby(["period", "_res"], dropna=False, sort=False),
            key=lambda kv: period_key(*kv[0]),
        )
        for (period, res), group in groups:
            mean = float(np.mean(group["score"]))
            state = _state(mean, prev, bool(group["thaw"].any()), bool(group["worse"].any()))
            out.append(
                (
                    channel.id,
                    channel.name,
                    period,
                    group["period_end"].iloc[0],
                    None if res == "undated" else res,
                    state,
                    mean,
                    len(group),
                    evidence_items(group),
                )
            )
            prev = mean
    frame = pd.DataFrame(out, columns=COLUMNS)
    return frame.reset_index(drop=True)
