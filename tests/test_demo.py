"""The demo from a bare clone, the shipped sample corpus, evidence files, CLI = report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from detente.api import demo_corpus, load_scenario_with, write_report
from detente.bargain.io import load_scenario
from detente.bargain.io.evidence import read_evidence
from detente.cli import main
from detente.errors import InputError, ScenarioError
from detente.samples import sample_corpus, sample_evidence, seed_scenario
from detente.store import open_store

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_package_ships_the_seed_scenario_and_the_sample_corpus() -> None:
    assert seed_scenario().read_text() == (REPO / "scenarios" / "ukraine-2025.yaml").read_text()
    reports = sorted(sample_corpus().glob("*.md"))
    assert len(reports) >= 5
    assert all(r.read_text().startswith("---\ntitle: ") for r in reports)


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_the_sample_reports_copy_no_sentence_of_the_shared_articles(shared_dir: Path) -> None:
    ours = set().union(*(_shingles(p.read_text()) for p in sample_corpus().glob("*.md")))
    theirs: set = set()
    for path in [*(shared_dir / "seeds").glob("*.txt"), *(shared_dir / "eval").rglob("*.jsonl")]:
        theirs |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    shared = ours & theirs
    assert not shared, f"eight-word runs also in the shared articles: {sorted(shared)[:3]}"


def test_demo_picks_the_seeds_when_present_and_the_sample_otherwise(monkeypatch, tmp_path):
    import detente.api as api

    monkeypatch.setattr(api, "default_seeds_dir", lambda: tmp_path)
    chosen = demo_corpus()
    assert chosen.kind == "seeds" and chosen.evidence is None
    monkeypatch.setattr(api, "default_seeds_dir", lambda: None)
    chosen = demo_corpus()
    assert chosen.kind == "sample" and chosen.evidence == sample_evidence()
    assert "no ../shared/seeds folder was found" in chosen.describe()
    assert demo_corpus("sample").describe().startswith("the sample reports shipped")
    with pytest.raises(InputError, match="nowhere: no such folder of articles"):
        demo_corpus(tmp_path / "nowhere")


def test_the_sample_evidence_covers_every_input_of_the_seed_scenario() -> None:
    scenario = load_scenario(seed_scenario())
    evidence = read_evidence(sample_evidence(), scenario)
    assert set(evidence) == set(scenario.evidence)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "evidence:\n  borders:\n    rus: [{doc: a.md, quote: x}]\n",
            ":2: unknown issue 'borders'",
        ),
        ("evidence:\n  territory:\n    xyz: [{doc: a.md, quote: x}]\n", ":3: unknown actor 'xyz'"),
        (
            "evidence:\n  elections:\n    chn: [{doc: a.md, quote: x}]\n",
            ":3: 'chn' has no position",
        ),
        ("evidence:\n  territory:\n    rus: [{doc: a.md}]\n", ":3: locator without 'quote'"),
        ("evidence:\n  territory:\n    rus: []\n", ":3: locators must be a non-empty list"),
        ("positions: []\n", ":1: no 'evidence:' mapping"),
        ("evidence: [unclosed\n", ": not valid YAML"),
    ],
)
def test_a_bad_evidence_file_is_one_line_naming_file_and_line(tmp_path, body, problem) -> None:
    path = tmp_path / "bad.evidence.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        read_evidence(path, load_scenario(seed_scenario()))
    assert str(exc.value).startswith(str(path)) and problem in str(exc.value)
    assert "\n" not in str(exc.value)


def test_the_report_warns_when_the_corpus_is_empty_or_evidence_does_not_resolve(
    tmp_path, db_url
) -> None:
    with open_store(db_url) as store:
        html = write_report(store, tmp_path, scenario_path=seed_scenario(), draws=0).read_text()
    warnings = re.findall(r"<p><strong>Warning:</strong> ([^<]*)</p>", html)
    assert len(warnings) == 2
    assert "holds no documents" in warnings[0]
    assert re.match(r"\d+ of \d+ evidence locators of the scenario do not resolve", warnings[1])


@pytest.mark.model
def test_the_sample_corpus_resolves_every_locator_and_the_report_has_no_warning(
    tmp_path, db_url
) -> None:
    from detente.api import run_demo

    summary = run_demo("sample", out_dir=tmp_path, db=db_url, draws=0)
    n = len(load_scenario_with(seed_scenario(), evidence=sample_evidence()).evidence)
    assert summary["corpus"] == "sample" and summary["documents in store"] == 6
    assert summary["evidence locators resolved"] == f"{n} of {n}"
    html = Path(summary["report"]).read_text()
    assert "Warning:" not in html and "evidence from <code>" in html


def _bare_clone(dst: Path) -> Path:
    """A copy of the repository's files with nothing beside it (no ../shared)."""
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "out", "test-artifacts", "__pycache__", "*.db", ".pytest_cache"
    )
    shutil.copytree(REPO, dst, symlinks=True, ignore=ignore)
    return dst


@pytest.mark.model
@pytest.mark.slow
def test_demo_from_a_bare_clone_runs_on_the_sample_corpus(tmp_path) -> None:
    clone = _bare_clone(tmp_path / "clone")
    env = {"PYTHONPATH": str(clone), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "detente", "demo", "--out", "out", "--draws", "20"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("corpus: the sample reports shipped with detente")
    assert str(clone / "detente" / "samples" / "corpus") in proc.stdout
    html = (clone / "out" / "report.html").read_text()
    assert "Warning:" not in html
    rows = re.findall(r'<tr id="compare-\w+">(.*?)</tr>', html, re.S)
    assert len(rows) == 8 and all(r.count('<td class="cell">') == 6 for r in rows)


@pytest.mark.model
@pytest.mark.slow
def test_readme_python_snippet_runs_from_any_folder(tmp_path) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    proc = subprocess.run(
        [sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr
    assert "territory" in proc.stdout


def test_cli_and_report_show_the_same_numbers_for_the_same_seed(tmp_path, db_url, capsys):
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "forecast",
                str(seed_scenario()),
                "--model",
                "all",
                "--draws",
                "30",
                "--seed",
                "7",
                "--format",
                "json",
                "--jobs",
                "1",
            ]
        )
    assert exc.value.code == 0
    cli = json.loads(capsys.readouterr().out)["comparison"]
    with open_store(db_url) as store:
        html = write_report(
            store, tmp_path, scenario_path=seed_scenario(), draws=30, random_state=7
        )
    page = html.read_text()
    for issue in cli["issues"]:
        row = re.search(rf'<tr id="compare-{issue["issue"]}">(.*?)</tr>', page, re.S).group(1)
        shown = re.findall(r'<a href="#model-(\w+)">([\d.]+)</a>', row)
        assert shown == [(c["model"], f"{c['value']:.1f}") for c in issue["cells"]]
        for c in issue["cells"]:
            assert f"{c['p05']:.1f}&ndash;{c['p95']:.1f}" in row
