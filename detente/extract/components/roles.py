"""The spaCy component ``detente_roles``: roles and states at the article's date.

The rule is :class:`detente.extract.actors.roles.RoleDating`; this module only registers
the factory.
"""

from __future__ import annotations

from spacy.language import Language

from detente.extract.actors.roles import RoleDating


@Language.factory(
    "detente_roles",
    requires=["doc._.actor_info", "doc._.mentions", "doc._.role_mentions", "doc._.reference"],
    assigns=["doc._.actor_info", "doc._.mentions"],
)
def make_role_dating(nlp: Language, name: str) -> RoleDating:
    """Build a :class:`RoleDating` (spaCy factory)."""
    return RoleDating(name=name)


__all__ = ["make_role_dating"]
