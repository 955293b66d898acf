"""Alembic revisions: 0001 core tables, 0002 stances and per-document roles."""
