"""Retrying a transaction that lost a race with another writer.

Why: several ingests may write to one store at once (two ``detente ingest`` runs,
a watch process beside a manual run). SQLite serialises writers and answers
"database is locked" when a writer waits longer than its busy timeout; PostgreSQL
aborts one of two transactions that deadlock or conflict on a unique key. In each
case the losing transaction was rolled back whole, so running it again is safe
and is what the user wants: the article stored, not dropped.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 8
"""Tries of one transaction before the error reaches the caller."""

_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")
_PG_TRANSIENT = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
}
_PG_RACES = {
    "23505",  # unique_violation: a concurrent insert of the same key won
    "23503",  # foreign_key_violation: a concurrent writer replaced the row referred to
}  # (event clusters are rebuilt by whichever writer touches them; the next try re-reads)


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` is a lost race that a new attempt of the same transaction can win.

    SQLite: busy or locked. PostgreSQL: serialisation failure, deadlock, lock not
    available, a unique violation (another writer inserted the same key first; the
    next attempt sees its row) or a foreign-key violation (another writer replaced
    the row referred to, as when two writers rebuild the same event cluster).
    """
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code is not None:
        return code in _PG_TRANSIENT or (code in _PG_RACES and isinstance(exc, IntegrityError))
    if isinstance(exc, OperationalError):
        text = str(orig).lower()
        return any(marker in text for marker in _SQLITE_BUSY)
    return False


def retrying(
    work: Callable[[], T],
    *,
    what: str,
    attempts: int = ATTEMPTS,
    base_delay: float = 0.05,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``work`` (one whole transaction) again while it fails with a transient error.

    The wait doubles from ``base_delay`` with random jitter, so two writers that
    collided do not collide again in step. The last error propagates unchanged.

    Args:
        work: Opens, fills and commits one transaction; must be safe to repeat.
        what: Named in the log line of each retry.
        attempts: Tries in all.
        base_delay: Seconds before the second try.
        sleep: The wait (tests pass a recorder).
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            delay = base_delay * 2 ** (attempt - 1) * (1 + random.random())
            log.info("%s: %s; retry %d in %.2f s", what, _short(exc), attempt, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _short(exc: DBAPIError) -> str:
    return " ".join(str(exc.orig).split())[:120]
