"""Actors: the list, and one actor's events, quotes and stances."""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.errors import NotFound
from detente.relations import dyad_summary, score_events
from detente.web.deps import StoreDep, TemplatesDep
from detente.web.schemas import ActorDetailOut, ActorOut, error_responses, records

router = APIRouter()


def _actor(store, actor_id: str) -> dict:
    actors = store.actors()
    row = actors.loc[actors["actor_id"] == actor_id]
    if row.empty:
        raise NotFound(f"no actor with id {actor_id!r} in the store")
    all_events = store.events()
    events = all_events.loc[
        (all_events["source_id"] == actor_id) | (all_events["target_id"] == actor_id)
    ]
    events = events.assign(score=score_events(events))
    quotes = store.quotes()
    stances = store.stances()
    docs = store.doc_actors()
    actor = records(row)[0]
    return {
        "actor": actor,
        "dyads": _dyads(all_events, actor),
        "documents": sorted(set(docs.loc[docs["actor_id"] == actor_id, "doc"])),
        "events": records(events),
        "quotes": records(quotes.loc[quotes["speaker_id"] == actor_id]),
        "stances": records(stances.loc[stances["actor_id"] == actor_id]),
    }


def _dyads(events, actor: dict) -> list[dict]:
    """Dyads the actor takes part in: at state level for a state, at actor level otherwise."""
    if events.empty:
        return []
    level = "state" if actor["type"] == "country" else "actor"
    key = actor["actor_id"].upper() if level == "state" else actor["actor_id"]
    summary = dyad_summary(events, level=level)
    mine = summary.loc[(summary["a"] == key) | (summary["b"] == key)]
    return [{**r, "level": level} for r in records(mine)]


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, store: StoreDep, templates: TemplatesDep):
    """Every actor, most mentioned first."""
    return templates.TemplateResponse(request, "actors.html", {"actors": records(store.actors())})


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(actor_id: str, request: Request, store: StoreDep, templates: TemplatesDep):
    """One actor with the facts that involve it."""
    return templates.TemplateResponse(request, "actor.html", _actor(store, actor_id))


@router.get(
    "/api/v1/actors", response_model=list[ActorOut], tags=["actors"], responses=error_responses(404)
)
def list_actors(store: StoreDep):
    """Every actor with its document and mention counts."""
    return records(store.actors())


@router.get(
    "/api/v1/actors/{actor_id}",
    response_model=ActorDetailOut,
    tags=["actors"],
    responses=error_responses(404),
)
def get_actor(actor_id: str, store: StoreDep):
    """One actor with its events (as source or target), quotes and stances."""
    return _actor(store, actor_id)
