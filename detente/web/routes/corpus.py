"""The corpus: stored documents, and how each outlet frames the actors."""

from __future__ import annotations

from fastapi import APIRouter, Request

from detente.relations import quoted_voices, tone_by_outlet
from detente.web.deps import StoreDep, TemplatesDep
from detente.web.schemas import DocumentOut, FramingOut, error_responses, records

router = APIRouter()


def _framing(store) -> dict:
    documents = store.documents()
    tone = tone_by_outlet(documents, store.sentences(), store.mentions())
    voices = quoted_voices(documents, store.quotes())
    return {"tone": records(tone), "voices": records(voices)}


@router.get("/", include_in_schema=False)
def corpus_page(request: Request, store: StoreDep, templates: TemplatesDep):
    """Documents with their counts, and framing by outlet."""
    docs = store.documents()
    events = store.events()
    counts = events.groupby("doc_id").size().to_dict() if len(events) else {}
    rows = records(docs)
    for r in rows:
        r["n_events"] = counts.get(r["doc_id"], 0)
    return templates.TemplateResponse(
        request,
        "corpus.html",
        {
            "documents": rows,
            "framing": _framing(store),
            "n_actors": len(store.actors()),
            "n_events": len(events),
            "n_quotes": len(store.quotes()),
        },  # fmt: skip
    )


@router.get(
    "/api/v1/documents",
    response_model=list[DocumentOut],
    tags=["corpus"],
    responses=error_responses(404),
)
def list_documents(store: StoreDep):
    """Every stored document (without its text)."""
    return records(store.documents())


@router.get(
    "/api/v1/framing", response_model=FramingOut, tags=["corpus"], responses=error_responses(404)
)
def framing(store: StoreDep):
    """Per outlet: tone of the sentences mentioning each actor, and whose voices are quoted."""
    return _framing(store)
