"""spaCy components of the extraction stage, each registered by name next to its class.

Importing a component module registers its factory; :func:`detente.extract.pipeline.build_pipeline`
imports them.
"""
