"""SVG builders: valid XML, numbers mapped to the right place, labels escaped."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from detente import svg
from detente.report.charts import forecast as charts
from detente.report.charts.forecast import ActorPoint, OutcomePoint, delta_chart, issue_chart


def _svg(text: str) -> ET.Element:
    root = ET.fromstring(text)  # raises ParseError on malformed markup
    assert root.tag == "svg"
    return root


def _chart(**kw) -> str:
    args = dict(
        title="Territory",
        low=0,
        high=100,
        actors=[
            ActorPoint("Atlantis", 20, weight=80, low=10, high=30),
            ActorPoint("Borduria", 90, weight=20),
            ActorPoint("Cascadia", 55, weight=0),
        ],
        outcomes=[OutcomePoint("compromise", 47.5, low=40, high=52), OutcomePoint("nash", 60)],
        status_quo=50,
        marks=[(25, "a quarter"), (75, "three quarters")],
        low_label="nothing",
        high_label="everything",
    )
    args.update(kw)
    return issue_chart(**args)


# the plot runs from the label gutter (x 170) to the right padding (x 736): 5.66 px per point
X = {20: 283.2, 40: 396.4, 47.5: 438.85, 50: 453.0, 52: 464.32, 55: 481.3, 90: 679.4}


def test_the_plot_spans_the_column_between_gutter_and_padding():
    assert (svg.LABEL_W, svg.WIDTH - svg.PAD_R) == (170, 736)


def test_issue_chart_is_valid_svg_with_one_marker_per_row():
    root = _svg(_chart())
    circles = root.findall(".//circle")
    assert [float(c.get("cx")) for c in circles] == [X[20], X[90], X[55]]
    diamonds = root.findall(".//path")
    assert len(diamonds) == 2
    assert diamonds[0].get("d").startswith(f"M{X[47.5]} ")
    band = [r for r in root.findall(".//rect") if r.get("class") == "mc"]
    assert len(band) == 1
    assert float(band[0].get("x")) == X[40]
    assert float(band[0].get("width")) == pytest.approx(67.92, abs=0.01)
    sq = [ln for ln in root.findall(".//line") if ln.get("class") == "sq"]
    assert [float(ln.get("x1")) for ln in sq] == [X[50]]


def test_marker_area_follows_weight_and_zero_weight_stays_visible():
    radii = [float(c.get("r")) for c in _svg(_chart()).findall(".//circle")]
    assert radii[0] == pytest.approx(charts.MAX_R)
    # a quarter of the heaviest weight: a quarter of the area above the smallest marker's
    assert (charts.MIN_R, charts.MAX_R, radii[1]) == pytest.approx((2.5, 10.0, 6.25))
    assert radii[2] == pytest.approx(charts.MIN_R)


def test_scale_offsets_and_clipping():
    root = _svg(
        _chart(
            low=-10,
            high=10,
            actors=[ActorPoint("A", 15, 1.0)],
            outcomes=[],
            status_quo=None,
            marks=[],
        )
    )
    (c,) = root.findall(".//circle")
    assert float(c.get("cx")) == 736  # clipped to the upper end


def test_tooltips_carry_the_exact_numbers():
    titles = [t.text for t in _svg(_chart()).iter("title")]
    assert "Atlantis: position 20 (uncertainty 10 to 30)" in titles
    assert "Borduria: position 90" in titles
    assert "compromise: outcome 47.5 (5-95 % band 40 to 52)" in titles
    assert "status quo 50" in titles
    assert "25: a quarter" in titles


def test_labels_are_escaped():
    evil = '<script>alert("x")</script> & "quotes"'
    short = "<b>x</b> & 'y'"
    text = _chart(title=evil, actors=[ActorPoint(short, 10, 1.0)], low_label=evil)
    root = _svg(text)
    assert "<script>" not in text and "<b>" not in text
    assert root.find(".//script") is None and root.find(".//b") is None
    assert short in [t.text for t in root.iter("text")]
    assert evil in [t.text for t in root.iter("title")]


def test_long_labels_are_shortened_with_the_full_text_in_the_tooltip():
    long = "Territorial control (Donetsk, Luhansk, Zaporizhzhia, Kherson, Crimea)"
    root = _svg(delta_chart(title="d", rows=[(long, 5.0)], span=100))
    (label,) = [t.text for t in root.iter("text") if t.text.startswith("Territorial")]
    assert len(label) == charts.LABEL_CHARS and label.endswith("\u2026")
    assert f"{long}: +5.00" in [t.text for t in root.iter("title")]


def test_missing_values_are_left_out():
    root = _svg(
        _chart(
            actors=[ActorPoint("A", math.nan, 1.0), ActorPoint("B", 30, 1.0)],
            outcomes=[OutcomePoint("m", math.nan), OutcomePoint("n", 40, low=math.nan, high=45)],
        )
    )
    assert len(root.findall(".//circle")) == 1
    assert len(root.findall(".//path")) == 1
    assert not [r for r in root.findall(".//rect") if r.get("class") == "mc"]


def test_empty_chart_is_still_valid():
    root = _svg(issue_chart(title="t", low=0, high=1, actors=[]))
    assert root.find(".//circle") is None


@pytest.mark.parametrize("low, high", [(0, 0), (5, 1), (0, math.inf)])
def test_bad_scale_raises(low, high):
    with pytest.raises(ValueError, match="bad scale"):
        issue_chart(title="t", low=low, high=high, actors=[])


def test_delta_chart_bars_point_the_right_way():
    rows = [("up", 10), ("down", -25), ("flat", 0), ("gone", math.nan)]
    root = _svg(delta_chart(title="d", rows=rows, span=100))
    rects = root.findall(".//rect")
    assert [r.get("class") for r in rects] == ["up", "down", "flat"]
    mid = (svg.LABEL_W + svg.WIDTH - svg.PAD_R) / 2
    half = (svg.WIDTH - svg.PAD_R - svg.LABEL_W) / 2 - 40
    assert float(rects[0].get("x")) == pytest.approx(mid)
    assert float(rects[0].get("width")) == pytest.approx(half * 0.10, abs=0.01)
    assert float(rects[1].get("x")) + float(rects[1].get("width")) == pytest.approx(mid, abs=0.01)
    labels = [t.text for t in root.iter("text")]
    assert "+10.0" in labels and "-25.0" in labels and "n/a" in labels


def test_delta_chart_rejects_bad_span():
    with pytest.raises(ValueError, match="span"):
        delta_chart(title="d", rows=[], span=0)
