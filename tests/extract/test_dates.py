"""Date expressions resolved against the publication date (sentences written for the tests)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.extract.components.dates import DateResolver, find_dates

WED = date(2025, 2, 19)  # a Wednesday


def resolve(text: str, on: date | None = WED) -> list[tuple[str, str, str]]:
    return [(text[a:b], v, p) for a, b, v, p in find_dates(text, on)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys talked on Tuesday.", ("Tuesday", "2025-02-18", "day")),
        ("The envoys talked on Wednesday.", ("Wednesday", "2025-02-19", "day")),
        ("The envoys talked on Thursday.", ("Thursday", "2025-02-13", "day")),
        ("The envoys will talk on Friday.", ("Friday", "2025-02-21", "day")),
        ("The call came last Wednesday.", ("last Wednesday", "2025-02-12", "day")),
        ("They meet next Monday.", ("next Monday", "2025-02-24", "day")),
        ("Voters go to the polls on Feb. 23.", ("Feb. 23", "2025-02-23", "day")),
        (
            "The pact was signed on February 18, 2025 in the capital.",
            ("February 18, 2025", "2025-02-18", "day"),
        ),
        ("The pact was signed on 18 February 2025.", ("18 February 2025", "2025-02-18", "day")),
        (
            "Talks began on Tuesday 19 February at noon.",
            ("Tuesday 19 February", "2025-02-19", "day"),
        ),
        ("The ministers spoke in January 2023.", ("January 2023", "2023-01", "month")),
        ("Relations soured in 2014 after the vote.", ("2014", "2014", "year")),
        ("Trade grew this month.", ("this month", "2025-02", "month")),
        ("The phone call last week changed things.", ("last week", "2025-02", "month")),
        ("The aide spoke yesterday.", ("yesterday", "2025-02-18", "day")),
        ("He took office on January 20, 2025.", ("January 20, 2025", "2025-01-20", "day")),
    ],
)
def test_expression(text, expected):
    assert expected in resolve(text)


def test_month_day_takes_the_year_closest_to_publication():
    assert resolve("Envoys met on December 2.", date(2025, 12, 5)) == [
        ("December 2", "2025-12-02", "day")
    ]
    assert resolve("Envoys met on December 30.", date(2026, 1, 3)) == [
        ("December 30", "2025-12-30", "day")
    ]


def test_last_week_crossing_a_month_boundary():
    assert resolve("The talks last week were long.", date(2025, 3, 3)) == [
        ("last week", "2025-02", "month")
    ]


def test_relative_expressions_need_a_publication_date():
    assert resolve("The envoys talked on Tuesday in 2014.", None) == [("2014", "2014", "year")]


def test_numbers_are_not_dates():
    assert resolve("A 27-point plan has 2025 words and a 4% rating.") == []


def test_component_writes_doc_extension(blank):
    doc = blank("They met on Tuesday.")
    doc._.published = "2025-02-19"
    doc = DateResolver()(doc)
    assert doc._.dates == [(12, 19, "2025-02-18", "day")]
