"""A wheel built from the repository works installed in a fresh venv outside it.

The venv gets the wheel alone (``--no-deps``); its dependencies come from the
environment running the tests, through a ``.pth`` line that puts that environment's
site-packages after the venv's own. That path entry does not run the ``.pth`` files it
holds, so the editable install of the working tree stays out of sight: ``detente`` is the
wheel's copy, and the demo finds its sample corpus and seed scenario as package data.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with the wheel of the working tree installed."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools leaves a build/ folder beside the sources.
    source = shutil.copytree(
        REPO,
        root / "source",
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "out", "test-artifacts", "__pycache__", "*.db", "*.egg-info"
        ),
    )
    built = _run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(root)]
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = root.glob("detente-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / "bin"
    python = bin_dir / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    (Path(purelib.stdout.strip()) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ]
    )
    assert pip.returncode == 0, pip.stderr
    return bin_dir


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "TMPDIR")}
    return {**keep, "PATH": "/usr/bin:/bin", "HOME": str(home)}


@pytest.mark.slow
@pytest.mark.model
def test_the_installed_wheel_runs_the_demo_and_serves(installed, tmp_path) -> None:
    where = _run(
        [str(installed / "python"), "-c", "import detente; print(detente.__file__)"],
        cwd=tmp_path,
        env=_env(tmp_path),
    )
    assert where.stdout.strip().startswith(str(installed.parent)), where.stdout
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    demo = _run(
        [str(installed / "detente"), "demo", "--out", "out", "--draws", "0", "--db", db],
        cwd=tmp_path,
        env=_env(tmp_path),
    )
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("corpus: the sample reports shipped with detente")
    assert str(installed.parent) in demo.stdout  # the corpus is the installed package's
    assert (tmp_path / "out" / "report.html").stat().st_size > 0
    proc = subprocess.Popen(
        [str(installed / "detente"), "serve", "--db", db, "--port", "0"],
        cwd=tmp_path,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, (line, proc.stderr.read() if proc.poll() is not None else "")
        response = None
        for _ in range(100):
            try:
                response = httpx.get(url.group(0), timeout=5)
                break
            except httpx.TransportError:
                continue
        assert response is not None and response.status_code == 200
        assert "<html" in response.text.lower()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
