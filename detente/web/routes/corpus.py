"""The corpus: stored documents, and how each outlet frames the actors."""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.relations import quoted_voices, tone_by_outlet
from detente.web.cache import CorpusCache
from detente.web.deps import CacheDep, StoreDep, TemplatesDep
from detente.web.schemas import DocumentOut, FramingOut, error_responses, records

router = APIRouter()


def _framing(store, cache: CorpusCache) -> dict:
    def compute() -> dict:
        documents = cache.frame(store, "documents")
        tone = tone_by_outlet(documents, store.sentences(), store.mentions())
        voices = quoted_voices(documents, cache.frame(store, "quotes"))
        return {"tone": records(tone), "voices": records(voices)}

    return cache.get(("framing",), compute)


def _corpus(store, cache: CorpusCache) -> dict:
    events = cache.frame(store, "events")
    counts = events.groupby("doc_id").size().to_dict() if len(events) else {}
    rows = records(cache.frame(store, "documents"))
    for r in rows:
        r["n_events"] = counts.get(r["doc_id"], 0)
    return {
        "documents": rows,
        "framing": _framing(store, cache),
        "n_actors": len(cache.frame(store, "actors")),
        "n_events": len(events),
        "n_quotes": len(cache.frame(store, "quotes")),
    }


@router.get("/", include_in_schema=False)
def corpus_page(request: Request, store: StoreDep, cache: CacheDep, templates: TemplatesDep):
    """Documents with their counts, and framing by outlet."""
    data = cache.get(("corpus",), lambda: _corpus(store, cache))
    return templates.TemplateResponse(request, "corpus.html", data)


@router.get(
    "/api/v1/documents",
    response_model=list[DocumentOut],
    tags=["corpus"],
    responses=error_responses(404),
)
def list_documents(store: StoreDep, cache: CacheDep):
    """Every stored document (without its text)."""
    return cache.get(("documents",), lambda: records(cache.frame(store, "documents")))


@router.get(
    "/api/v1/framing", response_model=FramingOut, tags=["corpus"], responses=error_responses(404)
)
def framing(store: StoreDep, cache: CacheDep):
    """Per outlet: tone of the sentences mentioning each actor, and whose voices are quoted."""
    return _framing(store, cache)
