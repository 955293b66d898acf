"""KTAB SMP CSV and plain BDM table readers on the reference inputs and on broken files.

KTAB layout: lsyaseen/KTAB @ 3b5b0635 ``examples/smp/doc/*.csv`` (README §f);
BDM tables: jmckib ``ExampleActors.csv``, decisionmechanics TSV, muratk3n Greece 2015.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargain.io import detect_format, load_scenario, load_scenario_file
from detente.errors import ScenarioError


def test_ktab_dummy_3dim(bargaining_dir):
    path = bargaining_dir / "ktab_smp_dummyData_3Dim" / "input_dummyData_3Dim.csv"
    assert detect_format(path) == "ktab"
    sf = load_scenario_file(path)
    s = sf.scenario
    assert sf.salience_factor == 0.01 and s.name == "DummyData_3Dim"
    assert s.positions.shape == (7, 3) and s.issue_ids == ("dim1", "dim2", "dim3")
    assert s.actor_ids[0] == "SActor-00"
    np.testing.assert_allclose(s.positions[0], [75.79, 6.37, 70.45])
    np.testing.assert_allclose(s.salience[0], [0.4953, 0.0591, 0.2815])
    np.testing.assert_allclose(s.capability[0], [102.543] * 3)
    assert all((i.low, i.high) == (0, 100) for i in s.issues)


def test_ktab_named_dimensions(bargaining_dir):
    s = load_scenario(bargaining_dir / "ktab_smp_SOE-Pol-Comp" / "input_SOE-Pol-Comp.csv")
    assert s.issue_ids == ("policy", "competitive")
    assert [i.name for i in s.issues] == ["Policy", "Competitive"]
    assert s.positions.shape == (13, 2)
    assert (
        s.actors[0].id == "XJ" and s.actors[0].name == "Xi Jinping" and s.actors[0].clout == 100.0
    )
    np.testing.assert_allclose(s.salience[0], [0.24, 0.48])


def test_ktab_matches_its_bdm_source(bargaining_dir):
    """The 1-D KTAB file is the BDM example rescaled: pos=(x-4)/6*100, sal*100, power=cap*100."""
    k = load_scenario(
        bargaining_dir / "ktab_smp_eu_emissions_1d_generated" / "input_eu_emissions_1d.csv"
    )
    b = load_scenario(bargaining_dir / "bdm_eum_eu_emissions_scholz2011" / "inputs.csv")
    np.testing.assert_allclose(k.positions, (b.positions - 4) / 6 * 100)
    np.testing.assert_allclose(k.salience, b.salience)
    np.testing.assert_allclose(k.capability, b.capability * 100)


KTAB = "Toy,desc,2,1,\nActor,Description,Power,Pos1,Sal1,\nA,first,10,20,50,\nB,second,5,80,70,\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "A,first,10,20,50,",
            "A,first,10,120,50,",
            r"k\.csv:3: actor 'A', issue 'dim1': position 120 is off",
        ),
        ("A,first,10,20,50,", "A,first,ten,20,50,", r"k\.csv:3: Power 'ten' is not a number"),
        ("A,first,10,20,50,", "A,first,0,20,50,", r"k\.csv:3: actor 'A': Power 0 must be > 0"),
        ("A,first,10,20,50,", "A,first,10,20,", r"k\.csv:3: Sal1 is empty"),
        ("A,first,10,20,50,", "A,first,10", r"k\.csv:3: actor row has 3 fields, expected 5"),
        (
            "A,first,10,20,50,",
            "A,first,10,20,150,",
            r"k\.csv:3: actor 'A', issue 'dim1': salience 150",
        ),
        ("Toy,desc,2,1,", "Toy,desc,3,1,", r"k\.csv:1: says 3 actors but the file has 2"),
        ("Toy,desc,2,1,", "Toy,desc,2,x,", r"k\.csv:1: number of dimensions 'x' is not a number"),
    ],
)
def test_ktab_broken(tmp_path, old, new, expected):
    p = tmp_path / "k.csv"
    p.write_text(KTAB.replace(old, new))
    with pytest.raises(ScenarioError, match=expected):
        load_scenario(p, format="ktab")


def test_ktab_salience_sum_over_100(tmp_path):
    p = tmp_path / "k.csv"
    p.write_text("T,d,1,2,\nActor,Description,Power,P1,S1,P2,S2,\nA,x,1,10,60,20,50,\n")
    with pytest.raises(ScenarioError, match=r"k\.csv:3: actor 'A': saliences sum to 110 > 100"):
        load_scenario(p)


def test_bdm_eu_emissions(bargaining_dir):
    sf = load_scenario_file(bargaining_dir / "bdm_eum_eu_emissions_scholz2011" / "inputs.csv")
    s = sf.scenario
    assert sf.format == "bdm" and sf.salience_factor == 1.0
    assert s.actor_ids[:2] == ("Netherlands", "Belgium") and s.issue_ids == ("issue",)
    assert (s.issues[0].low, s.issues[0].high) == (4, 10)
    np.testing.assert_array_equal(s.positions[:, 0], [4, 7, 4, 4, 10, 10, 10, 7, 4, 7])


def test_bdm_decisionmechanics_tsv_equals_csv(bargaining_dir):
    d = bargaining_dir / "bdm_eum_eu_emissions_scholz2011"
    a = load_scenario(d / "inputs.csv")
    b = load_scenario(d / "inputs_decisionmechanics_emission-standards.tsv")
    assert a.actor_ids == b.actor_ids
    for name in ("positions", "salience", "capability"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


def test_bdm_greece_0_100_salience(bargaining_dir):
    sf = load_scenario_file(bargaining_dir / "greece2015_muratk3n" / "input.csv")
    assert sf.salience_factor == 0.01
    assert sf.scenario.actor_ids[0] == "Greece" and sf.scenario.salience[0, 0] == 1.0


def test_bdm_all_equal_positions_get_a_scale(tmp_path):
    p = tmp_path / "b.csv"
    p.write_text("Actor,Capability,Position,Salience\nA,1,5,0.5\nB,2,5,0.5\n")
    s = load_scenario(p)
    assert (s.issues[0].low, s.issues[0].high) == (4, 6)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Actor,Capability,Position\nA,1,5\n", r"b\.csv:1: header has no salience column"),
        (
            "Actor,Capability,Position,Salience\nA,0,5,0.5\n",
            r"b\.csv:2: actor 'A': capability 0 must be > 0",
        ),
        ("Actor,Capability,Position,Salience\nA,1,5,150\n", r"b\.csv:2: actor 'A': salience 150"),
        (
            "Actor,Capability,Position,Salience\nA,1,five,0.5\n",
            r"b\.csv:2: Position 'five' is not a number",
        ),
        ("Actor,Capability,Position,Salience\nA,1,5\n", r"b\.csv:2: row has 3 fields, expected 4"),
        (
            "Actor,Capability,Position,Salience\nA,1,5,1\nA,1,6,1\n",
            r"b\.csv:3: duplicate actor 'A'",
        ),
        ("Actor,Capability,Position,Salience\n", r"b\.csv: needs a header"),
    ],
)
def test_bdm_broken(tmp_path, body, expected):
    p = tmp_path / "b.csv"
    p.write_text(body)
    with pytest.raises(ScenarioError, match=expected):
        load_scenario(p)


def test_unsupported_and_empty(tmp_path):
    x = tmp_path / "s.xml"
    x.write_text("<scenario/>")
    with pytest.raises(ScenarioError, match="XML scenarios are not supported"):
        load_scenario(x)
    e = tmp_path / "e.csv"
    e.write_text("\n")
    with pytest.raises(ScenarioError, match="file is empty"):
        load_scenario(e)
    with pytest.raises(ScenarioError, match="unknown scenario format 'json'"):
        load_scenario(e, format="json")


def test_every_reference_input_loads(bargaining_dir: Path):
    files = [
        p
        for p in sorted(bargaining_dir.glob("*/*"))
        if p.name.startswith("input") and p.suffix in (".csv", ".txt", ".tsv")
    ] + sorted(bargaining_dir.glob("eum_decisionmechanics_inputs/*.tsv"))
    assert len(files) >= 12
    for p in files:
        s = load_scenario(p)
        assert s.positions.size > 0, p
