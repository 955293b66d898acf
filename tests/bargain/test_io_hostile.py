"""Malformed and hostile scenario files: one line naming file and line, never a traceback or code.

Each case edits a valid file of our own (``VALID`` of test_io_yaml, or small Decide,
BDM and KTAB tables written here) in one way; the reader must raise a
:class:`~detente.errors.ScenarioError` whose one line starts with ``file:line:``,
and the command line must print exactly that line and exit 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.bargain.io import load_scenario_file
from detente.cli import main
from detente.errors import ScenarioError
from tests.bargain.test_io_yaml import VALID

BOMB = (
    "".join(
        f"{a}: &{a} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
        for p, a in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)
    )
    + "name: bomb\nactors: *h\nissues: *h\npositions: *h\n"
)

DECIDE = """\
#A;usa;United States
#A;rus;Russia
#P;sanctions;Sanctions relief
#M;sanctions;0;kept
#M;sanctions;100;lifted
#D;usa;sanctions;20;0.6;100
#D;rus;sanctions;90;0.9;80
"""
BDM = "Actor,Capability,Position,Salience\nusa,100,20,0.6\nrus,80,90,0.9\nchn,40,70,0.4\n"
KTAB = (
    "Talks,Two parties,2,1\n"
    "Actor,Description,Power,Sanctions Position,Sanctions Salience\n"
    "USA,United States,100,20,60\n"
    "RUS,Russia,80,90,90\n"
)


def _edit(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# (id, file name, content, expected line, words the message must contain)
CASES = [
    (
        "yaml-syntax",
        "s.yaml",
        _edit(
            VALID, "  - {id: rus, name: Russia, clout: 80}", "  - {id: rus, name: Russia, clout: 80"
        ),
        7,
        "invalid YAML",
    ),
    ("yaml-tab-indent", "s.yaml", _edit(VALID, "  - {id: rus", "\t- {id: rus"), 6, "invalid YAML"),
    ("missing-name", "s.yaml", _edit(VALID, "name: Toy talks\n", ""), 1, "name: Field required"),
    (
        "missing-salience",
        "s.yaml",
        _edit(VALID, "    salience: 0.9\n", ""),
        30,
        "actor 'rus', issue 'territory': salience: Field required",
    ),
    (
        "salience-above-1",
        "s.yaml",
        _edit(VALID, "salience: 0.9", "salience: 1.5"),
        33,
        "salience: Input should be less than or equal to 1",
    ),
    (
        "negative-clout",
        "s.yaml",
        _edit(VALID, "clout: 80}", "clout: -80}"),
        6,
        "actor 'rus': clout: Input should be greater than or equal to 0",
    ),
    (
        "nan-position",
        "s.yaml",
        _edit(VALID, "position: 70", "position: .nan"),
        23,
        "position: Input should be a finite number",
    ),
    (
        "nan-clout",
        "s.yaml",
        _edit(VALID, "clout: 100,", "clout: .nan,"),
        5,
        "clout: Input should be a finite number",
    ),
    (
        "inf-scale",
        "s.yaml",
        _edit(VALID, "scale: [0, 100]", "scale: [0, .inf]"),
        11,
        "scale.1: Input should be a finite number",
    ),
    (
        "nan-uncertainty",
        "s.yaml",
        _edit(VALID, "{position_sd: 5", "{position_sd: .nan"),
        52,
        "uncertainty.position_sd: Input should be a finite number",
    ),
    (
        "nan-in-whatif",
        "s.yaml",
        _edit(VALID, "sanctions, position: 80}", "sanctions, position: .nan}"),
        59,
        "what-if 'sanctions-early': set.0.position: Input should be a finite number",
    ),
    (
        "duplicate-actor-id",
        "s.yaml",
        _edit(VALID, "{id: ukr,", "{id: rus,"),
        7,
        "duplicate actor id 'rus'",
    ),
    (
        "duplicate-issue-id",
        "s.yaml",
        _edit(VALID, "  - id: sanctions\n", "  - id: territory\n"),
        16,
        "duplicate issue id 'territory'",
    ),
    (
        "duplicate-whatif-id",
        "s.yaml",
        _edit(VALID, "id: sanctions-early", "id: without-ukraine"),
        57,
        "duplicate what-if id 'without-ukraine'",
    ),
    (
        "duplicate-key",
        "s.yaml",
        _edit(VALID, "    salience: 0.6\n", "    salience: 0.6\n    salience: 0.2\n"),
        25,
        "key 'salience' given twice in one mapping (first on line 24)",
    ),
    (
        "position-off-scale",
        "s.yaml",
        _edit(VALID, "position: 5\n", "position: 105\n"),
        38,
        "position 105 is off the scale [0, 100]",
    ),
    (
        "impossible-date",
        "s.yaml",
        _edit(VALID, "as_of: 2025-02-19", "as_of: 2025-02-30"),
        3,
        "invalid date '2025-02-30'",
    ),
    ("alias-bomb", "s.yaml", BOMB, 6, "aliases expand the document by"),
    (
        "recursive-alias",
        "s.yaml",
        "a: &a [1, *a]\n" + VALID,
        1,
        "an alias refers to its own ancestor",
    ),
    (
        "deep-nesting",
        "s.yaml",
        "name: " + "[" * 10_000 + "]" * 10_000 + "\n",
        1,
        "nested more than 64 levels deep",
    ),
    (
        "python-apply-tag",
        "s.yaml",
        "name: !!python/object/apply:os.system ['touch {marker}']\nactors: []\n",
        1,
        "could not determine a constructor for the tag",
    ),
    (
        "python-name-tag",
        "s.yaml",
        _edit(VALID, "name: Toy talks", "name: !!python/name:os.system"),
        1,
        "could not determine a constructor for the tag",
    ),
    (
        "decide-unknown-row",
        "d.txt",
        _edit(DECIDE, "#P;sanctions", "#Q;sanctions"),
        3,
        "unknown row kind '#Q'",
    ),
    (
        "decide-short-row",
        "d.txt",
        _edit(DECIDE, "#D;rus;sanctions;90;0.9;80", "#D;rus;sanctions;90"),
        7,
        "#D row needs actor key, issue key, position, salience, power; missing salience",
    ),
    (
        "decide-not-a-number",
        "d.txt",
        _edit(DECIDE, ";90;0.9;80", ";ninety;0.9;80"),
        7,
        "position 'ninety' is not a number",
    ),
    (
        "decide-nan",
        "d.txt",
        _edit(DECIDE, ";90;0.9;80", ";nan;0.9;80"),
        7,
        "position 'nan' is not a finite number",
    ),
    (
        "decide-off-scale",
        "d.txt",
        _edit(DECIDE, ";90;0.9;80", ";190;0.9;80"),
        7,
        "position 190 is off the scale [0, 100]",
    ),
    (
        "decide-duplicate-actor",
        "d.txt",
        _edit(DECIDE, "#A;rus;Russia", "#A;usa;Russia"),
        2,
        "duplicate actor key 'usa' (first on line 1)",
    ),
    (
        "decide-negative-power",
        "d.txt",
        _edit(DECIDE, ";90;0.9;80", ";90;0.9;-80"),
        7,
        "power -80 must be >= 0",
    ),
    (
        "decide-huge-field",
        "d.txt",
        DECIDE + '#D;rus;sanctions;90;0.9;"' + "x" * 200_000 + '"\n',
        8,
        "not a valid CSV row: field larger than field limit",
    ),
    (
        "bdm-missing-column",
        "b.csv",
        _edit(BDM, "Actor,Capability,Position,Salience", "Actor,Capability,Position"),
        1,
        "header has no salience column",
    ),
    (
        "bdm-short-row",
        "b.csv",
        _edit(BDM, "rus,80,90,0.9", "rus,80,90"),
        3,
        "row has 3 fields, expected 4",
    ),
    (
        "bdm-nan",
        "b.csv",
        _edit(BDM, "rus,80,90,0.9", "rus,80,NaN,0.9"),
        3,
        "Position 'NaN' is not a finite number",
    ),
    (
        "bdm-negative-clout",
        "b.csv",
        _edit(BDM, "rus,80,90,0.9", "rus,-80,90,0.9"),
        3,
        "capability -80 must be > 0",
    ),
    (
        "bdm-salience-out-of-range",
        "b.csv",
        _edit(BDM, "rus,80,90,0.9", "rus,80,90,150"),
        3,
        "salience 150 must be in [0, 1] or [0, 100]",
    ),
    ("bdm-duplicate-actor", "b.csv", _edit(BDM, "chn,40", "usa,40"), 4, "duplicate actor 'usa'"),
    (
        "bdm-huge-field",
        "b.csv",
        BDM + '"' + "x" * 200_000 + '",1,2,0.5\n',
        5,
        "not a valid CSV row: field larger than field limit",
    ),
    (
        "ktab-count-mismatch",
        "k.csv",
        _edit(KTAB, "Talks,Two parties,2,1", "Talks,Two parties,3,1"),
        1,
        "says 3 actors but the file has 2 actor rows",
    ),
    (
        "ktab-position-off-scale",
        "k.csv",
        _edit(KTAB, "RUS,Russia,80,90,90", "RUS,Russia,80,190,90"),
        4,
        "position 190 is off the scale [0, 100]",
    ),
]


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content.replace("{marker}", str(tmp_path / "PWNED")), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "line", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_file_is_one_line_naming_file_and_line(tmp_path, name, content, line, words):
    path = _write(tmp_path, name, content)
    with pytest.raises(ScenarioError) as err:
        load_scenario_file(path)
    message = err.value.one_line()
    assert message == str(err.value), "the message is already one line"
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message, message
    assert len(message) < 400, message
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    "case",
    [
        "salience-above-1",
        "alias-bomb",
        "python-apply-tag",
        "decide-huge-field",
        "bdm-nan",
        "deep-nesting",
    ],
)
def test_command_line_prints_the_one_line_and_exits_1(tmp_path, capsys, case):
    _, name, content, line, words = next(c for c in CASES if c[0] == case)
    path = _write(tmp_path, name, content)
    with pytest.raises(SystemExit) as exit_:
        main(["forecast", str(path)])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and re.match(rf"error: {re.escape(str(path))}:{line}: ", lines[0])
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "PWNED").exists()


def test_binary_and_oversized_files_are_refused_by_name(tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ScenarioError, match=r"x\.csv: binary file"):
        load_scenario_file(binary)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(60 * 2**20)
    with pytest.raises(ScenarioError, match=r"big\.yaml: file is 60\.0 MB"):
        load_scenario_file(big)


def test_utf16_scenario_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(VALID.encode("utf-16"))
    assert load_scenario_file(path).scenario.actor_ids == ("usa", "rus", "ukr")


def test_anchors_and_aliases_of_normal_size_still_work(tmp_path):
    text = _edit(
        VALID,
        '    evidence: [{doc: 001_example.txt, quote: "other words"}]',
        '    evidence: &ev [{doc: 001_example.txt, quote: "other words"}]',
    )
    text = _edit(
        text, '    evidence: [{doc: 003_example.txt, quote: "more words"}]', "    evidence: *ev"
    )
    sf = load_scenario_file(_write(tmp_path, "s.yaml", text))
    assert sf.scenario.evidence[("ukr", "territory")][0].doc == "001_example.txt"
