"""Data shipped with detente so that the demo and the examples run from any folder.

* :func:`sample_corpus`: six short news-style reports on the 2025 US-Russia talks,
  written for detente in its own words (dated facts restated from public reporting, no
  quotation of any article), in the Markdown-with-front-matter format ``ingest`` reads;
* :func:`seed_scenario`: the seed scenario ``scenarios/ukraine-2025.yaml``, whose
  locators cite the seed articles of the shared data set;
* :func:`sample_evidence`: the evidence file that cites the same facts in the sample
  reports (:mod:`detente.bargain.io.evidence`), so the seed scenario resolves on
  whichever of the two corpora the demo ran on.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["sample_corpus", "sample_evidence", "seed_scenario"]


def _here() -> Path:
    return Path(str(files(__name__)))


def sample_corpus() -> Path:
    """Folder of the sample reports."""
    return _here() / "corpus"


def seed_scenario() -> Path:
    """The seed scenario file shipped with the package."""
    return _here() / "ukraine-2025.yaml"


def sample_evidence() -> Path:
    """Evidence file pointing the seed scenario's inputs at the sample reports."""
    return _here() / "ukraine-2025.evidence.yaml"
