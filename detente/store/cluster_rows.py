"""Keeping the ``event_clusters`` tables current: repository functions, never committing.

The rules of what makes one happening live in :mod:`detente.store.clusters`; this
module reads the reports of the touched blocks, runs those rules and writes the
difference. A write changes only the clusters whose membership or values changed
(new reports mostly join an existing happening or start one), so keeping the
tables current costs a small fraction of storing a document
(``benchmarks/store_clusters.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Select, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from detente.store.clusters import Report, block_key, cluster_reports
from detente.store.queries import document_country, joined_actor
from detente.store.tables import (
    ActorRow,
    DocumentActorRow,
    DocumentRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
)

CHUNK = 500
"""Ids per ``IN (...)`` list (SQLite caps the parameters of one statement)."""

_VALUES = (
    "type",
    "mode",
    "side_a",
    "side_b",
    "date",
    "location",
    "n_events",
    "n_reports",
    "n_documents",
    "background",
)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for k in range(0, len(ids), CHUNK):
        yield list(ids[k : k + CHUNK])


def _side(actor_id: str | None, country: str | None, org: str | None) -> str | None:
    """An actor's side at state level in one document.

    The state it served there, else the international body whose post it held, else
    itself (a state, or a body of no state).
    """
    if actor_id is None:
        return None
    return country or org or actor_id


def _with_sides(stmt: Select) -> Select:
    """``stmt`` (over ``events``) with the source's and target's sides in the event's document.

    Adds six columns after the statement's own: source id, state and body, then the
    target's (:func:`~detente.store.queries.document_country`).
    """
    for column in (EventRow.source_actor, EventRow.target_actor):
        actor, doc_actor = aliased(ActorRow), aliased(DocumentActorRow)
        stmt = joined_actor(stmt, actor, doc_actor, column, EventRow.document_id).add_columns(
            actor.actor_id, document_country(actor, doc_actor), doc_actor.org
        )
    return stmt


def _side_pair(row: Sequence, at: int) -> tuple[str | None, str | None]:
    """The two sides from the six columns :func:`_with_sides` added at position ``at``."""
    return _side(*row[at : at + 3]), _side(*row[at + 3 : at + 6])


def _reports(s: Session, blocks: set[str] | None) -> list[Report]:
    """Stored events of ``blocks`` (all when None) as clustering reads them.

    The events of a block are those its stored clusters hold plus those in no cluster
    yet, so the query follows the membership index instead of reading every event.
    """
    stmt = _with_sides(
        select(
            EventRow.id,
            DocumentRow.doc_id,
            EventRow.start,
            EventRow.end,
            EventRow.type,
            EventRow.mode,
            EventRow.date,
            EventRow.location,
            EventRow.background,
        ).join(DocumentRow, DocumentRow.id == EventRow.document_id)
    )
    if blocks is not None:
        stmt = (
            stmt.outerjoin(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
            .outerjoin(EventClusterRow, EventClusterRow.id == EventClusterMemberRow.cluster_id)
            .where(
                or_(
                    EventClusterMemberRow.event_id.is_(None),
                    EventClusterRow.block.in_(sorted(blocks)),
                )
            )
        )
    reports = []
    for r in s.execute(stmt).all():
        a, b = _side_pair(r, 9)
        if blocks is not None and block_key(r[4], a, b) not in blocks:
            continue
        reports.append(
            Report(
                pk=r[0],
                doc_id=r[1],
                start=r[2],
                end=r[3],
                type=r[4],
                mode=r[5],
                source=r[9],
                target=r[12],
                side_a=a,
                side_b=b,
                date=r[6],
                location=r[7],
                background=bool(r[8]),
            )
        )
    return reports


def document_blocks(s: Session, document_id: int) -> set[str]:
    """Cluster blocks the stored events of one document fall in."""
    stmt = _with_sides(select(EventRow.type).where(EventRow.document_id == document_id))
    return {block_key(r[0], *_side_pair(r, 1)) for r in s.execute(stmt).all()}


def refresh_clusters(s: Session, blocks: Iterable[str] | None = None) -> int:
    """Recompute the clusters of ``blocks`` (every cluster when None); returns how many there are.

    The events of those blocks are clustered again from scratch, so the result does not
    depend on the order in which documents were stored; only the difference to the
    stored clusters is written (clusters that vanished are deleted, new ones inserted,
    changed values updated, and each event's membership set where it changed).
    """
    blocks = None if blocks is None else set(blocks)
    if blocks is not None and not blocks:
        return 0
    clusters = cluster_reports(_reports(s, blocks))
    wanted = {c.key: c.summary() for c in clusters}
    stored = select(
        EventClusterRow.id, EventClusterRow.key, *(getattr(EventClusterRow, v) for v in _VALUES)
    )
    if blocks is not None:
        stored = stored.where(EventClusterRow.block.in_(sorted(blocks)))
    have = {r.key: r for r in s.execute(stored).all()}
    gone = [r.id for key, r in have.items() if key not in wanted]
    for ids in _chunks(gone):  # their membership rows go by cascade
        s.execute(delete(EventClusterRow).where(EventClusterRow.id.in_(ids)))
    changed = [
        {"_id": have[key].id, **{v: row[v] for v in _VALUES}}
        for key, row in wanted.items()
        if key in have and any(getattr(have[key], v) != row[v] for v in _VALUES)
    ]
    if changed:
        s.execute(
            update(EventClusterRow)
            .where(EventClusterRow.id == bindparam("_id"))
            .values({v: bindparam(v) for v in _VALUES}),
            changed,
        )
    ids = {key: r.id for key, r in have.items() if key in wanted}
    new = [row for key, row in wanted.items() if key not in have]
    for keys in _chunks([row["key"] for row in new]):  # left in another block: stale
        s.execute(delete(EventClusterRow).where(EventClusterRow.key.in_(keys)))
    if new:
        made = s.execute(
            insert(EventClusterRow).returning(
                EventClusterRow.id, EventClusterRow.key, sort_by_parameter_order=True
            ),
            new,
        )
        ids.update({key: pk for pk, key in made.all()})
    _set_members(s, {r.pk: ids[c.key] for c in clusters for r in c.members})
    return len(wanted) if blocks is not None else len(clusters)


def _set_members(s: Session, wanted: dict[int, int]) -> None:
    """Make each event's membership row point to its cluster (event id -> cluster id)."""
    events = sorted(wanted)
    have: dict[int, int] = {}
    for ids in _chunks(events):
        rows = s.execute(
            select(EventClusterMemberRow.event_id, EventClusterMemberRow.cluster_id).where(
                EventClusterMemberRow.event_id.in_(ids)
            )
        )
        have.update(dict(rows.all()))
    moved = [e for e in events if e in have and have[e] != wanted[e]]
    for ids in _chunks(moved):
        s.execute(delete(EventClusterMemberRow).where(EventClusterMemberRow.event_id.in_(ids)))
    rows = [{"event_id": e, "cluster_id": wanted[e]} for e in events if have.get(e) != wanted[e]]
    if rows:
        s.execute(insert(EventClusterMemberRow), rows)


def pending_blocks(s: Session) -> set[str]:
    """Blocks whose clusters are behind the events (see :meth:`Store.cluster_pending`)."""
    loose = _with_sides(
        select(EventRow.type)
        .outerjoin(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
        .where(EventClusterMemberRow.event_id.is_(None))
    )
    blocks = {block_key(r[0], *_side_pair(r, 1)) for r in s.execute(loose)}
    counts = (
        select(EventClusterMemberRow.cluster_id, func.count().label("n"))
        .group_by(EventClusterMemberRow.cluster_id)
        .subquery()
    )
    short = (
        select(EventClusterRow.block)
        .outerjoin(counts, counts.c.cluster_id == EventClusterRow.id)
        .where(func.coalesce(counts.c.n, 0) != EventClusterRow.n_events)
        .distinct()
    )
    blocks.update(s.scalars(short))
    return blocks


__all__ = ["document_blocks", "pending_blocks", "refresh_clusters"]
