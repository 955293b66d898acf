"""Store: documents and extracted facts in SQL (SQLite by default, PostgreSQL too).

Open with :func:`open_store` (a context manager too); the schema is migrated to the
newest revision on open. Reads return records and DataFrames, never ORM rows.
"""

from detente.store.records import ResolvedLocator, StoredDocument
from detente.store.store import Store, open_store, write_error

__all__ = ["ResolvedLocator", "Store", "StoredDocument", "open_store", "write_error"]
