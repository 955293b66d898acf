"""The show stage imports at module level, except the heavy optional parts it keeps lazy."""

from pathlib import Path

import pytest

from tests._imports_graph import ROOT, imports

SHOW = [
    *sorted((ROOT / "report").rglob("*.py")),
    *sorted((ROOT / "web").rglob("*.py")),
    ROOT / "api.py",
    ROOT / "cli.py",
    ROOT / "forecasting.py",
    ROOT / "svg.py",
]
LAZY = (
    "detente.cluster",  # Dask
    "detente.extract",  # spaCy and its model
    "detente.web",  # FastAPI, for the CLI's and the API's other commands
    "httpx",
    "uvicorn",
)
"""What a function may import: what only some commands need and is slow or optional."""


def _function_imports(path: Path) -> list[tuple[int, str]]:
    return [(i.line, i.module) for i in imports(path) if i.in_function]


@pytest.mark.parametrize("path", SHOW, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_import_only_what_is_kept_lazy(path):
    eager = [
        f"{path.name}:{line} {module}"
        for line, module in _function_imports(path)
        if not any(module == lazy or module.startswith(f"{lazy}.") for lazy in LAZY)
    ]
    assert not eager, eager


def test_the_check_sees_a_function_level_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from detente.store import open_store\n    import json\n")
    assert _function_imports(sample) == [(2, "detente.store"), (3, "json")]
