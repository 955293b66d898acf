r"""Publication dates: find the date line of an article and read it without guessing silently.

Why a module of its own: news texts state their date in many shapes (``05/03/2025``,
``date 2025-02-18``, ``February 18, 2025``, ``18 February 2025``) and the numeric shape
is ambiguous between the day-first convention (most of the world) and the
month-first one (United States). Every date read here comes back with the
convention used, which is stored in :attr:`detente.ingest.records.Article.date_convention`,
so an analyst can see how each date was read.

Rule for an ambiguous ``a/b/yyyy`` (both parts <= 12), in order:

1. if only one reading is a valid calendar date, take it;
2. otherwise count how the article itself writes dates in words: ``19 February``
   (day before month) against ``February 19`` (month before day); the majority
   convention wins;
3. a tie (including no written dates) falls back to **day-first**, the convention of
   ISO 8601 ordering of the small units and of most non-US outlets.

Dates are only taken from a *date line* near the head of the article (a line that is
a date, or a ``Date:``/``Published:``/``date`` label followed by one). A dateline in
the body (``KYIV, February 18, 2025 —``) is used only as a fallback, with convention
``text``. Nothing else is inferred: an article whose text states no date gets None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from detente.calendar_words import MONTHS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (
    r"(?:(?:T|[\s,|@·–—-]+(?:at\s+)?)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?)?"
)

#: Date shapes, each with the convention it implies (None = numeric, to be decided).
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME, re.I)),
    ("iso", re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME, re.I)),
    (
        "numeric",
        re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})" + _TIME, re.I),
    ),
    ("month-first", re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I)),
    (
        "day-first",
        re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    ),
)

#: Labels that introduce a date line (``date 2025-02-18``, ``Published: ...``).
_LABEL = re.compile(
    r"^(?:date|dated|published|posted|publication\s+date|first\s+published|release\s+date"
    r"|(?P<update>updated|last\s+updated|modified|last\s+modified))(?:\s+on)?\s*[:\-–—]?\s*",
    re.I,
)
#: A dateline opening a paragraph: ``KYIV, Feb. 18, 2025 —``,
#: ``MOSCOW (Reuters) - 18 February 2025 -``.
_DATELINE_HEAD = (
    r"(?-i:[A-Z][A-Za-z.'’-]*(?:\s[A-Z][A-Za-z.'’-]*){0,3}(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?)"
    r"(?:\s*\([^)]{1,40}\)\s*[,:–—-]?|\s*[,:–—-])\s*"
)
_DATELINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(_DATELINE_HEAD + pattern.pattern + r"\s*(?:\([^)]{1,40}\))?\s*[–—-]+\s", re.I)
    for shape, pattern in _SHAPES
    if shape != "numeric"
)

_WRITTEN_DAY_FIRST = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?![a-z])", re.I)
_WRITTEN_MONTH_FIRST = re.compile(r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.I)


@dataclass(frozen=True, slots=True)
class DateReading:
    """A date read from text, and how it was read."""

    value: date
    """The calendar date."""
    convention: str
    """``iso``, ``day-first``, ``month-first``, ``text`` or ``metadata``."""


def written_order(text: str) -> str | None:
    """How the text writes dates in words: ``day-first``, ``month-first`` or None on a tie.

    Used to decide an ambiguous numeric date by the article's own habit.
    """
    day_first = len(_WRITTEN_DAY_FIRST.findall(text))
    month_first = len(_WRITTEN_MONTH_FIRST.findall(text))
    if day_first > month_first:
        return "day-first"
    if month_first > day_first:
        return "month-first"
    return None


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _read_numeric(a: int, b: int, year: int, context: str) -> DateReading | None:
    day_first = _make(year, b, a)
    month_first = _make(year, a, b)
    if day_first and not month_first:
        return DateReading(day_first, "day-first")
    if month_first and not day_first:
        return DateReading(month_first, "month-first")
    if not day_first or not month_first:
        return None
    if day_first == month_first:
        return DateReading(day_first, "day-first")
    if written_order(context) == "month-first":
        return DateReading(month_first, "month-first")
    return DateReading(day_first, "day-first")


def _read_match(shape: str, m: re.Match[str], context: str) -> DateReading | None:
    if shape == "numeric":
        return _read_numeric(int(m["a"]), int(m["b"]), int(m["year"]), context)
    month = int(m["month"]) if shape == "iso" else _month(m["month"])
    value = _make(int(m["year"]), month, int(m["day"]))
    return DateReading(value, shape) if value else None


def parse_date(text: str, *, context: str = "") -> DateReading | None:
    """Read ``text`` when the whole of it (trimmed) is one date, else None.

    Args:
        text: a candidate such as ``05/03/2025`` or ``Tuesday, February 18, 2025``.
        context: the article text, used only to decide an ambiguous numeric date.
    """
    text = text.strip().rstrip(".,;|")
    for shape, pattern in _SHAPES:
        m = pattern.fullmatch(text)
        if m:
            return _read_match(shape, m, context)
    return None


def parse_metadata_date(text: str) -> DateReading | None:
    """Read a date from metadata (HTML ``<meta>``, a JSONL ``date`` field, front matter).

    Metadata usually holds an ISO timestamp; other shapes are read as in the text.
    The convention is ``metadata`` whatever the shape.
    """
    reading = parse_date(text)
    if reading is None:
        m = _SHAPES[0][1].match(text.strip())
        reading = _read_match("iso", m, "") if m else None
    return DateReading(reading.value, "metadata") if reading else None


def is_update_line(line: str) -> bool:
    """True for an ``Updated ...``/``Last modified ...`` line (a weaker date than publication)."""
    m = _LABEL.match(line.strip())
    return bool(m and m["update"])


def split_date_line(line: str, *, context: str = "") -> tuple[DateReading, str] | None:
    """If ``line`` is a date line, return the reading and the text after the date.

    A date line is a bare date (optionally with a time) or a label (``date``,
    ``Published:`` ...) followed by a date; with a label, body text may follow on the
    same line (``date 2025-02-18 The talks opened ...``) and is returned as the rest.
    """
    stripped = line.strip()
    label = _LABEL.match(stripped)
    body = stripped[label.end() :] if label else stripped
    for shape, pattern in _SHAPES:
        m = pattern.match(body)
        if not m:
            continue
        rest = body[m.end() :]
        if not label and rest.strip(" .,;|"):
            return None
        if rest and not rest[0].isspace() and rest[0] not in ".,;|":
            return None
        reading = _read_match(shape, m, context)
        if reading:
            return reading, rest.strip(" ,;|") if label else ""
    return None


def dateline_date(paragraph: str) -> DateReading | None:
    """Read a body dateline (``KYIV, Feb. 18, 2025 — ...``); convention ``text``."""
    for pattern in _DATELINES:
        m = pattern.match(paragraph)
        if m:
            shape = "iso" if m["month"].isdigit() else "month-first"
            reading = _read_match(shape, m, "")
            if reading:
                return DateReading(reading.value, "text")
    return None
