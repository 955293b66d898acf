"""The spaCy component ``detente_actor_resolver``: entities to canonical actors, coreference.

The rules are :class:`detente.extract.actors.resolver.ActorResolver` and the modules of
:mod:`detente.extract.actors` it calls; this module only registers the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.actors.resolver import ActorResolver
from detente.extract.extensions import PARSE_ATTRS


@Language.factory(
    "detente_actor_resolver",
    default_config={"adhoc": True},
    requires=[
        "doc.ents",
        "token.ent_type",
        *PARSE_ATTRS,
    ],
    assigns=[
        "doc._.mentions",
        "doc._.actor_info",
        "doc._.locations",
        "doc._.role_mentions",
        "span._.actor_id",
    ],
)
def make_actor_resolver(nlp: Language, name: str, adhoc: bool) -> ActorResolver:
    """Build a :class:`ActorResolver` (spaCy factory)."""
    return ActorResolver(name=name, adhoc=adhoc)


__all__ = ["make_actor_resolver"]
