"""The spaCy component ``detente_events``: PLOVER events into ``Doc._.events``.

The coder itself is :class:`detente.extract.events.coder.EventCoder`; its parts are the
modules of :mod:`detente.extract.events`. This module only registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.events.coder import EventCoder
from detente.extract.events.lexicon import parse_lexicon
from detente.extract.extensions import PARSE_ATTRS


@Language.factory(
    "detente_events",
    default_config={
        "lexicon": None,
        "publication_fallback": True,
        "skip_quoted": True,
        "dyadic_only": True,
    },
    requires=[
        "doc._.mentions",
        "doc._.actor_info",
        "doc._.locations",
        "doc._.dates",
        "doc._.quotes",
        "doc._.reference",
        "doc.ents",
        *PARSE_ATTRS,
    ],
    assigns=["doc._.events", "doc._.actor_info"],
)
def make_event_coder(
    nlp: Language,
    name: str,
    lexicon: dict | None,
    publication_fallback: bool,
    skip_quoted: bool,
    dyadic_only: bool,
) -> EventCoder:
    """Build the event coder; ``lexicon`` replaces the packaged trigger lexicon when given."""
    return EventCoder(
        name=name,
        lexicon=parse_lexicon(lexicon, origin=f"{name}.lexicon") if lexicon else None,
        publication_fallback=publication_fallback,
        skip_quoted=skip_quoted,
        dyadic_only=dyadic_only,
    )


__all__ = ["make_event_coder"]
