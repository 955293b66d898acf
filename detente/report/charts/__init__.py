"""The report's SVG charts by concept: :mod:`.forecast`, :mod:`.relations`, :mod:`.track`.

Built from the drawing pieces in :mod:`detente.svg`, shared with the dashboard.
"""
