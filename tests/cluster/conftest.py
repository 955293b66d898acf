"""A local Dask cluster shared by the module's tests, and invented articles to ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = {
    "geneva.txt": (
        "Geneva, 3 March 2025\n\n"
        "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in "
        "Geneva on Monday. The two delegations agreed to restore the staff of both embassies, "
        "Lavrov told reporters after the meeting.\n\n"
        "\u201cWe will meet again within a month,\u201d Rubio said."
    ),
    "kyiv.txt": (
        "Kyiv, 5 March 2025\n\n"
        "Ukrainian President Volodymyr Zelensky rejected any deal made without Ukraine. "
        "Ukraine will not accept a ceasefire that leaves its territory occupied, he said in "
        "a video address on Wednesday."
    ),
    "beijing.txt": (
        "Beijing, 7 March 2025\n\n"
        "Chinese Foreign Minister Wang Yi called Lavrov on Friday and praised the contacts "
        "between Moscow and Washington. China urged all sides to keep talking, the ministry "
        "said in a statement."
    ),
}


def write_articles(folder: Path, names=None) -> Path:
    """Write the invented articles (all, or those named) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        if names is None or name in names:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def local_cluster():
    """Two worker processes on this machine (``--scheduler local:2``), for the whole session."""
    pytest.importorskip("distributed", reason="the cluster extra: pip install -e '.[cluster]'")
    from detente.cluster import connect

    with connect("local:2") as cluster:
        cluster.client.wait_for_workers(2, timeout=60)
        yield cluster
