"""Dittmer's strategic triangle of three states, period by period.

Dittmer (1981), "The Strategic Triangle: An Elementary Game-Theoretical
Analysis", *World Politics* 33(4): 485–515, classifies a triangle of three
states by which of its three bilateral relations are amicable (+) or
hostile (−):

* **ménage à trois** – all three relations positive (every state a *partner*);
* **romantic triangle** – one state (the *pivot*) is on good terms with both
  others (the *wings*), who are hostile to each other;
* **stable marriage** – one positive pair (the *partners*), both hostile to the
  third (the *outcast*);
* **unit veto** – all three relations negative; Dittmer names no roles here, so
  detente calls every state an *adversary*.

The sign of each relation in a period is the sign of the dyad index sum
(:func:`detente.relations.dyads.dyad_index`, PLOVER scores). A dyad with no
events in a period (or a sum of exactly 0) has no sign of its own; with
``carry_forward=True`` it keeps its last known sign (relations persist between
reports, and the ``carried`` column says which dyads were carried), otherwise
the period's triangle is ``undetermined``.

Periods follow the dyad index: happenings count once however many articles report
them, events dated only to a month or year form rows of that resolution, and
happenings the articles tell as background (a Cold War episode recalled in a
2025 article) are left out unless ``include_background`` is set.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.relations.dyads import check_level, dyad_index, normalise_key
from detente.relations.periods import period_key

TYPES = ("menage_a_trois", "romantic_triangle", "stable_marriage", "unit_veto", "undetermined")
"""Triangle types (ASCII ids; the labels in :data:`LABELS` carry the accents)."""

LABELS = {
    "menage_a_trois": "ménage à trois",
    "romantic_triangle": "romantic triangle",
    "stable_marriage": "stable marriage",
    "unit_veto": "unit veto",
    "undetermined": "undetermined",
}
"""Display label of each triangle type."""

ROLES = ("pivot", "partner", "wing", "outcast", "adversary")
"""Roles a state can take in a triangle."""


def _three_states(states, level: str) -> tuple[str, str, str]:
    """The three states as keys of ``level``; InputError unless there are three different ones."""
    check_level(level)
    if len(states) != 3:
        raise InputError("states", f"a triangle needs three states; got {len(states)}")
    keys = tuple(normalise_key(s, level) for s in states)
    if len(set(keys)) != 3:
        raise InputError("states", f"a triangle needs three different states; got {list(keys)}")
    return keys


def classify(signs: dict[tuple[str, str], int], states: tuple[str, str, str]) -> tuple[str, dict]:
    """Triangle type and each state's role from the signs (+1 / −1 / 0) of the three dyads.

    Args:
        signs: Sign of each pair of ``states``, keyed in :func:`itertools.combinations` order.
        states: The three states.

    Returns:
        ``(type, roles)`` with ``roles`` mapping each state to one of :data:`ROLES`
        (empty when undetermined).
    """
    values = [signs[p] for p in combinations(states, 2)]
    if any(v == 0 for v in values):
        return "undetermined", {}
    positive = [p for p in combinations(states, 2) if signs[p] > 0]
    if len(positive) == 3:
        return "menage_a_trois", {s: "partner" for s in states}
    if len(positive) == 0:
        return "unit_veto", {s: "adversary" for s in states}
    if len(positive) == 2:
        pivot = (set(positive[0]) & set(positive[1])).pop()
        return "romantic_triangle", {s: "pivot" if s == pivot else "wing" for s in states}
    pair = positive[0]
    return "stable_marriage", {s: "partner" if s in pair else "outcast" for s in states}


def triangle(
    events: pd.DataFrame,
    states: tuple[str, str, str] = ("USA", "RUS", "CHN"),
    *,
    freq: str = "M",
    level: str = "state",
    carry_forward: bool = True,
    include_background: bool = False,
) -> pd.DataFrame:
    """Classify the triangle of ``states`` in every period in which any of its dyads has events.

    Args:
        events: ``Store.events()`` frame.
        states: Three different states (ISO alpha-3, any case) or actor ids at ``actor`` level.
        freq: ``D``, ``W`` or ``M``.
        level: ``state`` or ``actor``.
        carry_forward: Let a dyad without events keep its last known sign.
        include_background: Count happenings told as background too.

    Returns:
        One row per period (time order, undated last): ``period``, ``resolution`` (as in
        :func:`~detente.relations.dyads.dyad_index`), ``type``, ``label``, one
        ``score_<A>_<B>`` and ``sign_<A>_<B>`` column per dyad, ``role_<S>`` per state,
        ``pivot`` (or None) and ``carried`` (dyads whose sign was carried).

    Raises:
        InputError: not three different states, or bad ``freq`` / ``level``.
    """
    states = _three_states(states, level)
    pairs = list(combinations(states, 2))
    sums = {}
    for a, b in pairs:
        idx = dyad_index(
            events, a, b, freq=freq, level=level, include_background=include_background
        )
        idx = idx.assign(resolution=idx["resolution"].fillna("undated"))
        sums[(a, b)] = idx.set_index(["period", "resolution"])["score_sum"]
    table = pd.concat({f"score_{a}_{b}": sums[(a, b)] for a, b in pairs}, axis=1)
    columns = (
        ["period", "resolution", "type", "label"]
        + [f"{k}_{a}_{b}" for a, b in pairs for k in ("score", "sign")]
        + [f"role_{s}" for s in states]
        + ["pivot", "carried"]
    )
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = table.loc[sorted(table.index, key=lambda k: period_key(*k))]
    rows = []
    last = {p: 0 for p in pairs}
    for (period, res), row in table.iterrows():
        signs, carried = {}, []
        for a, b in pairs:
            value = row[f"score_{a}_{b}"]
            own = 0 if pd.isna(value) else int(np.sign(value))
            if own == 0 and carry_forward and pd.notna(period) and last[(a, b)] != 0:
                own = last[(a, b)]
                carried.append(f"{a}-{b}")
            signs[(a, b)] = own
            if own != 0:
                last[(a, b)] = own
        kind, roles = classify(signs, states)
        record = {
            "period": period,
            "resolution": None if res == "undated" else res,
            "type": kind,
            "label": LABELS[kind],
        }
        for a, b in pairs:
            record[f"score_{a}_{b}"] = (
                float(row[f"score_{a}_{b}"]) if pd.notna(row[f"score_{a}_{b}"]) else np.nan
            )
            record[f"sign_{a}_{b}"] = signs[(a, b)]
        for s in states:
            record[f"role_{s}"] = roles.get(s)
        record["pivot"] = next((s for s, r in roles.items() if r == "pivot"), None)
        record["carried"] = carried
        rows.append(record)
    return pd.DataFrame(rows, columns=columns).reset_index(drop=True)


def triangle_overall(
    events: pd.DataFrame,
    states: tuple[str, str, str] = ("USA", "RUS", "CHN"),
    *,
    level: str = "state",
    include_background: bool = False,
) -> dict:
    """The triangle over the whole corpus (every happening, dated or not) as one record.

    Background happenings count only with ``include_background``: one Cold War
    episode recalled in passing must not decide today's triangle.

    Returns:
        ``{"type", "label", "scores": {"A-B": sum}, "signs": {"A-B": sign}, "roles": {state: role},
        "pivot"}``; a dyad without events has score 0 and sign 0 (then ``undetermined``).
    """
    states = _three_states(states, level)
    pairs = list(combinations(states, 2))
    scores = {
        p: float(
            dyad_index(events, *p, freq="M", level=level, include_background=include_background)[
                "score_sum"
            ].sum()
        )
        for p in pairs
    }
    signs = {p: int(np.sign(v)) for p, v in scores.items()}
    kind, roles = classify(signs, states)
    return {
        "type": kind,
        "label": LABELS[kind],
        "scores": {f"{a}-{b}": v for (a, b), v in scores.items()},
        "signs": {f"{a}-{b}": v for (a, b), v in signs.items()},
        "roles": roles,
        "pivot": next((s for s, r in roles.items() if r == "pivot"), None),
    }
