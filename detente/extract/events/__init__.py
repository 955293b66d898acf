"""The PLOVER event coder's parts, one concept per module.

:mod:`~detente.extract.events.lexicon` holds the trigger lexicon (package data),
:mod:`~detente.extract.events.index` and :mod:`~detente.extract.events.parse` read a parsed
Doc, :mod:`~detente.extract.events.actors`, :mod:`~detente.extract.events.recipients` and
:mod:`~detente.extract.events.arguments` find who acts on whom,
:mod:`~detente.extract.events.setting`, :mod:`~detente.extract.events.dates` and
:mod:`~detente.extract.events.narrative` say when and where,
:mod:`~detente.extract.events.factuality` and :mod:`~detente.extract.events.speech` whether
the act took place or was said, :mod:`~detente.extract.events.content` what a speech act is
about and whom its content names, :mod:`~detente.extract.events.quoted` which acts a direct
quotation makes in its speaker's own voice, and :mod:`~detente.extract.events.undirected`
which acts have no direction; :mod:`~detente.extract.events.coder` (``EventCoder``) applies
them sentence by sentence, and :mod:`~detente.extract.events.merging` merges the repeats
into one event per real-world act. The spaCy component (``detente_events``) that assembles them is
:mod:`detente.extract.components.events`. :mod:`~detente.extract.events.background`
flags the coded events told as history (``detente_background``, registered in
:mod:`detente.extract.components.background`).
"""
