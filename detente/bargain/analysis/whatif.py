"""What-if analysis: change a scenario, rerun the model, compare issue by issue.

A :class:`WhatIf` is data (read from the ``whatifs:`` section of a YAML
scenario or built in code); :func:`apply_whatif` turns it into a new validated
:class:`Scenario`; :func:`whatif` runs the baseline and every variant with the
same model parameters and returns a diff table.

Issue linkage (``link``) follows the package-deal reading of issue linkage
(Tollison & Willett 1979, "An economic theory of mutually advantageous issue
linkages", International Organization 33(4)): once issues are bargained as one
package, an actor's stake and leverage are no longer confined to each issue.
detente operationalises this, and says so because the literature gives no
single formula: on every linked issue each actor's salience becomes the MEAN of
its saliences over the linked issues (its stake in the package) and its
capability becomes the MAX of its capabilities over them (clout on one part
can be brought to bear on the others). Positions are unchanged. Only models
that weight by salience or capability respond to a link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detente.bargain.base import BargainingModel, clone, get_model
from detente.bargain.scenario import ActorSpec, Scenario
from detente.errors import ScenarioError


@dataclass(frozen=True, slots=True)
class PositionChange:
    """Set one actor's position, salience and/or clout on one issue."""

    actor: str
    """Actor id (or name) in the baseline scenario."""
    issue: str
    """Issue id (or name)."""
    position: float | None = None
    """New position on the issue's scale; None keeps the current one."""
    salience: float | None = None
    """New salience in [0, 1]; None keeps the current one."""
    clout: float | None = None
    """New capability on this issue; None keeps the current one."""


@dataclass(frozen=True, slots=True)
class NewPosition:
    """A position of an actor that a what-if adds."""

    issue: str
    """Issue id (or name)."""
    position: float
    """Position on the issue's scale."""
    salience: float
    """Salience in [0, 1]."""
    clout: float | None = None
    """Capability on this issue; None uses the new actor's clout."""


@dataclass(frozen=True, slots=True)
class NewActor:
    """An actor that joins the table in a what-if."""

    id: str
    """New, unused actor id."""
    name: str
    """Display name."""
    clout: float
    """Default capability."""
    positions: tuple[NewPosition, ...]
    """Its positions; issues not listed get no position."""


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A named variant of a scenario; steps apply in the order drop, add, set, link."""

    id: str
    """Short id (``without-ukraine-eu``)."""
    name: str
    """What the variant represents, in words."""
    drop: tuple[str, ...] = ()
    """Actors removed from the table."""
    set: tuple[PositionChange, ...] = ()
    """Changed positions, saliences or clout."""
    add: tuple[NewActor, ...] = ()
    """Actors added to the table."""
    link: tuple[tuple[str, ...], ...] = ()
    """Groups of issues bargained as one package (see the module docstring)."""
    description: str = ""
    """Longer explanation of the variant."""


def apply_whatif(scenario: Scenario, variant: WhatIf) -> Scenario:
    """The scenario as changed by ``variant``; unknown actors or issues raise ScenarioError.

    Args:
        scenario: The baseline.
        variant: The changes.

    Returns:
        A new validated :class:`Scenario` named ``"<baseline> [<variant id>]"``.
    """
    where = f"what-if {variant.id!r}"
    s = _drop(scenario, variant.drop, where)
    for new in variant.add:
        s = _add(s, new, where)
    pos, sal, cap = s.positions.copy(), s.salience.copy(), s.capability.copy()
    for ch in variant.set:
        i, j = _actor(s, ch.actor, where), _issue(s, ch.issue, where)
        if np.isnan(pos[i, j]) and ch.position is not None and ch.salience is None:
            raise ScenarioError(
                f"{where}: actor {ch.actor!r} had no position on issue {ch.issue!r}; "
                "give its salience too"
            )
        if ch.position is not None:
            pos[i, j] = ch.position
        if ch.salience is not None:
            sal[i, j] = ch.salience
        if ch.clout is not None:
            cap[i, j] = ch.clout
    for group in variant.link:
        cols = [_issue(s, issue, where) for issue in group]
        if len(set(cols)) < 2:
            raise ScenarioError(
                f"{where}: a link needs at least two different issues, got {list(group)}"
            )
        sal[:, cols] = sal[:, cols].mean(axis=1, keepdims=True)
        cap[:, cols] = cap[:, cols].max(axis=1, keepdims=True)
    try:
        return dataclasses.replace(
            s, name=f"{scenario.name} [{variant.id}]", positions=pos, salience=sal, capability=cap
        )
    except ScenarioError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _actor(s: Scenario, actor: str, where: str) -> int:
    try:
        return s.actor_index(actor)
    except ScenarioError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _issue(s: Scenario, issue: str, where: str) -> int:
    try:
        return s.issue_index(issue)
    except ScenarioError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _rows(arr: np.ndarray | None, keep: list[int]) -> np.ndarray | None:
    return None if arr is None else arr[keep]


def _drop(s: Scenario, drop: Iterable[str], where: str) -> Scenario:
    gone = {_actor(s, a, where) for a in drop}
    if not gone:
        return s
    keep = [i for i in range(len(s.actors)) if i not in gone]
    if not keep:
        raise ScenarioError(f"{where}: dropping {sorted(drop)} leaves no actor")
    kept_ids = {s.actors[i].id for i in keep}
    try:
        return dataclasses.replace(
            s,
            actors=tuple(s.actors[i] for i in keep),
            positions=s.positions[keep],
            salience=s.salience[keep],
            capability=s.capability[keep],
            position_sd=_rows(s.position_sd, keep),
            salience_sd=_rows(s.salience_sd, keep),
            capability_sd=_rows(s.capability_sd, keep),
            position_range=_rows(s.position_range, keep),
            evidence={k: v for k, v in s.evidence.items() if k[0] in kept_ids},
        )
    except ScenarioError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _add(s: Scenario, new: NewActor, where: str) -> Scenario:
    if new.id in s.actor_ids:
        raise ScenarioError(f"{where}: added actor {new.id!r} is already at the table")
    m = len(s.issues)
    pos, sal, cap = np.full(m, np.nan), np.zeros(m), np.full(m, float(new.clout))
    for p in new.positions:
        j = _issue(s, p.issue, where)
        pos[j], sal[j] = p.position, p.salience
        if p.clout is not None:
            cap[j] = p.clout

    def grow(arr: np.ndarray | None, row: np.ndarray) -> np.ndarray | None:
        return None if arr is None else np.concatenate([arr, row[None]])

    zeros = np.zeros(m)
    try:
        return dataclasses.replace(
            s,
            actors=(*s.actors, ActorSpec(id=new.id, name=new.name, clout=float(new.clout))),
            positions=np.vstack([s.positions, pos]),
            salience=np.vstack([s.salience, sal]),
            capability=np.vstack([s.capability, cap]),
            position_sd=grow(s.position_sd, zeros),
            salience_sd=grow(s.salience_sd, zeros),
            capability_sd=grow(s.capability_sd, zeros),
            position_range=grow(s.position_range, np.full((m, 2), np.nan)),
        )
    except ScenarioError as err:
        raise ScenarioError(f"{where}: added actor {new.id!r}: {err}") from None


def whatif(
    scenario: Scenario, variants: Iterable[WhatIf], model: str | BargainingModel = "compromise"
) -> pd.DataFrame:
    """Run the baseline and each variant with the same model and compare.

    Args:
        scenario: The baseline scenario.
        variants: What-ifs to apply, each on the baseline (not cumulatively).
        model: A registered model name or a model instance (cloned for each run).

    Returns:
        One row per variant and issue: ``variant``, ``name``, ``issue``, ``baseline``,
        ``outcome`` (the variant's), ``delta`` (variant minus baseline).
    """
    base_model = get_model(model) if isinstance(model, str) else model
    baseline = np.asarray(clone(base_model).fit(scenario).outcome_, dtype=float)
    rows = []
    for v in variants:
        changed = apply_whatif(scenario, v)
        out = np.asarray(clone(base_model).fit(changed).outcome_, dtype=float)
        for j, issue in enumerate(scenario.issue_ids):
            rows.append(
                {
                    "variant": v.id,
                    "name": v.name,
                    "issue": issue,
                    "baseline": baseline[j],
                    "outcome": out[j],
                    "delta": out[j] - baseline[j],
                }
            )
    return pd.DataFrame(rows, columns=["variant", "name", "issue", "baseline", "outcome", "delta"])
