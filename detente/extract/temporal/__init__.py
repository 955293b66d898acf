"""Time in articles: date expressions, the calendar of dated events, the inferred "now".

:mod:`~detente.extract.temporal.expressions` finds and reads date expressions in text (its
month names are also those :mod:`detente.ingest.dates` reads date lines with),
:mod:`~detente.extract.temporal.calendar` holds the dated events of the negotiation track,
:mod:`~detente.extract.temporal.reference_time` infers the "now" of an undated article from
them, and :mod:`~detente.extract.temporal.dates` resolves them and puts them on the Doc (the spaCy
component ``detente_dates``, registered in :mod:`detente.extract.components.dates`).
"""
