"""Core tables: documents, sentences, actors, mentions, events, quotes.

Revision ID: 0001
Revises:
Create Date: 2025-02-18
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column:
    return sa.Column(
        "document_id",
        sa.Integer(),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    )


def _span() -> tuple[sa.Column, sa.Column]:
    return sa.Column("start", sa.Integer(), nullable=False), sa.Column(
        "end", sa.Integer(), nullable=False
    )


def upgrade() -> None:
    """Create the core tables."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("date_convention", sa.String(16), nullable=True),
        sa.Column("outlet", sa.String(256), nullable=True),
        sa.Column("author", sa.String(256), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("doc_id"),
    )
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer(), primary_key=True),
        _doc_fk(),
        sa.Column("idx", sa.Integer(), nullable=False),
        *_span(),
        sa.UniqueConstraint("document_id", "idx"),
    )
    op.create_index("ix_sentences_document_id", "sentences", ["document_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("actor_id", sa.String(128), nullable=False),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("role", sa.String(256), nullable=True),
        sa.UniqueConstraint("actor_id"),
    )
    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _doc_fk(),
        sa.Column("actor", sa.Integer(), sa.ForeignKey("actors.id"), nullable=False),
        *_span(),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_actor_mentions_document_id", "actor_mentions", ["document_id"])
    op.create_index("ix_actor_mentions_actor", "actor_mentions", ["actor"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        _doc_fk(),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64), nullable=True),
        sa.Column("source_actor", sa.Integer(), sa.ForeignKey("actors.id"), nullable=True),
        sa.Column("target_actor", sa.Integer(), sa.ForeignKey("actors.id"), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("location", sa.String(256), nullable=True),
        *_span(),
        sa.Column("trigger", sa.String(128), nullable=True),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_source_actor", "events", ["source_actor"])
    op.create_index("ix_events_target_actor", "events", ["target_actor"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _doc_fk(),
        sa.Column("speaker", sa.Integer(), sa.ForeignKey("actors.id"), nullable=True),
        *_span(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cue", sa.String(64), nullable=True),
    )
    op.create_index("ix_quotes_document_id", "quotes", ["document_id"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])


def downgrade() -> None:
    """Drop the core tables."""
    for table in ("quotes", "events", "actor_mentions", "actors", "sentences", "documents"):
        op.drop_table(table)
