"""Actors: the list, and one actor's events, quotes and stances."""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.errors import NotFound
from detente.relations import dyad_summary, score_events
from detente.relations.dyads import BODY_PREFIX, normalise_key
from detente.web.cache import CorpusCache
from detente.web.deps import CacheDep, StoreDep, TemplatesDep
from detente.web.schemas import ActorDetailOut, ActorOut, error_responses, records

router = APIRouter()


def _actor(store, cache: CorpusCache, actor_id: str) -> dict:
    return cache.get(("actor", actor_id), lambda: _gather_actor(store, cache, actor_id))


def _gather_actor(store, cache: CorpusCache, actor_id: str) -> dict:
    actors = cache.frame(store, "actors")
    row = actors.loc[actors["actor_id"] == actor_id]
    if row.empty:
        raise NotFound(f"no actor with id {actor_id!r} in the store")
    all_events = cache.frame(store, "events")
    events = all_events.loc[
        (all_events["source_id"] == actor_id) | (all_events["target_id"] == actor_id)
    ]
    events = events.assign(score=score_events(events))
    quotes = cache.frame(store, "quotes")
    stances = cache.frame(store, "stances")
    docs = cache.frame(store, "doc_actors")
    mine = docs.loc[docs["actor_id"] == actor_id]
    actor = records(row)[0]
    return {
        "actor": actor,
        "dyads": _dyads(all_events, actor),
        "documents": sorted(set(mine["doc"])),
        "appearances": records(mine[["doc_id", "doc", "role", "country", "org"]]),
        "events": records(events),
        "quotes": records(quotes.loc[quotes["speaker_id"] == actor_id]),
        "stances": records(stances.loc[stances["actor_id"] == actor_id]),
    }


def _dyads(events, actor: dict) -> list[dict]:
    """Dyads the actor takes part in.

    At state level for a state or an international body (its officials' events count
    for it), at actor level otherwise.
    """
    if events.empty:
        return []
    own_side = actor["type"] == "country" or actor["actor_id"].startswith(BODY_PREFIX)
    level = "state" if own_side else "actor"
    key = normalise_key(actor["actor_id"], level)
    summary = dyad_summary(events, level=level)
    mine = summary.loc[(summary["a"] == key) | (summary["b"] == key)]
    return [{**r, "level": level} for r in records(mine)]


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, store: StoreDep, cache: CacheDep, templates: TemplatesDep):
    """Every actor, most mentioned first."""
    return templates.TemplateResponse(request, "actors.html", {"actors": _actors(store, cache)})


def _actors(store, cache: CorpusCache) -> list[dict]:
    return cache.get(("actors",), lambda: records(cache.frame(store, "actors")))


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(
    actor_id: str, request: Request, store: StoreDep, cache: CacheDep, templates: TemplatesDep
):
    """One actor with the facts that involve it."""
    return templates.TemplateResponse(request, "actor.html", _actor(store, cache, actor_id))


@router.get(
    "/api/v1/actors", response_model=list[ActorOut], tags=["actors"], responses=error_responses(404)
)
def list_actors(store: StoreDep, cache: CacheDep):
    """Every actor with its document and mention counts."""
    return _actors(store, cache)


@router.get(
    "/api/v1/actors/{actor_id}",
    response_model=ActorDetailOut,
    tags=["actors"],
    responses=error_responses(404),
)
def get_actor(actor_id: str, store: StoreDep, cache: CacheDep):
    """One actor with its events (as source or target), quotes and stances."""
    return _actor(store, cache, actor_id)
