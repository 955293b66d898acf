"""The spaCy component ``detente_dates``: date expressions and the article's reference time.

The rules are :class:`detente.extract.temporal.dates.DateResolver`; this module only
registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.extensions import PARSE_ATTRS
from detente.extract.temporal.dates import DateResolver


@Language.factory(
    "detente_dates",
    requires=[
        "doc._.mentions",
        "doc._.actor_info",
        *PARSE_ATTRS,
    ],
    assigns=["doc._.dates", "doc._.reference"],
    default_config={"infer_reference": True, "calendar": None},
)
def make_date_resolver(
    nlp: Language, name: str, infer_reference: bool, calendar: str | None
) -> DateResolver:
    """Build a :class:`DateResolver` (spaCy factory)."""
    return DateResolver(name=name, infer_reference=infer_reference, calendar=calendar)


__all__ = ["make_date_resolver"]
