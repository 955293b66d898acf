"""Conflict–cooperation scores of coded events, from the PLOVER manual.

Every event the extraction stage codes carries a PLOVER type and, where the text
is clear, a mode. Its score on the −10 (most conflictual) … +10 (most
cooperative) scale is the mode's own score where the manual gives one, else the
type's: Open Event Data Alliance, *PLOVER manual*, "DRAFT Version: 2.0", table
``tab:ploverscores`` (openeventdata/PLOVER, commit 5e0c24fb). The numbers are
not copied here: they are read through the extraction stage's public loader
:func:`detente.extract.plover.load_ontology`, which ships them as package data
(``detente/extract/data/plover.json``) together with the one documented
correction (mode-less ACCUSE).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.extract.plover import load_ontology

log = logging.getLogger(__name__)


def score_table() -> pd.DataFrame:
    """Every (type, mode) pair with its score and quad; ``mode`` is "" for the type itself.

    Returns:
        Columns ``type``, ``mode``, ``score``, ``quad``; one row per type without a mode
        plus one per mode, in the manual's order.
    """
    onto = load_ontology()
    rows = []
    for name, etype in onto.types.items():
        rows.append((name, "", etype.score, etype.quad))
        for mode in etype.modes:
            rows.append((name, mode, onto.score(name, mode), etype.quad))
    return pd.DataFrame(rows, columns=["type", "mode", "score", "quad"])


def event_score(type_name: str, mode: str | None = None) -> float:
    """Score of one event type, refined by its mode when the manual scores the mode.

    Raises:
        InputError: the type is not one of PLOVER's sixteen, or the type has no such mode.
    """
    try:
        return load_ontology().score(type_name, mode or None)
    except KeyError as exc:
        raise InputError("event", str(exc).strip("'\"")) from None


def score_events(events: pd.DataFrame) -> pd.Series:
    """PLOVER score of each row of an events frame (``Store.events()`` columns).

    A mode the type does not have falls back to the type's score (and is logged),
    so that a mode added by a later extraction rule never makes a row unscorable.

    Args:
        events: frame with at least ``type`` and ``mode`` columns.

    Returns:
        Float series aligned with ``events.index``.

    Raises:
        InputError: naming the first row whose type is not a PLOVER type.
    """
    if events.empty:
        return pd.Series(np.zeros(0), index=events.index, dtype=float, name="score")
    table = score_table()
    key_type = events["type"].astype(str).str.upper()
    key_mode = events["mode"].fillna("").astype(str) if "mode" in events else ""
    by_pair = table.set_index(["type", "mode"])["score"]
    by_type = table.loc[table["mode"] == ""].set_index("type")["score"]
    pair_index = pd.MultiIndex.from_arrays([key_type, key_mode])
    scores = pd.Series(by_pair.reindex(pair_index).to_numpy(), index=events.index, name="score")
    fallback = key_type.map(by_type)
    unknown = fallback.isna()
    if unknown.any():
        row = unknown.to_numpy().nonzero()[0][0]
        raise InputError(
            "events",
            f"row {row}: unknown PLOVER type {events['type'].iloc[row]!r}; "
            f"expected one of {', '.join(by_type.index)}",
        )
    missing = scores.isna()
    if missing.any():
        log.info("%d event(s) with a mode their type lacks; scored by type", int(missing.sum()))
        scores = scores.fillna(fallback)
    return scores.astype(float)
