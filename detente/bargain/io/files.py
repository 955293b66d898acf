"""Helpers shared by the scenario readers: one error shape, text decoding, numbers."""

from __future__ import annotations

import codecs
import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from detente.bargain.analysis.whatif import WhatIf
from detente.bargain.scenario import ObservedOutcome, Scenario
from detente.errors import ScenarioError


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario file as read: the scenario plus what the file says beyond it."""

    scenario: Scenario
    """The validated scenario."""
    whatifs: tuple[WhatIf, ...] = ()
    """Variants declared in the file (YAML ``whatifs:``); empty for other formats."""
    format: str = "yaml"
    """Which reader produced it: ``yaml``, ``decide``, ``ktab`` or ``bdm``."""
    path: str = ""
    """The file read."""
    salience_factor: float = 1.0
    """Factor applied to the file's saliences to bring them to [0, 1] (0.01 for 0-100 files)."""
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    """Analyst notes per (actor id, issue id), where the format has them."""
    as_of: str | None = None
    """Date the positions describe (ISO ``YYYY-MM-DD``), where the format has one."""
    outcomes: tuple[ObservedOutcome, ...] = ()
    """Observed outcomes (YAML ``outcomes:``), for backtests; empty for other formats."""


def fail(path: Path | str, line: int | None, message: str) -> ScenarioError:
    """The one error shape of every reader: ``file:line: message``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return ScenarioError(f"{where}: {message}")


MAX_BYTES = 50 * 2**20
"""Largest scenario file read (a 200-actor table is a few kilobytes)."""


def read_text(path: Path) -> str:
    """File text as UTF-8 (BOM stripped) or UTF-16/32 with a BOM, else cp1252 (legacy exports).

    Raises:
        ScenarioError: unreadable, too large, or binary (NUL bytes outside UTF-16/32).
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError(
                f"{path}: file is {size / 2**20:.1f} MB; a scenario file is at most "
                f"{MAX_BYTES // 2**20} MB"
            )
        raw = path.read_bytes()
    except OSError as err:
        raise ScenarioError(f"{path}: cannot read file ({err.strerror or err})") from None
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
                break
            except UnicodeDecodeError:
                raise ScenarioError(f"{path}: not valid {codec.upper()} text") from None
    else:
        if b"\x00" in raw:
            raise ScenarioError(f"{path}: binary file (contains NUL bytes), not a scenario")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def csv_fields(path: Path | str, line: int, text: str, **dialect) -> list[str]:
    """One line split by :mod:`csv`, or a ScenarioError naming ``file:line``."""
    try:
        return next(csv.reader([text], **dialect), [])
    except csv.Error as err:
        raise fail(path, line, f"not a valid CSV row: {err}") from None


def number(path: Path | str, line: int, field_name: str, raw: str) -> float:
    """Parse a finite number or raise naming ``file:line`` and the field."""
    text = raw.strip().strip("'\"").strip()
    if not text:
        raise fail(path, line, f"{field_name} is empty")
    try:
        value = float(text)
    except ValueError:
        raise fail(path, line, f"{field_name} {raw.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise fail(path, line, f"{field_name} {raw.strip()!r} is not a finite number")
    return value
