"""The spaCy component ``detente_actor_patterns``: the actor dictionary's names as entities.

The matcher is :class:`detente.extract.actors.matcher.ActorPatterns`; this module only
registers the factory. :func:`detente.extract.pipeline.add_actor_patterns` fills it from
the actor dictionary, and the patterns are saved with ``nlp.to_disk()``.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.actors.matcher import ActorPatterns


@Language.factory(
    "detente_actor_patterns",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
)
def make_actor_patterns(nlp: Language, name: str) -> ActorPatterns:
    """Build an empty :class:`ActorPatterns` (spaCy factory)."""
    return ActorPatterns(nlp.vocab, name=name)


__all__ = ["make_actor_patterns"]
