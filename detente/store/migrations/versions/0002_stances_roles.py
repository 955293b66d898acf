"""Stances and per-document actor roles.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-19

Why a second revision: stances arrived after the first stores were written; an older
store gains these tables in place when opened (``open_store`` upgrades to head).
Existing documents get a ``document_actors`` row for every actor they mention, with the
actor's current role, so exports of old stores stay complete.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``stances`` and ``document_actors`` and fill the latter from mentions."""
    op.create_table(
        "stances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("actor", sa.Integer(), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("issue", sa.String(128), nullable=False),
        sa.Column("direction", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_stances_document_id", "stances", ["document_id"])
    op.create_index("ix_stances_actor", "stances", ["actor"])
    op.create_index("ix_stances_issue", "stances", ["issue"])
    op.create_table(
        "document_actors",
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("actor", sa.Integer(), sa.ForeignKey("actors.id"), primary_key=True),
        sa.Column("role", sa.String(256), nullable=True),
    )
    op.create_index("ix_document_actors_actor", "document_actors", ["actor"])
    op.execute(
        "INSERT INTO document_actors (document_id, actor, role) "
        "SELECT DISTINCT m.document_id, m.actor, a.role "
        "FROM actor_mentions m JOIN actors a ON a.id = m.actor"
    )


def downgrade() -> None:
    """Drop ``document_actors`` and ``stances``."""
    op.drop_table("document_actors")
    op.drop_table("stances")
