"""The scenario commands end to end: draft, diff, track and backtest on the invented corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main


def call(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process (faster than :func:`run`); return code, stdout, stderr."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out, captured.err


@pytest.mark.model
def test_draft_diff_track_and_backtest(invented_url: str, tmp_path: Path, capsys) -> None:
    seed = Path(__file__).resolve().parents[1] / "scenarios" / "ukraine-2025.yaml"
    out = tmp_path / "drafted.yaml"
    code, stdout, stderr = call(
        capsys, "scenario", "draft", "--db", invented_url, "--issues", str(seed), "--out", str(out)
    )
    assert code == 0, stderr
    assert "3 actors x 5 issues, 11 positions" in stdout and "11 of 11 locators resolve" in stdout
    assert "left out issue economy: no stance on it" in stdout
    code, stdout, _ = call(capsys, "scenario", "diff", str(seed), str(out), "--format", "json")
    payload = json.loads(stdout)
    assert code == 0 and len(payload["positions"]) == 68
    assert payload["mean_abs_delta"] > 0
    code, stdout, _ = call(capsys, "scenario", "diff", str(seed), str(out))
    assert "mean |B - A| over 11 shared entries" in stdout and "evidence only in B" in stdout
    code, stdout, stderr = call(
        capsys, "track", "--db", invented_url, "--scenario", str(seed), "--model", "compromise"
    )
    assert code == 0, stderr
    assert "2025-05-31: 4 documents" in stdout and "stored track 1: 4 runs" in stdout
    code, stdout, stderr = call(capsys, "backtest", "--db", invented_url, "--scenario", str(seed))
    assert code == 0, stderr
    assert "compromise" in stdout and "status quo" in stdout and "last observed" in stdout


def test_bad_as_of_is_one_clear_line(tmp_path: Path, capsys) -> None:
    code, _, stderr = call(
        capsys,
        "scenario",
        "draft",
        "--db",
        f"sqlite:///{tmp_path / 'x.db'}",
        "--out",
        str(tmp_path / "d.yaml"),
        "--as-of",
        "June",
    )
    assert code == 1 and stderr.strip() == "error: --as-of: not a date (YYYY-MM-DD): 'June'"
