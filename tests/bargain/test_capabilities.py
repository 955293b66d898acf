"""The capabilities table and the clout rule over it."""

from __future__ import annotations

import math

import pytest

from detente.bargain.capabilities import load_capabilities, parse_capabilities
from detente.errors import InputError

TABLE = {
    "measures": {
        "gdp": {"name": "GDP", "source": "Invented Bank", "year": 2023},
        "milex": {"name": "military spending", "source": "Invented Institute", "year": 2023},
    },
    "actors": [
        {"id": "big", "name": "Bigland", "gdp": 400, "milex": 100},
        {"id": "mid", "name": "Midland", "gdp": 100, "milex": 25},
        {"id": "union", "name": "Union", "gdp": 200, "milex": None},
    ],
}


def test_clout_is_the_mean_square_root_of_shares_of_the_largest():
    table = parse_capabilities(TABLE, origin="t")
    assert table.clout("big")[0] == 100.0
    assert table.clout("mid")[0] == round(100 * (math.sqrt(0.25) + math.sqrt(0.25)) / 2, 1)
    union, why = table.clout("union")
    assert union == round(100 * math.sqrt(0.5) / 2, 1)  # a missing figure counts 0
    assert "military spending: none (Invented Institute, 2023)" in why
    assert table.clout("nowhere") is None


def test_the_packaged_table_names_its_sources_and_ranks_the_largest_first():
    table = load_capabilities()
    assert {m.source for m in table.measures} == {
        "World Bank, World Development Indicators (NY.GDP.MKTP.CD)",
        "SIPRI Military Expenditure Database",
    }
    assert table.clout("usa")[0] == 100.0
    assert 0 < table.clout("ukr")[0] < table.clout("rus")[0] < table.clout("chn")[0] < 100


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "measures: and actors:"),
        ({"measures": {"gdp": {"name": "GDP"}}, "actors": []}, "measure 'gdp': give name, source"),
        ({**TABLE, "actors": [{"id": "x", "name": "X", "gdp": -1}]}, "gdp must be a number >= 0"),
        ({**TABLE, "actors": [{"name": "X"}]}, r"actors\[0\]: give id and name"),
    ],
)
def test_a_bad_table_is_one_clear_line(raw, message):
    with pytest.raises(InputError, match=message):
        parse_capabilities(raw, origin="t.yaml")
