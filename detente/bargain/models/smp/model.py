r"""KTAB's Spatial Model of Politics (SMP) with its CSV-input default settings.

The SMP of KAPSARC's Toolkit for Behavioral Analysis (KTAB; Wise, Lester et al.,
KAPSARC discussion papers "An Introduction to the KAPSARC Toolkit for Behavioral
Analysis (KTAB)" and "Multidimensional Bargaining using KTAB"; code MIT-licensed,
read at ``lsyaseen/KTAB`` @ 3b5b0635, ``examples/smp/libsrc/smp*.cpp`` and
``KTAB/kmodel/libsrc/kmodel.cpp``) is re-implemented here, not wrapped. Each turn:

1. every actor's risk attitude is inferred from how likely its position is to
   win a probabilistic Condorcet election (PCE) among risk-neutral actors, and
   every actor h forms its own estimate ``U^h`` of everyone's utilities;
2. each actor challenges the target with the largest expected gain and proposes
   a bargain interpolated between the two positions (4-decimal rounding, as KTAB);
3. each actor runs a PCE over the bargains in its queue (plus the status quo)
   and moves to the winner.

The run stops after at least ``min_turns`` turns when the total movement of a
turn falls below ``tolerance`` times the first turn's movement (+1e-4), or after
``max_turns``. Reproduced turn by turn on KTAB's bundled examples in
``tests/bargain/test_spatial.py``.

Scenario mapping (``detente.bargain.models.smp.run.smp_arrays``): each issue is a
dimension, rescaled to [0, 1] from the issue's scale (KTAB's CSV 0–100 divided
by 100) and back in every output. KTAB's capability is one scalar per actor: the
scenario's capability when all issues agree, else the actor's mean over issues.
Saliences are KTAB's per-actor vectors with Σ_d s_d ≤ 1 (KTAB rejects larger
sums); when some actor's saliences sum above 1, all saliences are divided by the
largest sum, which keeps every actor's priorities and the ratios between actors.
A missing position (NaN) gets salience 0 on that issue and, as its coordinate,
the capability-weighted mean of the stated positions.

Monte Carlo (:meth:`SpatialModel.solve_draws`) runs all draws at once along a leading
array axis; each draw stops at its own turn.
"""

from __future__ import annotations

import logging
from numbers import Integral, Real

import numpy as np
import pandas as pd

from detente.bargain.base import (
    BargainingModel,
    Interval,
    Options,
    RandomState,
    register_model,
)
from detente.bargain.models.smp import rules as R
from detente.bargain.models.smp import run as S
from detente.bargain.models.smp import turn as T
from detente.bargain.scenario import Scenario
from detente.errors import ModelError
from detente.randomness import RandomStateLike, check_random_state

log = logging.getLogger(__name__)

_CHOICES = {
    "vote_rule": R.VOTE_RULES,
    "prob_model": R.PROB_MODELS,
    "pce": R.PCE_MODELS,
    "state_transitions": ("deterministic", "stochastic"),
    "big_r_range": R.BIG_R_RANGES,
    "big_r_adjust": tuple(R.BIG_R_ADJUSTS),
    "third_party_commit": ("full", "semi", "none"),
    "interp": ("s1p1", "s2p2", "s2pmax"),
    "bargain_interp": ("init_only", "init_rcvr", "pw_comp"),
}


KTAB_SEED = 15455440707583219804
"""KTAB's default PRNG seed (``smpc`` without ``--seed``)."""


@register_model("smp")
class SpatialModel(BargainingModel):
    """KTAB Spatial Model of Politics; parameters are KTAB's settings with their CSV defaults.

    Args:
        vote_rule: ``prop`` (KTAB Proportional), ``binary``, ``prop_bin``, ``prop_cbc``,
            ``cubic`` or ``asym_prosp``.
        prob_model: Victory probability from coalition strengths: ``linear``,
            ``square``, ``quartic``, ``octic`` or ``binary``.
        pce: Probabilistic Condorcet election: ``conditional``, ``markov_incentive``
            or ``markov_uniform``.
        state_transitions: ``deterministic`` (adopt the most probable bargain) or
            ``stochastic`` (sample it with ``random_state``; NumPy's generator, so a
            stochastic run does not replay KTAB's own PRNG stream).
        big_r_range: ``mid`` (R ∈ [-½, 1]), ``min`` ([0, 1]) or ``max`` ([-1, 1]).
        big_r_adjust: h's estimate of i's attitude: ``one_third`` = (2 R_h + R_i)/3,
            ``none``, ``half``, ``two_thirds``, ``full``.
        third_party_commit: ``semi``, ``full`` or ``none``.
        interp: Bargain interpolation per dimension: ``s2p2``, ``s1p1``, ``s2pmax``.
        bargain_interp: ``init_only`` (initiator's view), ``init_rcvr`` (both views
            queued) or ``pw_comp`` (their weighted compromise).
        min_turns: Turns before the stopping rule may fire (KTAB minIter 2).
        max_turns: Hard limit on turns (KTAB maxIter 100).
        tolerance: Stop when a turn's movement / (first turn's + 1e-4) < tolerance.
        random_state: Seed of stochastic transitions, by default KTAB's own seed
            (:data:`KTAB_SEED`, as NumPy's seed); None, an int >= 0 or a numpy Generator
            as for every model (:mod:`detente.randomness`). Deterministic runs draw nothing.

    Attributes:
        outcome_: Most probable final position per issue (the winner of the final
            PCE from each actor's own view, KTAB's "winning probabilities"), shape (n_issues,).
        mean_outcome_: Capability-weighted mean of the final positions, shape (n_issues,).
        trajectory_: Long frame ``round, actor, issue, position`` (round = turn; 0 = input).
        probabilities_: ``turn, actor, probability``: chance that the actor's position
            wins, each actor using its own utility estimates (KTAB's log history).
        estimator_probabilities_: ``turn, estimator, actor, probability`` (KTAB's PosProb table).
        risk_: ``turn, actor, risk``: inferred risk attitude R_i.
        bargains_: ``turn, initiator, receiver, prob, gain, initiator_adopted,
            receiver_adopted``: each challenge made in the state of ``turn`` (KTAB's "In turn t
            actor i has most advantageous target j"), the initiator's estimate of its chance
            to win, its expected gain, and which party moved to the bargain (round turn + 1).
        turns_: Number of turns run.
        converged_: True if the stopping rule fired before ``max_turns``.
        seed_: Seed of the stochastic transitions, None for deterministic runs.
    """

    dynamic = True
    outcome_meaning = (
        "most probable final position (the winner of the final probabilistic Condorcet "
        "election), not the mean of the final positions"
    )

    _parameter_constraints = {
        **{name: [Options(allowed)] for name, allowed in _CHOICES.items()},
        "min_turns": [Interval(Integral, 1, 10_000)],
        "max_turns": [Interval(Integral, 1, 10_000)],
        "tolerance": [Interval(Real, 0.0, 1.0)],
        "random_state": [RandomState()],
    }

    def __init__(
        self,
        *,
        vote_rule: str = "prop",
        prob_model: str = "linear",
        pce: str = "conditional",
        state_transitions: str = "deterministic",
        big_r_range: str = "mid",
        big_r_adjust: str = "one_third",
        third_party_commit: str = "semi",
        interp: str = "s2p2",
        bargain_interp: str = "init_only",
        min_turns: int = 2,
        max_turns: int = 100,
        tolerance: float = 0.02,
        random_state: RandomStateLike = KTAB_SEED,
    ) -> None:
        self.vote_rule = vote_rule
        self.prob_model = prob_model
        self.pce = pce
        self.state_transitions = state_transitions
        self.big_r_range = big_r_range
        self.big_r_adjust = big_r_adjust
        self.third_party_commit = third_party_commit
        self.interp = interp
        self.bargain_interp = bargain_interp
        self.min_turns = min_turns
        self.max_turns = max_turns
        self.tolerance = tolerance
        self.random_state = random_state

    def _validate(self) -> T.Rules:
        """The rule switches of a run; the turn bounds must also be in order."""
        if self.max_turns < self.min_turns:
            raise ModelError(
                f"{type(self).__name__}: max_turns {self.max_turns} is below min_turns "
                f"{self.min_turns}"
            )
        return T.Rules(**{k: getattr(self, k) for k in _CHOICES if k != "state_transitions"})

    def fit(self, scenario: Scenario) -> SpatialModel:
        """Run the SMP until the stopping rule fires; see the class docstring."""
        rules = self._validate()
        pos, sal, cap = smp_inputs(scenario)
        stochastic = self.state_transitions == "stochastic"
        rng = check_random_state(self.random_state) if stochastic else None
        r = S.run(
            pos[None],
            sal[None],
            cap[None],
            rules,
            min_turns=self.min_turns,
            max_turns=self.max_turns,
            tolerance=self.tolerance,
            rng=rng,
            record=True,
        )
        low, high = scenario.scale
        traj = np.stack(r.history) * (high - low) + low  # (turns + 1, n_actors, n_issues)
        ids = np.asarray(scenario.actor_ids)
        self.turns_ = int(r.turns[0])
        self.converged_ = bool(r.converged[0])
        self.trajectory_ = _long(traj, scenario)
        self.probabilities_ = _per_actor(ids, "probability", r.probs)
        self.risk_ = _per_actor(ids, "risk", r.risk)
        self.bargains_ = _bargain_frame(ids, r.bargains)
        self.outcome_ = traj[-1][int(np.argmax(r.probs[-1]))].copy()
        self.mean_outcome_ = (cap[:, None] * traj[-1]).sum(axis=0) / cap.sum()
        self.seed_ = self.random_state if stochastic else None
        self._replay = (ids, r.history, sal, cap, rules)
        self._estimator_probabilities: pd.DataFrame | None = None
        return self

    def solve_draws(self, scenario: Scenario, positions, salience, capability, rng) -> np.ndarray:
        """Most probable final position of every draw, all draws at once (Monte Carlo).

        Args:
            scenario: The unperturbed scenario (actors, issue scales).
            positions: Shape (n_draws, n_actors, n_issues); NaN = no position.
            salience: Same shape.
            capability: Same shape.
            rng: The run's generator, used for stochastic transitions only.

        Returns:
            Array of shape (n_draws, n_issues) on the issues' scales.
        """
        self._validate_params()
        rules = self._validate()
        low, high = scenario.scale
        pos, sal, cap = S.smp_arrays(
            scenario.actor_ids,
            low,
            high,
            np.asarray(positions, float),
            np.asarray(salience, float),
            np.asarray(capability, float),
            strict=False,
        )
        n = pos.shape[1]
        step = max(1, _UTIL_BUDGET // n**3)  # bound the (draws, n, n, n) utility arrays
        out = []
        for start in range(0, pos.shape[0], step):
            part = slice(start, start + step)
            r = S.run(
                pos[part],
                sal[part],
                cap[part],
                rules,
                min_turns=self.min_turns,
                max_turns=self.max_turns,
                tolerance=self.tolerance,
                record=False,
                rng=rng if self.state_transitions == "stochastic" else None,
            )
            best = np.argmax(r.final_probs, axis=1)
            out.append(r.final[np.arange(len(best)), best])
        return np.concatenate(out) * (high - low) + low

    def stochastic(self) -> bool:
        """True with ``state_transitions="stochastic"``: bargains are sampled, not the likeliest."""
        return self.state_transitions == "stochastic"

    @property
    def estimator_probabilities_(self) -> pd.DataFrame:
        """``turn, estimator, actor, probability``: KTAB's PosProb table, computed on first use.

        Each estimator h runs the PCE with its own estimates ``U^h`` of everyone's
        utilities. It costs O(n^4) per turn, so it is rebuilt from the recorded
        positions only when asked for (the assessment of a state is deterministic).
        """
        if not hasattr(self, "_replay"):  # AttributeError keeps hasattr() working before fit
            raise AttributeError(f"{type(self).__name__} is not fitted; call fit(scenario) first")
        if self._estimator_probabilities is None:
            ids, history, sal, cap, rules = self._replay
            x = np.stack(history)  # every turn is a "draw" of the same actors
            sal_t, cap_t = np.broadcast_to(sal, x.shape), np.broadcast_to(cap, x.shape[:2])
            a = T.assess(x, x, sal_t, cap_t, rules)
            probs = T.position_probs(a, x, cap_t, rules, by_estimator=True)
            n, t = len(ids), len(probs)
            self._estimator_probabilities = pd.DataFrame(
                {
                    "turn": np.repeat(np.arange(t), n * n),
                    "estimator": np.tile(np.repeat(ids, n), t),
                    "actor": np.tile(ids, t * n),
                    "probability": probs.ravel(),
                }
            )
        return self._estimator_probabilities

    def outcomes(self) -> pd.DataFrame:
        """Per issue: ``outcome`` (most probable final position) and ``mean_outcome``."""
        out = super().outcomes()
        out["mean_outcome"] = np.asarray(self.mean_outcome_)
        return out


_UTIL_BUDGET = 2_000_000
"""Draws per batch in :meth:`SpatialModel.solve_draws` times n_actors³ stays below this."""


def smp_inputs(scenario: Scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions on [0, 1], salience vectors (Σ ≤ 1) and scalar capabilities of a scenario.

    The rules are those of :func:`detente.bargain.models.smp.run.smp_arrays` (module docstring).

    Returns:
        (positions (n_actors, n_issues), salience (n_actors, n_issues), capability (n_actors,)).
    """
    low, high = scenario.scale
    pos, sal, cap = S.smp_arrays(
        scenario.actor_ids,
        low,
        high,
        scenario.positions[None],
        scenario.salience[None],
        scenario.capability[None],
    )
    return pos[0], sal[0], cap[0]


def _per_actor(ids: np.ndarray, name: str, values: list[np.ndarray]) -> pd.DataFrame:
    """``turn, actor, <name>`` rows from one array of shape (n_actors,) per turn."""
    n, t = len(ids), len(values)
    return pd.DataFrame(
        {"turn": np.repeat(np.arange(t), n), "actor": np.tile(ids, t), name: np.concatenate(values)}
    )


def _bargain_frame(ids: np.ndarray, rows: list[tuple]) -> pd.DataFrame:
    """One row per proposed bargain; actors by id; whether each party adopted it."""
    cols = [
        "turn",
        "initiator",
        "receiver",
        "prob",
        "gain",
        "initiator_adopted",
        "receiver_adopted",
    ]
    df = pd.DataFrame(rows, columns=cols)
    for col in ("initiator", "receiver"):
        df[col] = ids[df[col].to_numpy(dtype=int)]
    for col in ("initiator_adopted", "receiver_adopted"):
        df[col] = df[col].astype(bool)
    return df


def _long(traj: np.ndarray, s: Scenario) -> pd.DataFrame:
    """``round, actor, issue, position`` rows from an array (rounds, actors, issues)."""
    r, n, m = traj.shape
    return pd.DataFrame(
        {
            "round": np.repeat(np.arange(r), n * m),
            "actor": np.tile(np.repeat(np.asarray(s.actor_ids), m), r),
            "issue": np.tile(np.asarray(s.issue_ids), r * n),
            "position": traj.ravel(),
        }
    )
