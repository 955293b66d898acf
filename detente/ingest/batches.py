"""New articles in batches: read, drop repeats and what is already stored, before any NLP.

Both ingest paths (one process, :func:`detente.api.ingest_paths`; a Dask cluster,
:func:`detente.cluster.ingest_on_cluster`) take their work from here, so they skip
exactly the same articles. What is stored is asked through a callable (the store's
``stored_ids``), one query per batch, so this stage needs no store of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from detente.ingest.readers import MAX_BYTES, read_paths
from detente.ingest.records import Article, IngestFailure, IngestReport, IngestWarning


def new_article_batches(
    paths: Iterable[Path | str],
    *,
    stored_ids: Callable[[list[str]], set[str]],
    report: IngestReport,
    batch_size: int = 16,
    on_item: Callable[[str], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[list[Article]]:
    """Batches of at most ``batch_size`` articles that are neither repeats nor stored.

    A file that cannot be read goes to ``report.failures``; an article whose content
    hash was already read in this run, or is stored (``stored_ids`` of the batch's
    hashes), goes to ``report.unchanged`` (a repeat within the run also to
    ``report.warnings``, naming the file it repeats); each is passed to ``on_item`` at once.

    Args:
        paths: Files or folders (searched recursively).
        stored_ids: Given content hashes, returns those already stored.
        report: Where failures and unchanged articles are recorded.
        batch_size: Articles per batch (>= 1).
        on_item: Called with the name of every item this function settles.
        max_bytes: Size limit of one file (one line of a JSON Lines feed).
    """
    done = on_item or (lambda name: None)
    seen: dict[str, str] = {}
    pending: list[Article] = []

    def flush() -> list[Article]:
        known = stored_ids([a.content_hash for a in pending])
        fresh = []
        for article in pending:
            if article.content_hash in known:
                report.unchanged.append(article.name)
                done(article.name)
            else:
                fresh.append(article)
        pending.clear()
        return fresh

    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, IngestFailure):
            report.failures.append(item)
            done(item.path)
        elif item.content_hash in seen:
            first = seen[item.content_hash]
            report.warnings.append(IngestWarning(item.source, f"same text as {first}; stored once"))
            report.unchanged.append(item.name)
            done(item.name)
        else:
            seen[item.content_hash] = item.source
            pending.append(item)
            if len(pending) >= batch_size and (fresh := flush()):
                yield fresh
    if pending and (fresh := flush()):
        yield fresh
