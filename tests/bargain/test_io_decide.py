"""Decide reader on the real Copenhagen / CoP21 / sample_data inputs and on broken files.

Format source: foarsitter/decide-exchange-model ``decide/data/reader.py`` and
``docs/inputfiles.md`` (commit 51dee664), per the bargaining README §e.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargain.io import detect_format, load_scenario, load_scenario_file
from detente.errors import ScenarioError


def test_copenhagen(bargaining_dir):
    path = bargaining_dir / "decide_copenhagen_2009" / "input_copenhagen.csv"
    assert detect_format(path) == "decide"
    sf = load_scenario_file(path)
    s = sf.scenario
    assert sf.format == "decide" and sf.salience_factor == 1.0
    assert s.positions.shape == (11, 7)
    assert s.actor_ids[0] == "USA" and s.actor_ids[-1] == "Alliance of Small Island States"
    assert s.issue_ids == (
        "Newtreaty",
        "DevlopC2020",
        "Domestred",
        "MRVdecrease",
        "Commitments",
        "Control",
        "Extra",
    )
    usa, newtreaty = s.actor_index("USA"), s.issue_index("Newtreaty")
    assert (
        s.positions[usa, newtreaty],
        s.salience[usa, newtreaty],
        s.capability[usa, newtreaty],
    ) == (10, 0.9, 0.26)
    assert all((i.low, i.high) == (0, 100) for i in s.issues)
    assert int(s.present.sum()) == 75  # the file has 75 #D rows for 77 cells


def test_cop21_current_and_2016_files_hold_the_same_numbers(bargaining_dir):
    """The SOURCE.md says the two files hold the same 181 numbers with renamed actor keys."""
    new = load_scenario(bargaining_dir / "decide_cop21_2015" / "input_cop21.csv")
    old_file = load_scenario_file(
        bargaining_dir / "decide_cop21_compare_2016" / "input_CoP21_2016.csv"
    )
    old = old_file.scenario
    assert old.name.startswith("CoP21 Paris negotiations")
    assert new.positions.shape == old.positions.shape == (15, 13)
    assert int(new.present.sum()) == int(old.present.sum())

    def cells(sc):
        by_issue = {i.id.replace("_", ""): j for j, i in enumerate(sc.issues)}
        return sorted(
            (issue, sc.positions[a, j], sc.salience[a, j], sc.capability[a, j])
            for issue, j in by_issue.items()
            for a in range(len(sc.actors))
            if sc.present[a, j]
        )

    assert cells(new) == cells(old)
    # the 2016 file carries #M marks with meanings (semicolon separated)
    diff = old.issues[old.issue_index("differentiation")]
    assert diff.low_label.startswith("No explicit differentiation")
    assert [x for x, _ in diff.marks] == [25, 50, 75]


def test_sample_data_bounds_from_marks(bargaining_dir):
    s = load_scenario(bargaining_dir / "decide_exchange_unit_cases" / "input_sample_data.txt")
    toll = s.issues[s.issue_index("tol-hoogte")]
    assert (toll.low, toll.high) == (0.5, 7.0)
    assert s.positions.shape == (10, 6)


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "d.csv"
    p.write_text(text)
    return p


GOOD = (
    "#O;Toy;;\n#/;comment line\n#A;a;Alpha;\n#A;b;Beta;\n#P;p;Issue P;\n#M;p;0;none\n#M;p;10;all\n"
    "#P;q;Issue Q;\n#D;a;p;2;60;1\n#D;b;p;8;40;3\n#D;a;q;50;100;1\n"
)


def test_semicolon_file_with_0_100_salience(tmp_path):
    sf = load_scenario_file(write(tmp_path, GOOD))
    s = sf.scenario
    assert s.name == "Toy" and sf.salience_factor == 0.01
    assert (s.issues[0].low, s.issues[0].high) == (0, 10) and (
        s.issues[1].low,
        s.issues[1].high,
    ) == (0, 100)
    np.testing.assert_allclose(s.salience, [[0.6, 1.0], [0.4, 0.0]])
    assert np.isnan(s.positions[1, 1])
    assert s.capability[1, 1] == 3  # actor's clout where it has no #D row
    assert s.issues[0].low_label == "none" and s.issues[0].high_label == "all"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "#D;b;p;8;40;3",
            "#D;b;p;18;40;3",
            r"d\.csv:10: actor 'b', issue 'p': position 18 is off the scale \[0, 10\]",
        ),
        ("#D;b;p;8;40;3", "#D;b;p;8;x;3", r"d\.csv:10: salience 'x' is not a number"),
        ("#D;b;p;8;40;3", "#D;b;p;8;140;3", r"d\.csv:10: actor 'b', issue 'p': salience 140"),
        ("#D;b;p;8;40;3", "#D;b;p;8;40", r"d\.csv:10: #D row needs .*missing power"),
        (
            "#D;b;p;8;40;3",
            "#D;c;p;8;40;3",
            r"d\.csv:10: actor 'c', issue 'p': actor 'c' has no #A row",
        ),
        ("#D;b;p;8;40;3", "#D;b;z;8;40;3", r"d\.csv:10: .*issue 'z' has no #P row"),
        ("#D;b;p;8;40;3", "#D;b;p;8;40;-3", r"d\.csv:10: .*power -3 must be >= 0"),
        (
            "#D;b;p;8;40;3",
            "#D;a;p;8;40;3",
            r"d\.csv:10: actor 'a', issue 'p' given twice \(first on line 9\)",
        ),
        ("#A;b;Beta;", "#A;b;Beta;\n#A;c;Gamma;", r"d\.csv:5: actor 'c' has no #D rows"),
        ("#D;b;p;8;40;3", "#D;b;p;8;40;0", r"d\.csv:4: actor 'b' has no clout"),
        ("#M;p;10;all", "#M;r;10;all", r"d\.csv:7: #M for unknown issue 'r'"),
        ("#/;comment line", "#X;what", r"d\.csv:2: unknown row kind '#X'"),
    ],
)
def test_broken_rows_name_file_line_and_field(tmp_path, old, new, expected):
    assert old in GOOD
    with pytest.raises(ScenarioError, match=expected):
        load_scenario(write(tmp_path, GOOD.replace(old, new, 1)))


def test_extra_fields_and_comma_separated_quoted_file(tmp_path):
    text = (
        '"#A","a","Alpha"\n"#A","b","Beta, the second"\n"#P","p","Issue P"\n'
        '"#D","a","p","20","0.5","1","analyst comment","2"\n"#D","b","p","60","0.5","1"\n'
    )
    s = load_scenario(write(tmp_path, text))
    assert s.actors[1].name == "Beta, the second"
    np.testing.assert_array_equal(s.positions[:, 0], [20, 60])


def test_tab_separated_single_quoted(tmp_path):
    text = (
        "'#A'\t'a'\t'Alpha'\t''\n'#P'\t'p'\t'P'\t''\n"
        "'#M'\t'p'\t0.5\n'#M'\t'p'\t7\n'#D'\t'a'\t'p'\t3.0\t0.7\t1.0\n"
    )
    s = load_scenario(write(tmp_path, text))
    assert (s.issues[0].low, s.issues[0].high) == (0.5, 7.0) and s.positions[0, 0] == 3.0
