"""Results the dashboard computes from the corpus, kept until the store changes.

Why: the relations views (dyad index, channels, triangle, dyad summary, framing) are
recomputed from every event of the corpus, a few tenths of a CPU-second each, and a
dashboard answers many requests for the same few views. They depend on nothing but
the store's contents and the request's parameters, so each result is kept under its
parameters and the store's write counter (:meth:`detente.store.Store.version`, bumped
by every write transaction of any process). Every request reads the counter first (one
small query); when it moved, everything kept is dropped. Because the counter is read
before the data, a result is never kept under a counter older than its data: after a
write, no request that starts later gets a result computed before it.

Requests for a result being computed wait for it instead of computing it again (20
connections asking for one cold view cost one computation, not 20). Errors are not
kept. The number of results kept is bounded (least recently used go first), since
request parameters are the client's choice. Kept results are shared between requests:
callers must not change them (copy a dict before adding to it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 256
"""Results kept at most (each a view of the corpus: a few hundred kB on a large corpus)."""


class _Pending:
    """A result being computed, which other requests for it wait on."""

    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class CorpusCache:
    """Results computed from one store, valid while its write counter stays the same.

    Args:
        version: Returns the store's write counter (``store.version``).
        max_entries: Results kept at most.
    """

    def __init__(self, version: Callable[[], int], *, max_entries: int = MAX_ENTRIES) -> None:
        self._version = version
        self._max = max_entries
        self._lock = threading.Lock()
        self._at: int | None = None
        self._entries: OrderedDict[Hashable, _Pending] = OrderedDict()
        self.hits = 0
        """Requests answered from a kept result (or one being computed)."""
        self.misses = 0
        """Requests that computed their result."""

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept under ``key`` for the store as it is now, else ``compute()``'s.

        Raises:
            Whatever ``compute`` raises (to every request waiting for that result); the
            error is not kept.
        """
        version = self._version()  # before the data: see the module docstring
        with self._lock:
            if version != self._at:
                self._entries.clear()
                self._at = version
            entry = self._entries.get(key)
            owner = entry is None
            if owner:
                entry = self._entries[key] = _Pending()
                while len(self._entries) > self._max:
                    self._entries.popitem(last=False)
                self.misses += 1
            else:
                self._entries.move_to_end(key)
                self.hits += 1
        if not owner:
            entry.done.wait()
            if entry.error is not None:
                raise entry.error
            return entry.value
        try:
            entry.value = compute()
        except BaseException as exc:
            entry.error = exc
            with self._lock:
                if self._entries.get(key) is entry:
                    del self._entries[key]
            raise
        finally:
            entry.done.set()
        return entry.value

    def frame(self, store, name: str):
        """``store.<name>()`` (``events``, ``stances``, ``actors`` ...), kept like any result."""
        return self.get(("frame", name), getattr(store, name))

    def clear(self) -> None:
        """Drop every kept result."""
        with self._lock:
            self._entries.clear()
            self._at = None


__all__ = ["MAX_ENTRIES", "CorpusCache"]
