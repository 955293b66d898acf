"""Two scenarios side by side: positions, saliences, clout and which evidence differs.

Used to compare a drafted scenario with a hand-made one (``detente scenario diff``)
or two drafts of different dates. Entries are matched by actor id and issue id;
the mean absolute difference of the positions both scenarios give is reported
overall and per issue, each as a share of the issue's scale width times 100 so
issues on other scales compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detente.bargain.scenario import Scenario

POSITION_COLUMNS = [
    "actor",
    "issue",
    "position_a",
    "position_b",
    "delta",
    "salience_a",
    "salience_b",
    "evidence_only_a",
    "evidence_only_b",
    "evidence_shared",
]
CLOUT_COLUMNS = ["actor", "name", "clout_a", "clout_b", "delta"]
ISSUE_COLUMNS = ["issue", "n_both", "n_only_a", "n_only_b", "mean_abs_delta"]


@dataclass(frozen=True)
class ScenarioDiff:
    """The comparison of scenario A with scenario B."""

    a: str
    """Name of A."""
    b: str
    """Name of B."""
    positions: pd.DataFrame
    """One row per (actor, issue) present in either (``POSITION_COLUMNS``); NaN where absent."""
    clout: pd.DataFrame
    """One row per actor in either (``CLOUT_COLUMNS``)."""
    by_issue: pd.DataFrame
    """Per issue in either: entries in both, in A only, in B only, mean |B - A|."""
    mean_abs_delta: float
    """Mean |B - A| over the entries both give (NaN when none)."""


def _entries(s: Scenario) -> dict[tuple[str, str], tuple[float, float, tuple]]:
    out = {}
    for r, a in enumerate(s.actors):
        for c, i in enumerate(s.issues):
            if s.present[r, c]:
                out[(a.id, i.id)] = (
                    float(s.positions[r, c]),
                    float(s.salience[r, c]),
                    s.evidence.get((a.id, i.id), ()),
                )
    return out


def diff_scenarios(a: Scenario, b: Scenario) -> ScenarioDiff:
    """Compare two scenarios entry by entry (see the module docstring)."""
    ea, eb = _entries(a), _entries(b)
    issue_order = list(dict.fromkeys([*a.issue_ids, *b.issue_ids]))
    actor_order = list(dict.fromkeys([*a.actor_ids, *b.actor_ids]))
    width = {i.id: i.high - i.low for i in (*b.issues, *a.issues)}
    rows = []
    for issue in issue_order:
        for actor in actor_order:
            key = (actor, issue)
            if key not in ea and key not in eb:
                continue
            pa, sa, la = ea.get(key, (np.nan, np.nan, ()))
            pb, sb, lb = eb.get(key, (np.nan, np.nan, ()))
            qa, qb = {(x.doc, x.quote) for x in la}, {(x.doc, x.quote) for x in lb}
            rows.append(
                (
                    actor,
                    issue,
                    pa,
                    pb,
                    (pb - pa) * 100 / width[issue],
                    sa,
                    sb,
                    sorted(f"{d}: {q}" for d, q in qa - qb),
                    sorted(f"{d}: {q}" for d, q in qb - qa),
                    len(qa & qb),
                )
            )
    positions = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    by_issue = []
    for issue in issue_order:
        sel = positions.loc[positions["issue"] == issue]
        both = sel.dropna(subset=["position_a", "position_b"])
        by_issue.append(
            (
                issue,
                len(both),
                int(sel["position_b"].isna().sum()),
                int(sel["position_a"].isna().sum()),
                float(both["delta"].abs().mean()) if len(both) else np.nan,
            )
        )
    names = {x.id: x.name for x in (*b.actors, *a.actors)}
    ca = {x.id: x.clout for x in a.actors}
    cb = {x.id: x.clout for x in b.actors}
    clout = pd.DataFrame(
        [
            (
                x,
                names[x],
                ca.get(x, np.nan),
                cb.get(x, np.nan),
                cb.get(x, np.nan) - ca.get(x, np.nan),
            )
            for x in actor_order
        ],
        columns=CLOUT_COLUMNS,
    )
    both = positions.dropna(subset=["position_a", "position_b"])
    return ScenarioDiff(
        a=a.name,
        b=b.name,
        positions=positions,
        clout=clout,
        by_issue=pd.DataFrame(by_issue, columns=ISSUE_COLUMNS),
        mean_abs_delta=float(both["delta"].abs().mean()) if len(both) else float("nan"),
    )


__all__ = ["ScenarioDiff", "diff_scenarios"]
