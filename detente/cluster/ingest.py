"""Distributed ingest: batches of articles to Dask workers, extraction records back, one writer.

The shape, and why:

* **This process reads and skips.** Files are read and cleaned here and their content
  hashes checked against the store one query per batch
  (:func:`~detente.ingest.batches.new_article_batches`), so an article already stored
  is never sent, exactly as in the one-process path.
* **Workers only extract.** Each worker builds the NLP pipeline once, when it joins
  (:class:`PipelinePlugin`, a Dask worker plugin; a worker that restarts builds it
  again), and a task (:func:`extract_batch`) turns a batch of articles into
  :class:`~detente.extract.records.DocumentExtraction` records. A task has no side
  effect, so when a worker dies mid-batch Dask simply runs the batch again elsewhere
  and nothing is lost or written twice.
* **One writer, one transaction per batch.** Results are written here as they come
  back (:meth:`~detente.store.Store.add_documents`: one commit per batch, a savepoint
  per article), overlapping with the workers' extraction. A single writer works with
  SQLite as well as PostgreSQL, needs no database access from the workers, and keeps
  "already stored?" and "store it" in one place. Its cost is the store's write share of
  the run (``benchmarks/scale.py`` measures it), which bounds how many workers one
  writer can keep busy.
* **Bounded memory.** At most a few batches per worker are in flight; the next batch is
  read only when one comes back.

A batch that keeps killing its workers (more often than Dask's
``distributed.scheduler.allowed-failures``; a document that crashes the process it runs
in) becomes one failure line per article; the rest of the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from distributed import WorkerPlugin, as_completed, get_worker
from sqlalchemy.exc import SQLAlchemyError

from detente.cluster.client import Cluster
from detente.errors import DetenteError
from detente.extract.records import DocumentExtraction
from detente.ingest.batches import new_article_batches
from detente.ingest.records import Article, IngestFailure, IngestReport, IngestWarning

log = logging.getLogger(__name__)

PIPELINE_PLUGIN = "detente-pipeline"
"""Name under which :class:`PipelinePlugin` is registered on every worker."""

IN_FLIGHT_PER_THREAD = 2
"""Batches sent per worker thread before waiting for one to come back: one running, one queued."""


class PipelinePlugin(WorkerPlugin):
    """Builds the extraction pipeline once per worker (Dask runs ``setup`` as a worker joins).

    Args:
        batch_size: Documents per ``nlp.pipe`` batch on the worker.
        issues: The :class:`~detente.issues.IssueSet` stances are read on; the packaged
            issues when None.
    """

    name = PIPELINE_PLUGIN

    def __init__(self, batch_size: int = 16, issues=None) -> None:
        self.batch_size = batch_size
        self.issues = issues
        self.extractor = None

    def setup(self, worker) -> None:
        """Load spaCy and detente's components before the first batch arrives."""
        from detente.extract import Extractor
        from detente.extract.pipeline import build_pipeline

        self.extractor = Extractor(
            nlp=build_pipeline(issues=self.issues), batch_size=self.batch_size, issues=self.issues
        )
        log.info("pipeline loaded on %s", worker.address)


def _has_pipeline(dask_worker) -> bool:
    """True when the worker's pipeline is loaded with the packaged issues."""
    plugin = dask_worker.plugins.get(PIPELINE_PLUGIN)
    return plugin is not None and plugin.extractor is not None and plugin.issues is None


def extract_batch(articles: list[Article]) -> list[DocumentExtraction | str]:
    """Extract a batch on a Dask worker: per article, its record or why extraction failed.

    Runs as a Dask task; the worker's pipeline comes from :class:`PipelinePlugin`.
    """
    plugin = get_worker().plugins.get(PIPELINE_PLUGIN)
    if plugin is None or plugin.extractor is None:
        raise RuntimeError(f"worker has no {PIPELINE_PLUGIN} plugin; register PipelinePlugin")
    return [
        f"extraction failed: {result}" if isinstance(result, Exception) else result
        for _, result in plugin.extractor.extract_many(articles)
    ]


def ingest_on_cluster(
    paths: Iterable[Path | str],
    *,
    store,
    cluster: Cluster,
    batch_size: int = 16,
    on_item: Callable[[str], None] | None = None,
    issues=None,
    max_bytes: int | None = None,
) -> IngestReport:
    """Ingest files or folders with the cluster's workers extracting; results as one process's.

    Args:
        paths: Files or folders (searched recursively).
        store: The open :class:`~detente.store.Store` written to (by this process only).
        cluster: An open :class:`~detente.cluster.Cluster`.
        batch_size: Articles per task (and per write transaction).
        on_item: Called with each item's name once it is settled (progress bars).
        issues: The :class:`~detente.issues.IssueSet` stances are read on (the packaged
            issues when None); the workers' pipelines are rebuilt with it.
        max_bytes: Size limit of one file (one line of a JSON Lines feed); the readers'
            default when None.

    Returns:
        The same :class:`~detente.ingest.records.IngestReport` as
        :func:`detente.api.ingest_paths` gives for the same input and store.
    """
    from detente.store import write_error

    report = IngestReport()
    done = on_item or (lambda name: None)
    client = cluster.client
    # a long-lived cluster keeps its workers' packaged pipelines between runs
    loaded = client.run(_has_pipeline) if issues is None else {}
    if not loaded or not all(loaded.values()):
        client.register_plugin(PipelinePlugin(batch_size, issues), name=PIPELINE_PLUGIN)
    sent: dict = {}
    finished = as_completed()

    def warn(article, message: str) -> None:
        report.warnings.append(IngestWarning(article.source, message))

    def settle(future) -> None:
        batch = sent.pop(future)
        try:
            results = future.result()
        except Exception as exc:  # whatever the task raised fails its batch, not the run
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            for article in batch:
                report.failures.append(
                    IngestFailure(article.source, f"extraction failed on the cluster: {reason}")
                )
                done(article.name)
            return
        extracted = []
        for article, result in zip(batch, results, strict=True):
            if isinstance(result, str):
                report.failures.append(IngestFailure(article.source, result))
                done(article.name)
            else:
                extracted.append((article, result))
        try:
            outcomes = store.add_documents(extracted, on_warning=warn) if extracted else []
        except (DetenteError, SQLAlchemyError) as exc:  # the commit failed: none of it stored
            outcomes = [exc] * len(extracted)
        for (article, _), outcome in zip(extracted, outcomes, strict=True):
            if isinstance(outcome, Exception):
                report.failures.append(IngestFailure(article.source, write_error(outcome)))
            else:
                (report.stored if outcome else report.unchanged).append(article.name)
            done(article.name)

    try:
        limit = {} if max_bytes is None else {"max_bytes": max_bytes}
        for batch in new_article_batches(
            paths,
            stored_ids=store.stored_ids,
            report=report,
            batch_size=batch_size,
            on_item=done,
            **limit,
        ):
            future = client.submit(extract_batch, batch, pure=False, retries=1)
            sent[future] = batch
            finished.add(future)
            while len(sent) >= IN_FLIGHT_PER_THREAD * max(1, cluster.n_threads):
                settle(next(finished))
        for future in finished:
            settle(future)
    finally:  # the event clusters of everything stored, in one pass (as ingest_paths does)
        store.cluster_pending()
    return report
