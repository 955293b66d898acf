"""Actor dictionary: canonical states, organisations and people, with their names and roles.

>>> from detente.extract.actors import ActorDictionary
>>> actors = ActorDictionary.load()
>>> actors.lookup("the Kremlin").id
'RUS'
"""

from detente.extract.actors.dictionary import ActorDictionary, ActorEntry, RoleSpell
from detente.extract.actors.names import normalise

__all__ = ["ActorDictionary", "ActorEntry", "RoleSpell", "normalise"]
