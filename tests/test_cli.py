"""The command line end to end on small inputs written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE_A = """Envoys meet in Geneva to discuss a ceasefire

2025-03-11

By Jane Example

Negotiators from the United States and Russia met in Geneva on Monday to discuss a ceasefire.
"We had a frank conversation," said Secretary of State Marco Rubio after the meeting.
"""

ARTICLE_B = """Ministers agree on prisoner exchange

date 2025-04-02 Foreign ministers of Ukraine and Russia agreed on Wednesday to exchange prisoners,
officials in Kyiv said.
"""


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in a subprocess (the way a user does) and return code, stdout, stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "detente", *args], capture_output=True, text=True, timeout=600
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def test_ingest_is_idempotent_and_reports_bad_files(corpus: Path, db_url: str) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    code, stdout, stderr = run("ingest", str(corpus), "--db", db_url, "--no-extract")
    assert code == 1
    assert "stored 2" in stdout
    bad = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(bad) == 2
    assert any("empty.txt" in line for line in bad) and any("binary.txt" in line for line in bad)

    code, stdout, _ = run(
        "ingest", str(corpus / "a.txt"), str(corpus / "sub"), "--db", db_url, "--no-extract"
    )
    assert code == 0
    assert "stored 0, unchanged 2" in stdout


def test_export_writes_the_eval_schema(corpus: Path, db_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(corpus), "--db", db_url)[0] == 0
    out = tmp_path / "out"
    code, _, stderr = run("export", "--out", str(out), "--db", db_url)
    assert code == 0, stderr
    actors = [json.loads(x) for x in (out / "actors.jsonl").read_text().splitlines()]
    assert {"doc", "name", "type", "country"} <= set(actors[0])
    assert any(a["name"] == "Marco Rubio" and a["country"] == "USA" for a in actors)
    quotes = [json.loads(x) for x in (out / "quotes.jsonl").read_text().splitlines()]
    assert any(q["speaker"] and q["speaker"]["name"] == "Marco Rubio" for q in quotes)


def test_forecast_json_holds_the_comparison_and_every_forecast() -> None:
    scenario = Path(__file__).resolve().parents[1] / "scenarios" / "ukraine-2025.yaml"
    code, stdout, stderr = run(
        "forecast", str(scenario), "--model", "compromise", "--format", "json", "--draws", "0"
    )
    assert code == 0, stderr
    payload = json.loads(stdout)
    (fc,) = payload["forecasts"]
    assert fc["model"] == "compromise"
    issues = {row["issue"] for row in fc["issues"]}
    assert {"territory", "nato", "sanctions", "elections"} <= issues
    assert all(0 <= row["outcome"] <= 100 for row in fc["issues"])
    cells = {i["issue"]: i["cells"][0] for i in payload["comparison"]["issues"]}
    assert cells["territory"]["value"] == fc["issues"][0]["outcome"]
    assert cells["territory"]["mark"]["words"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    code, _, stderr = run("forecast", str(tmp_path / "nothere.yaml"))
    assert code == 1
    assert "nothere.yaml" in stderr
