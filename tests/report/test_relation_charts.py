"""The relations charts: valid SVG, marks where the numbers say, links and labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from detente import svg
from detente.report.charts import forecast as charts
from detente.report.charts import relations as rc
from detente.report.views.relations import spring_layout
from detente.svg import LABEL_W, PAD_R, WIDTH


def _svg(text: str) -> ET.Element:
    root = ET.fromstring(text)  # raises ParseError on malformed markup
    assert root.tag == "svg"
    return root


def _circles(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//circle")


def test_score_colour_runs_red_grey_green():
    assert svg.score_colour(-10) == "#c0452b"
    assert svg.score_colour(0) == "#b8bec8"
    assert svg.score_colour(10) == "#2f8a4e"
    assert svg.score_colour(50) == svg.score_colour(10)  # saturates
    assert svg.score_colour(float("nan")) == "#b8bec8"
    assert svg.score_colour(0.5, span=1.0) == svg.score_colour(5.0)


def test_time_axis_keeps_short_gaps_to_scale_and_cuts_long_ones():
    axis = svg.TimeAxis(
        ["2018-01-01", "2025-02-10", "2025-02-17", "2025-02-24"], cap_days=14, x0=0, x1=400
    )
    xs = [axis(d) for d in ("2018-01-01", "2025-02-10", "2025-02-17", "2025-02-24")]
    assert xs == sorted(xs)
    # the seven-year gap counts as 14 days: twice a week's step, not thousands of times
    week = xs[2] - xs[1]
    assert xs[3] - xs[2] == pytest.approx(week, abs=0.02)
    assert xs[1] - xs[0] == pytest.approx(2 * week, abs=0.02)
    assert axis.breaks == [1]
    drawn = "".join(axis.draw(100))
    assert 'class="brk"' in drawn and "2018-01-01" in drawn
    single = svg.TimeAxis(["2025-02-10"], cap_days=14, x0=0, x1=400)
    assert single("2025-02-10") == 200
    with pytest.raises(ValueError):
        svg.TimeAxis([], cap_days=14, x0=0, x1=400)


def _tl(date: str, score: float, quad: str, n: int) -> rc.TimelinePoint:
    return rc.TimelinePoint(date, score, quad, f"#event-{n}", f"event {n} <b>&</b>")


def test_timeline_places_events_by_date_and_score_and_links_them():
    points = [
        _tl("2025-02-04", -2.0, "verbal_conflict", 1),
        _tl("2025-02-12", 2.5, "verbal_cooperation", 2),
        _tl("2025-02-12", 2.5, "verbal_cooperation", 3),
        _tl("2025-02-19", -9.0, "material_conflict", 4),
    ]
    root = _svg(rc.timeline_chart(title="t", points=points))
    links = root.findall(".//a")
    assert [a.get("href") for a in links] == ["#event-1", "#event-2", "#event-3", "#event-4"]
    marks = [a.find("circle") for a in links]
    xs = [float(c.get("cx")) for c in marks]
    ys = [float(c.get("cy")) for c in marks]
    assert xs[0] < xs[1] < xs[2] < xs[3]  # same day spread sideways, never on top of each other
    assert xs[2] - xs[1] == pytest.approx(7.0)
    assert ys[1] == ys[2] < ys[0] < ys[3]  # higher score, higher on the page (smaller y)
    assert marks[3].get("fill") == rc.QUAD_COLOURS["material_conflict"]
    assert links[0].find("title").text == "event 1 <b>&</b>"  # escaped, read back as text
    assert all(LABEL_W <= x <= WIDTH - PAD_R for x in xs)


def test_index_chart_draws_series_with_linked_points():
    main = rc.IndexSeries(
        "USA \u2013 RUS",
        (
            rc.IndexPoint("2025-02-03", -2.0, 1, "#p1", "a"),
            rc.IndexPoint("2025-02-10", 4.0, 2, "#p2", "b"),
            rc.IndexPoint("2025-02-17", 5.0, 2, "#p3", "c"),
        ),
    )
    one_way = rc.IndexSeries("USA \u2192 RUS", (rc.IndexPoint("2025-02-10", 4.0, 2, "#p2", "d"),))
    root = _svg(rc.index_chart(title="idx", series=[main, one_way], freq="W"))
    paths = [p for p in root.findall(".//path") if p.get("stroke")]
    assert len(paths) == 1  # a one-point series has no line
    links = root.findall(".//a")
    assert {a.get("href") for a in links} == {"#p1", "#p2", "#p3"}
    main_marks = [a.find("circle") for a in links if a.find("title").text in "abc"]
    ys = [float(c.get("cy")) for c in main_marks]
    assert ys[0] > ys[1] > ys[2]  # the index rises: each point higher than the last
    zero = [ln for ln in root.findall(".//line") if ln.get("class") == "zero"]
    assert len(zero) == 1 and ys[0] > float(zero[0].get("y1")) > ys[1]
    assert "USA \u2013 RUS" in ET.tostring(root, encoding="unicode")
    with pytest.raises(ValueError):
        rc.index_chart(title="none", series=[rc.IndexSeries("x", ())])


def test_network_chart_sizes_and_colours_by_the_numbers():
    nodes = [
        rc.GraphNode("USA", "United States", "state", 7, 1.0, 0.5),
        rc.GraphNode("RUS", "Russia", "state", 8, 0.0, 0.5),
        rc.GraphNode("org.x", "Some <Org>", "organization", 1, 0.5, 0.0),
    ]
    edges = [
        rc.GraphEdge("RUS", "USA", 6, 2.0, "coop"),
        rc.GraphEdge("RUS", "org.x", 1, -3.0, "conf"),
        rc.GraphEdge("USA", "gone", 1, 0.0, "dropped: node not drawn"),
    ]
    root = _svg(rc.network_chart(title="net", nodes=nodes, edges=edges))
    lines = [ln for ln in root.findall(".//line") if ln.get("class") == "edge"]
    assert len(lines) == 2
    assert float(lines[0].get("stroke-width")) > float(lines[1].get("stroke-width"))
    assert lines[0].get("stroke") == svg.score_colour(2.0, 5)
    assert lines[1].get("stroke") == svg.score_colour(-3.0, 5)
    circles = [c for c in _circles(root) if c.get("class") == "node"]
    radius = {c.get("fill"): float(c.get("r")) for c in circles}
    assert radius[rc.KIND_COLOURS["organization"]] < radius[rc.KIND_COLOURS["state"]]
    assert "Some <Org>" in [t.text for t in root.iter("text")]


def test_triangle_chart_colours_sides_by_sign():
    root = _svg(
        rc.triangle_chart(
            title="t",
            names=("USA", "RUS", "CHN"),
            signs=(1, -1, 0),
            carried=(False, False, False),
            roles=("wing", "pivot", None),
            caption="2025-02-01: romantic triangle",
        )
    )
    sides = [ln for ln in root.findall(".//line") if ln.get("stroke-width") == "4"]
    assert [s.get("stroke") for s in sides] == [
        rc.SIGN_COLOURS[1],
        rc.SIGN_COLOURS[-1],
        rc.SIGN_COLOURS[0],
    ]
    assert sides[2].get("stroke-dasharray") and not sides[0].get("stroke-dasharray")
    texts = [t.text for t in root.iter("text")]
    assert "pivot" in texts and "wing" in texts


def test_heatmap_writes_each_value_in_its_cell():
    root = _svg(
        rc.heatmap_chart(
            title="tone",
            rows=["Outlet A", "Outlet B"],
            columns=["Russia", "A & B"],
            cells={(0, 0): (0.25, "a"), (1, 1): (-0.5, "b")},
            span=0.5,
        )
    )
    rects = root.findall(".//rect")
    assert [r.get("fill") for r in rects] == [svg.score_colour(0.25, 0.5), svg.score_colour(-10)]
    texts = [t.text for t in root.iter("text")]
    assert "+0.25" in texts and "-0.50" in texts and "A & B" in texts


def test_position_map_puts_actors_and_forecast_on_each_issue_scale():
    issues = [
        charts.MapIssue("Border", 0, 100, 40.0, (30.0, 50.0), others=(60.0,)),
        charts.MapIssue("Sanctions", 0, 10, None, None),
    ]
    cells = {
        (0, 0): charts.MapCell(20.0, 0.9, 10.0, 30.0),
        (1, 0): charts.MapCell(80.0, 0.1),
        (1, 1): charts.MapCell(10.0, 0.5),
    }
    root = _svg(
        charts.position_map(
            title="map",
            actors=["Atlantis", "Borduria"],
            issues=issues,
            cells=cells,
            model="compromise",
        )
    )
    actors = [c for c in _circles(root) if c.get("class") == "actor"]
    assert len(actors) == 3
    x_a, x_b = float(actors[0].get("cx")), float(actors[1].get("cx"))
    assert x_a < x_b
    assert float(actors[0].get("r")) > float(actors[1].get("r"))  # salience 0.9 vs 0.1
    fc = [ln for ln in root.findall(".//line") if ln.get("class") == "fc"]
    assert len(fc) == 1 and x_a < float(fc[0].get("x1")) < x_b  # forecast 40 between 20 and 80
    band = [r for r in root.findall(".//rect") if r.get("class") == "mc"]
    assert len(band) == 1
    assert float(band[0].get("x")) < float(fc[0].get("x1"))
    assert len([ln for ln in root.findall(".//line") if ln.get("class") == "other"]) == 1
    # the second issue has its own scale: 10 on [0, 10] is at the right end of its column
    assert float(actors[2].get("cx")) > float(fc[0].get("x1"))


def test_spring_layout_is_deterministic_bounded_and_pulls_neighbours_together():
    edges = np.array([[0, 1], [1, 2], [3, 4]])
    weights = np.array([3.0, 1.0, 1.0])
    a = spring_layout(6, edges, weights, random_state=7, iterations=200)
    b = spring_layout(6, edges, weights, random_state=7, iterations=200)
    assert np.array_equal(a, b)
    assert a.shape == (6, 2) and np.isfinite(a).all()
    assert a.min() >= 0 and a.max() <= 1
    d = np.linalg.norm(a[:, None] - a[None], axis=-1)
    assert d[0, 1] < d[0, 5] and d[3, 4] < d[3, 5]  # linked nodes sit closer than the loner
    assert spring_layout(0, edges[:0], weights[:0], random_state=1, iterations=5).shape == (0, 2)
    assert spring_layout(1, edges[:0], weights[:0], random_state=1, iterations=5).tolist() == [
        [0.5, 0.5]
    ]
