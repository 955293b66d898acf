"""Repository functions behind :class:`detente.store.Store`: they take a session, never commit.

Writes check an extraction against its document before adding rows (same content
hash, spans inside the text, every actor known): a fact that does not fit is repaired
or dropped alone with a one-line note (:mod:`detente.store.consistency`), so one bad
fact never costs its document. Reads build DataFrames
with the fixed column lists below, so an empty store gives empty frames with the
right columns.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date

import pandas as pd
from sqlalchemy import Select, case, distinct, func, insert, select
from sqlalchemy.orm import Session, aliased

from detente.errors import InputError, NotFound
from detente.evidence import Evidence
from detente.extract.records import ActorRecord, DocumentExtraction, date_precision
from detente.store.consistency import Checker, checked, referenced_actors
from detente.store.locate import find, split_sentences, trim
from detente.store.records import ResolvedLocator, StoredDocument
from detente.store.tables import (
    ActorRow,
    DocumentActorRow,
    DocumentRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    MentionRow,
    QuoteRow,
    ReferenceClueRow,
    ReferenceTimeRow,
    SentenceRow,
    StanceRow,
)

DOCUMENT_COLUMNS = [
    "doc_id",
    "name",
    "title",
    "published",
    "date_convention",
    "outlet",
    "author",
    "url",
    "n_chars",
    "reference_earliest",
    "reference_latest",
]
SENTENCE_COLUMNS = ["doc_id", "doc", "idx", "start", "end", "text"]
ACTOR_COLUMNS = ["actor_id", "name", "type", "country", "role", "n_docs", "n_mentions"]
DOC_ACTOR_COLUMNS = ["doc_id", "doc", "actor_id", "name", "type", "country", "org", "role"]
MENTION_COLUMNS = [
    "doc_id",
    "doc",
    "actor_id",
    "name",
    "type",
    "country",
    "org",
    "start",
    "end",
    "text",
]
_ACTOR_FIELDS = ("id", "name", "type", "country", "org")
"""Actor fields of the per-document frames: ``country`` and ``org`` as of that document."""
EVENT_COLUMNS = [
    "doc_id",
    "doc",
    "published",
    "type",
    "mode",
    "date",
    "date_precision",
    "location",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "start",
    "end",
    "trigger",
    "background",
    "cluster",
    "cluster_date",
    "cluster_reports",
    "cluster_documents",
    "date_start",
    "date_end",
    "evidence",
    "date_evidence",
]
CLUSTER_COLUMNS = [
    "cluster",
    "type",
    "mode",
    "date",
    "date_precision",
    "location",
    "side_a",
    "side_b",
    "n_events",
    "n_reports",
    "n_documents",
    "background",
]
QUOTE_COLUMNS = [
    "doc_id",
    "doc",
    "published",
    *(f"speaker_{f}" for f in _ACTOR_FIELDS),
    "start",
    "end",
    "text",
    "cue",
    "sentence",
]
REFERENCE_CLUE_COLUMNS = [
    "doc_id",
    "doc",
    "event_id",
    "title",
    "event_date",
    "start",
    "end",
    "text",
    "sentence",
]
log = logging.getLogger(__name__)

STANCE_COLUMNS = [
    "doc_id",
    "doc",
    "published",
    *(f"actor_{f}" for f in _ACTOR_FIELDS),
    "issue",
    "direction",
    "kind",
    "position",
    "relative_id",
    "cue",
    "start",
    "end",
    "evidence",
]


# -- writing ----------------------------------------------------------------------------------


def _upsert_actors(s: Session, actors: list[ActorRecord]) -> dict[str, int]:
    """Insert or update the document's actors; their primary keys by actor id.

    One ``INSERT ... ON CONFLICT (actor_id) DO UPDATE`` on SQLite and PostgreSQL, so two
    writers storing the same new actor at once cannot race (the second updates the
    row the first inserted). Rows go in actor-id order, so concurrent transactions
    lock shared actors in one order and cannot deadlock. An update keeps a known role
    when the new record has none.
    """
    if not actors:
        return {}
    rows = [
        {
            "actor_id": a.actor_id,
            "name": a.name,
            "type": a.type,
            "country": a.country,
            "role": a.role,
        }
        for a in sorted(actors, key=lambda a: a.actor_id)
    ]
    dialect = s.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as upsert
        else:
            from sqlalchemy.dialects.postgresql import insert as upsert
        table = ActorRow.__table__
        stmt = upsert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.actor_id],
            set_={
                "name": stmt.excluded.name,
                "type": stmt.excluded.type,
                "country": stmt.excluded.country,
                "role": func.coalesce(stmt.excluded.role, table.c.role),
            },
        )
        s.execute(stmt, rows)
    else:  # other databases: read, then insert or update (one writer at a time)
        found = {
            r.actor_id: r
            for r in s.scalars(
                select(ActorRow).where(ActorRow.actor_id.in_([r["actor_id"] for r in rows]))
            )
        }
        for r in rows:
            row = found.get(r["actor_id"])
            if row is None:
                s.add(ActorRow(**r))
            else:
                row.name, row.type, row.country = r["name"], r["type"], r["country"]
                row.role = r["role"] or row.role
        s.flush()
    return _actor_keys(s, [r["actor_id"] for r in rows])


def _actor_keys(s: Session, actor_ids: Iterable[str]) -> dict[str, int]:
    ids = list(actor_ids)
    if not ids:
        return {}
    stmt = select(ActorRow.actor_id, ActorRow.id).where(ActorRow.actor_id.in_(ids))
    return {actor_id: pk for actor_id, pk in s.execute(stmt)}


def write_extraction(
    s: Session,
    doc: DocumentRow,
    extraction: DocumentExtraction,
    *,
    where: str,
    on_warning: Callable[[str], None] | None = None,
) -> None:
    """Add the rows of ``extraction`` for the (flushed) document ``doc``.

    Facts that do not fit the document (a span past the text, an actor neither in
    ``extraction.actors`` nor in the store, a field too long for its column) are
    repaired or dropped one by one by :func:`~detente.store.consistency.checked`; each
    change is one line passed to ``on_warning``.

    Raises:
        InputError: the extraction is for another document (nothing of it can be used).
    """
    if extraction.doc_id != doc.doc_id:
        raise InputError(
            where, f"extraction is for document {extraction.doc_id[:12]}, not {doc.doc_id[:12]}"
        )
    warn = on_warning or (lambda note: log.warning("%s: %s", where, note))
    actors = Checker(doc.doc_id, doc.text, warn).actors(extraction.actors)
    pk = _upsert_actors(s, actors)
    pk.update(_actor_keys(s, referenced_actors(extraction) - set(pk)))
    ex = checked(extraction, doc.text, set(pk), actors, warn)
    own = {rec.actor_id: rec for rec in actors}
    used = set(own) | referenced_actors(ex)
    # An actor a fact names but the document's list lacks keeps the state stored for it now.
    stored = _stored_countries(s, sorted(used - set(own)))

    def ref(actor_id: str | None) -> int | None:
        return pk.get(actor_id) if actor_id else None

    reference = ex.reference
    # Core executemany, not one ORM object per row: a news article has hundreds of mentions.
    tables = (
        (
            DocumentActorRow,
            [
                _document_actor(doc.id, pk[actor_id], own.get(actor_id), stored.get(actor_id))
                for actor_id in sorted(used)
            ],
        ),
        (
            SentenceRow,
            [
                {"document_id": doc.id, "idx": x.index, "start": x.start, "end": x.end}
                for x in ex.sentences
            ],
        ),
        (
            MentionRow,
            [
                {
                    "document_id": doc.id,
                    "actor": pk[m.actor_id],
                    "start": m.evidence.start,
                    "end": m.evidence.end,
                    "text": m.text,
                }
                for m in ex.mentions
            ],
        ),
        (
            EventRow,
            [
                {
                    "document_id": doc.id,
                    "type": e.type,
                    "mode": e.mode,
                    "source_actor": ref(e.source_id),
                    "target_actor": ref(e.target_id),
                    "date": e.date,
                    "location": e.location,
                    "start": e.evidence.start,
                    "end": e.evidence.end,
                    "trigger": e.trigger,
                    "background": bool(e.background),
                    "date_start": e.date_evidence.start if e.date_evidence else None,
                    "date_end": e.date_evidence.end if e.date_evidence else None,
                }
                for e in ex.events
            ],
        ),
        (
            QuoteRow,
            [
                {
                    "document_id": doc.id,
                    "speaker": ref(q.speaker_id),
                    "start": q.evidence.start,
                    "end": q.evidence.end,
                    "text": q.text,
                    "cue": q.cue,
                }
                for q in ex.quotes
            ],
        ),
        (
            StanceRow,
            [
                {
                    "document_id": doc.id,
                    "actor": pk[st.actor_id],
                    "issue": st.issue,
                    "direction": st.direction,
                    "kind": st.kind,
                    "start": st.evidence.start,
                    "end": st.evidence.end,
                    "position": st.position,
                    "relative_to": ref(st.relative_to),
                    "cue": st.cue or None,
                }
                for st in ex.stances
            ],
        ),
        (
            ReferenceTimeRow,
            [
                {
                    "document_id": doc.id,
                    "earliest": _day(reference.earliest, where),
                    "latest": _day(reference.latest, where),
                    "days": reference.days,
                }
            ]
            if reference
            else [],
        ),
        (
            ReferenceClueRow,
            [
                {
                    "document_id": doc.id,
                    "event_id": c.event_id,
                    "title": c.title,
                    "event_date": _day(c.event_date, where),
                    "start": c.evidence.start,
                    "end": c.evidence.end,
                }
                for c in (reference.clues if reference else ())
            ],
        ),
    )
    for table, rows in tables:
        if rows:
            s.execute(insert(table), rows)


def _document_actor(
    document_id: int, actor: int, record: ActorRecord | None, stored_country: str | None
) -> dict:
    """A ``document_actors`` row: role, state and body as the document's record gives them."""
    if record is None:
        return {
            "document_id": document_id,
            "actor": actor,
            "role": None,
            "country": stored_country,
            "org": None,
        }
    return {
        "document_id": document_id,
        "actor": actor,
        "role": record.role,
        "country": record.country,
        "org": record.org,
    }


def _stored_countries(s: Session, actor_ids: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for start in range(0, len(actor_ids), 500):  # bounded IN lists
        chunk = actor_ids[start : start + 500]
        stmt = select(ActorRow.actor_id, ActorRow.country).where(ActorRow.actor_id.in_(chunk))
        found.update(dict(s.execute(stmt).all()))
    return found


def _day(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(where, f"reference time: not an ISO date: {value!r}") from exc


# -- finding documents ------------------------------------------------------------------------


def find_document(s: Session, key: str) -> DocumentRow | None:
    """The document named ``key``, else hashed, else with the unique hash prefix ``key``.

    Else the feed article whose id is ``key`` (stored as ``feed.jsonl#key``).

    When several stored documents share a name (a file edited and ingested again), the
    most recently stored one is returned.
    """
    key = key.strip()
    doc = s.scalars(
        select(DocumentRow).where(DocumentRow.name == key).order_by(DocumentRow.id.desc())
    ).first()
    if doc is None:
        doc = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == key.lower()))
    if doc is None and len(key) >= 8 and all(c in "0123456789abcdef" for c in key.lower()):
        hits = s.scalars(
            select(DocumentRow).where(DocumentRow.doc_id.startswith(key.lower())).limit(2)
        ).all()
        doc = hits[0] if len(hits) == 1 else None
    if doc is None and "#" not in key:
        # an article of a JSONL feed is stored as "feed.jsonl#<id>"; its id alone names it
        doc = s.scalars(
            select(DocumentRow)
            .where(DocumentRow.name.endswith(f"#{key}"))
            .order_by(DocumentRow.id.desc())
        ).first()
    return doc


def stored_document(s: Session, doc: DocumentRow) -> StoredDocument:
    """The record for an ORM document row."""
    n_sentences = s.scalar(
        select(func.count()).select_from(SentenceRow).where(SentenceRow.document_id == doc.id)
    )
    return StoredDocument(
        doc_id=doc.doc_id,
        name=doc.name,
        source=doc.source,
        text=doc.text,
        title=doc.title,
        published=doc.published,
        date_convention=doc.date_convention,
        outlet=doc.outlet,
        author=doc.author,
        url=doc.url,
        ingested_at=doc.ingested_at,
        n_sentences=n_sentences or 0,
    )


# -- sentences and evidence -------------------------------------------------------------------


class _Texts:
    """Texts and sentence spans of documents, loaded once per query."""

    def __init__(self, s: Session, doc_pks: Iterable[int]) -> None:
        pks = sorted(set(doc_pks))
        self.text = (
            dict(
                s.execute(
                    select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(pks))
                ).all()
            )
            if pks
            else {}
        )
        spans: dict[int, list[tuple[int, int]]] = {}
        if pks:
            rows = s.execute(
                select(SentenceRow.document_id, SentenceRow.start, SentenceRow.end)
                .where(SentenceRow.document_id.in_(pks))
                .order_by(SentenceRow.document_id, SentenceRow.start)
            )
            for pk, start, end in rows:
                spans.setdefault(pk, []).append((start, end))
        self._spans = spans

    def spans(self, pk: int) -> list[tuple[int, int]]:
        if pk not in self._spans:
            self._spans[pk] = split_sentences(self.text[pk])
        return self._spans[pk]

    def sentence_span(self, pk: int, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) overlapping [start, end); the span itself if none do."""
        spans = self.spans(pk)
        starts = [a for a, _ in spans]
        lo = max(bisect.bisect_right(starts, start) - 1, 0)
        hi = bisect.bisect_left(starts, max(end, start + 1))
        hit = [(a, b) for a, b in spans[lo:hi] if b > start]
        if not hit:
            return start, end
        return trim(self.text[pk], min(a for a, _ in hit), max(b for _, b in hit))

    def sentence(self, pk: int, start: int, end: int) -> str:
        a, b = self.sentence_span(pk, start, end)
        return self.text[pk][a:b]


def _frame(rows: Sequence, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)


def _by_doc(stmt: Select, doc_id: str | None) -> Select:
    return stmt.where(DocumentRow.doc_id == doc_id) if doc_id else stmt


# -- frames -----------------------------------------------------------------------------------


def documents_frame(s: Session) -> pd.DataFrame:
    """See :meth:`Store.documents`."""
    stmt = (
        select(
            DocumentRow.doc_id,
            DocumentRow.name,
            DocumentRow.title,
            DocumentRow.published,
            DocumentRow.date_convention,
            DocumentRow.outlet,
            DocumentRow.author,
            DocumentRow.url,
            func.length(DocumentRow.text),
            ReferenceTimeRow.earliest,
            ReferenceTimeRow.latest,
        )
        .outerjoin(ReferenceTimeRow, ReferenceTimeRow.document_id == DocumentRow.id)
        .order_by(DocumentRow.name, DocumentRow.id)
    )
    return _frame(s.execute(stmt).all(), DOCUMENT_COLUMNS)


def sentences_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.sentences`."""
    stmt = _by_doc(
        select(
            SentenceRow.document_id,
            DocumentRow.doc_id,
            DocumentRow.name,
            SentenceRow.idx,
            SentenceRow.start,
            SentenceRow.end,
        )
        .join(DocumentRow, DocumentRow.id == SentenceRow.document_id)
        .order_by(DocumentRow.name, DocumentRow.id, SentenceRow.idx),
        doc_id,
    )
    rows = s.execute(stmt).all()
    texts = _Texts(s, (r[0] for r in rows))
    return _frame([(*r[1:], texts.text[r[0]][r.start : r.end]) for r in rows], SENTENCE_COLUMNS)


def actors_frame(s: Session) -> pd.DataFrame:
    """See :meth:`Store.actors`."""
    n_docs = (
        select(
            DocumentActorRow.actor, func.count(distinct(DocumentActorRow.document_id)).label("n")
        )
        .group_by(DocumentActorRow.actor)
        .subquery()
    )
    n_mentions = (
        select(MentionRow.actor, func.count().label("n")).group_by(MentionRow.actor).subquery()
    )
    stmt = (
        select(
            ActorRow.actor_id,
            ActorRow.name,
            ActorRow.type,
            ActorRow.country,
            ActorRow.role,
            func.coalesce(n_docs.c.n, 0),
            func.coalesce(n_mentions.c.n, 0),
        )
        .outerjoin(n_docs, n_docs.c.actor == ActorRow.id)
        .outerjoin(n_mentions, n_mentions.c.actor == ActorRow.id)
        .order_by(func.coalesce(n_mentions.c.n, 0).desc(), ActorRow.actor_id)
    )
    return _frame(s.execute(stmt).all(), ACTOR_COLUMNS)


def doc_actors_frame(s: Session) -> pd.DataFrame:
    """See :meth:`Store.doc_actors`."""
    stmt = (
        select(
            DocumentRow.doc_id,
            DocumentRow.name,
            ActorRow.actor_id,
            ActorRow.name,
            ActorRow.type,
            DocumentActorRow.country,
            DocumentActorRow.org,
            func.coalesce(DocumentActorRow.role, ActorRow.role),
        )
        .join(DocumentRow, DocumentRow.id == DocumentActorRow.document_id)
        .join(ActorRow, ActorRow.id == DocumentActorRow.actor)
        .order_by(DocumentRow.name, DocumentRow.id, ActorRow.actor_id)
    )
    return _frame(s.execute(stmt).all(), DOC_ACTOR_COLUMNS)


def mentions_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.mentions`."""
    doc_actor = aliased(DocumentActorRow)
    stmt = _by_doc(
        joined_actor(
            select(
                DocumentRow.doc_id,
                DocumentRow.name,
                *_actor_cols(ActorRow, doc_actor),
                MentionRow.start,
                MentionRow.end,
                MentionRow.text,
            ).join(DocumentRow, DocumentRow.id == MentionRow.document_id),
            ActorRow,
            doc_actor,
            MentionRow.actor,
            MentionRow.document_id,
            outer=False,
        ).order_by(DocumentRow.name, DocumentRow.id, MentionRow.start, MentionRow.id),
        doc_id,
    )
    return _frame(s.execute(stmt).all(), MENTION_COLUMNS)


def _with_sentences(
    s: Session, stmt: Select, columns: list[str], *, words: bool = False, also: bool = False
):
    """Run ``stmt`` and add the sentence each row's span stands in.

    The statement's first column is the document's key and its rows have ``start`` and
    ``end``; with ``words`` the span's own words come before the sentence; with ``also``
    the words of the span its last two columns give (None when they are null) come after.
    """
    rows = s.execute(stmt).all()
    texts = _Texts(s, (r[0] for r in rows))

    def after(r) -> tuple:
        if not also:
            return ()
        start, end = r[-2], r[-1]
        return (None if start is None or end is None else texts.text[r[0]][start:end],)

    return _frame(
        [
            (
                *r[1:],
                *((texts.text[r[0]][r.start : r.end],) if words else ()),
                texts.sentence(r[0], r.start, r.end),
                *after(r),
            )
            for r in rows
        ],
        columns,
    )


def _actor_cols(alias, doc_actor) -> tuple:
    """An actor's id, name and type, and its state and body in the row's document.

    The state is the document's own (``document_actors.country``: None for a person in
    an international post); the actor's shared one only where the document has no row.
    """
    return alias.actor_id, alias.name, alias.type, document_country(alias, doc_actor), doc_actor.org


def document_country(alias, doc_actor):
    """The state an actor served in a document (a SQL expression).

    ``document_actors.country`` where the document has a row for it (None for a person
    in an international post), else the actor's own.
    """
    return case((doc_actor.actor.is_(None), alias.country), else_=doc_actor.country)


def joined_actor(stmt: Select, alias, doc_actor, column, document_id, *, outer=True) -> Select:
    """``stmt`` joined to the actor ``column`` names and to its row for the same document."""
    join = stmt.outerjoin if outer else stmt.join
    return join(alias, alias.id == column).outerjoin(
        doc_actor, (doc_actor.document_id == document_id) & (doc_actor.actor == column)
    )


def events_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.events`."""
    src, tgt = aliased(ActorRow), aliased(ActorRow)
    src_doc, tgt_doc = aliased(DocumentActorRow), aliased(DocumentActorRow)
    stmt = select(
        EventRow.document_id,
        DocumentRow.doc_id,
        DocumentRow.name,
        DocumentRow.published,
        EventRow.type,
        EventRow.mode,
        EventRow.date,
        EventRow.location,
        *_actor_cols(src, src_doc),
        *_actor_cols(tgt, tgt_doc),
        EventRow.start,
        EventRow.end,
        EventRow.trigger,
        EventRow.background,
        EventClusterRow.key,
        EventClusterRow.date,
        EventClusterRow.n_reports,
        EventClusterRow.n_documents,
        EventRow.date_start,
        EventRow.date_end,
    ).join(DocumentRow, DocumentRow.id == EventRow.document_id)
    stmt = joined_actor(stmt, src, src_doc, EventRow.source_actor, EventRow.document_id)
    stmt = joined_actor(stmt, tgt, tgt_doc, EventRow.target_actor, EventRow.document_id)
    stmt = _by_doc(
        stmt.outerjoin(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
        .outerjoin(EventClusterRow, EventClusterRow.id == EventClusterMemberRow.cluster_id)
        .order_by(DocumentRow.name, DocumentRow.id, EventRow.start, EventRow.id),
        doc_id,
    )
    columns = [c for c in EVENT_COLUMNS if c != "date_precision"]
    frame = _with_sentences(s, stmt, columns, also=True)
    frame["background"] = frame["background"].astype(bool)
    for col in ("date_start", "date_end"):  # offsets, or None: never a float
        frame[col] = pd.Series(
            [None if pd.isna(x) else int(x) for x in frame[col]], index=frame.index, dtype=object
        )
    frame.insert(columns.index("date") + 1, "date_precision", frame["date"].map(date_precision))
    return frame


def clusters_frame(s: Session) -> pd.DataFrame:
    """See :meth:`Store.event_clusters`."""
    c = EventClusterRow
    stmt = select(
        c.key,
        c.type,
        c.mode,
        c.date,
        c.location,
        c.side_a,
        c.side_b,
        c.n_events,
        c.n_reports,
        c.n_documents,
        c.background,
    ).order_by(c.date.is_(None), c.date, c.type, c.side_a, c.side_b, c.key)
    columns = [k for k in CLUSTER_COLUMNS if k != "date_precision"]
    frame = _frame(s.execute(stmt).all(), columns)
    frame["background"] = frame["background"].astype(bool)
    frame.insert(columns.index("date") + 1, "date_precision", frame["date"].map(date_precision))
    return frame


def quotes_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.quotes`."""
    spk, spk_doc = aliased(ActorRow), aliased(DocumentActorRow)
    stmt = select(
        QuoteRow.document_id,
        DocumentRow.doc_id,
        DocumentRow.name,
        DocumentRow.published,
        *_actor_cols(spk, spk_doc),
        QuoteRow.start,
        QuoteRow.end,
        QuoteRow.text,
        QuoteRow.cue,
    ).join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
    stmt = _by_doc(
        joined_actor(stmt, spk, spk_doc, QuoteRow.speaker, QuoteRow.document_id).order_by(
            DocumentRow.name, DocumentRow.id, QuoteRow.start, QuoteRow.id
        ),
        doc_id,
    )
    return _with_sentences(s, stmt, QUOTE_COLUMNS)


def stances_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.stances`."""
    act, act_doc, rel = aliased(ActorRow), aliased(DocumentActorRow), aliased(ActorRow)
    stmt = select(
        StanceRow.document_id,
        DocumentRow.doc_id,
        DocumentRow.name,
        DocumentRow.published,
        *_actor_cols(act, act_doc),
        StanceRow.issue,
        StanceRow.direction,
        StanceRow.kind,
        StanceRow.position,
        rel.actor_id,
        StanceRow.cue,
        StanceRow.start,
        StanceRow.end,
    ).join(DocumentRow, DocumentRow.id == StanceRow.document_id)
    stmt = _by_doc(
        joined_actor(stmt, act, act_doc, StanceRow.actor, StanceRow.document_id, outer=False)
        .outerjoin(rel, rel.id == StanceRow.relative_to)
        .order_by(DocumentRow.name, DocumentRow.id, StanceRow.start, StanceRow.id),
        doc_id,
    )
    return _with_sentences(s, stmt, STANCE_COLUMNS)


def reference_clues_frame(s: Session, doc_id: str | None) -> pd.DataFrame:
    """See :meth:`Store.reference_clues`."""
    stmt = _by_doc(
        select(
            ReferenceClueRow.document_id,
            DocumentRow.doc_id,
            DocumentRow.name,
            ReferenceClueRow.event_id,
            ReferenceClueRow.title,
            ReferenceClueRow.event_date,
            ReferenceClueRow.start,
            ReferenceClueRow.end,
        )
        .join(DocumentRow, DocumentRow.id == ReferenceClueRow.document_id)
        .order_by(DocumentRow.name, DocumentRow.id, ReferenceClueRow.start, ReferenceClueRow.id),
        doc_id,
    )
    return _with_sentences(s, stmt, REFERENCE_CLUE_COLUMNS, words=True)


# -- locators ---------------------------------------------------------------------------------


def resolve(s: Session, locator) -> ResolvedLocator:
    """See :meth:`Store.resolve`."""
    doc = find_document(s, locator.doc)
    if doc is None:
        raise NotFound(
            f"locator document {locator.doc!r} is not in the store "
            "(give a file name or content hash)"
        )
    if not locator.quote or not locator.quote.strip():
        raise NotFound(f"{doc.name}: the locator has no words to look for")
    hit = find(doc.text, locator.quote)
    if hit is None:
        raise NotFound(f"{doc.name}: no sentence contains {' '.join(locator.quote.split())!r}")
    texts = _Texts(s, [doc.id])
    start, end = texts.sentence_span(doc.id, *hit)
    return ResolvedLocator(
        locator=locator,
        doc_id=doc.doc_id,
        doc_name=doc.name,
        evidence=Evidence(doc.doc_id, start, end),
        sentence=doc.text[start:end],
    )
