"""What-if variants: drop / add / set / link, the diff table, and errors naming the variant."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargain import (
    Compromise,
    NewActor,
    NewPosition,
    PositionChange,
    WhatIf,
    apply_whatif,
    whatif,
)
from detente.bargain.io import load_scenario_file
from detente.bargain.scenario import ActorSpec, IssueSpec, Locator, Scenario
from detente.errors import ScenarioError

REPO = Path(__file__).resolve().parents[2]


def toy() -> Scenario:
    return Scenario(
        name="w",
        actors=(
            ActorSpec("usa", "United States", 2.0),
            ActorSpec("rus", "Russia", 2.0),
            ActorSpec("ukr", "Ukraine", 1.0),
        ),
        issues=(IssueSpec("territory", "Territory"), IssueSpec("sanctions", "Sanctions")),
        positions=np.array([[60.0, 50.0], [100.0, 100.0], [0.0, 0.0]]),
        salience=np.array([[0.5, 0.8], [1.0, 0.4], [1.0, 0.6]]),
        capability=np.array([[2.0, 3.0], [2.0, 1.0], [1.0, 1.0]]),
        evidence={
            ("usa", "territory"): (Locator("d1", "some words"),),
            ("ukr", "territory"): (Locator("d2", "w"),),
        },
        position_sd=np.full((3, 2), 5.0),
    )


def test_drop_actor():
    s = apply_whatif(toy(), WhatIf(id="no-ukr", name="Ukraine cut out", drop=("ukr",)))
    assert s.actor_ids == ("usa", "rus") and s.name == "w [no-ukr]"
    assert s.positions.shape == (2, 2) and s.position_sd.shape == (2, 2)
    assert ("ukr", "territory") not in s.evidence and ("usa", "territory") in s.evidence


def test_diff_table_by_hand():
    table = whatif(
        toy(), [WhatIf(id="no-ukr", name="Ukraine cut out", drop=("Ukraine",))], "compromise"
    )
    assert list(table.columns) == ["variant", "name", "issue", "baseline", "outcome", "delta"]
    terr = table.set_index("issue").loc["territory"]
    # baseline weights 1, 2, 1 -> (60 + 200 + 0)/4 = 65; without Ukraine (60 + 200)/3
    assert terr.baseline == pytest.approx(65) and terr.outcome == pytest.approx(260 / 3)
    assert terr.delta == pytest.approx(260 / 3 - 65)


def test_set_and_add():
    v = WhatIf(
        id="v",
        name="v",
        set=(PositionChange(actor="usa", issue="sanctions", position=80, salience=1.0),),
        add=(
            NewActor(
                id="eu",
                name="EU",
                clout=3.0,
                positions=(NewPosition(issue="sanctions", position=10, salience=0.5),),
            ),
        ),
    )
    s = apply_whatif(toy(), v)
    assert s.actor_ids[-1] == "eu" and np.isnan(s.positions[-1, 0]) and s.positions[-1, 1] == 10
    assert s.salience[-1, 0] == 0 and s.capability[-1, 1] == 3.0
    assert (s.positions[0, 1], s.salience[0, 1], s.capability[0, 1]) == (80, 1.0, 3.0)
    assert s.position_sd.shape == (4, 2) and s.position_sd[-1, 1] == 0
    # sanctions: usa 3*1*80, rus 1*0.4*100, ukr 1*0.6*0, eu 3*0.5*10 over 3 + 0.4 + 0.6 + 1.5
    out = Compromise().fit(s).outcome_[1]
    assert out == pytest.approx((240 + 40 + 0 + 15) / 5.5)


def test_new_position_on_an_issue_needs_a_salience():
    s = apply_whatif(
        toy(),
        WhatIf(
            id="b",
            name="b",
            add=(NewActor(id="eu", name="EU", clout=1.0, positions=()),),
        ),
    )
    with pytest.raises(
        ScenarioError, match="what-if 'c': actor 'eu' had no position on issue 'territory'"
    ):
        change = PositionChange(actor="eu", issue="territory", position=5)
        apply_whatif(s, WhatIf(id="c", name="c", set=(change,)))
    ok = apply_whatif(
        s,
        WhatIf(
            id="d",
            name="d",
            set=(PositionChange(actor="eu", issue="territory", position=5, salience=0.5),),
        ),
    )
    assert ok.positions[-1, 0] == 5 and ok.salience[-1, 0] == 0.5


def test_link_pools_salience_and_clout():
    s = apply_whatif(toy(), WhatIf(id="pkg", name="package", link=(("territory", "sanctions"),)))
    np.testing.assert_allclose(s.salience, [[0.65, 0.65], [0.7, 0.7], [0.8, 0.8]])
    np.testing.assert_allclose(s.capability, [[3.0, 3.0], [2.0, 2.0], [1.0, 1.0]])
    np.testing.assert_array_equal(s.positions, toy().positions)


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        (WhatIf(id="a", name="a", drop=("chn",)), "what-if 'a': unknown actor 'chn'"),
        (
            WhatIf(
                id="b", name="b", set=(PositionChange(actor="chn", issue="territory", position=1),)
            ),
            "what-if 'b': unknown actor 'chn'",
        ),
        (
            WhatIf(id="c", name="c", set=(PositionChange(actor="usa", issue="oil", position=1),)),
            "what-if 'c': unknown issue 'oil'",
        ),
        (
            WhatIf(id="d", name="d", link=(("territory", "oil"),)),
            "what-if 'd': unknown issue 'oil'",
        ),
        (
            WhatIf(id="e", name="e", link=(("territory",),)),
            "what-if 'e': a link needs at least two",
        ),
        (
            WhatIf(id="f", name="f", drop=("usa", "rus", "ukr")),
            "what-if 'f': dropping .* leaves no actor",
        ),
        (
            WhatIf(
                id="g", name="g", add=(NewActor(id="usa", name="again", clout=1, positions=()),)
            ),
            "what-if 'g': added actor 'usa' is already at the table",
        ),
        (
            WhatIf(
                id="h",
                name="h",
                set=(PositionChange(actor="usa", issue="territory", position=150),),
            ),
            "what-if 'h': actor 'usa', issue 'territory': position 150 is off the scale",
        ),
        (
            WhatIf(
                id="i",
                name="i",
                add=(
                    NewActor(
                        id="x",
                        name="X",
                        clout=1,
                        positions=(NewPosition(issue="gas", position=1, salience=1),),
                    ),
                ),
            ),
            "what-if 'i': unknown issue 'gas'",
        ),
    ],
)
def test_errors_name_the_variant_and_the_place(variant, message):
    with pytest.raises(ScenarioError, match=message):
        whatif(toy(), [variant])


def test_dropping_everyone_on_an_issue():
    s = Scenario(
        name="w",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 1.0)),
        issues=(IssueSpec("x", "X"), IssueSpec("y", "Y")),
        positions=np.array([[1.0, np.nan], [2.0, 3.0]]),
        salience=np.ones((2, 2)),
        capability=np.ones((2, 2)),
    )
    with pytest.raises(ScenarioError, match="what-if 'z': issue 'y': no actor has a position"):
        apply_whatif(s, WhatIf(id="z", name="z", drop=("b",)))


def test_variants_apply_to_the_baseline_not_cumulatively():
    vs = [WhatIf(id="a", name="a", drop=("ukr",)), WhatIf(id="b", name="b", drop=("rus",))]
    t = whatif(toy(), vs, Compromise())
    assert list(t["variant"]) == ["a", "a", "b", "b"]
    assert t.set_index(["variant", "issue"]).loc[("b", "territory"), "outcome"] == pytest.approx(
        30.0
    )


def test_the_project_scenario_whatifs_run():
    path = REPO / "scenarios" / "ukraine-2025.yaml"
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    sf = load_scenario_file(path)
    for model in ("compromise", "weighted_median", "nash"):
        t = whatif(sf.scenario, sf.whatifs, model)
        assert len(t) == len(sf.whatifs) * len(sf.scenario.issues)
        assert t["outcome"].notna().all()


def test_position_range_shape_is_checked():
    s = toy()
    with pytest.raises(
        ScenarioError, match=r"position_range has shape \(3, 2\), expected \(3, 2, 2\)"
    ):
        Scenario(
            name="x",
            actors=s.actors,
            issues=s.issues,
            positions=s.positions,
            salience=s.salience,
            capability=s.capability,
            position_range=np.zeros((3, 2)),
        )
