"""detente YAML scenario reader: the format of the brief, errors naming file:line and the entry."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from detente.bargain.io import detect_format, load_scenario, load_scenario_file
from detente.bargain.scenario import Locator
from detente.errors import ScenarioError

VALID = """\
name: Toy talks
description: Two issues, three parties; sentences written for this test.
as_of: 2025-02-19
actors:
  - {id: usa, name: United States, clout: 100, why: "largest economy"}
  - {id: rus, name: Russia, clout: 80}
  - {id: ukr, name: Ukraine, clout: 40}
issues:
  - id: territory
    name: Territorial control
    scale: [0, 100]
    low: "full restoration"
    high: "current line frozen"
    marks: {25: "partial", 50: "half", 75: "most"}
    status_quo: 60
  - id: sanctions
    name: Sanctions relief
    low: "none"
    high: "complete"
positions:
  - actor: usa
    issue: territory
    position: 70
    salience: 0.6
    clout: 90
    position_sd: 10
    evidence:
      - {doc: 002_example.txt, quote: "a few words here"}
    note: "the analyst's reasoning"
  - actor: rus
    issue: territory
    position: 95
    salience: 0.9
    position_range: [90, 100]
    evidence: [{doc: 001_example.txt, quote: "other words"}]
  - actor: ukr
    issue: territory
    position: 5
    salience: 1.0
    salience_sd: 0.2
    evidence: [{doc: 003_example.txt, quote: "more words"}]
  - actor: usa
    issue: sanctions
    position: 60
    salience: 0.5
    evidence: [{doc: 002_example.txt, quote: "yet more"}]
  - actor: rus
    issue: sanctions
    position: 100
    salience: 0.8
    evidence: [{doc: 001_example.txt, quote: "and more"}]
uncertainty: {position_sd: 5, salience_sd: 0.05, clout_sd: 0.1}
whatifs:
  - id: without-ukraine
    name: Ukraine cut out of the talks
    drop: [ukr]
  - id: sanctions-early
    name: Washington moves early on sanctions
    set: [{actor: usa, issue: sanctions, position: 80}]
    add:
      - id: eu
        name: European Union
        clout: 70
        positions: {sanctions: {position: 10, salience: 0.7}}
    link: [[territory, sanctions]]
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def test_reads_every_field(tmp_path):
    sf = load_scenario_file(write(tmp_path, VALID))
    s = sf.scenario
    assert sf.format == "yaml" and sf.as_of == "2025-02-19"
    assert s.name == "Toy talks" and s.actor_ids == ("usa", "rus", "ukr")
    assert s.issue_ids == ("territory", "sanctions")
    terr = s.issues[0]
    assert (terr.low, terr.high, terr.status_quo) == (0, 100, 60)
    assert terr.low_label == "full restoration" and terr.high_label == "current line frozen"
    assert terr.marks == ((25.0, "partial"), (50.0, "half"), (75.0, "most"))
    assert s.issues[1].status_quo is None and (s.issues[1].low, s.issues[1].high) == (0, 100)
    np.testing.assert_array_equal(s.positions, [[70, 60], [95, 100], [5, np.nan]])
    np.testing.assert_array_equal(s.salience, [[0.6, 0.5], [0.9, 0.8], [1.0, 0.0]])
    # per-issue clout override on usa/territory; actor clout elsewhere
    np.testing.assert_array_equal(s.capability, [[90, 100], [80, 80], [40, 40]])
    # per-entry sd, else the global default; clout_sd is relative
    assert s.position_sd[0, 0] == 10 and s.position_sd[0, 1] == 5 and s.position_sd[2, 0] == 5
    assert s.salience_sd[2, 0] == 0.2 and s.salience_sd[0, 0] == 0.05
    np.testing.assert_allclose(s.capability_sd, 0.1 * s.capability)
    np.testing.assert_array_equal(s.position_range[1, 0], [90, 100])
    assert np.isnan(s.position_range[0, 0]).all()
    assert s.evidence[("usa", "territory")] == (Locator("002_example.txt", "a few words here"),)
    assert len(s.evidence) == 5
    assert sf.notes == {("usa", "territory"): "the analyst's reasoning"}
    assert s.actors[0].description == "largest economy"


def test_whatifs_are_parsed(tmp_path):
    sf = load_scenario_file(write(tmp_path, VALID))
    w1, w2 = sf.whatifs
    assert w1.id == "without-ukraine" and w1.drop == ("ukr",)
    assert w2.set[0].actor == "usa" and w2.set[0].position == 80 and w2.set[0].salience is None
    assert w2.add[0].id == "eu" and w2.add[0].positions[0].issue == "sanctions"
    assert w2.link == (("territory", "sanctions"),)


def test_dispatch_by_extension(tmp_path):
    p = write(tmp_path, VALID, "x.yml")
    assert detect_format(p) == "yaml"
    assert load_scenario(p).name == "Toy talks"


def broken(tmp_path, old: str, new: str) -> str:
    assert old in VALID, old
    p = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ScenarioError) as e:
        load_scenario_file(p)
    return e.value.one_line()


def line_of(text: str) -> int:
    return VALID.splitlines().index(text) + 1


def test_actor_without_clout(tmp_path):
    msg = broken(tmp_path, "{id: rus, name: Russia, clout: 80}", "{id: rus, name: Russia}")
    assert msg.startswith(f"{tmp_path / 's.yaml'}:")
    assert "actor 'rus'" in msg and "clout" in msg and "required" in msg


def test_actor_with_zero_clout_everywhere(tmp_path):
    msg = broken(
        tmp_path, "{id: ukr, name: Ukraine, clout: 40}", "{id: ukr, name: Ukraine, clout: 0}"
    )
    assert "actor 'ukr' has no clout" in msg
    assert f"s.yaml:{line_of('  - {id: ukr, name: Ukraine, clout: 40}')}:" in msg


def test_salience_out_of_range_names_line_actor_issue(tmp_path):
    msg = broken(tmp_path, "    salience: 0.9\n", "    salience: 1.5\n")
    line = line_of("    salience: 0.9")
    assert f"s.yaml:{line}:" in msg
    assert "actor 'rus', issue 'territory'" in msg and "salience" in msg and "1.5" in msg


def test_position_off_scale(tmp_path):
    msg = broken(tmp_path, "    position: 70\n", "    position: 170\n")
    assert (
        "actor 'usa', issue 'territory'" in msg and "position 170 is off the scale [0, 100]" in msg
    )
    assert f"s.yaml:{line_of('    position: 70')}:" in msg


def test_unknown_actor_in_position(tmp_path):
    msg = broken(tmp_path, "  - actor: ukr\n", "  - actor: ukraine\n")
    assert "unknown actor 'ukraine'" in msg
    assert f"s.yaml:{line_of('  - actor: ukr')}:" in msg


def test_unknown_issue_in_position(tmp_path):
    msg = broken(
        tmp_path, "    issue: sanctions\n    position: 60", "    issue: gas\n    position: 60"
    )
    assert "unknown issue 'gas'" in msg


def test_missing_evidence(tmp_path):
    msg = broken(tmp_path, '    evidence: [{doc: 003_example.txt, quote: "more words"}]\n', "")
    assert "actor 'ukr', issue 'territory'" in msg and "evidence" in msg


def test_empty_evidence_list(tmp_path):
    msg = broken(
        tmp_path,
        '    evidence: [{doc: 003_example.txt, quote: "more words"}]\n',
        "    evidence: []\n",
    )
    assert "evidence" in msg and "at least 1" in msg


def test_unknown_actor_in_whatif(tmp_path):
    msg = broken(tmp_path, "drop: [ukr]", "drop: [ukr, chn]")
    assert "what-if 'without-ukraine'" in msg and "unknown actor 'chn'" in msg
    assert f"s.yaml:{line_of('  - id: without-ukraine')}:" in msg


def test_unknown_issue_in_whatif_set(tmp_path):
    msg = broken(
        tmp_path,
        "{actor: usa, issue: sanctions, position: 80}",
        "{actor: usa, issue: oil, position: 80}",
    )
    assert "what-if 'sanctions-early'" in msg and "unknown issue 'oil'" in msg


def test_typo_in_field_is_rejected(tmp_path):
    msg = broken(tmp_path, "    salience: 0.5\n", "    salience: 0.5\n    salence: 0.5\n")
    assert "salence" in msg and "actor 'usa', issue 'sanctions'" in msg


def test_status_quo_off_scale(tmp_path):
    msg = broken(tmp_path, "status_quo: 60", "status_quo: 160")
    assert "issue 'territory'" in msg and "status_quo 160" in msg


def test_range_and_sd_together(tmp_path):
    msg = broken(
        tmp_path,
        "    position_range: [90, 100]\n",
        "    position_range: [90, 100]\n    position_sd: 3\n",
    )
    assert "not both" in msg


def test_range_outside_scale(tmp_path):
    msg = broken(tmp_path, "position_range: [90, 100]", "position_range: [90, 110]")
    assert "position_range [90, 110]" in msg


def test_duplicate_position(tmp_path):
    msg = broken(
        tmp_path, "  - actor: rus\n    issue: sanctions", "  - actor: rus\n    issue: territory"
    )
    assert "given twice" in msg


def test_duplicate_actor(tmp_path):
    msg = broken(
        tmp_path, "{id: ukr, name: Ukraine, clout: 40}", "{id: rus, name: Ukraine, clout: 40}"
    )
    assert "duplicate actor id 'rus'" in msg


def test_invalid_yaml_names_line(tmp_path):
    p = write(tmp_path, "name: x\nactors: [\n  {id: a\n")
    with pytest.raises(ScenarioError, match=r"s\.yaml:\d+: invalid YAML"):
        load_scenario(p)


def test_not_a_mapping(tmp_path):
    with pytest.raises(ScenarioError, match="must be a YAML mapping"):
        load_scenario(write(tmp_path, "- just\n- a list\n"))


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="cannot read file"):
        load_scenario(tmp_path / "nope.yaml")


def test_range_without_position_uses_midpoint(tmp_path):
    text = VALID.replace("    position: 95\n", "")
    s = load_scenario(write(tmp_path, text))
    assert s.positions[1, 0] == 95.0


OUTCOMES = """
outcomes:
  - issue: territory
    date: 2025-06-30
    position: 60
    evidence: [{doc: a.txt, quote: "the line held"}]
    note: nothing moved
"""


def test_outcomes_are_parsed(tmp_path):
    sf = load_scenario_file(write(tmp_path, VALID + OUTCOMES))
    (o,) = sf.outcomes
    assert (o.issue, o.date, o.position) == ("territory", "2025-06-30", 60.0)
    assert o.note == "nothing moved"
    assert o.evidence == (Locator("a.txt", "the line held"),)
    assert load_scenario_file(write(tmp_path, VALID)).outcomes == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "issue: territory\n    date",
            "issue: grain\n    date",
            r":\d+: outcome of issue 'grain' on 2025-06-30: unknown issue 'grain'",
        ),
        (
            "position: 60",
            "position: 160",
            r":\d+: outcome of issue 'territory' on 2025-06-30: position 160 is off the scale",
        ),
        (
            "date: 2025-06-30",
            "date: June",
            r":\d+: outcome of issue 'territory' on June: date: Input should be a valid date",
        ),
        (
            'evidence: [{doc: a.txt, quote: "the line held"}]',
            "evidence: []",
            r":\d+: outcome of issue 'territory' on 2025-06-30: evidence: List should have at ",
        ),
    ],
)
def test_bad_outcomes_name_line_and_entry(tmp_path, old, new, message):
    with pytest.raises(ScenarioError, match=message):
        load_scenario_file(write(tmp_path, VALID + OUTCOMES.replace(old, new)))


def test_issue_keywords_and_cues_are_part_of_the_format(tmp_path):
    text = VALID.replace(
        "    status_quo: 60\n",
        "    status_quo: 60\n    keywords: [border]\n"
        "    cues: {0: [full restoration]}\n    about: [UKR]\n",
        1,
    )
    assert load_scenario(write(tmp_path, text)).issue_ids == ("territory", "sanctions")
    bad = text.replace("cues: {0:", "cues: {120:")
    with pytest.raises(ScenarioError, match=r"issue 'territory': cues: position 120 is off"):
        load_scenario(write(tmp_path, bad))
