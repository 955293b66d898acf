"""Stance positions on the issue scale, and the living forecast's runs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Why: a stance now places its actor on the issue's 0-100 scale (``position``), may
stand relative to another actor's stated position (``relative_to``), and keeps the
words that placed it (``cue``); ``detente track`` stores each scenario drafted and
forecast as of a date (``tracks``, ``track_runs``, ``track_forecasts``,
``track_inputs``, ``track_sources``) so forecasts can be charted over time and
scored against outcomes. Stances stored under the issue ids detente used before
the issue vocabulary was unified get the seed scenario's ids; ``detente extract``
fills in their positions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RENAMED = {
    "security_guarantees": "guarantees",
    "diplomatic_relations": "diplomacy",
    "economic_cooperation": "economy",
}
"""Issue ids before the one vocabulary -> the seed scenario's ids."""


def _run_fk() -> sa.Column:
    return sa.Column(
        "run_id",
        sa.Integer(),
        sa.ForeignKey("track_runs.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    """Add the stance columns, rename old issue ids, create the track tables."""
    with op.batch_alter_table("stances") as batch:
        batch.add_column(sa.Column("position", sa.Float(), nullable=True))
        batch.add_column(sa.Column("relative_to", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cue", sa.Text(), nullable=True))
        batch.create_foreign_key("fk_stances_relative_to", "actors", ["relative_to"], ["id"])
        batch.create_index("ix_stances_relative_to", ["relative_to"])
    stances = sa.table("stances", sa.column("issue", sa.String))
    for old, new in RENAMED.items():
        op.execute(stances.update().where(stances.c.issue == old).values(issue=new))
    op.create_table(
        "tracks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scenario", sa.String(512), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("every", sa.String(16), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_tracks_scenario", "tracks", ["scenario"])
    op.create_table(
        "track_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "track_id",
            sa.Integer(),
            sa.ForeignKey("tracks.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_stances", sa.Integer(), nullable=False),
    )
    op.create_index("ix_track_runs_track_id", "track_runs", ["track_id"])
    op.create_table(
        "track_forecasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _run_fk(),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("issue", sa.String(128), nullable=False),
        sa.Column("outcome", sa.Float(), nullable=True),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_table(
        "track_inputs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _run_fk(),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("issue", sa.String(128), nullable=False),
        sa.Column("position", sa.Float(), nullable=False),
        sa.Column("salience", sa.Float(), nullable=False),
        sa.Column("clout", sa.Float(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("n_stances", sa.Integer(), nullable=False),
    )
    op.create_table(
        "track_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        _run_fk(),
        sa.Column("issue", sa.String(128), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("doc_name", sa.String(512), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("position", sa.Float(), nullable=True),
    )
    for table in ("track_forecasts", "track_inputs", "track_sources"):
        op.create_index(f"ix_{table}_run_id", table, ["run_id"])


def downgrade() -> None:
    """Drop the track tables and the stance columns; restore the old issue ids."""
    for table in ("track_sources", "track_inputs", "track_forecasts"):
        op.drop_index(f"ix_{table}_run_id", table)
        op.drop_table(table)
    op.drop_index("ix_track_runs_track_id", "track_runs")
    op.drop_table("track_runs")
    op.drop_index("ix_tracks_scenario", "tracks")
    op.drop_table("tracks")
    stances = sa.table("stances", sa.column("issue", sa.String))
    for old, new in RENAMED.items():
        op.execute(stances.update().where(stances.c.issue == new).values(issue=old))
    with op.batch_alter_table("stances") as batch:
        batch.drop_index("ix_stances_relative_to")
        batch.drop_constraint("fk_stances_relative_to", type_="foreignkey")
        batch.drop_column("cue")
        batch.drop_column("relative_to")
        batch.drop_column("position")
