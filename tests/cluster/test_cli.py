"""The cluster options on the command line: one line for a bad scheduler, same numbers on one."""

from __future__ import annotations

import json

import pytest

from detente.cli import main
from tests.cluster.conftest import write_articles
from tests.conftest import REPO
from tests.test_cli import run

pytestmark = pytest.mark.cluster
SCENARIO = str(REPO / "scenarios" / "ukraine-2025.yaml")


def test_a_bad_scheduler_is_one_line(tmp_path, db_url):
    folder = write_articles(tmp_path / "in", ["kyiv.txt"])
    code, out, err = run("ingest", str(folder), "--db", db_url, "--scheduler", "localhost:1")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert err.startswith("error: localhost:1: not a scheduler address; give tcp://HOST:PORT")


def test_forecast_on_the_cluster_prints_the_local_numbers(local_cluster, capsys):
    args = ["forecast", SCENARIO, "--model", "weighted_median", "--draws", "1200", "--seed", "3"]
    outputs = []
    for extra in ([], ["--scheduler", local_cluster.local.scheduler_address]):
        with pytest.raises(SystemExit) as done:
            main([*args, "--format", "json", "--jobs", "1", *extra])
        assert done.value.code == 0
        outputs.append(json.loads(capsys.readouterr().out))
    here, there = outputs
    first = here["forecasts"][0]["issues"][0]
    assert here == there and first["p05"] < first["p95"]
