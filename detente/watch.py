"""Watch a folder: the files that arrive, and the corpus views refreshed after each batch.

The watch itself is :func:`detente.api.watch_folder`; this module gives it the batches of
changed files (:func:`changed_files`), the views it refreshes (:func:`corpus_views`) and
the record it reports after each batch (:class:`WatchUpdate`).

The watch first ingests whatever in the folder is not stored yet (so a restart picks up
where the last run stopped: stored articles are skipped by content hash), then waits for
files to be added or changed (``watchfiles``: inotify on Linux, polling where the
platform has no notification) and ingests each batch of them. After every batch that
stored something it refreshes what is derived from the corpus: the most active dyads,
the channel states of one dyad, the scenario's evidence check and, when asked, the HTML
report. Stopping (Ctrl-C, or its ``stop`` event set) ends the wait cleanly; every
article is written in its own transaction, so an interrupted batch leaves whole
documents only.

A changed file's new text is a new document next to the earlier one, as with
``detente ingest`` (documents are kept by content); deleting a file removes nothing.
Files are best dropped in whole (written elsewhere, or under a hidden name, then
renamed), since a half-written file would be read as it is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detente.ingest.readers import SUFFIXES
from detente.ingest.records import IngestReport

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1600
"""Changes closer together than this (ms) form one batch (watchfiles' default)."""

TICK_MS = 500
"""Longest wait (ms) of the watcher before it hands back an empty batch."""


@dataclass(frozen=True)
class WatchUpdate:
    """What one batch did, and the corpus-derived views refreshed after it."""

    batch: int
    """0 for the catch-up of what was already in the folder, then 1, 2, ..."""
    report: IngestReport
    """Stored, unchanged and failed items of the batch."""
    n_documents: int
    """Documents in the store after the batch."""
    dyads: pd.DataFrame
    """``relations.dyad_summary`` of the whole store: a, b, n_events, score_sum, score_mean."""
    channels: pd.DataFrame
    """Latest state of each channel of the watched dyad: channel, name, period, state."""
    locators: tuple[int, int] | None
    """(resolved, total) evidence locators of the scenario, or None without one."""
    report_path: Path | None
    """The HTML report written after the batch, or None."""


def wanted(path: Path, folder: Path) -> bool:
    """True for a file ``ingest`` reads from ``folder``: known suffix, no hidden part."""
    try:
        rel = path.resolve().relative_to(folder.resolve()).parts
    except ValueError:
        return False
    return (
        path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in rel)
    )


def changed_files(
    folder: Path, stop: threading.Event, *, debounce_ms: int = DEBOUNCE_MS
) -> Iterator[list[Path]]:
    """Batches of files added or changed in ``folder`` (sorted), until ``stop`` is set.

    An empty batch comes at least every :data:`TICK_MS` ms, the first one as soon as
    the watcher is armed: a caller that scans the folder after that first batch misses
    no file, whenever it arrives.
    """
    from watchfiles import Change, watch

    for changes in watch(
        folder,
        stop_event=stop,
        debounce=debounce_ms,
        raise_interrupt=False,
        yield_on_timeout=True,
        rust_timeout=TICK_MS,
    ):
        paths = {Path(p) for kind, p in changes if kind in (Change.added, Change.modified)}
        yield sorted(p for p in paths if wanted(p, folder))


def corpus_views(store, dyad: tuple[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The most active dyads of the store, and the latest state of each channel of ``dyad``."""
    from detente.relations import channel_states, dyad_summary

    events = store.events()
    channels = channel_states(events, *dyad, stances=store.stances())
    if not channels.empty:
        channels = channels.groupby("channel", sort=False).tail(1)
        channels = channels[["channel", "name", "period", "state"]].reset_index(drop=True)
    return dyad_summary(events), channels
