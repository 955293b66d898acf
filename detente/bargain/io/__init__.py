"""Scenario readers: detente YAML, Decide, KTAB SMP CSV and plain BDM tables.

:func:`load_scenario_file` picks the reader by extension, then by content;
every reader raises :class:`~detente.errors.ScenarioError` with one line
``file:line: what is wrong`` for malformed input.
"""

from __future__ import annotations

from pathlib import Path

from detente.bargain.io.bdm import read_bdm
from detente.bargain.io.decide import looks_like_decide, read_decide
from detente.bargain.io.files import ScenarioFile, read_text
from detente.bargain.io.ktab import looks_like_ktab, read_ktab
from detente.bargain.io.yamlfile import read_yaml
from detente.bargain.scenario import Scenario
from detente.errors import ScenarioError

FORMATS = ("yaml", "decide", "ktab", "bdm")
"""Format names accepted by ``load_scenario_file(path, format=...)``."""


def detect_format(path: str | Path) -> str:
    """Which reader a file needs: by extension (``.yaml``/``.yml``), else by its first lines."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".xml":
        raise ScenarioError(
            f"{path}: KTAB XML scenarios are not supported; export the scenario as KTAB CSV"
        )
    text = read_text(path)
    if not text.strip():
        raise ScenarioError(f"{path}: file is empty")
    if looks_like_decide(text):
        return "decide"
    if looks_like_ktab(text):
        return "ktab"
    return "bdm"


def load_scenario_file(path: str | Path, format: str | None = None) -> ScenarioFile:
    """Read any supported scenario file with what it holds beyond the scenario (what-ifs, notes).

    Args:
        path: The file.
        format: One of :data:`FORMATS`; detected when None.
    """
    fmt = format or detect_format(path)
    readers = {"yaml": read_yaml, "decide": read_decide, "ktab": read_ktab, "bdm": read_bdm}
    if fmt not in readers:
        raise ScenarioError(
            f"{path}: unknown scenario format {fmt!r}; use one of {', '.join(FORMATS)}"
        )
    return readers[fmt](path)


def load_scenario(path: str | Path, format: str | None = None) -> Scenario:
    """Read any supported scenario file (see :func:`load_scenario_file`)."""
    return load_scenario_file(path, format).scenario


__all__ = [
    "FORMATS",
    "ScenarioFile",
    "detect_format",
    "load_scenario",
    "load_scenario_file",
    "read_bdm",
    "read_decide",
    "read_ktab",
    "read_yaml",
]
