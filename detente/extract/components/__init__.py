"""spaCy components of the extraction stage, each registered by name with its contract.

Importing a component module registers its factory (name, config, ``requires`` /
``assigns``); :func:`detente.extract.pipeline.build_pipeline` imports them. Where a
concept has its own package the factory only configures that package's object: the
actor components build :mod:`detente.extract.actors` objects, the date component a
:mod:`detente.extract.temporal` resolver, the event and background components build
:mod:`detente.extract.events` objects, the quote component a
:mod:`detente.extract.quotes` attributor and the stance component a
:mod:`detente.extract.stances` detector. ``line_breaks`` (sentence starts at line
breaks, before the parser) is a rule of a few lines with no concept of its own and stays
here whole.
"""
