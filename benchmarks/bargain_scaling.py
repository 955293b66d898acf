"""How the bargaining models scale with Monte Carlo draws, actors and issues.

Run ``.venv/bin/python benchmarks/bargain_scaling.py [section ...]`` (all sections
when none is named). Each model owns one section: a function ``bench_<name>()``
that prints its own figures; every module-level ``bench_*`` function is a
section. Engineers add their model by appending one such function ABOVE the
``end of sections`` marker (the runner below it must stay last); no section
depends on another. Figures are printed, never asserted: timings depend on the
machine (the target machine has 2 shared cores).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

from detente.bargain.scenario import ActorSpec, IssueSpec, Scenario


def random_scenario(n_actors: int, n_issues: int, random_state: int = 0) -> Scenario:
    """A synthetic scenario on a 0-100 scale with random positions, saliences and clout."""
    rng = np.random.default_rng(random_state)
    return Scenario(
        name=f"synthetic {n_actors}x{n_issues}",
        actors=tuple(ActorSpec(f"a{i}", f"Actor {i}", 1.0) for i in range(n_actors)),
        issues=tuple(IssueSpec(f"i{j}", f"Issue {j}") for j in range(n_issues)),
        positions=rng.uniform(0, 100, (n_actors, n_issues)).round(0),
        salience=rng.uniform(0.1, 1.0, (n_actors, n_issues)),
        capability=rng.uniform(0.05, 1.0, (n_actors, n_issues)),
    )


def perturbed_draws(
    scenario: Scenario, n_draws: int, random_state: int = 1, position_sd: float = 5.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrays (n_draws, n_actors, n_issues) of perturbed positions, saliences, capabilities."""
    rng = np.random.default_rng(random_state)
    shape = (n_draws,) + scenario.positions.shape
    x = np.clip(scenario.positions + rng.normal(0, position_sd, shape), 0, 100)
    s = np.clip(scenario.salience + rng.normal(0, 0.05, shape), 0, 1)
    c = np.clip(scenario.capability * (1 + rng.normal(0, 0.1, shape)), 0, None)
    return x, s, c


def _timed(fn: Callable[[], object], repeat: int = 1) -> str:
    """Best wall-clock and CPU time of ``repeat`` calls, formatted.

    Both are printed because the machine is shared: CPU time is what the code costs,
    wall time what the user waits.
    """
    wall = cpu = np.inf
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return f"{wall:7.3f} s wall, {cpu:7.3f} s CPU"


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    import resource

    me, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# --- EUM (expected-utility model, engineer D) --------------------------------------------------


def bench_eum() -> None:
    """EUM Monte Carlo: 10 000 draws of a 10-actor x 8-issue scenario, 10 rounds (target <= 10 s).

    The target run goes through ``monte_carlo`` (as a user's would), serially and split over
    2 worker processes (``n_jobs=2``, bit-for-bit the same draws); its CPU time includes
    the workers'. Also prints a single fit, ``solve_draws`` on 1 000 draws, and the scaling in
    actors, so the O(n^3) vote numerator per issue is visible.
    """
    from detente.bargain.analysis.uncertainty import monte_carlo
    from detente.bargain.models.eum.model import ExpectedUtilityModel

    model = ExpectedUtilityModel(rounds=10)
    rng = np.random.default_rng(0)

    def solve(sc: Scenario, n_draws: int) -> str:
        x, s, c = perturbed_draws(sc, n_draws)
        return _timed(lambda: model.solve_draws(sc, x, s, c, rng))

    sc = random_scenario(10, 8)
    print(f"eum  fit 10 actors x 8 issues, 10 rounds:       {_timed(lambda: model.fit(sc), 3)}")
    print(f"eum  solve_draws  1000 draws x 10 actors x 8 issues: {solve(sc, 1_000)}")
    draws = {}
    for n_jobs in (1, 2):
        mc = ExpectedUtilityModel(rounds=10, n_jobs=n_jobs)
        w0, c0 = time.perf_counter(), _cpu_with_children()
        draws[n_jobs] = monte_carlo(
            sc, mc, draws=10_000, random_state=1, position_sd=5.0, salience_sd=0.05, clout_sd=0.1
        ).draws
        wall, cpu = time.perf_counter() - w0, _cpu_with_children() - c0
        print(
            f"eum  monte_carlo 10000 draws x 10 actors x 8 issues, n_jobs={n_jobs}: "
            f"{wall:7.3f} s wall, {cpu:7.3f} s CPU incl. workers"
        )
    print(f"eum  n_jobs=2 draws identical to n_jobs=1: {np.array_equal(draws[1], draws[2])}")
    for n_actors in (5, 10, 20, 40):
        t = solve(random_scenario(n_actors, 8), 200)
        print(f"eum  solve_draws   200 draws x {n_actors:>2} actors x 8 issues: {t}")


# --- SMP (KTAB Spatial Model of Politics, engineer F) -------------------------------------------


def bench_smp() -> None:
    """KTAB SMP: the dummyData_3Dim reference run against KTAB's compiled smpc, and scaling.

    Reference times: the brief's 0.40 s for KTAB's compiled program (the 2026 rebuild's
    smpc run of smpExample.xml logged 0.4007 s) and the "Elapsed time: 0.1609 seconds" of
    KTAB's own 2017 dummyData_3Dim reference log. The scaling runs use synthetic scenarios
    with 3 issues and exactly 10 turns (per turn O(n^3)). Monte Carlo runs every draw
    along a leading array axis until its own stopping turn (max 100).
    """
    from pathlib import Path

    from detente.bargain.io.ktab import read_ktab
    from detente.bargain.models.smp.model import SpatialModel

    shared = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "bargaining"
    ref = shared / "ktab_smp_dummyData_3Dim" / "input_dummyData_3Dim.csv"
    if ref.exists():
        dummy = read_ktab(ref).scenario
        model = SpatialModel()
        t = _timed(lambda: model.fit(dummy), 5)
        print(f"smp  dummyData_3Dim (7 actors x 3 dims, {model.turns_} turns): {t}")
        print("smp    (KTAB smpc: 0.40 s per the brief; 0.16 s in its 2017 reference log)")
    else:
        print(f"smp  dummyData_3Dim skipped: {ref} not found")
    fixed = SpatialModel(min_turns=10, max_turns=10)
    for n_actors in (10, 20, 40, 80):
        sc_n = random_scenario(n_actors, 3)
        t = _timed(lambda sc_n=sc_n: fixed.fit(sc_n))
        print(f"smp  {n_actors:>2} actors x 3 issues, 10 turns: {t}")
    rng = np.random.default_rng(0)
    sc10 = random_scenario(10, 8)
    for n_draws in (100, 1_000):
        x, s, c = perturbed_draws(sc10, n_draws)
        t = _timed(lambda x=x, s=s, c=c: SpatialModel().solve_draws(sc10, x, s, c, rng))
        print(f"smp  Monte Carlo {n_draws:>5} draws x 10 actors x 8 issues: {t}")


# --- Exchange (Stokman equal-gain exchange model, engineer E) --------------------------------


def _reference_exchange_run(scenario: Scenario, rounds: int) -> list[float]:
    """Run the reference program ``decide-exchange-model`` on ``scenario``; first-round gains.

    Drives its model classes directly (``EqualGainModel`` + ``ModelLoop``), not its CLI,
    so no files or Qt are involved. Ties are broken by its own unseeded coin.
    """
    from decimal import Decimal

    from decide.model.equalgain import EqualGainModel
    from decide.model.utils import ModelLoop

    model = EqualGainModel()
    actors = [model.add_actor(a.id) for a in scenario.actors]
    for k, spec in enumerate(scenario.issues):
        issue = model.add_issue(spec.id)
        issue.lower, issue.upper = Decimal(str(spec.low)), Decimal(str(spec.high))
        for a, actor in enumerate(actors):
            if not np.isnan(scenario.positions[a, k]):
                model.add_actor_issue(
                    actor,
                    issue,
                    Decimal(str(scenario.positions[a, k])),
                    Decimal(str(scenario.salience[a, k])),
                    Decimal(str(scenario.capability[a, k])),
                )
    gains: list[float] = []

    class _Events:
        """The observer interface ModelLoop calls; only the first round's gains are kept."""

        def after_loop(self, realized, iteration, repetition):
            if iteration == 0:
                gains.extend(float(e.gain) for e in realized)

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    loop = ModelLoop(model, _Events(), 0)
    for _ in range(rounds):
        loop.loop()
    return gains


def bench_exchange() -> None:
    """Exchange model: Monte Carlo per draw, time per fit by size, and the reference program.

    The Monte Carlo runs go through ``monte_carlo`` on the seed scenario
    (``scenarios/ukraine-2025.yaml``, its own ``uncertainty:``), as the report's would,
    in this process and split over 2 worker processes (``n_jobs=2``; the draws are the
    same bit for bit). CPU time includes the workers'. For scale: the loop fallback
    (one fit per draw, before the side-by-side path) took 0.25 s of CPU per draw here.
    """
    from pathlib import Path

    from detente.bargain.analysis.uncertainty import monte_carlo
    from detente.bargain.io import load_scenario
    from detente.bargain.models.exchange.model import ExchangeModel

    repo = Path(__file__).resolve().parents[1]
    seed_scenario = load_scenario(repo / "scenarios" / "ukraine-2025.yaml")
    n_actors, n_issues = seed_scenario.positions.shape
    n_draws = 500
    draws = {}
    for n_jobs in (1, 2):
        model = ExchangeModel(random_state=0, n_jobs=n_jobs)
        w0, c0 = time.perf_counter(), _cpu_with_children()
        draws[n_jobs] = monte_carlo(seed_scenario, model, draws=n_draws, random_state=1).draws
        wall, cpu = time.perf_counter() - w0, _cpu_with_children() - c0
        print(
            f"exchange monte_carlo {n_draws} draws, seed scenario {n_actors}x{n_issues}, "
            f"n_jobs={n_jobs}: {wall / n_draws:.4f} s/draw wall ({n_draws / wall:5.1f} draws/s), "
            f"{cpu / n_draws:.4f} s/draw CPU incl. workers"
        )
    print(f"exchange n_jobs=2 draws identical to n_jobs=1: {np.array_equal(draws[1], draws[2])}")
    t = _timed(lambda: ExchangeModel(random_state=0).fit(seed_scenario), 3)
    print(f"exchange fit seed scenario {n_actors}x{n_issues}, 10 rounds: {t}")

    for n_actors, n_issues in ((10, 6), (15, 13), (30, 13)):
        sc = random_scenario(n_actors, n_issues, random_state=7)
        model = ExchangeModel(rounds=10, random_state=0)
        t = _timed(lambda sc=sc, model=model: model.fit(sc))
        n_ex = len(model.exchanges_)
        print(
            f"exchange {n_actors:>2} actors x {n_issues:>2} issues, 10 rounds "
            f"({n_ex:>5} exchanges): {t}"
        )
    try:
        import decide.model.equalgain  # noqa: F401
    except ImportError as exc:
        print(
            f"exchange vs reference: skipped, decide-exchange-model is not importable ({exc}); "
            "install: .venv/bin/pip install --no-deps -r benchmarks/requirements-exchange.txt"
        )
        return
    for n_actors, n_issues in ((10, 6), (15, 13)):
        sc = random_scenario(n_actors, n_issues, random_state=7)
        mine = ExchangeModel(rounds=1, random_state=0).fit(sc).exchanges_["gain"].to_numpy()
        ref = np.asarray(_reference_exchange_run(sc, 1))
        n = min(mine.size, ref.size)
        differ = np.flatnonzero(~np.isclose(mine[:n], ref[:n], rtol=1e-9))
        lead = int(differ[0]) if differ.size else n
        for rounds in (1, 10):
            t_mine = _timed(lambda sc=sc, r=rounds: ExchangeModel(rounds=r, random_state=0).fit(sc))
            t_ref = _timed(lambda sc=sc, r=rounds: _reference_exchange_run(sc, r))
            print(
                f"exchange {n_actors:>2}x{n_issues:>2}, {rounds:>2} rounds: detente {t_mine} | "
                f"reference {t_ref}"
            )
        print(
            f"exchange {n_actors:>2}x{n_issues:>2}: first {lead} of {ref.size} reference round-1 "
            f"gains equal to 1e-9 ({mine.size} detente exchanges; later ones may differ after "
            "an exact tie, which the reference settles by coin or Decimal rounding)"
        )


# --- Closed-form models, Monte Carlo, sensitivity (engineer C) ---------------------------------


def bench_closed_form() -> None:
    """monte_carlo() end to end (drawing included) for the closed-form models, plus sensitivity."""
    from detente.bargain.analysis.sensitivity import one_at_a_time, sobol_indices
    from detente.bargain.analysis.uncertainty import monte_carlo

    sc = random_scenario(10, 8)
    sc = Scenario(
        name=sc.name,
        actors=sc.actors,
        issues=sc.issues,
        positions=sc.positions,
        salience=sc.salience,
        capability=sc.capability,
        position_sd=np.full(sc.positions.shape, 5.0),
        salience_sd=np.full(sc.positions.shape, 0.05),
        capability_sd=0.1 * sc.capability,
    )
    for name in ("compromise", "weighted_median", "nash"):
        for n_draws in (10_000, 100_000):
            t = _timed(lambda name=name, n=n_draws: monte_carlo(sc, name, draws=n, random_state=1))
            print(f"{name:<15} monte_carlo {n_draws:>7} draws x 10 actors x 8 issues: {t}")
    print(
        f"nash            one_at_a_time 10 x 8 (481 variants):            "
        f"{_timed(lambda: one_at_a_time(sc, 'nash'))}"
    )
    sobol_indices(sc, "compromise", n=16)  # import SALib (scipy.stats) outside the timing
    print(
        f"compromise      sobol_indices n=256 (30 factors, 8192 runs):     "
        f"{_timed(lambda: sobol_indices(sc, 'compromise', n=256))}"
    )


# --- Every model on one grid: actors, issues, draws (lead) -----------------------------------


def _fit_seconds(name: str, sc: Scenario) -> float:
    """CPU seconds of one fit of a registered model."""
    from detente.bargain import get_model

    model = get_model(name, **({"random_state": 0} if name == "exchange" else {}))
    c0 = time.process_time()
    model.fit(sc)
    return time.process_time() - c0


def bench_grid(budget: float = 20.0) -> None:
    """Every registered model against actors (5-200), issues (1-50) and Monte Carlo draws.

    Along each axis a model stops growing once one run costs more than ``budget``
    CPU seconds (printed as "stopped"), so the grid ends in minutes, not hours.
    """
    from detente.bargain import MODELS
    from detente.bargain.analysis.uncertainty import monte_carlo

    axes = {
        "actors (8 issues)": [(n, 8) for n in (5, 10, 25, 50, 100, 200)],
        "issues (10 actors)": [(10, m) for m in (1, 5, 10, 25, 50)],
    }
    for name in MODELS:
        for axis, sizes in axes.items():
            cells = []
            for n_actors, n_issues in sizes:
                seconds = _fit_seconds(name, random_scenario(n_actors, n_issues, random_state=3))
                cells.append(f"{n_actors}x{n_issues} {seconds:.3f}s")
                if seconds > budget:
                    cells.append("stopped")
                    break
            print(f"grid {name:<15} fit CPU by {axis}: " + ", ".join(cells))
        sc = random_scenario(10, 8, random_state=3)
        cells = []
        for n_draws in (100, 1_000, 10_000):
            c0 = time.process_time()
            monte_carlo(sc, name, draws=n_draws, random_state=1, position_sd=5.0, salience_sd=0.05)
            seconds = time.process_time() - c0
            cells.append(f"{n_draws} {seconds:.2f}s")
            if seconds > budget:
                cells.append("stopped")
                break
        print(f"grid {name:<15} monte_carlo CPU by draws (10x8): " + ", ".join(cells))


# --- Large scenarios: every model with 200 draws, refused up front where it explodes ------------

_LARGE_RUN = """
import json, resource, sys, time
from detente.api import forecast_scenario
from detente.errors import ModelError
w0, c0 = time.perf_counter(), time.process_time()
try:
    forecast_scenario(sys.argv[1], model=sys.argv[2], draws=200, random_state=1, jobs=1)
    outcome = "ran"
except ModelError as err:
    outcome = "refused: " + err.one_line()
print(json.dumps({"outcome": outcome, "wall": time.perf_counter() - w0,
                  "cpu": time.process_time() - c0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_large() -> None:
    """The drill of issue 14: 200 actors x 1 issue (BDM CSV) and 50 x 20 (YAML), --draws 200.

    Each model runs in a fresh process (so its peak memory is its own) through
    ``forecast_scenario``, as ``detente forecast FILE --model M --draws 200`` would;
    a model whose estimate is over the limit (``DETENTE_MAX_FORECAST_SECONDS``, 60 s by
    default; raise it to measure the refused ones) prints the refusal and its estimate.
    The files are written as ``tests/bargain/test_large_scenarios.py`` writes them.
    """
    import json
    import subprocess
    import tempfile
    from pathlib import Path

    from detente.bargain import MODELS, get_model
    from detente.bargain.cost import estimate_seconds

    repo = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(repo))
    from tests.bargain.test_large_scenarios import write_bdm, write_yaml

    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "200 actors x 1 issue (BDM CSV)": (write_bdm(Path(tmp) / "big.csv"), 200, 1),
            "50 actors x 20 issues (YAML)": (write_yaml(Path(tmp) / "big.yaml"), 50, 20),
        }
        for label, (path, n, m) in files.items():
            for name in MODELS:
                proc = subprocess.run(
                    [sys.executable, "-c", _LARGE_RUN, str(path), name],
                    capture_output=True,
                    text=True,
                    cwd=repo,
                )
                if proc.returncode != 0:
                    print(f"large {label} {name:<15} failed: {proc.stderr.strip()[-300:]}")
                    continue
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                est = estimate_seconds(name, get_model(name).get_params(), n, m, 200)
                figures = (
                    f"{r['wall']:7.2f} s wall, {r['cpu']:7.2f} s CPU, peak {r['peak_mb']:6.0f} MB"
                )
                shown = "ran" if r["outcome"] == "ran" else "REFUSED up front"
                print(
                    f"large {label} {name:<15} {shown:<16} {figures}"
                    + (f" (estimate {est:.0f} s CPU)" if est else "")
                )


# === end of sections: add new bench_<model>() functions above this line ===


def sections() -> dict[str, Callable[[], None]]:
    """Every ``bench_<name>`` function of this module, by name."""
    return {
        k[len("bench_") :]: v
        for k, v in globals().items()
        if k.startswith("bench_") and callable(v)
    }


def main(argv: list[str]) -> None:
    """Run the named sections, or all of them."""
    known = sections()
    names = argv or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(known)}")
    for name in names:
        known[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
