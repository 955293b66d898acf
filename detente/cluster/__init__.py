"""Past one machine: ingest and Monte Carlo on a Dask cluster (``pip install 'detente[cluster]'``).

:func:`connect` opens a :class:`Cluster` from ``tcp://HOST:PORT`` (a ``dask scheduler``
with ``dask worker`` processes) or ``local:N`` (a ``LocalCluster`` of N worker
processes); :func:`ingest_on_cluster` sends batches of articles to its workers and
writes what they extract; ``Cluster.map`` runs the seeded blocks of a Monte Carlo or a
sensitivity analysis (:mod:`detente.bargain.analysis.uncertainty`). Dask is imported only here,
so the rest of detente works without the extra; importing this package without it
raises a :class:`~detente.errors.DetenteError` saying how to install it.
"""

from detente.errors import DetenteError

try:
    import distributed  # noqa: F401
except ImportError as exc:  # pragma: no cover - the extra is installed by make setup
    raise DetenteError(
        "the cluster options need Dask: pip install -e '.[cluster]' (make setup installs it)"
    ) from exc

from detente.cluster.client import Cluster, connect  # noqa: E402
from detente.cluster.ingest import (  # noqa: E402
    PIPELINE_PLUGIN,
    PipelinePlugin,
    extract_batch,
    ingest_on_cluster,
)

__all__ = [
    "PIPELINE_PLUGIN",
    "Cluster",
    "PipelinePlugin",
    "connect",
    "extract_batch",
    "ingest_on_cluster",
]
