"""The store's tables (SQLAlchemy 2.0 declarative, typed with ``Mapped``).

Why this shape: one ``documents`` row per cleaned article keyed by its content hash
(so re-ingesting is a no-op), and every extracted fact in its own table with the
character span it came from and an ``ON DELETE CASCADE`` to its document, so
replacing a document's extraction never leaves orphans. Actors are shared across
documents (upserted by their canonical id); what an actor is *in one document*
(its role, state and international body at that date) lives in ``document_actors``,
which every per-document read takes the actor's state from.

The schema is created by the Alembic revisions in ``detente/store/migrations``;
``tests/store/test_migrations.py`` checks these classes and the migrated schema agree.
ORM rows never leave :mod:`detente.store`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every detente table."""


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class DocumentRow(Base):
    """A cleaned article."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    date_convention: Mapped[str | None] = mapped_column(String(16))
    outlet: Mapped[str | None] = mapped_column(String(256))
    author: Mapped[str | None] = mapped_column(String(256))
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SentenceRow(Base):
    """A sentence boundary of a document."""

    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("document_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ActorRow(Base):
    """A canonical actor, shared by every document that mentions it."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(128), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    type: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(256))


class MentionRow(Base):
    """One mention of an actor in a document."""

    __tablename__ = "actor_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    actor: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    """A PLOVER-coded event."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    source_actor: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    target_actor: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    date: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(256))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str | None] = mapped_column(String(128))
    background: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Told as background or history (revision 0004)."""
    date_start: Mapped[int | None] = mapped_column(Integer)
    """Span of the words ``date`` was read from (revision 0006); null for a publication date."""
    date_end: Mapped[int | None] = mapped_column(Integer)


class QuoteRow(Base):
    """A direct quotation."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    speaker: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(String(64))


class StanceRow(Base):
    """An actor's stance on an issue (revision 0002; its point on the scale, 0005)."""

    __tablename__ = "stances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    actor: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    issue: Mapped[str] = mapped_column(String(128), index=True)
    direction: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    position: Mapped[float | None] = mapped_column(Float)
    relative_to: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", name="fk_stances_relative_to"), index=True
    )
    cue: Mapped[str | None] = mapped_column(Text)


class DocumentActorRow(Base):
    """An actor in one document: its role, state and body at that date (revisions 0002, 0006)."""

    __tablename__ = "document_actors"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    actor: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    role: Mapped[str | None] = mapped_column(String(256))
    country: Mapped[str | None] = mapped_column(String(8))
    """The state the actor served in this document; None while in an international post."""
    org: Mapped[str | None] = mapped_column(String(128))
    """The international body whose post a person held in this document (``org.nato``)."""


class ReferenceTimeRow(Base):
    """The inferred "now" of a document without a publication date (revision 0003)."""

    __tablename__ = "reference_times"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)


class ReferenceClueRow(Base):
    """A date phrase of a document tied to a calendar event (revision 0003)."""

    __tablename__ = "reference_clues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    event_id: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(Text)
    event_date: Mapped[date] = mapped_column(Date)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EventClusterRow(Base):
    """Reports of one happening, within and across documents (revision 0004).

    Derived from ``events``: recomputed, block by block, whenever a document is
    added, re-extracted or removed (:mod:`detente.store.clusters`).
    """

    __tablename__ = "event_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    block: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str | None] = mapped_column(String(64))
    side_a: Mapped[str | None] = mapped_column(String(128))
    side_b: Mapped[str | None] = mapped_column(String(128))
    date: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(256))
    n_events: Mapped[int] = mapped_column(Integer)
    n_reports: Mapped[int] = mapped_column(Integer)
    n_documents: Mapped[int] = mapped_column(Integer)
    background: Mapped[bool] = mapped_column(Boolean)


class EventClusterMemberRow(Base):
    """Which cluster an event belongs to (revision 0004); one row per event."""

    __tablename__ = "event_cluster_members"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="CASCADE"), index=True
    )


class StoreStateRow(Base):
    """The store's write counter (revision 0006): one row, bumped by every write transaction.

    Readers that keep results computed from the corpus (the dashboard) compare it with
    the value they computed them at, so a write by any process makes them recompute.
    """

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


# -- the living forecast (revision 0005) ------------------------------------------------------


class TrackRow(Base):
    """One ``detente track`` invocation: a scenario forecast as of each period end."""

    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario: Mapped[str] = mapped_column(String(512), index=True)
    path: Mapped[str] = mapped_column(Text)
    every: Mapped[str] = mapped_column(String(16))
    seed: Mapped[int] = mapped_column(Integer)
    params: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _run_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("track_runs.id", ondelete="CASCADE"), index=True)


class TrackRunRow(Base):
    """The scenario as drafted and forecast as of one date."""

    __tablename__ = "track_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    n_documents: Mapped[int] = mapped_column(Integer)
    n_stances: Mapped[int] = mapped_column(Integer)


class TrackForecastRow(Base):
    """One model's outcome on one issue in one run."""

    __tablename__ = "track_forecasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = _run_fk()
    model: Mapped[str] = mapped_column(String(64))
    issue: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[float | None] = mapped_column(Float)
    params: Mapped[str] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)


class TrackInputRow(Base):
    """One actor's position on one issue as a run used it."""

    __tablename__ = "track_inputs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = _run_fk()
    actor: Mapped[str] = mapped_column(String(128))
    issue: Mapped[str] = mapped_column(String(128))
    position: Mapped[float] = mapped_column(Float)
    salience: Mapped[float] = mapped_column(Float)
    clout: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(16))
    n_stances: Mapped[int] = mapped_column(Integer)


class TrackSourceRow(Base):
    """A sentence whose stance entered a run (published since the run before)."""

    __tablename__ = "track_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = _run_fk()
    issue: Mapped[str] = mapped_column(String(128))
    actor: Mapped[str] = mapped_column(String(128))
    doc_id: Mapped[str] = mapped_column(String(64))
    doc_name: Mapped[str] = mapped_column(String(512))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    position: Mapped[float | None] = mapped_column(Float)
