"""The README stays true: its two commands, every CLI command and every registered model."""

from __future__ import annotations

from pathlib import Path

from detente.bargain import MODELS
from detente.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_names(typer_app, prefix: str = "") -> list[str]:
    names = [prefix + (c.name or c.callback.__name__) for c in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        names += _command_names(group.typer_instance, prefix + group.name + " ")
    return names


def test_readme_opens_with_the_two_commands() -> None:
    head = README.splitlines()[:6]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in ci


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [n for n in _command_names(app) if f"detente {n}" not in README]
    assert not missing, f"README does not show: {missing}"


def test_every_model_is_in_the_readme() -> None:
    missing = [name for name in MODELS if f"`{name}`" not in README]
    assert not missing, f"README does not list models: {missing}"
