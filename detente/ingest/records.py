"""Records the ingest stage hands on: one cleaned article, and the batch report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article, ready for extraction and storage."""

    name: str
    """Base name it was ingested from (``001_x.txt``, ``file.jsonl#id``); exported as ``doc``."""
    source: str
    """Full path (or path#line for JSONL) it was read from."""
    text: str
    """Cleaned body text; every character offset in detente refers to this string."""
    content_hash: str
    """SHA-256 hex digest of ``text``: the document key, so the same article is stored once."""
    title: str | None = None
    """Headline, from the markup, the metadata or the first line."""
    published: date | None = None
    """Publication date, if the text or the metadata states one."""
    date_convention: str | None = None
    """How ``published`` was read: iso, day-first, month-first, text or metadata."""
    outlet: str | None = None
    """Publishing outlet, where the text states one."""
    author: str | None = None
    """By-line author, where the text states one."""
    url: str | None = None
    """Original address, where known."""

    @property
    def doc_id(self) -> str:
        """The key stored evidence points to."""
        return self.content_hash


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """One file (or record) that could not be ingested."""

    path: str
    """The file, or ``file:line`` for a JSONL record."""
    reason: str
    """One line saying what is wrong."""


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """An article that was stored, with one of its facts repaired or dropped."""

    path: str
    """The file, or ``file:line`` for a JSONL record."""
    message: str
    """One line saying which fact was changed and why."""


@dataclass(slots=True)
class IngestReport:
    """What a batch did: stored, skipped as already present, failed."""

    stored: list[str] = field(default_factory=list)
    """Names of articles newly stored."""
    unchanged: list[str] = field(default_factory=list)
    """Names of articles whose content hash was already in the store."""
    failures: list[IngestFailure] = field(default_factory=list)
    """Files or records that could not be read or stored."""
    warnings: list[IngestWarning] = field(default_factory=list)
    """Facts of stored articles that were repaired or dropped (the article is stored)."""

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failures
