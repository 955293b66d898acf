"""One article: its text with extracted actors, events and quotes highlighted."""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.relations import score_events
from detente.web.cache import CorpusCache
from detente.web.deps import CacheDep, StoreDep, TemplatesDep
from detente.web.highlight import collect, render
from detente.web.schemas import ArticleOut, error_responses, records

router = APIRouter()


def _article(store, cache: CorpusCache, key: str) -> dict:
    """The article's data, shared between requests: copy it before changing it."""
    return cache.get(("article", key), lambda: _gather_article(store, cache, key))


def _gather_article(store, cache: CorpusCache, key: str) -> dict:
    doc = store.document(key)  # NotFound -> 404
    mentions = store.mentions(doc.doc_id)
    events = store.events(doc.doc_id)
    quotes = store.quotes(doc.doc_id)
    stances = store.stances(doc.doc_id)
    events = events.assign(score=score_events(events))
    actors = cache.frame(store, "doc_actors")
    actors = actors.loc[actors["doc_id"] == doc.doc_id]
    marks = collect(mentions, events, quotes)
    document = {
        "doc_id": doc.doc_id,
        "name": doc.name,
        "title": doc.title,
        "published": doc.published,
        "outlet": doc.outlet,
        "author": doc.author,
        "url": doc.url,
        "n_chars": len(doc.text),
    }
    return {
        "document": document,
        "text": doc.text,
        "actors": records(actors),
        "events": records(events),
        "quotes": records(quotes),
        "stances": records(stances),
        "highlights": [
            {"kind": h.kind, "start": h.start, "end": h.end, "label": h.label, "ref": h.ref}
            for h in marks
        ],
        "_marks": marks,
    }


@router.get("/articles/{key}", include_in_schema=False)
def article_page(
    key: str, request: Request, store: StoreDep, cache: CacheDep, templates: TemplatesDep
):
    """The article's escaped text with highlights, and tables of what was extracted."""
    data = dict(_article(store, cache, key))
    data["body"] = render(data["text"], data.pop("_marks"))
    return templates.TemplateResponse(request, "article.html", data)


@router.get(
    "/api/v1/articles/{key}",
    response_model=ArticleOut,
    tags=["corpus"],
    responses=error_responses(404),
)
def get_article(key: str, store: StoreDep, cache: CacheDep):
    """An article (by name, content hash or hash prefix) with everything extracted from it."""
    data = dict(_article(store, cache, key))
    data.pop("_marks")
    return data
