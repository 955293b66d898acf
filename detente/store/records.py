"""Records the store hands out (ORM rows never leave the package)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from detente.evidence import Evidence
from detente.ingest.records import Article

if TYPE_CHECKING:  # the bargain stage is downstream; only its Locator type is named here
    from detente.bargain.scenario import Locator


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored article with its text and bookkeeping."""

    doc_id: str
    """Content hash of the cleaned text (the key evidence points to)."""
    name: str
    """Base name it was ingested from; exports call it ``doc``."""
    source: str
    """Full path (or ``file:line``) it was read from."""
    text: str
    """Cleaned text; every stored offset refers to it."""
    title: str | None
    """Headline, if known."""
    published: date | None
    """Publication date, if known."""
    date_convention: str | None
    """How the date was read (``iso``, ``day-first`` ...)."""
    outlet: str | None
    """Publishing outlet, if known."""
    author: str | None
    """By-line author, if known."""
    url: str | None
    """Original address, if known."""
    ingested_at: datetime
    """When it was stored (UTC)."""
    n_sentences: int
    """Sentences stored for it (0 when ingested without extraction)."""

    def to_article(self) -> Article:
        """The Article it was stored from (for re-extraction)."""
        return Article(
            name=self.name,
            source=self.source,
            text=self.text,
            content_hash=self.doc_id,
            title=self.title,
            published=self.published,
            date_convention=self.date_convention,
            outlet=self.outlet,
            author=self.author,
            url=self.url,
        )


@dataclass(frozen=True, slots=True)
class ResolvedLocator:
    """A scenario locator resolved to the full sentence it points into."""

    locator: Locator
    """The locator as written in the scenario."""
    doc_id: str
    """Content hash of the document found."""
    doc_name: str
    """Name of the document found."""
    evidence: Evidence
    """Span of the whole sentence (or sentences) holding the locator's words."""
    sentence: str
    """The sentence text."""
