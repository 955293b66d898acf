"""Each document's actors with the state or body they served in it; events' date words.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Why: a person's state and post change over time (a prime minister becomes the EU's
High Representative; an adviser becomes an ambassador), and the extraction gives
each actor of a document its state and international body *as of the article's
date*. The store kept one country per actor across all documents, so every article
got the state of whichever article was stored last, and an official of an
international body could not be rolled up to that body. ``document_actors`` now
keeps the document's own ``country`` and ``org``, which the relations stage reads.
Rows already stored take the actor's stored country (and no body) until ``detente
extract`` reads them again.

Events keep the span of the words their date was read from (``date_start``,
``date_end``; null when the date is the publication's), so every date shown can
point to its words.

``store_state`` holds one counter that every write transaction bumps, so a reader
that keeps results computed from the corpus (the dashboard's cache) sees a write by
any process and recomputes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``document_actors.country`` / ``org`` (from ``actors``), the date span, the counter."""
    with op.batch_alter_table("document_actors") as batch:
        batch.add_column(sa.Column("country", sa.String(8), nullable=True))
        batch.add_column(sa.Column("org", sa.String(128), nullable=True))
    doc_actors = sa.table(
        "document_actors", sa.column("actor", sa.Integer), sa.column("country", sa.String)
    )
    actors = sa.table("actors", sa.column("id", sa.Integer), sa.column("country", sa.String))
    stored = sa.select(actors.c.country).where(actors.c.id == doc_actors.c.actor).scalar_subquery()
    op.execute(doc_actors.update().values(country=stored))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("date_end", sa.Integer(), nullable=True))
    state = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0}])


def downgrade() -> None:
    """Drop the columns and the counter again (the actors' shared country stays as it is)."""
    op.drop_table("store_state")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_end")
        batch.drop_column("date_start")
    with op.batch_alter_table("document_actors") as batch:
        batch.drop_column("org")
        batch.drop_column("country")
