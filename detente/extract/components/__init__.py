"""spaCy components of the extraction stage, each registered by name with its contract.

Importing a component module registers its factory (name, config, ``requires`` /
``assigns``); :func:`detente.extract.pipeline.build_pipeline` imports them. Where a
concept has its own package the factory only configures that package's object: the
actor components build :mod:`detente.extract.actors` objects, the event component an
:mod:`detente.extract.events` coder.
"""
