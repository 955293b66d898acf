"""Alembic migrations of the store (revisions in ``versions/``)."""
