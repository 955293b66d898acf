"""Optional parts of detente and the one-line error when one is missing.

The core install reads articles, extracts, stores, forecasts and writes the report.
Heavier parts come as pip extras, each entered through :func:`require`, so a missing
extra is a :class:`MissingExtra` naming the install command rather than a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from detente.errors import DetenteError

EXTRAS: dict[str, str] = {
    "web": "the dashboard and JSON API (detente serve)",
    "parquet": "Parquet export (detente export --format parquet)",
    "sensitivity": "Sobol indices (detente sensitivity)",
    "html": "main-text and publication-date extraction from HTML pages",
    "postgres": "a PostgreSQL store (--db postgresql+psycopg://...)",
    "cluster": "Dask workers (--scheduler)",
}
"""Extra name -> what it adds, as pyproject.toml declares them."""


class MissingExtra(DetenteError):
    """An optional dependency is not installed."""

    status = 501

    def __init__(self, extra: str, module: str, what: str | None = None) -> None:
        self.extra = extra
        self.module = module
        part = what or EXTRAS.get(extra, extra)
        super().__init__(
            f"{part} needs the {extra!r} extra ({module} is not installed): "
            f"pip install 'detente[{extra}]'"
        )


def require(extra: str, module: str, what: str | None = None) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtra` naming the extra that provides it.

    Args:
        extra: Name of the pip extra (a key of :data:`EXTRAS`).
        module: Module to import, e.g. ``"fastapi"``.
        what: The feature in words, for the message; the extra's description when None.
    """
    if extra not in EXTRAS:
        raise ValueError(f"unknown extra {extra!r}")
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(extra, module, what) from None


def available(module: str) -> bool:
    """True when ``module`` can be imported (an optional path is taken only then)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True
