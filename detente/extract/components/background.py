"""The spaCy component ``detente_background``: events told as history, not news.

The rules are :class:`detente.extract.events.background.BackgroundMarker`; this module
only registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.events.background import BackgroundMarker, parse_cues
from detente.extract.extensions import PARSE_ATTRS


@Language.factory(
    "detente_background",
    default_config={"horizon_days": 365, "cues": None},
    requires=[
        "doc._.events",
        "doc._.dates",
        "doc._.reference",
        *PARSE_ATTRS,
    ],
    assigns=["doc._.events"],
)
def make_background_marker(
    nlp: Language, name: str, horizon_days: int, cues: dict | None
) -> BackgroundMarker:
    """Build the marker; ``cues`` replaces the packaged cue words when given."""
    return BackgroundMarker(
        name=name,
        cues=parse_cues(cues, origin=f"{name}.cues") if cues else None,
        horizon_days=horizon_days,
    )


__all__ = ["make_background_marker"]
