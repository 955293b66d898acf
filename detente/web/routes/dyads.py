"""Dyads (index and channels of a pair) and the strategic triangle of three states."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote, urlencode

import pandas as pd
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from detente import svg
from detente.errors import InputError
from detente.relations import (
    background_events,
    channel_states,
    dyad_index,
    dyad_summary,
    triangle,
    triangle_overall,
)
from detente.relations.dyads import LEVELS, check_level, evidence_items, normalise_key
from detente.relations.periods import FREQS, check_freq
from detente.web.cache import CorpusCache
from detente.web.deps import CacheDep, StoreDep, TemplatesDep
from detente.web.schemas import (
    DyadOut,
    DyadSummaryOut,
    TriangleOut,
    enum_query,
    error_responses,
    plain,
    records,
)

router = APIRouter()


def _check_known(store, cache: CorpusCache, keys: tuple[str, ...], level: str, field: str) -> None:
    """Raise :class:`InputError` naming ``field`` for a key that is no known actor or state."""
    from detente.extract.actors import ActorDictionary

    dictionary = ActorDictionary.load()
    actors, in_articles = cache.frame(store, "actors"), cache.frame(store, "doc_actors")
    known = set(actors["actor_id"]) | set(in_articles["country"].dropna())
    known |= set(in_articles["org"].dropna())  # bodies its officials served
    for key in keys:
        if key in known or key in dictionary:
            continue
        if level != "state" or key.upper() in known or key.upper() in dictionary:
            continue
        raise InputError(
            field, f"unknown actor {key!r} (use an ISO 3166 alpha-3 code or an actor id)"
        )


def _pair(pair: str, level: str, store=None, cache: CorpusCache | None = None) -> tuple[str, str]:
    parts = pair.split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InputError("pair", f"expected two actors joined by '-' (e.g. usa-rus); got {pair!r}")
    keys = normalise_key(parts[0], level), normalise_key(parts[1], level)
    if store is not None and cache is not None:
        _check_known(store, cache, keys, level, "pair")
    return keys


def _dyad(
    store,
    cache: CorpusCache,
    pair: str,
    freq: str,
    level: str,
    directed: bool,
    start: date | None = None,
    end: date | None = None,
    background: bool = False,
) -> dict:
    """The dyad's data, shared between requests: copy it before changing it."""
    check_freq(freq)
    check_level(level)
    if start and end and start > end:
        raise InputError("start", f"start {start} is after end {end}")
    a, b = _pair(pair, level, store, cache)
    key = ("dyad", a, b, freq, level, directed, start, end, background)
    return cache.get(
        key, lambda: _gather_dyad(store, cache, a, b, freq, level, directed, start, end, background)
    )


def _gather_dyad(
    store,
    cache: CorpusCache,
    a: str,
    b: str,
    freq: str,
    level: str,
    directed: bool,
    start: date | None,
    end: date | None,
    background: bool,
) -> dict:
    events = cache.frame(store, "events")
    index = dyad_index(
        events, a, b, freq=freq, directed=directed, level=level, include_background=background
    )
    if start or end:  # keep dated periods inside [start, end]; undated ones cannot be placed
        when = pd.to_datetime(index["period"], errors="coerce")
        keep = when.notna()
        if start:
            keep &= when >= pd.Timestamp(start)
        if end:
            keep &= when <= pd.Timestamp(end)
        index = index[keep]
    channels = channel_states(
        events,
        a,
        b,
        stances=cache.frame(store, "stances"),
        freq=freq,
        level=level,
        include_background=background,
    )
    past = background_events(events, a, b, directed=directed, level=level)
    return {
        "a": a,
        "b": b,
        "level": level,
        "freq": freq,
        "directed": directed,
        "background": background,
        "periods": records(index),
        "channels": records(channels),
        "background_events": plain(evidence_items(past)),
    }


def _period_text(p: dict, freq: str) -> str:
    """Chart label of an index row: its start, and the resolution when coarser than the view's."""
    if not p["period"]:
        return "undated"
    if p["resolution"] and p["resolution"] != FREQS[freq]:
        return f"{p['period']} ({p['resolution']})"
    return str(p["period"])


def _states(states: str) -> tuple[str, str, str]:
    parts = tuple(s.strip() for s in states.split(","))
    if len(parts) != 3 or not all(parts):
        raise InputError(
            "states", f"expected three comma-separated states (USA,RUS,CHN); got {states!r}"
        )
    return parts  # type: ignore[return-value]


def _triangle(store, cache: CorpusCache, states: str, freq: str, background: bool = False) -> dict:
    three = _states(states)
    keys = tuple(normalise_key(x, "state") for x in three)
    _check_known(store, cache, keys, "state", "states")
    return cache.get(
        ("triangle", keys, freq, background),
        lambda: _gather_triangle(store, cache, three, freq, background),
    )


def _gather_triangle(store, cache: CorpusCache, three, freq: str, background: bool) -> dict:
    events = cache.frame(store, "events")
    overall = triangle_overall(events, three, include_background=background)
    table = triangle(events, three, freq=freq, include_background=background)
    keys = [k for k in table.columns if k.startswith("score_")]
    periods = []
    for row in records(table):
        periods.append(
            {
                "period": row["period"],
                "resolution": row["resolution"],
                "type": row["type"],
                "label": row["label"],
                "scores": {k[6:].replace("_", "-"): row[k] for k in keys},
                "signs": {k[6:].replace("_", "-"): row["sign_" + k[6:]] for k in keys},
                "roles": {s: row[f"role_{s}"] for s in (normalise_key(x, "state") for x in three)},
                "pivot": row["pivot"],
                "carried": row["carried"] or [],
            }
        )
    return {
        "states": [normalise_key(s, "state") for s in three],
        "freq": freq,
        "background": background,
        "overall": plain(overall),
        "periods": periods,
    }


@router.get("/dyads", include_in_schema=False)
def dyads_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    templates: TemplatesDep,
    level: str = "state",
    a: str | None = None,
    b: str | None = None,
    freq: str = "W",
):
    """Every dyad with events, most active first; with ``a`` and ``b``, go to that dyad."""
    check_level(level)
    if a is not None or b is not None:
        check_freq(freq)
        first, second = _pair(f"{a or ''}-{b or ''}", level)
        query = urlencode({"freq": freq, "level": level})
        return RedirectResponse(f"/dyads/{quote(first)}-{quote(second)}?{query}", status_code=303)
    summary = _summary(store, cache, level)
    return templates.TemplateResponse(request, "dyads.html", {"dyads": summary, "level": level})


def _summary(store, cache: CorpusCache, level: str) -> list[dict]:
    return cache.get(
        ("dyads", level), lambda: records(dyad_summary(cache.frame(store, "events"), level=level))
    )


@router.get("/dyads/{pair}", include_in_schema=False)
def dyad_page(
    pair: str,
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    templates: TemplatesDep,
    freq: str = "W",
    level: str = "state",
    directed: bool = False,
    background: bool = False,
):
    """Dyad index chart, periods with evidence, and the state of each bilateral channel."""
    data = dict(_dyad(store, cache, pair, freq, level, directed, background=background))
    points = [(_period_text(p, freq), p["score_sum"]) for p in data["periods"]]
    data["chart"] = Markup(svg.bar_chart(points, title=f"{data['a']}–{data['b']} dyad index"))
    return templates.TemplateResponse(request, "dyad.html", data)


@router.get("/triangle", include_in_schema=False)
def triangle_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    templates: TemplatesDep,
    states: str = "USA,RUS,CHN",
    freq: str = "M",
    background: bool = False,
):
    """Dittmer's strategic triangle overall and per period."""
    return templates.TemplateResponse(
        request, "triangle.html", _triangle(store, cache, states, freq, background)
    )


LevelQuery = Annotated[
    str, Query(**enum_query(LEVELS, "Roll-up: `state` (people count for their state) or `actor`"))
]
FreqQuery = Annotated[str, Query(**enum_query(FREQS, "Period: day (D), week (W) or month (M)"))]
PAIR_PATTERN = r"^[^-]*[^-\s][^-]*-[^-]*[^-\s][^-]*$"
"""Two actor keys joined by one ``-`` (``usa-rus``, ``person.a-person.b``)."""
STATES_PATTERN = r"^[^,]*[^,\s][^,]*,[^,]*[^,\s][^,]*,[^,]*[^,\s][^,]*$"
"""Three state codes separated by commas."""


@router.get(
    "/api/v1/dyads",
    response_model=list[DyadSummaryOut],
    tags=["relations"],
    responses=error_responses(400, 404),
)
def list_dyads(store: StoreDep, cache: CacheDep, level: LevelQuery = "state"):
    """Every undirected dyad with events (``level``: state or actor)."""
    check_level(level)
    return _summary(store, cache, level)


@router.get(
    "/api/v1/dyads/{pair}",
    response_model=DyadOut,
    tags=["relations"],
    responses=error_responses(400, 404, 422),
)
def get_dyad(
    pair: Annotated[
        str,
        Path(
            description="Two actor keys joined by `-`: ISO alpha-3 state codes or actor ids",
            json_schema_extra={"pattern": PAIR_PATTERN},
        ),
    ],
    store: StoreDep,
    cache: CacheDep,
    freq: FreqQuery = "W",
    level: LevelQuery = "state",
    directed: bool = False,
    start: date | None = None,
    end: date | None = None,
    background: bool = False,
):
    """Dyad index per period (``freq`` D, W or M) and channel states of ``a-b`` (``usa-rus``).

    Reports of one happening count once. An event dated only to a month or year forms a
    row of that ``resolution`` rather than sitting in the week of its first day.
    Happenings the articles tell as background are left out unless ``background=true``
    and are listed in ``background_events`` either way. ``start`` / ``end`` (ISO dates)
    keep the periods that begin inside that window.
    """
    return _dyad(store, cache, pair, freq, level, directed, start, end, background)


@router.get(
    "/api/v1/triangle",
    response_model=TriangleOut,
    tags=["relations"],
    responses=error_responses(400, 404),
)
def get_triangle(
    store: StoreDep,
    cache: CacheDep,
    states: Annotated[
        str,
        Query(
            description="Three states, comma-separated ISO alpha-3 codes",
            json_schema_extra={"pattern": STATES_PATTERN},
        ),
    ] = "USA,RUS,CHN",
    freq: FreqQuery = "M",
    background: bool = False,
):
    """Dittmer's strategic triangle of three states (comma-separated) overall and per period.

    Happenings the articles tell as background (a Cold War episode recalled in passing)
    count only with ``background=true``.
    """
    return _triangle(store, cache, states, freq, background)
