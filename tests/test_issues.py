"""The issue vocabulary: one set of issues from the scenario file to the stance detector."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.bargain.io import load_scenario
from detente.errors import InputError
from detente.issues import default_issues, issues_config, parse_issues, read_issues

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "scenarios" / "ukraine-2025.yaml"


def test_packaged_issues_are_the_seed_scenarios_issues():
    seed = load_scenario(SEED)
    packaged = default_issues()
    assert packaged.ids == seed.issue_ids
    for issue, spec in zip(packaged.issues, seed.issues, strict=True):
        assert (issue.name, issue.low, issue.high, issue.low_label, issue.high_label) == (
            spec.name,
            spec.low,
            spec.high,
            spec.low_label,
            spec.high_label,
        )
        assert issue.marks == spec.marks and issue.status_quo == spec.status_quo
        assert issue.keywords and issue.cues
        assert all(spec.low <= c.position <= spec.high for c in issue.cues)


def test_a_scenario_file_is_an_issues_file_with_the_packaged_cues():
    issues = read_issues(SEED)
    assert issues.ids == default_issues().ids
    assert issues.get("nato").cues == default_issues().get("nato").cues
    assert [a.id for a in issues.actors][:3] == ["usa", "rus", "ukr"]
    assert issues.actors[0].clout == 100 and issues.name == "Ukraine settlement talks, 2025"


def test_an_issues_file_with_its_own_cues_and_actors(tmp_path):
    path = tmp_path / "grain.yaml"
    path.write_text(
        "name: Grain talks\n"
        "actors:\n  - {id: rus, name: Russia}\n  - {id: tur, name: Turkey, clout: 30}\n"
        "issues:\n"
        "  - id: grain\n    name: Grain corridor\n    low: closed\n    high: fully open\n"
        "    marks: {50: some ships}\n    keywords: [grain, Corridor]\n"
        "    cues: {0: [close the corridor], 100: ['{UKR} export', reopen]}\n    about: [ukr]\n",
        encoding="utf-8",
    )
    issues = read_issues(path)
    grain = issues.get("grain")
    assert grain.keywords == ("grain", "corridor") and grain.about == ("UKR",)
    assert [(c.position, c.words) for c in grain.cues] == [
        (0.0, "close the corridor"),
        (100.0, "{ukr} export"),
        (100.0, "reopen"),
    ]
    assert [(a.id, a.clout) for a in issues.actors] == [("rus", None), ("tur", 30.0)]
    assert grain.mirror(20) == 80 and grain.centre == 50


def test_cues_are_ordered_most_specific_first():
    cues = [c.words for c in default_issues().get("sanctions").cues]
    assert cues.index("lift some sanctions") < cues.index("lift ... sanctions")
    troops = [c.words for c in default_issues().get("guarantees").cues]
    assert troops.index("no foreign troops") < troops.index("foreign troops")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("issues: [", r"grain.yaml:1: invalid YAML"),
        (
            "issues:\n  - id: grain\n    name: G\n    colour: red\n",
            r"grain.yaml:4: issue 'grain': colour: Extra inputs are not permitted",
        ),
        (
            "issues:\n  - id: grain\n    name: G\n    keywords: [g]\n    cues: {120: [x]}\n",
            r"grain.yaml:2: issue 'grain': cues: position 120 is off the scale \[0, 100\]",
        ),
        (
            "issues:\n  - id: grain\n    name: G\n    keywords: [g]\n    cues: {0: [x]}\n"
            "    about: [Russia]\n",
            r"about: 'RUSSIA' is not an ISO alpha-3 state code",
        ),
        (
            "issues:\n  - id: grain\n    name: G\n",
            r"grain.yaml:2: issue 'grain': give keywords and cues",
        ),
        (
            "issues:\n  - {id: nato, name: N}\n  - {id: nato, name: M}\n",
            r"grain.yaml:3: duplicate issue id 'nato'",
        ),
        ("name: x\n", r"grain.yaml:1: issues: Field required"),
    ],
)
def test_bad_issues_files_name_file_line_and_issue(tmp_path, text, message):
    path = tmp_path / "grain.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_issues(path)


def test_a_missing_file_is_one_clear_line(tmp_path):
    with pytest.raises(InputError, match="cannot read the issues file"):
        read_issues(tmp_path / "absent.yaml")


def test_the_component_config_round_trips():
    config = issues_config(default_issues())
    assert parse_issues(config) == tuple(
        i.__class__(
            id=i.id,
            name=i.name,
            low=i.low,
            high=i.high,
            keywords=i.keywords,
            cues=i.cues,
            about=i.about,
        )
        for i in default_issues().issues
    )
