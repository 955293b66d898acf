"""Actors' stances on negotiation issues, one concept per module.

:mod:`~detente.extract.stances.detector` finds who holds a stance on which issue and of
what kind, :mod:`~detente.extract.stances.cues` where on the issue's scale the sentence's
words place it. The spaCy component (``detente_stances``) is
:mod:`detente.extract.components.stances`.
"""
