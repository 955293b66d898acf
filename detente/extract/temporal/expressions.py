"""Date expressions of English news text: where they are, and which days each one denotes.

An expression is found by a regular expression over the text (no parse needed)
and falls in one of three classes:

* **absolute** — it names its own date: "February 18, 2025", "18 February
  2025", "2025-02-18" (day); "February 2022" (month); "in 2014" (year);
* **relative** to the article's "now" (:data:`RELATIVE_KINDS`): weekdays ("on
  Tuesday", "last Wednesday"), day and month without a year ("Feb. 12", "the
  12th of March"), a month alone ("in mid-March", "last March"), an ordinal day
  ("on the 12th"), the words "today", "yesterday", "tonight", "last night",
  "overnight" (the night into the day of writing: two days),
  weeks, months and years counted from now ("last week", "earlier this month",
  "late last year", "the past week"), "over the weekend", "three days ago";
* **anaphoric** (:data:`ANAPHORIC_KINDS`): counted from the date the narrative
  has reached, not from now ("the day before", "the next day", "two days
  later", "the following week", "that day").

A relative expression denotes a span of days given "now" (:func:`window`);
its value is the finest calendar unit that holds the whole span
(:func:`span_value`): one day gives the day, a span inside one month the month
("last week" when Monday to Sunday fall in one month, "earlier this month"),
else the year ("late last year", a week across two months), else nothing. The
output format has no unit for a week, so a week is written as the month (or
year) it lies in, never as one of its days.

Which way a relative expression points when the text does not say ("on
Tuesday", "in March", "on the 12th") follows the clause: back from now when
it reports the past (news reports what happened), forward when it speaks of
the future ("will", "is set for", "next").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from detente.calendar_words import MONTHS, WEEKDAYS

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# A month standing alone must be written out (or abbreviated with a period): "in May", not
# the modal "may"; "in March", not the verb.
_MONTH_ALONE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?P<num>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EDGE = (
    r"(?:(?P<edge>earlier|later|early|late|mid)[\s-]+"
    r"|(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+)?"
)
# "the day before" is anaphoric only when nothing it is "before" follows ("... before the vote").
_NO_OBJECT = r"(?!\s+(?:the|a|an|this|that|his|her|its|their|our|[A-Z0-9]))"

# Order matters: longer, more precise forms first; matched spans are not re-used.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"(?:{_WD},?\s+)?\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("dm", re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    (
        "md",
        re.compile(
            rf"(?:{_WD},?\s+)?\b{_MONTH}\s+{_DAY}\b(?![\d,]*\s*(?:19|20)\d\d)"
            r"(?!\s*(?:%|percent|per cent))"
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    (
        "word",
        re.compile(
            r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
            r"yesterday|tomorrow|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)|"
            r"(?:earlier|later)\s+today)\b",
            re.I,
        ),
    ),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    (
        "ana_dir",
        re.compile(
            rf"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|prior)\b"
            rf"{_NO_OBJECT}",
            re.I,
        ),
    ),
    (
        "ana_adj",
        re.compile(
            r"\bthe\s+(?:(?P<dir>previous|preceding|following|next|same)\s+"
            r"(?P<unit>day|morning|afternoon|evening|night)|"
            r"(?P<dir2>previous|preceding|following)\s+(?P<unit2>week|month|year))\b",
            re.I,
        ),
    ),
    (
        "ana_num",
        re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier)\b", re.I),
    ),
    ("ana_that", re.compile(r"\b(?:on|later|earlier)\s+that\s+day\b", re.I)),
    ("rel_wd", re.compile(rf"\b(?P<rel>last|this|next|past|coming)\s+{_WD}\b", re.I)),
    ("wd", re.compile(rf"\b{_WD}\b")),
    (
        "rel",
        re.compile(
            rf"\b{_EDGE}(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year|weekend)\b",
            re.I,
        ),
    ),
    ("weekend", re.compile(r"\b(?:over|at|during|on)\s+the\s+weekend\b", re.I)),
    (
        "month",
        re.compile(
            r"(?i:\b(?P<prep>in|since|by|until|till|from|during|through|throughout|before|after"
            r"|last|this|next)\s+)?"
            rf"(?i:{_EDGE})\b{_MONTH_ALONE}(?!\w)(?!\s*\d)"
        ),
    ),
    (
        "ordinal",
        re.compile(
            r"\b(?i:on)\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"
            r"(?!\s+(?:of\b|anniversary|century|round|time|day|week|month|year))"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<prep>in|since|by|until|till|from|of|during|before|after|early|late|mid)[\s-]+{_YEAR}\b(?![-–/]\d)",
            re.I,
        ),
    ),
]
ABSOLUTE_KINDS = frozenset({"iso", "mdy", "dmy", "my", "year"})
"""Pattern kinds that state their own date."""
FULL_DATE_KINDS = frozenset({"iso", "mdy", "dmy"})
"""Pattern kinds that state day, month and year."""
ANAPHORIC_KINDS = frozenset({"ana_dir", "ana_adj", "ana_num", "ana_that"})
"""Pattern kinds counted from the date the narrative has reached ("the day before")."""
RELATIVE_KINDS = frozenset(
    {"dm", "md", "rel_wd", "wd", "rel", "word", "ago", "weekend", "month", "ordinal"}
)
"""Pattern kinds whose value depends on the article's "now"."""
_FUTURE = re.compile(
    r"\b(will|won['’]t|shall|is set (?:for|to)|are set (?:for|to)|scheduled|planned|plans? to|"
    r"is expected|are expected|to be held|going to|next|upcoming|coming)\b",
    re.I,
)
_UNIT_DAYS = {"day": 1, "week": 7, "weekend": 7, "month": 31, "year": 366}
_ROLLING_DAYS = {"week": 7, "weekend": 7, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in the text, before it is resolved."""

    kind: str
    """Which pattern found it (``md``, ``wd``, ``rel`` ... ; see ``_PATTERNS``)."""
    match: re.Match
    """The regular-expression match (its groups name month, day, weekday ...)."""
    start: int
    """Character offset of its first character."""
    end: int
    """Character offset just past it."""
    future: bool | None = None
    """Whether its clause speaks of the future, as read from the parse; None: read the words."""

    @property
    def relative(self) -> bool:
        """True when its value depends on the article's "now" ("on Tuesday", "Feb. 23")."""
        return self.kind in RELATIVE_KINDS

    @property
    def anaphoric(self) -> bool:
        """True when it counts from an earlier date of the text ("the day before")."""
        return self.kind in ANAPHORIC_KINDS


_MONTH_NAME = re.compile(rf"\b{_MONTH_ALONE}(?!\w)(?!\s*\d)")
"""A month name standing alone: where the ``month`` pattern can end."""
_MONTH_PREFIX_ROOM = 48
"""How far before a month name its preposition and edge ("since the end of") may start."""


def scan(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, most precise forms first, spans never overlapping.

    The date layer and the event coder both read the expressions of the Doc at hand,
    so the scans of the last few texts are kept (a bounded, thread-safe cache keyed by
    the text itself, never by a Doc).
    """
    return list(_scan_cached(text))


@functools.lru_cache(maxsize=8)
def _scan_cached(text: str) -> tuple[DateExpression, ...]:
    return tuple(_scan(text))


def _matches(kind: str, pattern: re.Pattern, text: str):
    """The pattern's matches; a month alone is looked for only where a month name stands.

    (Its optional preposition and edge, tried at every character, made it the
    slowest pattern: it is matched from the start of the words before each name.)
    """
    if kind != "month":
        yield from pattern.finditer(text)
        return
    for name in _MONTH_NAME.finditer(text):
        lo = max(0, name.start() - _MONTH_PREFIX_ROOM)
        for start in [m.start() for m in re.finditer(r"\b\w", text[lo : name.start()])]:
            m = pattern.match(text, lo + start)
            if m is not None and m.end() == name.end():
                yield m
                break
        else:
            m = pattern.match(text, name.start())
            if m is not None:
                yield m


_KEYWORDS = {
    "word": (
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "night",
        "this morning",
        "afternoon",
        "evening",
    ),
    "ago": ("ago",),
    "ana_dir": ("before", "after", "earlier", "prior"),
    "ana_adj": ("previous", "preceding", "following", "next", "same"),
    "ana_num": ("later", "earlier"),
    "ana_that": ("that day",),
    "weekend": ("weekend",),
}
"""Words without which a pattern cannot match: its scan is skipped when none occurs."""


def _scan(text: str) -> list[DateExpression]:
    found: list[DateExpression] = []
    lower = text.lower()
    for kind, pattern in _PATTERNS:
        if kind in _KEYWORDS and not any(k in lower for k in _KEYWORDS[kind]):
            continue
        for m in _matches(kind, pattern, text):
            start, end = m.span()
            if kind == "year":
                start = m.start("year")
            if kind == "month" and not (m["prep"] or m["edge"] or m["part"]):
                continue  # a bare month name may be the modal "may" or a name ("March on")
            if any(x.start < end and start < x.end for x in found):
                continue
            found.append(DateExpression(kind, m, start, end))
    return sorted(found, key=lambda x: x.start)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _closest_year(month: int, day: int, on: date) -> date | None:
    best = None
    for year in (on.year - 1, on.year, on.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - on).days) < abs((best - on).days):
            best = cand
    return best


def _clause(text: str, start: int, end: int) -> str:
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind(",", 0, start)) + 1
    b_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return text[a:b]


def is_future(x: DateExpression, text: str) -> bool:
    """True when the expression's clause speaks of the future ("is set for Wednesday").

    The parse's reading (:attr:`DateExpression.future`) when there is one, else the
    words of the clause around it ("will", "scheduled", "next" ...).
    """
    if x.future is not None:
        return x.future
    return bool(_FUTURE.search(_clause(text, x.start, x.end)))


def _month_span(year: int, month: int) -> tuple[date, date]:
    y, m = divmod(year * 12 + month - 1, 12)
    first = date(y, m + 1, 1)
    y2, m2 = divmod(y * 12 + m + 1, 12)
    return first, date(y2, m2 + 1, 1) - timedelta(days=1)


def _unit_span(unit: str, on: date, step: int) -> tuple[date, date]:
    """The calendar week (Monday to Sunday), weekend, month or year ``step`` units from ``on``'s."""
    if unit in ("week", "weekend"):
        monday = on - timedelta(days=on.weekday() - 7 * step)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _month_span(on.year, on.month + step)
    return date(on.year + step, 1, 1), date(on.year + step, 12, 31)


def _narrow(span: tuple[date, date], edge: str | None, on: date) -> tuple[date, date]:
    """Part of a span: "earlier" / "later" (before / after now), "early", "mid", "late" (thirds)."""
    first, last = span
    if not edge:
        return span
    edge = edge.lower()
    if edge == "earlier":
        return first, min(last, on - timedelta(days=1))
    if edge == "later":
        return max(first, on + timedelta(days=1)), last
    third = ((last - first).days + 1) // 3
    if edge in ("early", "beginning", "start"):
        return first, first + timedelta(days=max(third - 1, 0))
    if edge in ("late", "end"):
        return last - timedelta(days=max(third - 1, 0)), last
    return first + timedelta(days=third), last - timedelta(days=third)  # mid, middle


def _weekday(wd: str, on: date, rel: str | None, future: bool) -> date:
    target = WEEKDAYS[wd.lower()]
    back = (on.weekday() - target) % 7
    fwd = (target - on.weekday()) % 7
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        return on - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return on + timedelta(days=fwd or 7)
    if rel == "this" or future:
        return on + timedelta(days=fwd) if future else on - timedelta(days=back)
    return on - timedelta(days=back)


def _month_alone(m: re.Match, on: date, future: bool) -> tuple[date, date]:
    """The month named alone: the latest such month up to now, or the next one from now.

    "last March" is the latest before the current month, "next March" the first
    after it, "this March" the one of the current year.
    """
    month = _month(m["month"])
    prep = (m["prep"] or "").lower()
    here = on.year * 12 + on.month - 1
    if prep == "this":
        index = on.year * 12 + month - 1
    elif prep == "last" or (prep != "next" and not future):
        index = here - (here - (on.year * 12 + month - 1)) % 12
        if prep == "last" and index == here:
            index -= 12
    else:
        index = here + ((on.year * 12 + month - 1) - here) % 12
        if prep == "next" and index == here:
            index += 12
    return _narrow(_month_span(index // 12, index % 12 + 1), m["edge"] or m["part"], on)


def _ordinal(day: int, on: date, future: bool) -> date | None:
    """The day an ordinal ("on the 12th") names: the latest up to now, or the next from now."""
    step = 1 if future else -1
    for shift in (0, step):
        first, _last = _month_span(on.year, on.month + shift)
        try:
            cand = first.replace(day=day)
        except ValueError:
            continue
        if (cand >= on) if future else (cand <= on):
            return cand
    return None


def window(x: DateExpression, text: str, on: date) -> tuple[date, date] | None:
    """The days a relative expression denotes when "now" is ``on``: first and last day.

    None for an expression that is not relative or has no reading (a 31st of a
    30-day month). Absolute and anaphoric expressions need no "now": see
    :func:`resolve` and :func:`counted_from`.
    """
    g = x.match.groupdict()
    kind = x.kind
    future = is_future(x, text)
    if kind in ("dm", "md"):
        day = _closest_year(_month(g["month"]), int(g["day"]), on)
        return (day, day) if day else None
    if kind in ("rel_wd", "wd"):
        day = _weekday(g["weekday"], on, g.get("rel"), future)
        return day, day
    if kind == "word":
        word = " ".join(g["word"].lower().split())
        shift = {
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
        }.get(word, 0)
        day = on + timedelta(days=shift)
        if word == "overnight":  # the night into the day of writing
            return day - timedelta(days=1), day
        return day, day
    if kind == "ago":
        n, unit = _number(g["num"]), g["unit"].lower()
        if unit == "day":
            day = on - timedelta(days=n)
            return day, day
        if unit == "week":
            return _unit_span("week", on - timedelta(days=7 * n), 0)
        return _unit_span(unit, on, -n)
    if kind == "rel":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        if rel == "past":  # the rolling stretch just before now: "the past week"
            return on - timedelta(days=_ROLLING_DAYS[unit]), on - timedelta(days=1)
        if rel == "coming":
            return on + timedelta(days=1), on + timedelta(days=_ROLLING_DAYS[unit])
        step = {"last": -1, "this": 0, "next": 1}[rel]
        return _narrow(_unit_span(unit, on, step), g["edge"] or g["part"], on)
    if kind == "weekend":
        if future:
            saturday = on + timedelta(days=(5 - on.weekday()) % 7)
            return saturday, saturday + timedelta(days=1)
        saturday = on - timedelta(days=(on.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), on)
    if kind == "month":
        return _month_alone(x.match, on, future)
    if kind == "ordinal":
        day = _ordinal(int(g["day"]), on, future)
        return (day, day) if day else None
    return None


def counted_from(x: DateExpression, anchor: date) -> tuple[date, date] | None:
    """The days an anaphoric expression denotes, counted from ``anchor`` ("the day before")."""
    g = x.match.groupdict()
    if x.kind == "ana_that":
        return anchor, anchor
    if x.kind == "ana_num":
        n = _number(g["num"])
    else:
        n = 1
    unit = (g.get("unit") or g.get("unit2") or "day").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    direction = (g.get("dir") or g.get("dir2") or "").lower()
    sign = {"before": -1, "earlier": -1, "prior": -1, "previous": -1, "preceding": -1}.get(
        direction, 0 if direction == "same" else 1
    )
    if unit == "day":
        day = anchor + timedelta(days=sign * n)
        return day, day
    if unit == "week":
        return _unit_span("week", anchor + timedelta(days=7 * sign * n), 0)
    return _unit_span(unit, anchor, sign * n)


def span_value(first: date, last: date) -> tuple[str, str] | None:
    """The finest calendar unit holding every day from ``first`` to ``last``: (value, precision)."""
    if first > last:
        return None
    if first == last:
        return first.isoformat(), "day"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return None


def resolve(x: DateExpression, text: str, on: date | None) -> tuple[str, str] | None:
    """The expression's value and precision, read against ``on`` when it is relative.

    Absolute expressions need no ``on``; relative ones give None without it;
    anaphoric ones always give None here (see :func:`counted_from`).
    """
    g = x.match.groupdict()
    if x.kind == "iso":
        try:
            return date(int(g["year"]), int(g["mnum"]), int(g["day"])).isoformat(), "day"
        except ValueError:
            return None
    if x.kind in ("mdy", "dmy"):
        try:
            return date(int(g["year"]), _month(g["month"]), int(g["day"])).isoformat(), "day"
        except ValueError:
            return None
    if x.kind == "my":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}", "month"
    if x.kind == "year":
        return g["year"], "year"
    if on is None or not x.relative:
        return None
    span = window(x, text, on)
    return span_value(*span) if span else None


def in_year(x: DateExpression, year: int) -> tuple[str, str] | None:
    """A day and month without a year ("May 9") read in ``year``."""
    if x.kind not in ("dm", "md"):
        return None
    try:
        return date(year, _month(x.match["month"]), int(x.match["day"])).isoformat(), "day"
    except ValueError:
        return None


def stated_day(x: DateExpression) -> date | None:
    """The day of a full date ("February 24, 2025"); None for anything less precise."""
    if x.kind not in FULL_DATE_KINDS:
        return None
    resolved = resolve(x, "", None)
    return date.fromisoformat(resolved[0]) if resolved else None


def reach(x: DateExpression) -> int:
    """How many days from "now" a relative expression can point, at most."""
    g = x.match.groupdict()
    if x.kind == "ago":
        return (_number(g["num"]) + 1) * _UNIT_DAYS[g["unit"].lower()] + 1
    unit = g.get("unit")
    if unit:
        return {"week": 21, "weekend": 15, "month": 70, "year": 400}[unit.lower()]
    return {"word": 2, "wd": 8, "rel_wd": 15, "weekend": 9, "ordinal": 62}.get(x.kind, 370)


def agree(values: Iterable[tuple[str, str] | None]) -> tuple[str, str] | None:
    """The one value all readings share, at the finest precision they agree on.

    Used when the article's "now" is only known to lie among a few days: an
    expression read against each of them keeps its day if every reading gives
    the same day, else its month, else its year, else nothing.
    """
    vals = list(values)
    if not vals or any(v is None for v in vals):
        return None
    if all(v == vals[0] for v in vals):
        return vals[0]
    for width, precision in ((7, "month"), (4, "year")):
        heads = {v[0][:width] for v in vals if len(v[0]) >= width}
        if len(heads) == 1 and all(len(v[0]) >= width for v in vals):
            return heads.pop(), precision
    return None
