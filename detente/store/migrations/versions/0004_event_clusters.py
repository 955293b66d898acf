"""Background flag of events and event clusters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Why: an event told as history ("since 2014", "during the Cold War") is flagged
``background`` so the relations stage can leave it out of current-period views;
reports of one happening in several articles are grouped into one cluster
(:mod:`detente.store.clusters`) so it is counted once. Older stores gain the
column (every event current) and the empty tables in place; ``open_store``
fills the clusters of the events already stored, and ``detente extract``
re-reads their background flags.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``events.background``; create ``event_clusters`` and ``event_cluster_members``."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(32), nullable=False, unique=True),
        sa.Column("block", sa.String(300), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64), nullable=True),
        sa.Column("side_a", sa.String(128), nullable=True),
        sa.Column("side_b", sa.String(128), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("location", sa.String(256), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_event_clusters_block", "event_clusters", ["block"])
    op.create_table(
        "event_cluster_members",
        sa.Column(
            "event_id",
            sa.Integer(),
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("event_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_index("ix_event_cluster_members_cluster_id", "event_cluster_members", ["cluster_id"])


def downgrade() -> None:
    """Drop the cluster tables and the column."""
    op.drop_index("ix_event_cluster_members_cluster_id", "event_cluster_members")
    op.drop_table("event_cluster_members")
    op.drop_index("ix_event_clusters_block", "event_clusters")
    op.drop_table("event_clusters")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("background")
