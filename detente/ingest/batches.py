"""New articles in batches: read, drop repeats and what is already stored, before any NLP.

Both ingest paths (one process, :func:`detente.api.ingest_paths`; a Dask cluster,
:func:`detente.cluster.ingest_on_cluster`) take their work from here, so they skip
exactly the same articles. What is stored is asked through a callable (the store's
``stored_ids``), one query per batch, so this stage needs no store of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from detente.ingest.readers import read_paths
from detente.ingest.records import Article, IngestFailure, IngestReport


def new_article_batches(
    paths: Iterable[Path | str],
    *,
    stored_ids: Callable[[list[str]], set[str]],
    report: IngestReport,
    batch_size: int = 16,
    on_item: Callable[[str], None] | None = None,
) -> Iterator[list[Article]]:
    """Batches of at most ``batch_size`` articles that are neither repeats nor stored.

    A file that cannot be read goes to ``report.failures``; an article whose content
    hash was already read in this run, or is stored (``stored_ids`` of the batch's
    hashes), goes to ``report.unchanged``; each is passed to ``on_item`` at once.

    Args:
        paths: Files or folders (searched recursively).
        stored_ids: Given content hashes, returns those already stored.
        report: Where failures and unchanged articles are recorded.
        batch_size: Articles per batch (>= 1).
        on_item: Called with the name of every item this function settles.
    """
    done = on_item or (lambda name: None)
    seen: set[str] = set()
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

    for item in read_paths(paths):
        if isinstance(item, IngestFailure):
            report.failures.append(item)
            done(item.path)
        elif item.content_hash in seen:
            report.unchanged.append(item.name)
            done(item.name)
        else:
            seen.add(item.content_hash)
            pending.append(item)
            if len(pending) >= batch_size and (fresh := flush()):
                yield fresh
    if pending and (fresh := flush()):
        yield fresh
