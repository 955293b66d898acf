"""The report's relations part on the seed articles as the pipeline extracts them (slow: spaCy).

The report shows the US-Russia index rising across February 2025 on the seed
articles, with evidence behind each point.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from detente.report import build_report, gather
from tests.report.test_build import assert_self_contained, parse

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extracted_seeds(seeds_dir, tmp_path_factory):
    from detente.api import ingest_paths
    from detente.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('relseeds') / 'seeds.db'}"
    with open_store(url) as store:
        report = ingest_paths([seeds_dir], store=store)
        assert not report.failures, report.failures
        yield store


def test_us_russia_index_rises_across_february_2025_with_evidence(extracted_seeds, tmp_path):
    data = gather(extracted_seeds, random_state=5, draws=0)
    first = data.relations.dyads[0]
    assert (first.a, first.b) == ("USA", "RUS")
    points = first.series[0].points
    february = [p for p in points if p.period and p.period.startswith("2025-02")]
    assert len(february) >= 2, [p.period for p in points]
    sums = [p.score_sum for p in february]
    assert sums[-1] > sums[0] and sums == sorted(sums), sums
    for p in points:
        assert p.evidence and len(p.evidence) == p.n_events
        assert all(e.sentence.strip() and e.anchor for e in p.evidence)

    html = build_report(extracted_seeds, tmp_path, draws=0, random_state=5).read_text(
        encoding="utf-8"
    )
    p = parse(html)
    ids = set(p.ids)
    assert not sorted({h for h in p.hrefs if h.startswith("#") and h[1:] not in ids})
    assert_self_contained(html)
    block = html.split('id="dyad-usa-rus"')[1].split("</details>")[0]
    svg = ET.fromstring(re.search(r"<svg\b.*?</svg>", block, flags=re.S).group(0))
    hrefs = {a.get("href") for a in svg.findall(".//a")}
    assert {f"#{q.anchor}" for q in february} <= hrefs
    for q in february:
        row = block.split(f'id="{q.anchor}"')[1].split("</tr>")[0]
        assert row.count("<li>") == q.n_events
