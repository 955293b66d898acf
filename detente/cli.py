"""Command line: a thin Typer shell over the Python API (being assembled)."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="detente: negotiation news to forecasts.")


def main() -> None:
    """Entry point of the ``detente`` console script."""
    app()
