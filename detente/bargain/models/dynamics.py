"""Round-based dynamics: the state of one round and a recorder of named reporters.

The shape follows Mesa (``mesa.DataCollector``): a model advances the round
counter in ONE place, each step is "act, then collect", and named reporter
functions turn the recorded states into a DataFrame. Unlike Mesa there is no
object per actor: actors are rows of arrays and Monte Carlo draws are an
optional LEADING array axis (Mesa's ``PropertyLayer`` idea), so the same pure
round function serves one fit and ten thousand draws.

Typical use in a dynamic model::

    state = RoundState.initial(scenario)
    recorder = Recorder(scenario.actor_ids, scenario.issue_ids,
                        reporters={"median": weighted_median_of})
    recorder.collect(state)                       # round 0 = the input
    for _ in range(self.rounds):
        state = state.advance(my_round(state))    # act ...
        recorder.collect(state)                   # ... then collect
        if state.converged:
            break
    self.trajectory_ = recorder.to_frame()        # round, actor, issue, position
    self.medians_ = recorder.issue_frame()        # round, issue, median
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from detente.bargain.models.compromise import weighted_mean
from detente.bargain.models.weighted_median import weighted_median
from detente.errors import ModelError

if TYPE_CHECKING:
    from detente.bargain.scenario import Scenario

Reporter = Callable[["RoundState"], Any]
"""A named function of a state returning an array of shape (..., n_actors, n_issues)
(actor level), (..., n_issues) (issue level) or (...) (round level); ``...`` are draws."""


@dataclass(frozen=True)
class RoundState:
    """Everything a round function needs and produces; immutable, so rounds are pure."""

    round: int
    """Round counter: 0 is the scenario as given, each :meth:`advance` adds 1."""
    positions: np.ndarray
    """Positions, shape (n_actors, n_issues) or (n_draws, n_actors, n_issues); NaN = none."""
    salience: np.ndarray
    """Salience in [0, 1], same shape as ``positions``."""
    capability: np.ndarray
    """Capability >= 0, same shape as ``positions``."""
    converged: bool = False
    """True when the model's stopping rule says this round changed nothing that matters."""
    extras: Mapping[str, Any] = field(default_factory=dict)
    """Model-specific arrays of this round (risk exponents, offers ...), readable by reporters."""

    @classmethod
    def initial(
        cls,
        scenario: Scenario,
        positions: np.ndarray | None = None,
        salience: np.ndarray | None = None,
        capability: np.ndarray | None = None,
    ) -> RoundState:
        """Round 0 from a scenario, or from perturbed arrays with a leading draw axis.

        Args:
            scenario: Source of the arrays not given explicitly.
            positions: Optional replacement, shape (..., n_actors, n_issues).
            salience: Optional replacement, same shape.
            capability: Optional replacement, same shape.
        """
        p = scenario.positions if positions is None else positions
        s = scenario.salience if salience is None else salience
        c = scenario.capability if capability is None else capability
        p, s, c = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (p, s, c)))
        return cls(round=0, positions=p.copy(), salience=s.copy(), capability=c.copy())

    @property
    def n_draws(self) -> int | None:
        """Number of draws on the leading axis, or None for a single state."""
        return self.positions.shape[0] if self.positions.ndim == 3 else None

    @property
    def weights(self) -> np.ndarray:
        """Capability x salience, zero where the actor has no position."""
        return np.where(np.isnan(self.positions), 0.0, self.capability * self.salience)

    def advance(
        self, positions: np.ndarray, *, converged: bool = False, **changes: Any
    ) -> RoundState:
        """The next round's state: new positions, counter + 1, other fields as given or kept.

        Args:
            positions: New positions, same shape as the current ones.
            converged: Whether the model's stopping rule is met.
            **changes: Other fields to replace (``salience``, ``capability``, ``extras``).
        """
        positions = np.asarray(positions, dtype=float)
        if positions.shape != self.positions.shape:
            raise ModelError(
                f"round {self.round + 1}: positions have shape {positions.shape}, "
                f"expected {self.positions.shape}"
            )
        return dataclasses.replace(
            self, round=self.round + 1, positions=positions, converged=converged, **changes
        )


def positions_of(state: RoundState) -> np.ndarray:
    """Reporter: every actor's position (actor level)."""
    return state.positions


def weighted_median_of(state: RoundState) -> np.ndarray:
    """Reporter: capability x salience weighted median per issue (BDM's prediction)."""
    return weighted_median(state.positions, state.weights)


def weighted_mean_of(state: RoundState) -> np.ndarray:
    """Reporter: capability x salience weighted mean per issue (the compromise outcome)."""
    return weighted_mean(state.positions, state.weights)


class Recorder:
    """Collects named reporters once per round and returns tidy long DataFrames.

    Mesa's ``DataCollector`` idea with array states: reporters are plain
    functions of a :class:`RoundState`; the level of each value (actor, issue or
    round) is read from its shape relative to the state's positions. The
    ``position`` reporter is always present.

    Args:
        actor_ids: Actor ids in row order.
        issue_ids: Issue ids in column order.
        reporters: Extra named reporters.
    """

    def __init__(
        self,
        actor_ids: Sequence[str],
        issue_ids: Sequence[str],
        reporters: Mapping[str, Reporter] | None = None,
    ) -> None:
        self.actor_ids = tuple(actor_ids)
        self.issue_ids = tuple(issue_ids)
        self.reporters: dict[str, Reporter] = {"position": positions_of, **dict(reporters or {})}
        self._rounds: list[int] = []
        self._values: dict[str, list[np.ndarray]] = {name: [] for name in self.reporters}
        self._levels: dict[str, str] = {"position": "actor"}
        self._draws: int | None = None

    def collect(self, state: RoundState) -> None:
        """Evaluate every reporter on ``state`` and keep the values under ``state.round``."""
        n, m = len(self.actor_ids), len(self.issue_ids)
        lead = state.positions.shape[:-2]
        if state.positions.shape[-2:] != (n, m):
            raise ModelError(
                f"state positions have shape {state.positions.shape}, expected (..., {n}, {m})"
            )
        if self._rounds and lead != ((self._draws,) if self._draws is not None else ()):
            raise ModelError("all collected states must have the same number of draws")
        self._draws = lead[0] if lead else None
        for name, fn in self.reporters.items():
            value = np.asarray(fn(state), dtype=float)
            level = {lead + (n, m): "actor", lead + (m,): "issue", lead: "round"}.get(value.shape)
            if level is None:
                raise ModelError(
                    f"reporter {name!r} returned shape {value.shape}; expected "
                    f"{lead + (n, m)}, {lead + (m,)} or {lead}"
                )
            if self._levels.setdefault(name, level) != level:
                raise ModelError(
                    f"reporter {name!r} changed level from {self._levels[name]} to {level}"
                )
            self._values[name].append(value)
        self._rounds.append(int(state.round))

    @property
    def rounds(self) -> tuple[int, ...]:
        """Round numbers collected so far."""
        return tuple(self._rounds)

    def _frame(self, level: str) -> pd.DataFrame:
        names = [k for k, v in self._levels.items() if v == level]
        n, m = len(self.actor_ids), len(self.issue_ids)
        r = len(self._rounds)
        d = self._draws if self._draws is not None else 1
        inner = {"actor": (n, m), "issue": (m,), "round": ()}[level]
        # index grid (round, draw, [actor,] [issue]) in C order matches the stacked values
        grid_shape = (r, d) + inner
        idx = np.indices(grid_shape).reshape(len(grid_shape), -1)
        cols: dict[str, Any] = {"round": np.asarray(self._rounds)[idx[0]]}
        if self._draws is not None:
            cols["draw"] = idx[1]
        if level == "actor":
            cols["actor"] = np.asarray(self.actor_ids, dtype=object)[idx[2]]
            cols["issue"] = np.asarray(self.issue_ids, dtype=object)[idx[3]]
        elif level == "issue":
            cols["issue"] = np.asarray(self.issue_ids, dtype=object)[idx[2]]
        for name in names:
            cols[name] = np.stack(self._values[name]).reshape(-1) if r else np.empty(0)
        return pd.DataFrame(cols)

    def to_frame(self) -> pd.DataFrame:
        """Long frame ``round, [draw,] actor, issue, position`` plus actor-level reporters."""
        return self._frame("actor")

    def issue_frame(self) -> pd.DataFrame:
        """Long frame ``round, [draw,] issue`` plus one column per issue-level reporter."""
        return self._frame("issue")

    def round_frame(self) -> pd.DataFrame:
        """Frame ``round, [draw]`` plus one column per round-level reporter."""
        return self._frame("round")
