"""What the report shows, as typed records, and the functions that gather them by concept.

:mod:`.corpus` (documents, actors, events, quotes), :mod:`.forecast` (the scenario,
its forecasts and what-ifs), :mod:`.relations` (dyads, network, channels, triangle,
framing), :mod:`.track` (the forecast over time) and :mod:`.report`, the whole.
"""
