"""Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011 reconstruction).

The reference numbers are those of jmckib/bdm-scholz-expected-utility-model @ 55f63e9f
(``bdm_eum_eu_emissions_scholz2011/SOURCE.md``): its author reports a "perfect replication
of bdm-scholz results up to 10 rounds" and decisionmechanics/eum confirms it replicates the
paper (Scholz et al. 2011, Journal of Theoretical Politics 23(4):510-531). Unit tests of
the algebra use small scenarios written here.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.bargain.base import MODELS, clone, get_model
from detente.bargain.forecast import forecast
from detente.bargain.io import load_scenario
from detente.bargain.models.eum import core as core
from detente.bargain.models.eum.model import ExpectedUtilityModel
from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario
from detente.errors import ModelError

TOL = 1e-9


@pytest.fixture(scope="module")
def eu_dir(bargaining_dir: Path) -> Path:
    """The EU car-emission-standards example (Scholz et al. 2011, Table 1)."""
    return bargaining_dir / "bdm_eum_eu_emissions_scholz2011"


@pytest.fixture(scope="module")
def eu_scenario(eu_dir: Path) -> Scenario:
    return load_scenario(eu_dir / "inputs.csv")


@pytest.fixture(scope="module")
def eu_fit(eu_scenario: Scenario) -> ExpectedUtilityModel:
    return ExpectedUtilityModel(rounds=10).fit(eu_scenario)


def make_scenario(positions, salience, capability, issues=("i",), low=0.0, high=100.0) -> Scenario:
    """A small scenario from (n_actors, n_issues) lists; actors are a0, a1, ..."""
    x = np.asarray(positions, dtype=float).reshape(-1, len(issues))
    n = x.shape[0]
    return Scenario(
        name="unit",
        actors=tuple(ActorSpec(f"a{k}", f"Actor {k}", 1.0) for k in range(n)),
        issues=tuple(IssueSpec(i, i, low, high) for i in issues),
        positions=x,
        salience=np.asarray(salience, dtype=float).reshape(n, -1) * np.ones_like(x),
        capability=np.asarray(capability, dtype=float).reshape(n, -1) * np.ones_like(x),
    )


# --- reproduction of the published replication -------------------------------------------------


def test_eu_positions_and_risk_every_round(eu_fit, eu_dir):
    """Every actor's position and risk exponent r in rounds 0-10 equal jmckib's to 1e-9.

    Source: ``expected_jmckib_positions_by_round.csv`` (jmckib @ 55f63e9f under Python 3.11).
    """
    expected = pd.read_csv(eu_dir / "expected_jmckib_positions_by_round.csv")
    got = eu_fit.trajectory_.merge(eu_fit.risk_, on=["round", "actor", "issue"])
    merged = expected.merge(got, on=["round", "actor"], suffixes=("_exp", ""))
    assert len(merged) == len(expected) == 110
    np.testing.assert_allclose(merged["position"], merged["position_exp"], rtol=0, atol=TOL)
    np.testing.assert_allclose(merged["r"], merged["risk_r"], rtol=0, atol=TOL)


def test_eu_offers_every_round(eu_fit, eu_dir):
    """The 30 accepted offers (type, proposer, both EUs, new position) equal the saved log.

    Source: ``expected_offers_by_round.csv``, parsed from dmasad's ``Example.log``
    (Python-3 fork of jmckib, byte-identical offers).
    """
    expected = pd.read_csv(eu_dir / "expected_offers_by_round.csv")
    got = eu_fit.offers_
    assert len(got) == len(expected) == 30
    exp = expected.sort_values(["round", "actor"]).reset_index(drop=True)
    got = got.sort_values(["round", "actor"]).reset_index(drop=True)
    assert list(got["actor"]) == list(exp["actor"])
    assert list(got["offer"]) == list(exp["offer_type"])
    assert list(got["proposer"]) == list(exp["from_actor"])
    np.testing.assert_allclose(got["eu_ij"], exp["eu_actor_challenging_other"], rtol=0, atol=TOL)
    np.testing.assert_allclose(got["eu_ji"], exp["eu_other_challenging_actor"], rtol=0, atol=TOL)
    np.testing.assert_allclose(got["position"], exp["new_position"], rtol=0, atol=TOL)


def test_eu_medians_and_means(eu_fit, eu_dir):
    """Weighted median and mean per round equal jmckib's; round 10: median 7.0, mean 7.2421...

    Source: ``expected_jmckib_median_mean_by_round.csv``.
    """
    expected = pd.read_csv(eu_dir / "expected_jmckib_median_mean_by_round.csv")
    np.testing.assert_allclose(eu_fit.medians_.iloc[:, 0], expected["weighted_median"], atol=TOL)
    np.testing.assert_allclose(eu_fit.means_.iloc[:, 0], expected["weighted_mean"], atol=TOL)
    assert eu_fit.outcome_ == pytest.approx([7.0], abs=TOL)
    assert eu_fit.mean_ == pytest.approx([7.242130958473938], abs=TOL)
    assert list(eu_fit.medians_.index) == list(range(11))


def test_eu_belgium_jump_comes_from_scholz_compromise_rule(eu_scenario):
    """Round 4: Scholz's compromise selection sends Belgium to 4.80 (jmckib's comment);
    choosing the smallest move (the paper's rule) keeps it near France at 10 instead.

    Source: jmckib ``best_offer`` comment and expected_offers_by_round.csv row 10.
    """
    paper = ExpectedUtilityModel(rounds=4, compromise_rule="paper").fit(eu_scenario)
    code = ExpectedUtilityModel(rounds=4).fit(eu_scenario)

    def belgium(m):
        o = m.offers_
        return o[(o["round"] == 4) & (o["actor"] == "Belgium")].iloc[0]

    assert belgium(code)["proposer"] == "Netherlands"
    assert belgium(code)["position"] == pytest.approx(4.800881140632622, abs=TOL)
    assert belgium(paper)["proposer"] == "France"
    assert belgium(paper)["position"] > 9.9


def test_current_range_rule_also_reproduces_eu_example(eu_scenario, eu_dir):
    """The EU example's extremes (4 and 10) never move, so recomputing the range every round
    (SOURCE.md's wording) gives the same trajectory as computing it once (jmckib's code)."""
    expected = pd.read_csv(eu_dir / "expected_jmckib_positions_by_round.csv")
    m = ExpectedUtilityModel(range_rule="current").fit(eu_scenario)
    np.testing.assert_allclose(m.trajectory_["position"], expected["position"], atol=TOL)


def test_sultan_nothing_moves(bargaining_dir):
    """Sultan data: no actor moves in 10 rounds; median 13.9, mean 13.619912134884823 every
    round, and r of every actor as generated with jmckib's code.

    Source: ``bdm_eum_sultan_inputs/generated_jmckib_*.csv`` (SOURCE.md there).
    """
    folder = bargaining_dir / "bdm_eum_sultan_inputs"
    m = ExpectedUtilityModel().fit(load_scenario(folder / "inputs.csv"))
    assert m.offers_.empty
    assert np.allclose(m.medians_.iloc[:, 0], 13.9, atol=TOL)
    assert np.allclose(m.means_.iloc[:, 0], 13.619912134884823, atol=TOL)
    expected = pd.read_csv(folder / "generated_jmckib_positions_by_round.csv")
    got = m.trajectory_.merge(m.risk_, on=["round", "actor", "issue"])
    merged = expected.merge(got, on=["round", "actor"], suffixes=("_exp", ""))
    assert len(merged) == len(expected)
    np.testing.assert_allclose(merged["position"], merged["position_exp"], atol=TOL)
    np.testing.assert_allclose(merged["r"], merged["risk_r"], atol=TOL)


@pytest.mark.parametrize("name", ["argentina.tsv", "iranian-election.tsv"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {
            "probability_denominator": "pairwise",
            "compromise_rule": "paper",
            "capitulation": "paper",
        },
    ],
)
def test_decisionmechanics_inputs_run(bargaining_dir, name, params):
    """decisionmechanics/eum example inputs (no published outputs): the model runs, every
    position stays within the inputs' range and a second fit is identical."""
    sc = load_scenario(bargaining_dir / "eum_decisionmechanics_inputs" / name)
    a = ExpectedUtilityModel(**params).fit(sc)
    b = ExpectedUtilityModel(**params).fit(sc)
    lo, hi = np.nanmin(sc.positions), np.nanmax(sc.positions)
    assert lo <= a.outcome_[0] <= hi
    assert a.trajectory_["position"].between(lo - 1e-9, hi + 1e-9).all()
    assert a.risk_["r"].between(0.5 - 1e-12, 2.0 + 1e-12).all()
    pd.testing.assert_frame_equal(a.trajectory_, b.trajectory_)
    pd.testing.assert_frame_equal(a.offers_, b.offers_)


# --- the algebra, on scenarios written here ---------------------------------------------------


def _brute_numerator(x, r, w, delta):
    """sum_k max(0, v_k(i over j)) and sum_k sum_a sum_b |v_k(a over b)|, by explicit loops."""
    n = len(x)
    d = lambda k, a: (abs(x[k] - x[a]) / delta) ** r[k]  # noqa: E731
    num = np.zeros((n, n))
    total = 0.0
    for i, j in itertools.product(range(n), range(n)):
        for k in range(n):
            v = w[k] * (d(k, j) - d(k, i))
            num[i, j] += max(0.0, v)
            total += abs(v)
    return num, total


@pytest.mark.parametrize("all_triples", [True, False])
def test_win_probability_matches_explicit_triple_sum(all_triples):
    """The O(n^2) all-triples denominator (twice the sum of numerators) and the pairwise
    one equal the explicit sums of Scholz et al. (2011) section 4 / jmckib ``probability``."""
    rng = np.random.default_rng(7)
    n = 6
    x = rng.choice([0.0, 20.0, 35.0, 50.0, 90.0], n)
    r = rng.uniform(0.5, 2.0, n)
    w = rng.uniform(0.1, 1.0, n)
    delta = np.ptp(x)
    num, total = _brute_numerator(x, r, w, delta)
    expected = num / total if all_triples else num / np.where(num + num.T > 0, num + num.T, 1)
    expected[x[:, None] == x[None, :]] = 0.0
    d = np.abs(x[:, None] - x[None, :])[:, :, None] / delta
    u = d ** r[:, None, None]
    pair = (x[:, None] != x[None, :])[:, :, None]
    got = core.win_probability(u, w[:, None], pair, all_triples)[:, :, 0]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    if not all_triples:
        off = ~np.eye(n, dtype=bool) & (x[:, None] != x[None, :])
        np.testing.assert_allclose((got + got.T)[off], 1.0)


def test_eu_formula_by_hand():
    """EU = s_j[P U_s + (1-P) U_f] + (1-s_j) U_s - q U_sq (Scholz et al. 2011 eq. 25, q-term as
    in Scholz's code), with U_s = 2 - 4(0.5 - 0.5 d)^r etc., evaluated by hand."""
    r, p, s, d, q = 1.5, 0.3, 0.4, 0.25, 0.8
    us = 2 - 4 * (0.5 - 0.5 * d) ** r
    uf = 2 - 4 * (0.5 + 0.5 * d) ** r
    usq = 2 - 4 * 0.5**r
    expected = s * (p * us + (1 - p) * uf) + (1 - s) * us - q * usq
    cube = lambda v: np.full((1, 1, 1), v)  # noqa: E731  (n, n, b) arrays
    got = core.expected_utility(cube(p), s, cube(us), cube(uf), usq, q)
    assert got.shape == (1, 1, 1)
    assert got[0, 0, 0] == pytest.approx(expected, abs=1e-15)


def test_risk_exponents_span_half_to_two(eu_scenario):
    """r = (1 - R/3)/(1 + R/3) with R in [-1, 1]: the safest actor gets 2, the most
    threatened 0.5 (Scholz et al. 2011 eqs. 32-33)."""
    m = ExpectedUtilityModel(rounds=1).fit(eu_scenario)
    r1 = m.risk_.loc[m.risk_["round"] == 1, "r"]
    assert r1.max() == pytest.approx(2.0, abs=1e-12)
    assert r1.min() == pytest.approx(0.5, abs=1e-12)


def test_unanimity_nothing_moves_and_r_is_one():
    """Everyone at one position: no contest, no danger differences (R = 0, r = 1), no move."""
    sc = make_scenario([[40.0]] * 4, [0.5, 0.9, 0.2, 0.7], [1, 2, 3, 4])
    m = ExpectedUtilityModel().fit(sc)
    assert m.offers_.empty
    assert (m.trajectory_["position"] == 40.0).all()
    assert (m.risk_["r"] == 1.0).all()
    assert m.outcome_ == pytest.approx([40.0])


def _random_issues(seed: int, n_actors: int, n_issues: int) -> Scenario:
    """Random positions (whole numbers on 0-100), saliences and capabilities, many issues."""
    rng = np.random.default_rng(seed)
    shape = (n_actors, n_issues)
    return make_scenario(
        rng.uniform(0, 100, shape).round(),
        rng.uniform(0.05, 1, shape),
        rng.uniform(0.1, 1, shape),
        issues=tuple(f"i{j}" for j in range(n_issues)),
    )


def test_lone_actor_on_an_issue_stays():
    """An issue on which only one actor has a position: no contest, r = 1, no move; the
    other issue still runs (division by a zero range or danger span is avoided)."""
    x = [[30.0, 10.0], [np.nan, 90.0], [np.nan, 50.0]]
    sc = make_scenario(
        x,
        [[0.5, 0.5], [0.9, 0.9], [0.4, 0.4]],
        [[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]],
        issues=("solo", "open"),
    )
    m = ExpectedUtilityModel(rounds=3).fit(sc)
    solo = m.trajectory_[m.trajectory_["issue"] == "solo"].dropna()
    assert (solo["actor"] == "a0").all() and (solo["position"] == 30.0).all()
    assert m.outcome_[0] == 30.0
    assert (m.risk_.loc[m.risk_["issue"] == "solo", "r"] == 1.0).all()
    assert np.isfinite(m.trajectory_.dropna()["position"]).all()


def test_capitulation_switch():
    """With capitulation='paper' an actor whose loss outweighs the proposer's gain
    (eu_ji > 0 > eu_ij, eu_ji < |eu_ij|) moves all the way to the proposer; the replication
    (capitulation='never') has no capitulations at all (decisionmechanics 'CompelMinus')."""
    sc = _random_issues(3, 7, 40)
    never = ExpectedUtilityModel(rounds=2).fit(sc)
    assert "capitulation" not in set(never.offers_["offer"])
    paper = ExpectedUtilityModel(rounds=2, capitulation="paper").fit(sc)
    caps = paper.offers_[paper.offers_["offer"] == "capitulation"]
    assert len(caps) > 0
    assert (caps["eu_ji"] > 0).all() and (caps["eu_ij"] < 0).all()
    assert (caps["eu_ji"] < caps["eu_ij"].abs()).all()
    before = paper.trajectory_.assign(round=paper.trajectory_["round"] + 1).rename(
        columns={"actor": "proposer", "position": "proposer_position"}
    )
    merged = caps.merge(before, on=["round", "proposer", "issue"])
    assert len(merged) == len(caps)
    assert (merged["position"] == merged["proposer_position"]).all()


def test_compromise_moves_the_eu_fraction():
    """A compromise moves i the fraction |eu_ij / eu_ji| of the way to x_j (jmckib ``Offer``)."""
    sc = _random_issues(11, 6, 20)
    m = ExpectedUtilityModel(rounds=1).fit(sc)
    comp = m.offers_[m.offers_["offer"] == "compromise"]
    assert len(comp) > 0
    start = m.trajectory_[m.trajectory_["round"] == 0]
    xi = comp.merge(start, on=["actor", "issue"], suffixes=("", "_0"))["position_0"].to_numpy()
    xj = comp.merge(
        start.rename(columns={"actor": "proposer"}), on=["proposer", "issue"], suffixes=("", "_0")
    )["position_0"].to_numpy()
    frac = (comp["eu_ij"] / comp["eu_ji"]).abs().to_numpy()
    assert ((frac > 0) & (frac < 1)).all()
    np.testing.assert_allclose(comp["position"], xi + (xj - xi) * frac, atol=1e-12)


def test_issues_are_independent_and_nan_actor_is_absent():
    """A multi-issue scenario is the 1-D model on each issue; an actor with no position (NaN)
    on an issue gives the same result there as leaving it out of the scenario."""
    x = [[10.0, 30.0], [60.0, np.nan], [45.0, 90.0], [100.0, 0.0], [20.0, 55.0]]
    s = [[0.9, 0.5], [0.4, 0.6], [0.7, 0.8], [0.3, 0.9], [0.6, 0.2]]
    c = [[1.0, 1.0], [0.5, 0.5], [0.8, 0.8], [0.2, 0.2], [0.6, 0.6]]
    both = ExpectedUtilityModel().fit(make_scenario(x, s, c, issues=("p", "q")))
    for j, issue in enumerate(("p", "q")):
        rows = [k for k in range(5) if not np.isnan(x[k][j])]
        alone = make_scenario(
            [[x[k][j]] for k in rows],
            [[s[k][j]] for k in rows],
            [[c[k][j]] for k in rows],
            issues=(issue,),
        )
        single = ExpectedUtilityModel().fit(alone)
        assert both.outcome_[j] == pytest.approx(single.outcome_[0], abs=1e-12)
        traj = both.trajectory_[both.trajectory_["issue"] == issue].dropna()
        ids = {f"a{i}": f"a{k}" for i, k in enumerate(rows)}
        ref = single.trajectory_.assign(actor=single.trajectory_["actor"].map(ids))
        merged = traj.merge(ref, on=["round", "actor"])
        assert len(merged) == len(traj) == len(ref)
        np.testing.assert_allclose(merged["position_x"], merged["position_y"], atol=1e-12)
    traj = both.trajectory_
    assert traj.loc[(traj["actor"] == "a1") & (traj["issue"] == "q"), "position"].isna().all()
    assert not ((both.offers_["actor"] == "a1") & (both.offers_["issue"] == "q")).any()
    assert not ((both.offers_["proposer"] == "a1") & (both.offers_["issue"] == "q")).any()


# --- Monte Carlo draws axis -------------------------------------------------------------------


def test_solve_draws_equal_single_fits(global_seed):
    """Monte Carlo protocol: ``solve_draws`` on (n_draws, n_actors, n_issues) gives, for every draw
    k, the outcome of ``fit`` on the scenario with draw k's arrays."""
    rng = np.random.default_rng(global_seed)
    n, m, draws = 7, 3, 8
    base = make_scenario(
        rng.uniform(0, 100, (n, m)).round(),
        rng.uniform(0.1, 1, (n, m)),
        rng.uniform(0.1, 1, (n, m)),
        issues=("a", "b", "c"),
    )
    x = np.clip(base.positions + rng.normal(0, 8, (draws, n, m)), 0, 100)
    x[:, 2, 1] = np.nan  # an actor without a position on one issue, in every draw
    x[::2, 4, 0] = np.nan  # and one absent in every other draw only
    s = np.clip(base.salience + rng.normal(0, 0.1, (draws, n, m)), 0, 1)
    c = np.clip(base.capability * (1 + rng.normal(0, 0.2, (draws, n, m))), 0.01, None)
    for params in ({}, {"range_rule": "current", "capitulation": "paper"}):
        model = ExpectedUtilityModel(**params)
        got = model.solve_draws(base, x, s, c, rng)
        assert got.shape == (draws, m)
        for k in range(draws):
            drawn = Scenario(
                name="draw",
                actors=base.actors,
                issues=base.issues,
                positions=x[k],
                salience=s[k],
                capability=c[k],
            )
            np.testing.assert_allclose(got[k], clone(model).fit(drawn).outcome_, rtol=0, atol=1e-9)
    assert ExpectedUtilityModel.vectorised()


def _round_inputs(seed: int, n: int, b: int) -> tuple[np.ndarray, ...]:
    """Columns (n, b) with whole-number positions (ties occur), some absent actors."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, (n, b)).round()
    x[n // 2, ::5] = np.nan
    present = ~np.isnan(x)
    s = rng.uniform(0.05, 1, (n, b))
    w = np.where(present, s * rng.uniform(0.1, 1, (n, b)), 0.0)
    return x, s, w, present, core.position_range(x, present)


_ROUND_FIELDS = ("positions", "risk", "offer", "proposer", "eu_ij", "eu_ji")
_ALL_RULES = (
    core.Rules(),
    core.Rules(q=0.6, all_triples=False, compromise_scholz=False, capitulation=True),
)


@pytest.mark.parametrize("rules", _ALL_RULES)
def test_round_is_bitwise_independent_of_batch_layout_and_workspace(rules):
    """A column's round does not depend on the other columns of its batch, on the memory
    layout of the inputs, or on a reused Workspace: equal to the bit (what makes the
    n_jobs split and the chunking exact)."""
    n, b = 10, 60  # with 10 actors NumPy's reductions are order-sensitive to the layout
    x, s, w, present, delta = _round_inputs(3, n, b)
    whole = core.eum_round(x, s, w, present, delta, rules)
    work = core.Workspace(n, b)
    core.eum_round(x[:, ::-1], s, w, present[:, ::-1], delta, rules, work)  # leave stale data
    cols = np.arange(1, b, 3)  # a strided, non-contiguous batch in the reused workspace
    part = core.eum_round(
        x[:, cols], s[:, cols], w[:, cols], present[:, cols], delta[cols], rules, work
    )
    fortran = core.eum_round(*(np.asfortranarray(a) for a in (x, s, w, present)), delta, rules)
    for field in _ROUND_FIELDS:
        np.testing.assert_array_equal(getattr(part, field), getattr(whole, field)[:, cols])
        np.testing.assert_array_equal(getattr(fortran, field), getattr(whole, field))
    assert (whole.offer != core.NO_OFFER).sum() > b  # the columns do move
    with pytest.raises(ValueError, match="exceeds the workspace"):
        work.arrays(b + 1)


def test_symmetric_power_equals_full_power():
    """Logs taken on one triangle and mirrored give the bits of exp2(r log2 x) everywhere."""
    x, *_ = _round_inputs(5, 6, 40)
    d = np.abs(x[None] - x[:, None]) / 100.0
    d = np.nan_to_num(d)
    r = np.random.default_rng(0).uniform(0.5, 2.0, (6, 1, 40))
    with np.errstate(divide="ignore"):
        full = np.exp2(np.log2(d) * r)
    got = core._power_symmetric(d.copy(), r, out=np.empty_like(d))
    np.testing.assert_array_equal(got, full)
    in_place = d.copy()
    np.testing.assert_array_equal(core._power_symmetric(in_place, r, out=in_place), full)


def test_n_jobs_and_chunking_give_identical_draws(monkeypatch, global_seed):
    """Monte Carlo split over worker processes, or in smaller chunks, is bit-for-bit the
    serial result (the split is by contiguous column blocks, see ``_solve_parallel``)."""
    import detente.bargain.models.eum.model as eum

    rng = np.random.default_rng(global_seed)
    draws, n, m = 30, 10, 2
    base = make_scenario(
        rng.uniform(0, 100, (n, m)).round(),
        rng.uniform(0.1, 1, (n, m)),
        rng.uniform(0.1, 1, (n, m)),
        issues=("a", "b"),
    )
    x = np.clip(base.positions + rng.normal(0, 8, (draws, n, m)), 0, 100)
    s = np.clip(base.salience + rng.normal(0, 0.1, (draws, n, m)), 0, 1)
    c = base.capability * np.ones((draws, 1, 1))
    serial = ExpectedUtilityModel().solve_draws(base, x, s, c, rng)
    monkeypatch.setattr(eum, "_MIN_COLUMNS_PER_JOB", 1)
    parallel = ExpectedUtilityModel(n_jobs=3).solve_draws(base, x, s, c, rng)
    monkeypatch.setattr(eum, "_CHUNK_CELLS", 7 * n * n)  # 7-column chunks
    chunked = ExpectedUtilityModel().solve_draws(base, x, s, c, rng)
    np.testing.assert_array_equal(parallel, serial)
    np.testing.assert_array_equal(chunked, serial)
    assert np.unique(serial[:, 0]).size > 1  # the draws differ


# --- contract ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"rounds": 0},
            "The 'rounds' parameter of ExpectedUtilityModel must be an int in [1, 1000]. "
            "Got 0 instead.",
        ),
        (
            {"rounds": 2.5},
            "The 'rounds' parameter of ExpectedUtilityModel must be an int in [1, 1000]. "
            "Got 2.5 instead.",
        ),
        (
            {"q": 1.5},
            "The 'q' parameter of ExpectedUtilityModel must be a float or int in [0, 1]. "
            "Got 1.5 instead.",
        ),
        (
            {"probability_denominator": "triples"},
            "The 'probability_denominator' parameter of ExpectedUtilityModel must be one of "
            "'all_triples', 'pairwise'. Got 'triples' instead.",
        ),
        ({"compromise_rule": "x"}, "The 'compromise_rule' parameter"),
        ({"capitulation": True}, "The 'capitulation' parameter"),
        ({"range_rule": "max"}, "The 'range_rule' parameter"),
        (
            {"n_jobs": 0},
            "The 'n_jobs' parameter of ExpectedUtilityModel must be an int in [1, 64]. "
            "Got 0 instead.",
        ),
        (
            {"random_state": "seed"},
            "The 'random_state' parameter of ExpectedUtilityModel must be None, an int >= 0 or "
            "a numpy Generator. Got 'seed' instead.",
        ),
    ],
)
def test_parameter_validation(params, message):
    """Bad parameters raise ModelError with base.check_param's one message shape, at fit."""
    sc = make_scenario([[0.0], [100.0]], [0.5, 0.5], [1, 1])
    model = ExpectedUtilityModel(**params)  # stored verbatim, validated in fit (sklearn)
    with pytest.raises(ModelError) as err:
        model.fit(sc)
    assert message in str(err.value)


def test_registered_and_forecast(eu_scenario):
    """Registered as "eum"; ``forecast`` keeps parameters and the trajectory (round 0 = input)."""
    assert MODELS["eum"] is ExpectedUtilityModel
    assert get_model("eum", rounds=3).get_params()["rounds"] == 3
    fc = forecast(eu_scenario, "eum", rounds=10)
    assert fc.outcome(eu_scenario.issue_ids[0]) == pytest.approx(7.0)
    assert fc.params["probability_denominator"] == "all_triples"
    first = fc.trajectory[fc.trajectory["round"] == 0]
    np.testing.assert_array_equal(first["position"].to_numpy(), eu_scenario.positions[:, 0])
    assert set(fc.trajectory["round"]) == set(range(11))
