"""The store: documents and extracted facts in SQL, handed out as records and DataFrames.

Why this shape (datasette, the FastAPI template): one :class:`Store` object over an
engine; :meth:`Store.transaction` is the only place that commits, so a document and
its facts are written all-or-nothing; writes are idempotent by content hash, so a
re-run changes nothing; the schema is brought to the newest Alembic revision every
time a store is opened, so an older store upgrades in place. ORM rows never leave
this package: reads return :mod:`pandas` DataFrames with a fixed column order (empty
ones keep their columns) or the records of :mod:`detente.store.records`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from detente.errors import DetenteError, InputError, NotFound
from detente.extract.records import DocumentExtraction
from detente.ingest.records import Article
from detente.store import cluster_rows, queries, tracks
from detente.store.retry import retrying
from detente.store.tables import (
    DocumentActorRow,
    DocumentRow,
    EventRow,
    MentionRow,
    QuoteRow,
    ReferenceClueRow,
    ReferenceTimeRow,
    SentenceRow,
    StanceRow,
    StoreStateRow,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
_FACT_TABLES = (
    SentenceRow,
    MentionRow,
    EventRow,
    QuoteRow,
    StanceRow,
    DocumentActorRow,
    ReferenceTimeRow,
    ReferenceClueRow,
)


BUSY_TIMEOUT = 30.0
"""Seconds a SQLite writer waits for another writer's lock before "database is locked"."""

_WRITE = "detente_write"
"""Execution option marking a connection that will write (see :func:`_sqlite_begin`)."""


def _sqlite_connect(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling commits before every DDL statement, which
    # makes a migration one fsync per statement and not atomic; hand transactions to
    # SQLAlchemy instead (the recipe in SQLAlchemy's SQLite dialect documentation).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_wal(dbapi_connection, _record) -> None:
    """Write-ahead logging for a SQLite file, so readers never wait for a writer.

    The mode is stored in the file, so this is a no-op after the first connection;
    when another process holds the file at that moment the switch is left to a later
    connection (rollback-journal mode with immediate write transactions is still safe).
    """
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as exc:
        log.info("journal mode left unchanged: %s", exc)
    finally:
        cursor.close()


def _sqlite_begin(connection) -> None:
    # A write transaction takes the write lock at BEGIN (IMMEDIATE): a deferred one
    # that reads first and writes later cannot wait for the lock (SQLite answers
    # "database is locked" at once to avoid a deadlock between two such upgraders).
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys on and its folder created.

    Raises:
        InputError: the URL cannot be parsed or its driver is not installed.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(url, f"not a valid database URL ({exc})") from exc
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(
                    url, f"cannot create folder {folder}: {exc.strerror or exc}"
                ) from exc
            kwargs = {"connect_args": {"timeout": BUSY_TIMEOUT}}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        shown = parsed.render_as_string(hide_password=True)
        raise InputError(shown, f"cannot use this database: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        if parsed.database not in (None, "", ":memory:"):
            event.listen(engine, "connect", _sqlite_wal)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, its transactions marked as writes (SQLite: ``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{_WRITE: True})


def migration_config(engine: Engine) -> Config:
    """Alembic configuration for the migrations shipped in the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The store's Alembic revision (None for an empty database), read without a write lock."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


MIGRATION_LOCK = 0x64E7E17E
"""PostgreSQL advisory lock key held while a store's schema is migrated."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (``head`` by default) in one transaction.

    A store already at the head revision is only read, so opening it never waits
    for (or fails on) another process that is writing. Otherwise the upgrade runs in
    one write transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock
    taken first), so two processes opening one new store at once migrate it one after
    the other and the second finds it done.
    """
    cfg = migration_config(engine)
    if revision == "head":
        head = ScriptDirectory.from_config(cfg).get_current_head()
        if current_revision(engine) == head:
            return
    with writer(engine).begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def _report(notes: list[str], on_warning: Callable[[str], None] | None, where: str) -> None:
    for note in notes:
        if on_warning is None:
            log.warning("%s: %s", where, note)
        else:
            on_warning(note)


class Store:
    """Documents and extracted facts in a SQL database (see :func:`open_store`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error.

        The only place in detente that commits. On SQLite the write lock is taken at
        the start (``BEGIN IMMEDIATE``), so a concurrent writer waits its turn instead
        of failing half-way. The store's write counter (:meth:`version`) is bumped as the
        last statement before the commit, so its row is locked only for the commit itself.
        """
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.execute(
                    update(StoreStateRow)
                    .where(StoreStateRow.id == 1)
                    .values(version=StoreStateRow.version + 1)
                )
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session:
            yield session

    def version(self) -> int:
        """The store's write counter: it changes whenever any process commits a write.

        Read it *before* the data a cached result is computed from: a result is then
        never kept under a counter older than its data, so it is never served stale.
        """
        with self._read() as s:
            return int(s.scalar(select(StoreStateRow.version).where(StoreStateRow.id == 1)) or 0)

    # -- writes -----------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this content hash is stored."""
        with self._read() as s:
            return s.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == doc_id)) is not None

    def add_document(
        self,
        article: Article,
        extraction: DocumentExtraction | None = None,
        *,
        on_warning: Callable[[str], None] | None = None,
        cluster: bool = True,
    ) -> bool:
        """Store an article and its extracted facts in one transaction.

        A fact that does not fit the article (a span outside the text, an actor the
        document does not know, a field too long for its column) is repaired or
        dropped alone (see :mod:`detente.store.consistency`), never the article; each
        such change is passed to ``on_warning`` once the article is committed (logged
        when None). A transaction that loses a race with another writer is run again
        (:func:`~detente.store.retry.retrying`).

        With ``cluster`` (the default) the event clusters its events fall in are
        recomputed in the same transaction; a batch may pass False and call
        :meth:`cluster_pending` once at its end, which costs far less than one
        recomputation per article.

        Returns:
            False, changing nothing, when the content hash is already stored.

        Raises:
            InputError: the extraction is for another document; nothing is written.
        """
        notes: list[str] = []

        def attempt() -> bool:
            notes.clear()
            try:
                with self.transaction() as s:
                    if s.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == article.doc_id)):
                        return False
                    _write_document(
                        s, article, extraction, cluster=cluster, on_warning=notes.append
                    )
            except IntegrityError:
                if self.has_document(article.content_hash):
                    log.info("%s was stored concurrently; skipped", article.name)
                    return False
                raise
            return True

        created = retrying(attempt, what=f"storing {article.name}")
        _report(notes, on_warning, article.source)
        if created:
            log.debug("stored %s (%s)", article.name, article.content_hash[:12])
        return created

    def stored_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """The content hashes among ``doc_ids`` that are already stored (batched lookups)."""
        with self._read() as s:
            return _stored_ids(s, doc_ids)

    def add_documents(
        self,
        items: Sequence[tuple[Article, DocumentExtraction | None]],
        *,
        on_warning: Callable[[Article, str], None] | None = None,
    ) -> list[bool | Exception]:
        """Store a batch of articles with their facts in ONE transaction (one commit per batch).

        Each article is written in its own savepoint, so one that cannot be stored (an
        extraction of another document) or that another writer stored meanwhile is
        rolled back alone and the rest of the batch is committed; a fact that does not
        fit its article is repaired or dropped alone, as in :meth:`add_document`, and
        passed to ``on_warning`` with its article once the batch is committed (logged
        when None). A batch that loses a race with another writer is run again whole.
        One commit per batch rather than per article is what makes a single writer keep
        up with many extraction workers (see ``detente.cluster``). Event clusters are left
        to :meth:`cluster_pending`, which the caller runs once at the end of its run.

        Returns:
            Per article, in order: True (stored), False (the content hash was already
            stored, nothing changed) or the :class:`~detente.errors.DetenteError` /
            SQLAlchemy error that kept it out. If the commit itself fails, the error is
            raised and nothing of the batch is stored.
        """
        notes: list[tuple[Article, str]] = []

        def attempt() -> list[bool | Exception]:
            notes.clear()
            outcomes: list[bool | Exception] = []
            with self.transaction() as s:
                stored = _stored_ids(s, (a.content_hash for a, _ in items))
                for article, extraction in items:
                    if article.content_hash in stored:
                        outcomes.append(False)
                        continue
                    mine: list[str] = []
                    savepoint = s.begin_nested()
                    try:
                        _write_document(
                            s, article, extraction, cluster=False, on_warning=mine.append
                        )
                        savepoint.commit()
                    except (InputError, SQLAlchemyError) as exc:
                        savepoint.rollback()
                        concurrent = isinstance(exc, IntegrityError) and s.scalar(
                            select(DocumentRow.id).where(DocumentRow.doc_id == article.content_hash)
                        )
                        outcomes.append(False if concurrent else exc)
                        continue
                    notes.extend((article, note) for note in mine)
                    stored.add(article.content_hash)
                    outcomes.append(True)
            return outcomes

        outcomes = retrying(attempt, what=f"storing a batch of {len(items)}")
        for article, note in notes:
            if on_warning is None:
                log.warning("%s: %s", article.source, note)
            else:
                on_warning(article, note)
        return outcomes

    def set_extraction(
        self,
        doc_id: str,
        extraction: DocumentExtraction,
        *,
        on_warning: Callable[[str], None] | None = None,
        cluster: bool = True,
    ) -> None:
        """Replace a stored document's extracted facts in one transaction (re-extraction).

        Facts that do not fit are repaired or dropped alone, and ``cluster`` works, as in
        :meth:`add_document`.

        Raises:
            NotFound: no document has this content hash.
            InputError: the extraction is for another document; nothing changes.
        """
        notes: list[str] = []

        def attempt() -> str:
            notes.clear()
            with self.transaction() as s:
                doc = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
                if doc is None:
                    raise NotFound(f"no stored document with content hash {doc_id!r}")
                blocks = cluster_rows.document_blocks(s, doc.id)
                for table in _FACT_TABLES:
                    s.execute(delete(table).where(table.document_id == doc.id))
                queries.write_extraction(
                    s, doc, extraction, where=doc.name, on_warning=notes.append
                )
                if cluster:
                    blocks |= cluster_rows.document_blocks(s, doc.id)
                    cluster_rows.refresh_clusters(s, blocks)
                return doc.name

        name = retrying(attempt, what=f"re-extracting {doc_id[:12]}")
        _report(notes, on_warning, name)

    def remove_document(self, key: str) -> bool:
        """Delete a document and (by cascade) all its facts; False when it is not stored."""
        with self.transaction() as s:
            doc = queries.find_document(s, key)
            if doc is None:
                return False
            blocks = cluster_rows.document_blocks(s, doc.id)
            s.delete(doc)
            s.flush()
            cluster_rows.refresh_clusters(s, blocks)
        return True

    def recluster(self) -> int:
        """Recompute every event cluster in one transaction; returns how many there are."""
        with self.transaction() as s:
            return cluster_rows.refresh_clusters(s)

    def cluster_pending(self) -> int:
        """Bring the clusters up to date after writes that deferred it; returns blocks redone.

        A block needs it when one of its events belongs to no cluster (stored with
        ``cluster=False``, or before revision 0004) or one of its clusters lost members
        (a re-extraction or removal). :func:`open_store` runs it, so a batch that was
        interrupted is caught up the next time the store is opened.
        """
        with self._read() as s:  # the usual answer, nothing behind, needs no write lock
            if not cluster_rows.pending_blocks(s):
                return 0

        def attempt() -> int:
            with self.transaction() as s:
                blocks = cluster_rows.pending_blocks(s)
                cluster_rows.refresh_clusters(s, blocks)
                return len(blocks)

        return retrying(attempt, what="bringing event clusters up to date")

    # -- reads ------------------------------------------------------------------------------

    def documents(self):
        """One row per document.

        Columns: doc_id, name, title, published, date_convention, outlet, author, url, n_chars,
        reference_earliest, reference_latest (the inferred "now" of an undated document).
        """
        with self._read() as s:
            return queries.documents_frame(s)

    def document(self, key: str):
        """The stored document named or hashed ``key`` (or with hash prefix ``key``, >= 8 chars).

        Raises:
            NotFound: no such document.
        """
        with self._read() as s:
            doc = queries.find_document(s, key)
            if doc is None:
                raise NotFound(f"no stored document named or hashed {key!r}")
            return queries.stored_document(s, doc)

    def articles(self) -> Iterator[Article]:
        """Every stored article, by name, for re-extraction.

        Each document is read in its own short session, so the caller may write to the
        store (``set_extraction``) while iterating.
        """
        with self._read() as s:
            ids = s.scalars(select(DocumentRow.id).order_by(DocumentRow.name, DocumentRow.id)).all()
        for pk in ids:
            with self._read() as s:
                doc = s.get(DocumentRow, pk)
                article = queries.stored_document(s, doc).to_article() if doc is not None else None
            if article is not None:
                yield article

    def sentences(self, doc_id: str | None = None):
        """Sentence spans and texts: doc_id, doc, idx, start, end, text."""
        with self._read() as s:
            return queries.sentences_frame(s, doc_id)

    def actors(self):
        """Distinct actors: actor_id, name, type, country, role, n_docs, n_mentions."""
        with self._read() as s:
            return queries.actors_frame(s)

    def doc_actors(self):
        """One row per distinct actor per document, as that document has it.

        Columns: doc_id, doc, actor_id, name, type, country (the state it served there;
        None for a person in an international post), org (that body), role.
        """
        with self._read() as s:
            return queries.doc_actors_frame(s)

    def mentions(self, doc_id: str | None = None):
        """Actor mentions: doc_id, doc, actor_id, name, type, country, org, start, end, text."""
        with self._read() as s:
            return queries.mentions_frame(s, doc_id)

    def events(self, doc_id: str | None = None):
        """One row per event per document: actor fields, date and its precision, evidence.

        Columns: doc_id, doc, published, type, mode, date, date_precision (``day``,
        ``month``, ``year`` or None), location, source_/target_ id, name, type, country,
        start, end, trigger, background, cluster (key of the happening it reports),
        cluster_date, cluster_reports, cluster_documents (how many sentences and
        articles report that happening), date_start, date_end (span of the words the date
        was read from; null when it is the publication's), evidence (the sentence),
        date_evidence (those words). Actor columns give the state (``*_country``) and
        international body (``*_org``) as of the event's article.
        """
        with self._read() as s:
            return queries.events_frame(s, doc_id)

    def event_clusters(self):
        """One row per happening: the reports of one event grouped across documents.

        Columns: cluster (its key, as in ``events()``), type, mode, date, date_precision,
        location, side_a, side_b (sides at state level), n_events (event rows),
        n_reports (distinct sentences), n_documents (articles), background (every
        report tells it as history). See :mod:`detente.store.clusters` for the rules.
        """
        with self._read() as s:
            return queries.clusters_frame(s)

    def quotes(self, doc_id: str | None = None):
        """Quotations with speaker fields and the sentence they stand in."""
        with self._read() as s:
            return queries.quotes_frame(s, doc_id)

    def stances(self, doc_id: str | None = None):
        """Issue stances with actor fields and the evidence sentence."""
        with self._read() as s:
            return queries.stances_frame(s, doc_id)

    def reference_clues(self, doc_id: str | None = None):
        """Date phrases of undated documents tied to calendar events (the inferred "now").

        Columns: doc_id, doc, event_id, title, event_date, start, end, text, sentence.
        """
        with self._read() as s:
            return queries.reference_clues_frame(s, doc_id)

    # -- the living forecast ----------------------------------------------------------------

    def add_track(self, track) -> int:
        """Store a :class:`detente.bargain.track.Track` (all its runs) in one transaction.

        Returns:
            The new track's id.
        """
        with self.transaction() as s:
            return tracks.write_track(s, track)

    def tracks(self, scenario: str | None = None):
        """Stored tracks, newest first (of one scenario name when given).

        Columns: track_id, scenario, path, every, seed, params (JSON), created_at, n_runs,
        first, last.
        """
        with self._read() as s:
            return tracks.tracks_frame(s, scenario)

    def track_runs(self, track_id: int):
        """The runs of a track by date: track_id, as_of, n_documents, n_stances."""
        with self._read() as s:
            return tracks.runs_frame(s, track_id)

    def track_forecasts(self, track_id: int):
        """Each run's outcome per model and issue.

        Columns: track_id, as_of, model, issue, outcome, params (dict), error.
        """
        with self._read() as s:
            return tracks.forecasts_frame(s, track_id)

    def track_inputs(self, track_id: int):
        """The positions each run used.

        Columns: track_id, as_of, actor, issue, position, salience, clout, source
        (``draft`` or ``prior``), n_stances.
        """
        with self._read() as s:
            return tracks.inputs_frame(s, track_id)

    def track_sources(self, track_id: int):
        """The sentences that entered each run.

        Columns: track_id, as_of, issue, actor, doc_id, doc, start, end, position, sentence.
        """
        with self._read() as s:
            return tracks.sources_frame(s, track_id)

    def resolve(self, locator):
        """Resolve a scenario :class:`~detente.bargain.scenario.Locator` to its full sentence.

        The document is found by name or content hash; the locator's words are matched
        case-insensitively with whitespace, quote marks and dashes normalised, and the
        sentence(s) holding them are returned. Sentences come from the store, or from a
        regex split when the document was ingested without extraction.

        Raises:
            NotFound: the document is not stored or no sentence holds the words.
        """
        with self._read() as s:
            return queries.resolve(s, locator)


def write_error(exc: Exception) -> str:
    """Why a document could not be stored, in one line (for ``IngestFailure.reason``).

    An :class:`InputError` gives its reason alone: the failure line names the file already.
    """
    if isinstance(exc, InputError):
        reason = " ".join(exc.reason.split())
    elif isinstance(exc, DetenteError):
        reason = exc.one_line()
    else:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
    return f"could not be stored: {reason}"


def _stored_ids(s: Session, doc_ids: Iterable[str]) -> set[str]:
    ids = list(dict.fromkeys(doc_ids))
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # bounded IN lists
        chunk = ids[start : start + 500]
        found.update(s.scalars(select(DocumentRow.doc_id).where(DocumentRow.doc_id.in_(chunk))))
    return found


def _write_document(
    s: Session,
    article: Article,
    extraction: DocumentExtraction | None,
    *,
    cluster: bool,
    on_warning: Callable[[str], None] | None = None,
) -> None:
    """Add one article's document row and (when given) its facts to the session.

    ``cluster`` as in :meth:`Store.add_document`; ``on_warning`` gets one line per fact
    repaired or dropped (:func:`~detente.store.queries.write_extraction`).
    """
    doc = DocumentRow(
        doc_id=article.content_hash,
        name=article.name,
        source=article.source,
        title=article.title,
        published=article.published,
        date_convention=article.date_convention,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        text=article.text,
        ingested_at=datetime.now(UTC),
    )
    s.add(doc)
    s.flush()
    if extraction is not None:
        queries.write_extraction(s, doc, extraction, where=article.source, on_warning=on_warning)
        if cluster:
            cluster_rows.refresh_clusters(s, cluster_rows.document_blocks(s, doc.id))


def open_store(url: str | None = None) -> Store:
    """Open (and create or upgrade) the store at ``url``; also a context manager.

    Args:
        url: SQLAlchemy URL; default ``Settings().db`` (env ``DETENTE_DB``), a SQLite file.

    Raises:
        InputError: the URL is invalid or the database cannot be opened.
    """
    if url is None:
        from detente.settings import get_settings

        url = get_settings().db
    engine = make_engine(url)
    try:
        retrying(lambda: upgrade(engine), what="opening the store")
    except OperationalError as exc:
        engine.dispose()
        reason = " ".join(str(exc.orig).split())
        raise InputError(
            engine.url.render_as_string(hide_password=True), f"cannot open store: {reason}"
        ) from exc
    store = Store(engine)
    redone = store.cluster_pending()
    if redone:
        log.info("event clusters of %d block(s) were behind; brought up to date", redone)
    return store
