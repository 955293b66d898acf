"""The CLI's conventions: one-line usage errors, help, read commands, status lines, serve."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from detente import __version__, cli
from detente.bargain import MODELS
from detente.cli import app, main

REPO = Path(__file__).resolve().parents[1]
SEED_SCENARIO = REPO / "scenarios" / "ukraine-2025.yaml"


def call(capsys, *args: str) -> tuple[int, str, str]:
    """Run :func:`main` in-process; return exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    captured = capsys.readouterr()
    return exc.value.code, captured.out, captured.err


@pytest.mark.parametrize(
    "args",
    [
        ("foo",),
        ("ingest",),
        ("forecast", "X", "--draws", "abc"),
        ("forecast", str(SEED_SCENARIO), "--model", "nope"),
        ("forecast", str(SEED_SCENARIO), "--format", "xml"),
        ("export",),
        ("scenario", "nope"),
        ("serve", "--port", "-3"),
        ("report", "--out", "x", "--bogus"),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(capsys, args) -> None:
    code, stdout, stderr = call(capsys, *args)
    lines = stderr.strip().splitlines()
    assert code == 2, stderr
    assert 1 <= len(lines) <= 2 and lines[0].startswith("error: ") and stdout == ""
    assert lines[-1].startswith("try 'detente") and lines[-1].endswith("--help'")
    assert "Traceback" not in stderr


def test_usage_mistakes_from_a_shell_too() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "detente", "forecast", "X", "--draws", "abc"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "error: Invalid value for '--draws': 'abc' is not a valid integer range.",
        "try 'detente forecast --help'",
    ]


def test_version(capsys) -> None:
    code, stdout, _ = call(capsys, "--version")
    assert code == 0 and stdout.strip() == f"detente {__version__}"


def _commands(typer_app, prefix=()):
    for c in typer_app.registered_commands:
        yield (*prefix, c.name)
    for group in typer_app.registered_groups:
        yield (*prefix, group.name)
        yield from _commands(group.typer_instance, (*prefix, group.name))


@pytest.mark.parametrize("command", [(), *_commands(app)], ids=" ".join)
def test_help_is_clean(capsys, command) -> None:
    code, stdout, stderr = call(capsys, *command, "--help")
    assert code == 0 and stderr == ""
    for noise in ("<bool>", "<list", "<str>", "<int", "<path>", "[bold", "``", "\\[", "{"):
        assert noise not in stdout, f"{' '.join(command)} --help shows {noise!r}"
    if command == ("forecast",):
        assert "[" + "|".join([*MODELS, "all"]) + "]" in stdout.replace("\n", "").replace(" ", "")


def test_bare_command_prints_help(capsys) -> None:
    code, stdout, _ = call(capsys)
    assert code == 0 and stdout.startswith("Usage: detente")


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--out", "{tmp}/x"),
        ("extract",),
        ("report", "--out", "{tmp}/r"),
        ("scenario", "check", str(SEED_SCENARIO)),
        ("serve", "--get", "/healthz"),
    ],
    ids=lambda a: a[0],
)
def test_read_commands_refuse_a_store_that_does_not_exist(capsys, tmp_path, args) -> None:
    missing = tmp_path / "missing.db"
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, stdout, stderr = call(capsys, *args, "--db", f"sqlite:///{missing}")
    assert code == 1
    assert stderr.strip() == (
        f"error: {missing}: no detente store there; create one with "
        "'detente ingest PATH --db URL' first"
    )
    assert not missing.exists()


def test_forecast_shows_its_steps_on_a_terminal(capsys, monkeypatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100))
    code, stdout, _ = call(
        capsys, "forecast", str(SEED_SCENARIO), "--model", "nash", "--draws", "20"
    )
    assert code == 0
    assert "forecast" in screen.getvalue() and "nash" in screen.getvalue()
    assert "nash" in stdout and "no deal" in stdout


def test_forecast_table_reads_in_the_scales_words(capsys, monkeypatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=screen, width=200))
    code, _, _ = call(
        capsys, "forecast", str(SEED_SCENARIO), "--model", "compromise", "--draws", "0"
    )
    stdout = screen.getvalue()
    assert code == 0
    assert "50: ceasefire on the current front line, no recognition" in stdout
    assert "compromise: weighted mean of the stated positions" in stdout
    assert "Why they differ on" in stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_its_url_and_answers_there(db_url: str) -> None:
    import httpx

    from detente.store import open_store

    open_store(db_url).close()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "detente",
            "serve",
            "--db",
            db_url,
            "--port",
            "0",
            "--scenario",
            str(SEED_SCENARIO),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        for _ in range(100):
            try:
                assert httpx.get(url + "healthz", timeout=2).text == "ok"
                break
            except httpx.TransportError:
                continue
        assert "api/v1/docs" in line and "Ctrl-C" in line
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_on_a_busy_port_is_one_line(capsys, db_url: str) -> None:
    from detente.store import open_store

    open_store(db_url).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", _free_port()))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, stderr = call(capsys, "serve", "--db", db_url, "--port", str(port))
    assert code == 1 and stderr.strip() == f"error: 127.0.0.1:{port}: cannot listen: " + (
        "Address already in use"
    )


def test_serve_get_prints_no_warning(db_url: str) -> None:
    from detente.store import open_store

    open_store(db_url).close()
    proc = subprocess.run(
        [sys.executable, "-m", "detente", "serve", "--db", db_url, "--get", "/healthz"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stdout == "ok\n" and proc.stderr == ""
