"""Inferred reference time of undated documents.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Why: an article with no publication date gets its "now" inferred from the
calendar events it mentions (``detente.extract.temporal.reference_time``);
the days and the phrases that pin them are kept so that every date resolved
against them can be traced. Older stores gain the (empty) tables in place;
``detente extract`` fills them for documents already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _doc_fk(**kwargs) -> sa.Column:
    return sa.Column(
        "document_id",
        sa.Integer(),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        **kwargs,
    )


def upgrade() -> None:
    """Create ``reference_times`` and ``reference_clues``."""
    op.create_table(
        "reference_times",
        _doc_fk(primary_key=True),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.Column("latest", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
    )
    op.create_table(
        "reference_clues",
        sa.Column("id", sa.Integer(), primary_key=True),
        _doc_fk(),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_reference_clues_document_id", "reference_clues", ["document_id"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_reference_clues_document_id", "reference_clues")
    op.drop_table("reference_clues")
    op.drop_table("reference_times")
