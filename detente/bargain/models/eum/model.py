r"""Bueno de Mesquita's expected-utility model (EUM), as reconstructed by Scholz et al. (2011).

Actors challenge, compromise with or give in to one another round after round,
each judging a contest by its expected utility; BDM's forecast is the
capability x salience weighted median of the final round. The model is one
issue at a time, so a multi-issue scenario runs it on each issue separately.

The defaults reproduce jmckib/bdm-scholz-expected-utility-model (commit
55f63e9f), which its author ("perfect replication of bdm-scholz results up to
10 rounds") and decisionmechanics/eum credit with matching the paper's
results, using deviations from the printed equations that follow Scholz's
original code. Each deviation is a parameter, so the paper's reading is one
switch away:

========================  ==========================  ===============================
parameter                 default (Scholz's code)     alternative (printed paper)
========================  ==========================  ===============================
probability_denominator   ``all_triples``             ``pairwise`` (P_ij + P_ji = 1)
compromise_rule           ``scholz_code``             ``paper`` (smallest move)
capitulation              ``never``                   ``paper`` (loss > gain: give in)
range_rule                ``initial`` (once)          ``current`` (every round)
========================  ==========================  ===============================

Sources: Scholz, J.B., Calbert, G.J., Smith, G.A. (2011) "Unravelling Bueno De
Mesquita's group decision model", *Journal of Theoretical Politics*
23(4):510-531, doi:10.1177/0951629811418142; Bueno de Mesquita (1994)
"Political forecasting: an expected utility method". Reproduced to 1e-9 (every
position, risk exponent, offer, median and mean of the 10-round EU emissions
example) in ``tests/bargain/test_expected_utility.py``.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detente.bargain.base import BargainingModel, Interval, Options, RandomState, register_model
from detente.bargain.models.dynamics import (
    Recorder,
    RoundState,
    weighted_mean_of,
    weighted_median_of,
)
from detente.bargain.models.eum.core import OFFER_NAMES, Rules, Workspace, eum_round, position_range
from detente.bargain.models.parallel import map_blocks
from detente.bargain.models.weighted_median import weighted_median
from detente.randomness import RandomStateLike

if TYPE_CHECKING:
    from detente.bargain.scenario import Scenario

_CHOICES = {
    "probability_denominator": ("all_triples", "pairwise"),
    "compromise_rule": ("scholz_code", "paper"),
    "capitulation": ("never", "paper"),
    "range_rule": ("initial", "current"),
}

_CHUNK_CELLS = 100_000
"""Upper bound on columns x n_actors^2 per vectorised call: 800 kB per (n, n, b) array of
the :class:`~detente.bargain.models.eum.contest.Workspace` (1 000 columns of 10 actors).
Smaller batches pay NumPy's per-call overhead, larger ones leave the caches (the
measured choice is in benchmarks/README.md)."""


def _to_cols(a: np.ndarray) -> np.ndarray:
    """(..., n_actors, n_issues) -> (n_actors, columns): one column per draw x issue."""
    a = np.moveaxis(np.asarray(a, dtype=float), -2, 0)
    return np.ascontiguousarray(a.reshape(a.shape[0], -1))


def _from_cols(cols: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Inverse of :func:`_to_cols` for an array shaped like ``like``."""
    n = like.shape[-2]
    return np.moveaxis(cols.reshape((n,) + like.shape[:-2] + like.shape[-1:]), 0, -2)


def _extra(name: str, default: float):
    """Reporter reading one per-round array from ``RoundState.extras`` (default in round 0)."""

    def report(state: RoundState) -> np.ndarray:
        value = state.extras.get(name)
        if value is None:
            return np.where(np.isnan(state.positions), np.nan, default)
        return value

    report.__name__ = f"{name}_of"
    return report


@register_model("eum")
class ExpectedUtilityModel(BargainingModel):
    """Bueno de Mesquita's expected-utility model, Scholz et al. (2011) reconstruction.

    Each round: (1) every actor's risk exponent r_i is set from how much its
    rivals expect to gain by challenging it (eqs. 32-33); (2) each actor i
    receives offers from every actor j at another position, judged by the
    expected utilities eu_ij (i challenges j) and eu_ji (j challenges i), both
    seen with i's risk exponent; (3) i accepts a confrontation (moves to x_j),
    else a compromise (moves part of the way), else a capitulation; all moves
    happen at once. There is no convergence test: the model runs ``rounds``
    rounds, as the replication does.

    Args:
        rounds: Number of rounds (the replication reports 10).
        q: Probability that the status quo persists if nobody challenges (1 in the paper's
            example; the paper's (1 - q) term is absent from Scholz's code).
        probability_denominator: ``all_triples`` divides the winning coalition's votes by all
            votes over all pairs of actors (Scholz's code); ``pairwise`` by the votes in this
            one contest (the paper's equation).
        compromise_rule: Which compromise to accept when several are offered: ``scholz_code``
            takes the smallest EU-weighted position (|eu_ij| x_i + |eu_ji| x_j)/(|eu_ij| + |eu_ji|),
            which makes Belgium jump to 4.8 in round 4 of the EU example; ``paper`` takes the
            smallest move.
        capitulation: ``never`` as in the replication (its condition can never hold);
            ``paper`` lets i give in fully when eu_ji > 0 > eu_ij and eu_ji < |eu_ij|.
        range_rule: Distances are divided by the position range computed once from the
            inputs (``initial``, the replication) or from each round's positions (``current``).
            Both reproduce the EU example, whose extremes never move; ``initial`` is the default
            because it is what the replication code does.
        random_state: Part of the common contract; the model draws no random numbers.
        n_jobs: Worker processes for the Monte Carlo path (``solve_draws``; each call, i.e. each
            1 000-draw chunk of ``monte_carlo``, splits its draws into ``n_jobs`` contiguous
            blocks). Every column is computed by the same operations whatever batch it is
            in, so the result is bit-for-bit the same for any ``n_jobs``. The default 1 runs
            in this process (the target machine is shared); ``fit`` never forks.

    Attributes:
        outcome_: Weighted median of the final round per issue, shape (n_issues,).
        mean_: capability x salience weighted mean of the final round per issue.
        trajectory_: Long frame ``round, actor, issue, position``; round 0 is the input.
        risk_: Long frame ``round, actor, issue, r``; round 0 holds the initial r = 1.
        offers_: Accepted offers, "who moved whom": ``round, actor`` (the mover), ``issue,
            offer, proposer, eu_ij, eu_ji, position`` (the new position).
        medians_: Weighted median per round (index) and issue (columns).
        means_: Weighted mean per round (index) and issue (columns).
    """

    dynamic = True
    outcome_meaning = "weighted median of the positions after the last round"

    _parameter_constraints = {
        "rounds": [Interval(Integral, 1, 1000)],
        "q": [Interval(Real, 0, 1)],
        **{name: [Options(options)] for name, options in _CHOICES.items()},
        "random_state": [RandomState()],
        "n_jobs": [Interval(Integral, 1, 64)],
    }

    def __init__(
        self,
        *,
        rounds: int = 10,
        q: float = 1.0,
        probability_denominator: str = "all_triples",
        compromise_rule: str = "scholz_code",
        capitulation: str = "never",
        range_rule: str = "initial",
        random_state: RandomStateLike = None,
        n_jobs: int = 1,
    ) -> None:
        self.rounds = rounds
        self.q = q
        self.probability_denominator = probability_denominator
        self.compromise_rule = compromise_rule
        self.capitulation = capitulation
        self.range_rule = range_rule
        self.random_state = random_state
        self.n_jobs = n_jobs

    def _rules(self) -> Rules:
        """The rule switches of a run, from the (validated) parameters."""
        return Rules(
            q=float(self.q),
            all_triples=self.probability_denominator == "all_triples",
            compromise_scholz=self.compromise_rule == "scholz_code",
            capitulation=self.capitulation == "paper",
            current_range=self.range_rule == "current",
        )

    def fit(self, scenario: Scenario) -> ExpectedUtilityModel:
        """Run ``rounds`` rounds on every issue and record who moved whom.

        Args:
            scenario: Actors x issues; actors without a position on an issue (NaN) neither
                vote, challenge nor move on it.
        """
        rules = self._rules()
        recorder = Recorder(
            scenario.actor_ids,
            scenario.issue_ids,
            reporters={
                "median": weighted_median_of,
                "mean": weighted_mean_of,
                "r": _extra("risk", 1.0),
                "offer": _extra("offer", 0.0),
                "proposer": _extra("proposer", -1.0),
                "eu_ij": _extra("eu_ij", np.nan),
                "eu_ji": _extra("eu_ji", np.nan),
            },
        )
        state = RoundState.initial(scenario)
        recorder.collect(state)
        delta = None
        for _ in range(self.rounds):
            state, delta = _step(state, delta, rules)
            recorder.collect(state)
        self._store(recorder, scenario)
        return self

    def _store(self, recorder: Recorder, scenario: Scenario) -> None:
        """Split the recorded rounds into the fitted attributes."""
        frame = recorder.to_frame()
        present = frame["position"].notna()
        self.trajectory_ = frame.loc[:, ["round", "actor", "issue", "position"]].reset_index(
            drop=True
        )
        self.risk_ = frame.loc[present, ["round", "actor", "issue", "r"]].reset_index(drop=True)
        moved = frame[frame["offer"] > 0]
        self.offers_ = pd.DataFrame(
            {
                "round": moved["round"].to_numpy(),
                "actor": moved["actor"].to_numpy(),
                "issue": moved["issue"].to_numpy(),
                "offer": moved["offer"].astype(int).map(OFFER_NAMES).to_numpy(),
                "proposer": np.asarray(scenario.actor_ids, dtype=object)[
                    moved["proposer"].astype(int).to_numpy()
                ],
                "eu_ij": moved["eu_ij"].to_numpy(),
                "eu_ji": moved["eu_ji"].to_numpy(),
                "position": moved["position"].to_numpy(),
            }
        )
        issues = recorder.issue_frame()
        self.medians_ = issues.pivot(index="round", columns="issue", values="median")[
            list(scenario.issue_ids)
        ]
        self.means_ = issues.pivot(index="round", columns="issue", values="mean")[
            list(scenario.issue_ids)
        ]
        self.medians_.columns.name = self.means_.columns.name = None
        self.outcome_ = self.medians_.iloc[-1].to_numpy(dtype=float)
        self.mean_ = self.means_.iloc[-1].to_numpy(dtype=float)

    def solve_draws(
        self,
        scenario: Scenario,
        positions: np.ndarray,
        salience: np.ndarray,
        capability: np.ndarray,
        rng: np.random.Generator,
    ) -> np.ndarray:
        """Final-round weighted median of every draw, all draws and issues at once.

        The same :func:`~detente.bargain.models.eum.core.eum_round` as :meth:`fit`, on rows =
        draws x issues, in chunks that bound memory, optionally split over ``n_jobs``
        processes. A row in which nobody moved is a fixed point (the next round
        recomputes the same r from the same positions), so it is dropped from later
        rounds; this is exact, not an approximation.

        Args:
            scenario: The unperturbed scenario (unused: the model needs only the arrays).
            positions: Array of shape (n_draws, n_actors, n_issues); NaN = no position.
            salience: Array of shape (n_draws, n_actors, n_issues) in [0, 1].
            capability: Array of shape (n_draws, n_actors, n_issues) >= 0.
            rng: Unused; the model is deterministic.

        Returns:
            Array of shape (n_draws, n_issues).
        """
        self._validate_params()
        rules = self._rules()
        x, s, c = (np.asarray(a, dtype=float) for a in (positions, salience, capability))
        cols = (_to_cols(x), _to_cols(s), _to_cols(c))
        final = _from_cols(_solve_parallel(*cols, self.rounds, rules, self.n_jobs), x)
        w = np.where(np.isnan(final), 0.0, s * c)
        return weighted_median(final, w)


def _step(
    state: RoundState, delta: np.ndarray | None, rules: Rules
) -> tuple[RoundState, np.ndarray]:
    """Advance a (possibly multi-draw) state by one round; returns the new state and range."""
    x, s = _to_cols(state.positions), _to_cols(state.salience)
    present = ~np.isnan(x)
    w = np.where(present, s * _to_cols(state.capability), 0.0)
    if delta is None or rules.current_range:
        delta = position_range(x, present)
    res = eum_round(x, s, w, present, delta, rules)
    like = state.positions
    extras = {
        "risk": _from_cols(np.where(present, res.risk, np.nan), like),
        "offer": _from_cols(res.offer.astype(float), like),
        "proposer": _from_cols(res.proposer.astype(float), like),
        "eu_ij": _from_cols(res.eu_ij, like),
        "eu_ji": _from_cols(res.eu_ji, like),
    }
    moved = bool(np.any(res.offer))
    new = state.advance(_from_cols(res.positions, like), converged=not moved, extras=extras)
    return new, delta


def solve_columns(
    x: np.ndarray, s: np.ndarray, c: np.ndarray, rounds: int, rules: Rules
) -> np.ndarray:
    """Final positions after ``rounds`` rounds of independent 1-D problems (columns).

    Args:
        x: Positions of shape (n_actors, columns); NaN = no position.
        s: Saliences, same shape.
        c: Capabilities, same shape.
        rounds: Number of rounds.
        rules: Model switches.

    Returns:
        Array of shape (n_actors, columns).
    """
    x = x.copy()
    n = x.shape[0]
    chunk = max(16, _CHUNK_CELLS // max(1, n * n))
    present = ~np.isnan(x)
    w = np.where(present, s * c, 0.0)
    delta0 = position_range(x, present)
    active = np.arange(x.shape[1])
    work = Workspace(n, min(chunk, active.size))
    for _ in range(rounds):
        if active.size == 0:
            break
        still = []
        for start in range(0, active.size, chunk):
            cols = active[start : start + chunk]
            xc, pc = x[:, cols], present[:, cols]
            delta = position_range(xc, pc) if rules.current_range else delta0[cols]
            res = eum_round(xc, s[:, cols], w[:, cols], pc, delta, rules, work)
            x[:, cols] = res.positions
            still.append(cols[res.offer.any(axis=0)])
        active = np.concatenate(still)
    return x


_MIN_COLUMNS_PER_JOB = 2_000
"""Fewest columns worth a worker: below it, starting a forked pool costs more than the
columns it takes over (benchmarks/README.md)."""


def _solve_parallel(
    x: np.ndarray, s: np.ndarray, c: np.ndarray, rounds: int, rules: Rules, n_jobs: int
) -> np.ndarray:
    """:func:`solve_columns` with the columns split into ``n_jobs`` contiguous blocks.

    Each column's arithmetic does not depend on which other columns share its batch
    (every (n, n, b) step is elementwise along b, every reduction runs over the actor
    axes of C-contiguous arrays), so the split changes nothing in the result; it is
    asserted bit for bit in ``tests/bargain/test_expected_utility.py``.
    """
    return map_blocks(
        solve_columns,
        (x, s, c),
        (rounds, rules),
        n_jobs=n_jobs,
        axis=1,
        min_per_job=_MIN_COLUMNS_PER_JOB,
    )
