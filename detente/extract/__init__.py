"""Extraction stage: actors, dates, quotes, PLOVER events and stances from article text.

Public API: :func:`build_pipeline` (the spaCy pipeline with detente's
components), :class:`Extractor` (articles -> :class:`DocumentExtraction`),
:func:`register_extensions` (the ``Doc._`` contract) and the records.
"""

from detente.extract.extensions import register_extensions
from detente.extract.extractor import ComponentError, Extractor, to_extraction
from detente.extract.pipeline import build_pipeline
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
    StanceRecord,
)

__all__ = [
    "ActorRecord",
    "ComponentError",
    "DocumentExtraction",
    "EventRecord",
    "Extractor",
    "MentionRecord",
    "QuoteRecord",
    "SentenceRecord",
    "StanceRecord",
    "build_pipeline",
    "register_extensions",
    "to_extraction",
]
