"""The comparison table: scale words, what each number is, and why the models differ."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargain import ActorSpec, IssueSpec, Scenario, seeded_params
from detente.bargain.analysis.compare import compare, nearest_mark, run_models, scale_marks

BORDER = IssueSpec(
    "border",
    "Border line",
    low_label="Atlantis keeps everything",
    high_label="Borduria keeps everything",
    marks=((50.0, "split down the middle"), (25.0, "Atlantis keeps most")),
    status_quo=50.0,
)
TRADE = IssueSpec("trade", "Trade", low_label="closed", high_label="open", status_quo=0.0)


def _scenario(positions, salience=None, clout=(60, 40, 10)) -> Scenario:
    actors = tuple(
        ActorSpec(i, n, c)
        for i, n, c in zip(
            ("atl", "bor", "cas"), ("Atlantis", "Borduria", "Cascadia"), clout, strict=True
        )
    )
    pos = np.array(positions, dtype=float)
    sal = np.full(pos.shape, 0.5) if salience is None else np.array(salience, dtype=float)
    cap = np.repeat(np.array(clout, dtype=float)[:, None], pos.shape[1], axis=1)
    return Scenario(
        "invented", actors, (BORDER, TRADE), pos, sal, cap, position_sd=np.full(pos.shape, 5.0)
    )


def _compare(scenario, models, draws=40, random_state=3):
    results = run_models(
        scenario,
        models,
        lambda n: seeded_params(n, random_state),
        draws=draws,
        random_state=random_state,
    )
    return compare(scenario, results, random_state=random_state, draws=draws)


def test_marks_include_the_ends_and_the_nearest_wins() -> None:
    assert [m.value for m in scale_marks(BORDER)] == [0, 25, 50, 100]
    assert nearest_mark(BORDER, 40).words == "split down the middle"
    assert nearest_mark(BORDER, 90).words == "Borduria keeps everything"
    assert nearest_mark(BORDER, 37.5).value == 25  # a tie goes to the lower mark
    assert nearest_mark(IssueSpec("x", "x"), 10) is None


def test_every_cell_carries_its_scale_words_and_each_model_its_meaning() -> None:
    cmp = _compare(_scenario([[20, 10], [80, 90], [50, 50]]), ["compromise", "weighted_median"])
    border = cmp.issues[0]
    assert [c.model for c in border.cells] == ["compromise", "weighted_median"]
    comp = cmp.cell("border", "compromise")
    assert comp.basis == "point" and comp.value == pytest.approx((60 * 20 + 40 * 80 + 500) / 110)
    assert comp.mark.words == "split down the middle"
    assert comp.band[0] <= comp.band[1] <= comp.band[2]
    meanings = {m.model: m.meaning for m in cmp.models}
    assert meanings["compromise"].startswith("weighted mean")
    assert meanings["weighted_median"].startswith("weighted median")
    assert cmp.to_dict()["issues"][0]["cells"][0]["mark"]["words"] == "split down the middle"


def test_a_seed_dependent_model_shows_its_monte_carlo_median() -> None:
    cmp = _compare(_scenario([[20, 10], [80, 90], [50, 50]]), ["exchange"], draws=30)
    cell = cmp.cell("border", "exchange")
    assert cell.basis == "median" and cell.value == cell.band[1]
    assert "median of its 30 Monte Carlo runs" in cmp.models[0].meaning
    again = _compare(_scenario([[20, 10], [80, 90], [50, 50]]), ["exchange"], draws=30)
    assert again.cell("border", "exchange") == cell


def test_nash_without_a_deal_says_who_stands_on_either_side() -> None:
    cmp = _compare(_scenario([[20, 10], [80, 90], [45, 5]]), ["nash"])
    cell = cmp.cell("border", "nash")
    assert cell.flag == "no deal" and cell.value == 50
    (note,) = [w for w in cmp.issues[0].why if w.startswith("nash")]
    assert "Atlantis (20) wants it lower" in note or (
        "Borduria (80) wants it higher and Atlantis (20) lower" in note
    )
    on_it = _compare(_scenario([[20, 10], [80, 90], [50, 5]]), ["nash"])
    (note,) = [w for w in on_it.issues[0].why if w.startswith("nash")]
    assert "Cascadia already stands on it" in note


def test_decisive_actor_and_movers_come_from_the_models_own_diagnostics() -> None:
    cmp = _compare(
        _scenario([[20, 10], [80, 90], [50, 50]], clout=(60, 55, 10)), ["weighted_median", "eum"]
    )
    why = " ".join(cmp.issues[0].why)
    assert "Decisive input" in why and "weighted_median" in why
    assert "Who moved: eum" in why
    assert why.startswith("The models range from")


def test_a_point_outside_its_own_band_is_flagged_and_explained() -> None:
    # Cascadia is stated at 0 but its range says 90-100: every draw pulls the mean up, so
    # the stated inputs give a compromise below the whole band of the draws.
    base = _scenario([[20, 10], [80, 90], [0, 50]])
    ranges = np.full((3, 2, 2), np.nan)
    ranges[2, 0] = (90, 100)
    scenario = Scenario(
        base.name,
        base.actors,
        base.issues,
        base.positions,
        base.salience,
        base.capability,
        position_sd=np.zeros((3, 2)),
        position_range=ranges,
    )
    cmp = _compare(scenario, ["compromise"], draws=50)
    cell = cmp.cell("border", "compromise")
    assert cell.flag == "outside band" and cell.point < cell.band[0]
    (note,) = [w for w in cmp.issues[0].why if "outside its own 5-95 % band" in w]
    assert note.startswith("compromise: the stated inputs give 40, outside")
    assert cmp.cell("trade", "compromise").flag is None
