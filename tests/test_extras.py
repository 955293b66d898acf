"""Optional extras: a missing one is a one-line error naming the pip install to run."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from detente.bargain import ActorSpec, IssueSpec, Scenario, sobol_indices
from detente.errors import DetenteError
from detente.export import write_parquet
from detente.extras import EXTRAS, MissingExtra, available, require


@pytest.fixture
def without(monkeypatch):
    """Make ``import NAME`` fail as when the package is not installed."""

    def hide(*names: str) -> None:
        for name in names:
            monkeypatch.setitem(sys.modules, name, None)

    return hide


def test_require_returns_the_module_when_present():
    assert require("web", "json") is sys.modules["json"]


def test_missing_extra_is_one_line_with_the_install_command(without):
    without("fastapi")
    with pytest.raises(MissingExtra) as exc:
        require("web", "fastapi", "detente serve")
    message = exc.value.one_line()
    assert message == (
        "detente serve needs the 'web' extra (fastapi is not installed): pip install 'detente[web]'"
    )
    assert isinstance(exc.value, DetenteError) and "\n" not in str(exc.value)


def test_unknown_extra_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown extra"):
        require("nope", "json")


def test_available_reports_a_hidden_module(without):
    assert available("json")
    without("trafilatura")
    assert not available("trafilatura")


def test_every_extra_is_declared_in_pyproject():
    import tomllib
    from pathlib import Path

    declared = tomllib.loads(
        (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    )["project"]["optional-dependencies"]
    assert set(EXTRAS) <= set(declared)
    assert all(name in declared["all"][0] for name in EXTRAS)


def test_serve_without_the_web_extra(without, capsys, tmp_path):
    from detente.cli import main

    without("uvicorn")
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    err = capsys.readouterr().err
    assert exc.value.code == 1
    assert err.strip().splitlines() == [
        "error: detente serve needs the 'web' extra (uvicorn is not installed): "
        "pip install 'detente[web]'"
    ]


def test_parquet_export_without_pyarrow(without, tmp_path):
    without("pyarrow")
    with pytest.raises(MissingExtra, match=r"detente\[parquet\]"):
        write_parquet(tmp_path, "documents", [], ["doc_id"])
    assert not (tmp_path / "documents.parquet").exists()


def test_sobol_without_salib(without):
    without("SALib")
    scenario = Scenario(
        name="two",
        actors=(ActorSpec("a", "A", 1.0), ActorSpec("b", "B", 1.0)),
        issues=(IssueSpec("x", "X", low=0.0, high=100.0),),
        positions=np.array([[0.0], [100.0]]),
        salience=np.ones((2, 1)),
        capability=np.ones((2, 1)),
    )
    with pytest.raises(MissingExtra, match=r"Sobol indices needs the 'sensitivity' extra"):
        sobol_indices(scenario, n=4)


EXTRA_MODULES = (
    # httpx is left out: spaCy itself needs it (through weasel), so the core has it anyway.
    "fastapi",
    "fastapi_offline",
    "uvicorn",
    "pyarrow",
    "SALib",
    "trafilatura",
    "htmldate",
    "psycopg",
    "dask",
    "distributed",
)


@pytest.mark.slow
@pytest.mark.model
def test_the_core_runs_without_any_extra(tmp_path):
    """Ingest, forecast and report with every extra's modules made unimportable."""
    import subprocess

    db = f"sqlite:///{tmp_path / 'core.db'}"
    code = (
        "import sys\n"
        f"sys.modules.update(dict.fromkeys({EXTRA_MODULES!r}))\n"
        "from detente.cli import main\n"
        "main(sys.argv[1:])\n"
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=600,
        )

    demo = run("demo", "--corpus", "sample", "--draws", "0", "--out", "out", "--db", db)
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "out" / "report.html").stat().st_size > 0
    serve = run("serve", "--db", db, "--get", "/healthz")
    assert serve.returncode == 1
    assert serve.stderr.strip().endswith("pip install 'detente[web]'")
