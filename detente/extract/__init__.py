"""Extraction stage: actors, dates, quotes, PLOVER events and stances from article text.

Public API: :func:`build_pipeline` (the spaCy pipeline with detente's
components), :class:`Extractor` (articles -> :class:`DocumentExtraction`),
:func:`register_extensions` (the ``Doc._`` contract) and the records.
"""

import importlib

from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
    StanceRecord,
)

#: Names that need spaCy, imported on first use: importing spaCy costs about a second,
#: and the stages downstream (store, relations, report, web) only need the records.
_NEEDS_SPACY = {
    "ComponentError": "detente.extract.extractor",
    "Extractor": "detente.extract.extractor",
    "to_extraction": "detente.extract.extractor",
    "build_pipeline": "detente.extract.pipeline",
    "register_extensions": "detente.extract.extensions",
}


def __getattr__(name: str):
    if name in _NEEDS_SPACY:
        return getattr(importlib.import_module(_NEEDS_SPACY[name]), name)
    raise AttributeError(f"module 'detente.extract' has no attribute {name!r}")


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
