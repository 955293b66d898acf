"""A negotiation scenario: actors x issues with position, salience and capability.

This is the one input every bargaining model takes. An issue's scale in words
(:class:`~detente.issues.IssueSpec`) belongs to the issue vocabulary every stage
shares. Arrays are actors in rows and issues in columns; a missing position is NaN
and then carries no weight.
Readers for the YAML, Decide, KTAB and BDM formats live in ``detente.bargain.io``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from detente.errors import ScenarioError
from detente.issues import IssueSpec


@dataclass(frozen=True, slots=True)
class Locator:
    """A pointer into the corpus: a document and a few words of one of its sentences."""

    doc: str
    """Document name (``001_bdf1d4e335e6f95a.txt``) or content hash."""
    quote: str
    """A few words, matched case- and whitespace-insensitively, resolved to the full sentence."""


@dataclass(frozen=True, slots=True)
class ObservedOutcome:
    """Where an issue actually stood on a date: what a backtest scores forecasts against."""

    issue: str
    """Issue id."""
    date: str
    """ISO date (``YYYY-MM-DD``) on which the issue stood there."""
    position: float
    """The point on the issue's scale."""
    evidence: tuple[Locator, ...]
    """Locators of the sentences that show it."""
    note: str = ""
    """The analyst's reading, in words."""


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """An actor at the table."""

    id: str
    """Short id used in the scenario (``usa``)."""
    name: str
    """Display name (``United States``)."""
    clout: float
    """Default capability, used on issues without an override."""
    description: str = ""
    """Why the actor has this clout, in words."""


@dataclass(frozen=True)
class Scenario:
    """Actors x issues; the arrays are the model input."""

    name: str
    """Scenario title."""
    actors: tuple[ActorSpec, ...]
    """Actors in row order."""
    issues: tuple[IssueSpec, ...]
    """Issues in column order."""
    positions: np.ndarray
    """Array of shape (n_actors, n_issues) on each issue's scale; NaN = no stated position."""
    salience: np.ndarray
    """Array of shape (n_actors, n_issues) in [0, 1]."""
    capability: np.ndarray
    """Array of shape (n_actors, n_issues) >= 0: the actor's clout on that issue."""
    evidence: dict[tuple[str, str], tuple[Locator, ...]] = field(default_factory=dict)
    """Locators behind each (actor id, issue id) entry."""
    position_sd: np.ndarray | None = None
    """Optional standard deviation of each position, shape (n_actors, n_issues)."""
    salience_sd: np.ndarray | None = None
    """Optional standard deviation of each salience."""
    capability_sd: np.ndarray | None = None
    """Optional standard deviation of each capability."""
    description: str = ""
    """What the scenario represents."""
    position_range: np.ndarray | None = None
    """Optional (low, high) of each position, shape (n_actors, n_issues, 2); NaN where not
    given. Monte Carlo draws such a position uniformly from its range instead of using
    ``position_sd`` (additive field, added with the YAML reader)."""

    def __post_init__(self) -> None:
        n, m = len(self.actors), len(self.issues)
        for name in ("positions", "salience", "capability"):
            arr = np.asarray(getattr(self, name), dtype=float)
            if arr.shape != (n, m):
                raise ScenarioError(f"{name} has shape {arr.shape}, expected ({n}, {m})")
            object.__setattr__(self, name, arr)
        for name in ("position_sd", "salience_sd", "capability_sd"):
            arr = getattr(self, name)
            if arr is not None:
                arr = np.asarray(arr, dtype=float)
                if arr.shape != (n, m):
                    raise ScenarioError(f"{name} has shape {arr.shape}, expected ({n}, {m})")
                object.__setattr__(self, name, arr)
        if self.position_range is not None:
            arr = np.asarray(self.position_range, dtype=float)
            if arr.shape != (n, m, 2):
                raise ScenarioError(f"position_range has shape {arr.shape}, expected ({n}, {m}, 2)")
            object.__setattr__(self, "position_range", arr)
        validate(self)

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Actor ids in row order."""
        return tuple(a.id for a in self.actors)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """Issue ids in column order."""
        return tuple(i.id for i in self.issues)

    @property
    def present(self) -> np.ndarray:
        """Boolean mask (n_actors, n_issues): the actor has a position on the issue."""
        return ~np.isnan(self.positions)

    @property
    def scale(self) -> tuple[np.ndarray, np.ndarray]:
        """(low, high) arrays of shape (n_issues,)."""
        return (
            np.array([i.low for i in self.issues], dtype=float),
            np.array([i.high for i in self.issues], dtype=float),
        )

    def weights(self, kind: str = "capability*salience") -> np.ndarray:
        """Voting weight per actor and issue; zero where the actor has no position.

        ``kind`` is ``capability*salience`` (alias ``clout*salience``), ``capability`` or
        ``salience``.
        """
        if kind in ("capability*salience", "clout*salience"):
            w = self.capability * self.salience
        elif kind in ("capability", "clout"):
            w = self.capability.copy()
        elif kind == "salience":
            w = self.salience.copy()
        else:
            raise ScenarioError(
                f"unknown weight {kind!r}; use capability*salience, capability or salience"
            )
        return np.where(self.present, w, 0.0)

    def actor_index(self, actor: str) -> int:
        """Row of an actor given by id or name; :class:`ScenarioError` if unknown."""
        for k, a in enumerate(self.actors):
            if actor in (a.id, a.name):
                return k
        raise ScenarioError(f"unknown actor {actor!r}; actors are {', '.join(self.actor_ids)}")

    def issue_index(self, issue: str) -> int:
        """Column of an issue given by id or name; :class:`ScenarioError` if unknown."""
        for k, i in enumerate(self.issues):
            if issue in (i.id, i.name):
                return k
        raise ScenarioError(f"unknown issue {issue!r}; issues are {', '.join(self.issue_ids)}")


def validate(s: Scenario) -> None:
    """Raise :class:`ScenarioError` naming the first actor and issue at fault."""
    if not s.actors:
        raise ScenarioError(f"scenario {s.name!r} has no actors")
    if not s.issues:
        raise ScenarioError(f"scenario {s.name!r} has no issues")
    for seen, kind in ((s.actor_ids, "actor"), (s.issue_ids, "issue")):
        dup = {x for x in seen if seen.count(x) > 1}
        if dup:
            raise ScenarioError(f"duplicate {kind} id {sorted(dup)[0]!r}")
    low, high = s.scale
    for j, issue in enumerate(s.issues):
        if not high[j] > low[j]:
            raise ScenarioError(
                f"issue {issue.id!r}: scale high {high[j]} must exceed low {low[j]}"
            )
        if issue.status_quo is not None and not low[j] <= issue.status_quo <= high[j]:
            raise ScenarioError(
                f"issue {issue.id!r}: status quo {issue.status_quo} is off the scale "
                f"[{low[j]}, {high[j]}]"
            )
        for i, actor in enumerate(s.actors):
            where = f"actor {actor.id!r}, issue {issue.id!r}"
            x, sal, cap = s.positions[i, j], s.salience[i, j], s.capability[i, j]
            if not np.isnan(x) and not low[j] <= x <= high[j]:
                raise ScenarioError(
                    f"{where}: position {x:g} is off the scale [{low[j]:g}, {high[j]:g}]"
                )
            if np.isnan(sal) or not 0.0 <= sal <= 1.0:
                raise ScenarioError(f"{where}: salience {sal:g} must be in [0, 1]")
            if np.isnan(cap) or cap < 0:
                raise ScenarioError(f"{where}: capability {cap:g} must be a number >= 0")
    for i, actor in enumerate(s.actors):
        if not np.any(s.capability[i] > 0):
            raise ScenarioError(f"actor {actor.id!r} has no clout (capability 0 on every issue)")
    for j, issue in enumerate(s.issues):
        if not np.any(s.present[:, j]):
            raise ScenarioError(f"issue {issue.id!r}: no actor has a position")
