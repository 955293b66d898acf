"""The package root: importing ``detente`` is cheap, and its public names all resolve."""

from __future__ import annotations

import subprocess
import sys

import pytest

import detente

HEAVY = ("pandas", "sqlalchemy", "spacy", "alembic")


def _loaded_after(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    return [m for m in out.split(",") if m]


def test_import_detente_loads_no_heavy_library():
    assert _loaded_after("import detente") == []


def test_a_lazy_name_loads_what_it_needs():
    # The subprocess check above must be able to fail: touching a name backed by the
    # store does bring SQLAlchemy in.
    assert "sqlalchemy" in _loaded_after("import detente; detente.open_store")


@pytest.mark.parametrize("name", detente.__all__)
def test_every_public_name_resolves(name):
    assert getattr(detente, name) is not None
    assert name in dir(detente)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        detente.nope  # noqa: B018


def test_lazy_names_are_the_modules_own_objects():
    from detente.bargain.io import load_scenario
    from detente.store import open_store

    assert detente.load_scenario is load_scenario
    assert detente.open_store is open_store
