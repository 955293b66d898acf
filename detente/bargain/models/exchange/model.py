r"""Stokman's exchange model (equal gain), as implemented in the "Decide" program.

Actors trade influence: an actor who cares little about issue ``p`` but much about
``q`` moves towards a partner on ``p`` in return for the partner moving on ``q``;
both gain the same utility (Stokman & Van Oosten 1994, "The exchange of voting
positions: an object-oriented model of policy networks", in Bueno de Mesquita &
Stokman (eds), *European Community Decision Making*, Yale UP). The expected outcome of
an issue is the capability × salience weighted mean of positions. Each round, all
mutually profitable exchanges are found, the best is realised, the others are updated,
and so on until none is left; actors then start the next round part-way between their
old position and the vote they cast:

.. math::

    x' = (1 - w)\,x + w\,y, \qquad
    w = (1 - s)\,\text{salience\_weight} + \text{fixed\_weight}.

This is the equal-gain model of the reference implementation
``foarsitter/decide-exchange-model`` (PyPI ``decide-exchange-model``; used for the
Copenhagen 2009 and Paris 2015 climate-negotiation forecasts, Stokman 2015, ASONAM;
Stokman & Thomson 2015). It is reproduced number for number in
``tests/bargain/test_exchange.py``: the repository's unit-test algebra (including the
maximum utilities of the random-rate variant), its sample-data ranking (top gain 75/38),
round-0 outcomes, the first realised exchanges of the Copenhagen and CoP21 data, the
first 36 realised CoP21 exchanges of a 2016 list, whole recorded first rounds of the
reference CLI (CoP21, sample data; 124 and 38-39 exchanges, ties replayed), and, when the
reference program is installed, several whole rounds side by side (p = 0, 0.25 and 1).

Differences from the reference, all deliberate:

* float64 instead of 28-digit Decimal (results agree to about 1e-12 relative), hence
  ties are gains within ``tie_tolerance`` *relative*, not 1e-20 absolute;
* ties at the top are broken by ``random_state`` (a seeded NumPy generator), uniformly
  among all tied candidates; the reference flips an unseeded coin between the first two
  (and, when the coin keeps the first, lists the second twice, which can drop it);
* an outcome that an earlier exchange capped exactly on a demanding actor's position is
  read as exactly there (exact arithmetic); the reference decides such cases by the sign
  of its Decimal rounding noise, so long runs of the two programs part ways at such
  points (after 7 rounds of Copenhagen, 1 of CoP21, 4 of the sample data);
* ``random_rate`` > 0 (the randomised equal gain of Dijkstra, Van Assen, Stokman &
  Draaijer 2018, :mod:`detente.bargain.models.exchange.randomised`) draws its ``u, v, z`` from the
  same seeded generator; the reference draws them with unseeded ``random.uniform``;
* an issue on which nobody has weight (all c·s = 0) has the plain mean as outcome (the
  reference returns 0) and takes no exchanges.

Monte Carlo: the round loop is sequential (each realised exchange changes the
candidates after it), so a draw cannot be vectorised; many draws can run side by side
(:mod:`detente.bargain.models.exchange.draws`), in ``n_jobs`` processes. Each draw is seeded as
the loop fallback of :meth:`~detente.bargain.base.BargainingModel.solve_draws` seeds it and
gives, bit for bit, the outcome of a fit of that draw alone.
"""

from __future__ import annotations

import logging
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from detente.bargain.base import (
    BargainingModel,
    HasMethods,
    Interval,
    RandomState,
    drawn_scenario,
    register_model,
)
from detente.bargain.models.exchange.algebra import candidate_pairs, new_candidates
from detente.bargain.models.exchange.draws import RunSpec, run_draws
from detente.bargain.models.exchange.rounds import (
    HighestGain,
    PartnerRule,
    Realised,
    close_round,
    run_round,
)
from detente.bargain.models.exchange.state import RoundArrays
from detente.errors import ModelError
from detente.randomness import RandomStateLike, check_random_state

if TYPE_CHECKING:
    from detente.bargain.scenario import Scenario

log = logging.getLogger(__name__)

__all__ = ["ExchangeModel", "HighestGain", "exchange_round"]


def exchange_round(
    positions: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    *,
    rule: PartnerRule | None = None,
    random_state: RandomStateLike = 0,
    random_rate: float = 0.0,
) -> list[Realised]:
    """Realised exchanges of one round, on the normalised 0–100 scale.

    The function form of one round, for analysis and tests (sklearn's function/class pair).

    Args:
        positions: Array of shape (n_actors, n_issues) on 0–100; NaN = no position.
        salience: Array of shape (n_actors, n_issues) in [0, 1].
        capability: Array of shape (n_actors, n_issues) >= 0.
        rule: Which candidate to realise first; default :class:`HighestGain`.
        random_state: Ties and random-rate draws (:mod:`detente.randomness`); seed 0 by default.
        random_rate: ``p`` of the randomised variant (0 = equal gain).

    Returns:
        The realised exchanges in the order they were realised.
    """
    r = RoundArrays.build(
        np.asarray(positions, float), np.asarray(salience, float), np.asarray(capability, float)
    )
    rng = check_random_state(random_state)
    cand = new_candidates(r, *candidate_pairs(r.x, r.s, r.outcome()), random_rate, rng)
    return run_round(r, cand, rule or HighestGain(), rng, random_rate)


@register_model("exchange")
class ExchangeModel(BargainingModel):
    """Stokman's equal-gain exchange model over several rounds.

    Args:
        rounds: Number of exchange rounds (the reference's CLI default is 10).
        salience_weight: Weight of ``1 - s`` in how far an actor's position follows its
            vote into the next round (reference ``SALIENCE_WEIGHT`` 0.4).
        fixed_weight: Fixed part of that weight (reference ``FIXED_WEIGHT`` 0.1).
        random_rate: ``p`` in [0, 1] of the randomised equal-gain variant (Dijkstra et
            al. 2018); 0 is the deterministic equal-gain model.
        tie_tolerance: Gains within this relative distance of the best are tied (used
            by the default partner rule only).
        random_state: None, an int >= 0 or a numpy Generator (the package's one
            convention, see :mod:`detente.randomness`): breaks ties, so that runs repeat.
        exchange_partner_rule: Policy picking the exchange to realise; ``None`` =
            :class:`HighestGain` with random tie-breaking at ``tie_tolerance``.
        n_jobs: Worker processes for the Monte Carlo path (``solve_draws``; each call, i.e.
            each 1 000-draw chunk of ``monte_carlo``, splits its draws into ``n_jobs``
            contiguous blocks). Every draw has its own seed, so the draws are the same
            for any ``n_jobs``. The default 1 runs in this process; ``fit`` never forks.
            A custom ``exchange_partner_rule`` may keep state between calls, so its
            draws run one after another in this process, as the loop fallback runs them.

    Attributes:
        outcome_: Shape (n_issues,): weighted mean of the voting positions of the last
            round, on each issue's own scale: the forecast.
        trajectory_: Long frame ``round, actor, issue, position, voting``: ``position`` is
            where the actor starts the next round, ``voting`` the vote it cast in that
            round; round 0 is the input.
        exchanges_: One row per realised exchange: ``round, order, actor_i, issue_i,
            start_i, end_i, actor_j, issue_j, start_j, end_j, gain, tied`` (positions on
            the input scale; ``i`` moves on ``issue_i`` and gets ``j``'s move on ``issue_j``).
        outcomes_by_round_: Frame ``round, issue, start, voting, end``: weighted means of
            the starting positions, the voting positions and the next starting positions.
        n_rounds_: Rounds actually run (fewer than ``rounds`` if a round realised nothing).
    """

    dynamic = True
    outcome_meaning = (
        "weighted mean of the votes after the last round of exchanges; random tie-breaks make "
        "one run depend on its seed"
    )

    _parameter_constraints = {
        "rounds": [Interval(Integral, 1, 1000)],
        "salience_weight": [Interval(Real, 0, 1)],
        "fixed_weight": [Interval(Real, 0, 1)],
        "random_rate": [Interval(Real, 0, 1)],
        "tie_tolerance": [Interval(Real, 0, 1e-3)],
        "random_state": [RandomState()],
        "exchange_partner_rule": [None, HasMethods("choose")],
        "n_jobs": [Interval(Integral, 1, 64)],
    }

    def __init__(
        self,
        *,
        rounds: int = 10,
        salience_weight: float = 0.4,
        fixed_weight: float = 0.1,
        random_rate: float = 0.0,
        tie_tolerance: float = 1e-12,
        random_state: RandomStateLike = None,
        exchange_partner_rule: PartnerRule | None = None,
        n_jobs: int = 1,
    ) -> None:
        self.rounds = rounds
        self.salience_weight = salience_weight
        self.fixed_weight = fixed_weight
        self.random_rate = random_rate
        self.tie_tolerance = tie_tolerance
        self.random_state = random_state
        self.exchange_partner_rule = exchange_partner_rule
        self.n_jobs = n_jobs

    def _check(self) -> None:
        """What no single parameter's constraint says: the two weights share one unit."""
        if self.salience_weight + self.fixed_weight > 1:
            raise ModelError(
                f"salience_weight + fixed_weight of {type(self).__name__} must be at most 1. "
                f"Got {self.salience_weight} + {self.fixed_weight} instead."
            )

    def fit(self, scenario: Scenario) -> ExchangeModel:
        """Run the rounds on ``scenario``; see the class docstring for the fitted attributes."""
        self._check()
        rng = check_random_state(self.random_state)
        rule = self.exchange_partner_rule or HighestGain("random", float(self.tie_tolerance))
        low, high = scenario.scale
        span = high - low
        x = (scenario.positions - low) / span * 100.0
        s, c = scenario.salience, scenario.capability
        actors, issues = scenario.actor_ids, scenario.issue_ids
        present = ~np.isnan(x)

        def to_scale(v: np.ndarray) -> np.ndarray:
            return low + v * span / 100.0

        frames = [_long(0, x, x, present, actors, issues, to_scale)]
        start0 = RoundArrays.build(x, s, c).outcome()
        by_round = [_issue_rows(0, issues, *(to_scale(start0),) * 3)]
        rows: list[dict[str, Any]] = []
        outcome = start0
        n_run = 0
        for rnd in range(1, self.rounds + 1):
            r = RoundArrays.build(x, s, c)
            start = r.outcome()
            rate = float(self.random_rate)
            cand = new_candidates(r, *candidate_pairs(r.x, r.s, start), rate, rng)
            done = run_round(r, cand, rule, rng, rate)
            n_run = rnd
            if not done:
                log.debug("exchange round %d realised nothing; stopping", rnd)
                outcome = start
                by_round.append(_issue_rows(rnd, issues, *(to_scale(start),) * 3))
                frames.append(_long(rnd, x, x, present, actors, issues, to_scale))
                break
            voting, x_next = close_round(
                r, done, float(self.salience_weight), float(self.fixed_weight)
            )
            outcome = RoundArrays.build(voting, s, c).outcome()
            end = RoundArrays.build(x_next, s, c).outcome()
            by_round.append(
                _issue_rows(rnd, issues, to_scale(start), to_scale(outcome), to_scale(end))
            )
            frames.append(_long(rnd, x_next, voting, present, actors, issues, to_scale))
            rows.extend(_exchange_rows(rnd, done, actors, issues, low, span))
            log.debug("exchange round %d: %d exchanges", rnd, len(done))
            x = x_next
        self.outcome_ = to_scale(outcome)
        self.trajectory_ = pd.concat(frames, ignore_index=True)
        self.exchanges_ = pd.DataFrame(rows, columns=_EXCHANGE_COLUMNS)
        self.outcomes_by_round_ = pd.DataFrame(
            [row for block in by_round for row in block],
            columns=["round", "issue", "start", "voting", "end"],
        )
        self.n_rounds_ = n_run
        return self

    def solve_draws(
        self,
        scenario: Scenario,
        positions: np.ndarray,
        salience: np.ndarray,
        capability: np.ndarray,
        rng: np.random.Generator,
    ) -> np.ndarray:
        """Outcome of every draw, the draws run side by side (see the module docstring).

        The same numbers as the loop fallback of
        :meth:`~detente.bargain.base.BargainingModel.solve_draws`: draw ``k`` is seeded with
        the ``k``-th ``rng.integers(2**31 - 1)`` and its inputs pass the same
        :class:`~detente.bargain.scenario.Scenario` checks, then it runs the rounds of
        :meth:`fit` (asserted bit for bit in ``tests/bargain/test_exchange_draws.py``).

        Args:
            scenario: The unperturbed scenario (scales, ids).
            positions: Array of shape (n_draws, n_actors, n_issues); NaN = no position.
            salience: Array of shape (n_draws, n_actors, n_issues) in [0, 1].
            capability: Array of shape (n_draws, n_actors, n_issues) >= 0.
            rng: The run's generator; one seed per draw is taken from it.

        Returns:
            Array of shape (n_draws, n_issues) on each issue's own scale.
        """
        self._validate_params()
        self._check()
        seeds = []
        for k in range(positions.shape[0]):
            # validates the draw as a fit of it would
            drawn_scenario(scenario, positions[k], salience[k], capability[k])
            seeds.append(int(rng.integers(2**31 - 1)))
        low, high = scenario.scale
        span = high - low
        x = (np.asarray(positions, dtype=float) - low) / span * 100.0
        s, c = (np.asarray(a, dtype=float) for a in (salience, capability))
        # a custom rule may keep state between calls; HighestGain does not
        custom = type(self.exchange_partner_rule) not in (type(None), HighestGain)
        spec = RunSpec(
            rounds=self.rounds,
            salience_weight=float(self.salience_weight),
            fixed_weight=float(self.fixed_weight),
            random_rate=float(self.random_rate),
            rule=self.exchange_partner_rule or HighestGain("random", float(self.tie_tolerance)),
        )
        if custom:  # one draw after another, as the fallback runs them
            out = run_draws(x, s, c, np.asarray(seeds), spec, n_jobs=1, batch=1)
        else:
            out = run_draws(x, s, c, np.asarray(seeds), spec, n_jobs=self.n_jobs)
        return low + out * span / 100.0

    def stochastic(self) -> bool:
        """True: ties between equally good exchanges are broken by ``random_state``."""
        return True

    @classmethod
    def vectorised(cls) -> bool:
        """False: draws are separate seeded runs, as in the loop fallback (only faster).

        ``solve_draws`` keeps the fallback's protocol (draw ``k`` gets its own seed from the
        run's generator), not the draws-axis protocol of the vectorised models (whose
        ``solve_draws`` on one draw equals ``fit`` with the model's own ``random_state``), so
        callers that budget draws by this flag (the report's cap) keep doing so.
        """
        return False

    def outcomes(self) -> pd.DataFrame:
        """Outcome per issue plus the round-0 weighted mean it started from."""
        frame = super().outcomes()
        first = self.outcomes_by_round_[self.outcomes_by_round_["round"] == 0]
        frame["initial"] = first["start"].to_numpy()
        return frame


_EXCHANGE_COLUMNS = [
    "round",
    "order",
    "actor_i",
    "issue_i",
    "start_i",
    "end_i",
    "actor_j",
    "issue_j",
    "start_j",
    "end_j",
    "gain",
    "gain_i",
    "gain_j",
    "tied",
]


def _long(rnd, start, voting, present, actors, issues, to_scale) -> pd.DataFrame:
    a, k = np.nonzero(present)
    return pd.DataFrame(
        {
            "round": rnd,
            "actor": np.asarray(actors, dtype=object)[a],
            "issue": np.asarray(issues, dtype=object)[k],
            "position": to_scale(start)[a, k],
            "voting": to_scale(voting)[a, k],
        }
    )


def _issue_rows(rnd, issues, start, voting, end) -> list[tuple]:
    return [
        (rnd, iss, float(start[k]), float(voting[k]), float(end[k])) for k, iss in enumerate(issues)
    ]


def _exchange_rows(rnd, done, actors, issues, low, span) -> list[dict[str, Any]]:
    def sc(v: float, k: int) -> float:
        return float(low[k] + v * span[k] / 100.0)

    return [
        {
            "round": rnd,
            "order": n,
            "actor_i": actors[e.actor_i],
            "issue_i": issues[e.issue_i],
            "start_i": sc(e.start_i, e.issue_i),
            "end_i": sc(e.end_i, e.issue_i),
            "actor_j": actors[e.actor_j],
            "issue_j": issues[e.issue_j],
            "start_j": sc(e.start_j, e.issue_j),
            "end_j": sc(e.end_j, e.issue_j),
            "gain": e.gain,
            "gain_i": e.gain_i,
            "gain_j": e.gain_j,
            "tied": e.tied,
        }
        for n, e in enumerate(done)
    ]
