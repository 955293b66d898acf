"""What the report shows, as typed records, and the functions that gather them by concept.

:mod:`.corpus` (documents, actors, events, quotes), :mod:`.forecast` (the scenario,
its forecasts and what-ifs), :mod:`.dyads` (each pair's index and channels),
:mod:`.relations` (network, triangle, framing, and the dyads gathered), :mod:`.track`
(the forecast over time) and :mod:`.report`, the whole.
"""
