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


def test_undated_article_gives_a_yearless_date_the_year_of_the_nearest_earlier_full_date():
    text = (
        "The war began in February 2022. The summit opened on March 3, 2024, and the "
        "envoys met again on May 9. Nobody had planned for June 12 in 2019."
    )
    found = resolve(text, None)
    assert ("May 9", "2024-05-09", "day") in found
    assert ("June 12", "2024-06-12", "day") in found  # "in 2019" states no month: not an anchor


def test_undated_article_leaves_a_yearless_date_before_any_full_date_alone():
    assert resolve("The envoys met on May 9. The deal was signed in June 2024.", None) == [
        ("June 2024", "2024-06", "month")
    ]


def test_a_month_and_year_is_not_an_anchor():
    assert resolve("The war began in February 2022. Envoys met on May 9.", None) == [
        ("February 2022", "2022-02", "month")
    ]


def test_a_publication_date_still_wins_over_the_text_anchor():
    found = resolve("The summit opened on March 3, 2021. They met on Feb. 23.", WED)
    assert ("Feb. 23", "2025-02-23", "day") in found
