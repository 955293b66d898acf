"""Ingest: read article files, clean them, and hand on :class:`Article` records.

The stage's public names; see :mod:`detente.ingest.readers` for the formats and
:mod:`detente.ingest.clean` / :mod:`detente.ingest.dates` for the cleaning and date rules.
"""

from detente.ingest.clean import Cleaned, clean_text
from detente.ingest.dates import DateReading, parse_date
from detente.ingest.readers import SUFFIXES, discover, make_article, read_file, read_paths
from detente.ingest.records import Article, IngestFailure, IngestReport, IngestWarning

__all__ = [
    "SUFFIXES",
    "Article",
    "Cleaned",
    "DateReading",
    "IngestFailure",
    "IngestReport",
    "IngestWarning",
    "clean_text",
    "discover",
    "make_article",
    "parse_date",
    "read_file",
    "read_paths",
]
