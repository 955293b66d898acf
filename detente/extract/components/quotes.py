"""The spaCy component ``detente_quotes``: direct quotations with their speakers.

The rules are :class:`detente.extract.quotes.attribution.QuoteAttributor` and the modules
of :mod:`detente.extract.quotes` it calls; this module only registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.extensions import PARSE_ATTRS
from detente.extract.quotes.attribution import QuoteAttributor


@Language.factory(
    "detente_quotes",
    requires=[
        "doc._.mentions",
        "doc._.actor_info",
        *PARSE_ATTRS,
    ],
    assigns=["doc._.quotes"],
)
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    """Build a :class:`QuoteAttributor` (spaCy factory)."""
    return QuoteAttributor(name=name)


__all__ = ["make_quote_attributor"]
