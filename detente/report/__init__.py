"""The HTML report: one self-contained file with the corpus, the forecast and its evidence.

``build_report`` gathers a :class:`ReportData` from the store and the bargaining API
(:mod:`detente.report.views`, one module per part: corpus, forecast, dyads,
relations, track), renders it with Jinja2 templates shipped in the package
(:mod:`detente.report.html`, sections from :mod:`detente.report.sections`) and writes
``report.html``. Charts are inline SVG built in Python (:mod:`detente.report.charts`
on :mod:`detente.svg`), so the file opens offline.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from detente.errors import InputError
from detente.forecasting import LOOP_DRAWS
from detente.randomness import RandomStateLike
from detente.report.html import render
from detente.report.sections import SECTIONS, Section, register_section
from detente.report.views.relations import RelationsView
from detente.report.views.report import ReportData, gather

log = logging.getLogger(__name__)

REPORT_NAME = "report.html"
"""File name of the report inside ``out_dir``."""


def build_report(
    store,
    out_dir: Path,
    *,
    scenario_path: Path | str | None = None,
    draws: int = 500,
    random_state: RandomStateLike = None,
    models: Sequence[str] | None = None,
    loop_draws: int = LOOP_DRAWS,
    freq: str = "W",
    evidence_path: Path | str | None = None,
    on_step=None,
) -> Path:
    """Write ``out_dir/report.html`` and return its path.

    Args:
        store: An open :class:`detente.store.Store`.
        out_dir: Folder to write into (created if missing).
        scenario_path: Scenario file to forecast; None for a corpus-only report.
        draws: Monte Carlo draws per model for the 5-95 % bands (0 for none).
        random_state: Every random draw's (:mod:`detente.randomness`); the report records
            its seed.
        models: Registered model names; None for all of them, in registry order.
        loop_draws: Cap on draws for models that run each draw on its own (see
            :data:`detente.bargain.analysis.compare.LOOP_DRAWS`).
        freq: Period of the relationship index and channel table: ``D``, ``W`` (default,
            so a month of talks shows movement) or ``M``.
        evidence_path: Evidence file replacing the scenario's locators
            (:mod:`detente.bargain.io.evidence`), e.g. to cite another corpus.
        on_step: Called with a short description of each step (status lines).

    Raises:
        ScenarioError: the scenario file is malformed.
        ModelError: an unknown model or a bad draw count.
        InputError: ``out_dir`` cannot be written, or ``freq`` is not a period code.
    """
    data = gather(
        store,
        scenario_path=scenario_path,
        models=models,
        draws=draws,
        random_state=random_state,
        loop_draws=loop_draws,
        freq=freq,
        evidence_path=evidence_path,
        on_step=on_step,
    )
    page = render(data)
    out_dir = Path(out_dir)
    path = out_dir / REPORT_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot write the report: {exc.strerror or exc}") from exc
    log.info("report written to %s (%d bytes)", path, len(page.encode("utf-8")))
    return path


__all__ = [
    "REPORT_NAME",
    "SECTIONS",
    "RelationsView",
    "ReportData",
    "Section",
    "build_report",
    "gather",
    "register_section",
    "render",
]
