"""The ``Doc._`` / ``Span._`` attributes every detente component reads or writes.

Declared once, here (spaCy's advice: one place, plain values). Every value is a
plain Python value -- strings, ints, tuples, lists and dicts of those -- so a
:class:`spacy.tokens.DocBin` with ``store_user_data=True`` round-trips them.
For that reason quotes, events and stances are kept on the Doc as **dicts**
(``dataclasses.asdict`` of the record, with ``evidence`` flattened to
``{"doc_id", "start", "end"}``); :func:`records_from_dicts` turns them back into
records. The components write dicts via :func:`record_to_dict`.

Contract (frozen; B3's event and stance components read it):

``Doc._.doc_id``: ``str | None``
    Document key (``Article.content_hash``).
``Doc._.published``: ``str | None``
    ISO date of publication (``YYYY-MM-DD``); dates and roles resolve against it.
``Doc._.mentions``: ``list[tuple[int, int, str]]``
    ``(start_char, end_char, actor_id)`` for every resolved mention, including
    pronouns and nominals resolved by coreference, sorted by start. Mentions
    never overlap: a name's span drops a leading "the", honorifics and a
    possessive ("Kremlin", "Lavrov"); a role nominal spans its noun phrase
    ("the Ukrainian leader"), leaving a possessor its own mention ("Ukraine" +
    "foreign minister" in "Ukraine's foreign minister").
``Doc._.actor_info``: ``dict[str, dict]``
    ``actor_id -> {"name", "type", "country", "role"}`` for every actor seen,
    including ad-hoc actors (``person.adhoc.<slug>``); a dictionary person also has
    ``"org"``, the international body whose post they hold at the article's date
    (``country`` is then None). Roles, states and bodies are those in force at
    the article's date (the publication date, else the inferred reference time).
``Doc._.role_mentions``: ``list[tuple[int, int, str, str]]``
    ``(start_char, end_char, role keys joined by "|", state or body id)`` of the
    mentions resolved as the holder of a role at the article's date ("the US
    president"); the roles component re-reads them at an inferred date.
``Doc._.dates``: ``list[tuple[int, int, str, str]]``
    ``(start_char, end_char, value, precision)``; value is ``YYYY-MM-DD``,
    ``YYYY-MM`` or ``YYYY`` and precision ``day``/``month``/``year``.
``Doc._.reference``: ``dict | None``
    For an article without a publication date, the inferred "now" (set by the
    date component): ``{"earliest", "latest"`` (ISO days), ``"days"`` (how many
    candidate days), ``"clues": [{"start", "end", "event", "title", "date"}]}``;
    None when the publication date is known or nothing could be inferred.
``Doc._.locations``: ``list[tuple[int, int, str]]``
    ``(start_char, end_char, text)`` of place names used as places ("in Riyadh").
``Doc._.quotes`` / ``Doc._.events`` / ``Doc._.stances``: ``list[dict]``
    Record dicts (see above).
``Span._.actor_id``: ``str | None``
    Canonical actor id of an entity span, set by the actor resolver.

Container attributes read as a fresh empty list/dict on a Doc no component
filled (never ``None``); after a DocBin round-trip lists may come back as
tuples (:func:`get_list` normalises).
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

from detente.evidence import Evidence

log = logging.getLogger(__name__)

R = TypeVar("R")

#: Scalar Doc attributes and their defaults.
DOC_SCALARS: dict[str, Any] = {"doc_id": None, "published": None, "reference": None}
#: Container Doc attributes and the factory of their per-Doc empty value.
DOC_CONTAINERS: dict[str, type] = {
    "mentions": list,
    "actor_info": dict,
    "role_mentions": list,
    "dates": list,
    "locations": list,
    "quotes": list,
    "events": list,
    "stances": list,
}
DOC_ATTRS: tuple[str, ...] = (*DOC_SCALARS, *DOC_CONTAINERS)
SPAN_ATTRS: dict[str, Any] = {"actor_id": None}
PARSE_ATTRS: tuple[str, ...] = ("doc.sents", "token.dep", "token.head", "token.lemma", "token.tag")
"""The parse every rule component reads, in spaCy's ``requires`` spelling (parser, tagger,
lemmatizer). They read ``token.pos`` too, but the model's attribute ruler that sets it
declares nothing it assigns, so requiring it would flag a problem that is not one."""


def _key(attr: str) -> tuple:
    # The same user_data key spaCy uses for a ``default=`` extension, so DocBin
    # (store_user_data=True) serialises these values exactly like plain ones.
    return ("._.", attr, None, None)


def _container(attr: str, factory: type):
    key = _key(attr)

    def getter(doc: Doc):
        # A fresh container per Doc: a shared ``default=[]`` would leak between Docs.
        return doc.user_data.setdefault(key, factory())

    def setter(doc: Doc, value) -> None:
        doc.user_data[key] = value

    return getter, setter


def register_extensions() -> None:
    """Declare the detente extensions; calling it again is a no-op.

    Container attributes (``mentions``, ``quotes`` ...) read as a fresh empty
    list/dict on a Doc that no component filled, so readers never see ``None``.
    After a DocBin round-trip lists may come back as tuples; use
    :func:`get_list` when a real list is needed.
    """
    for attr, default in DOC_SCALARS.items():
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=default)
    for attr, factory in DOC_CONTAINERS.items():
        if not Doc.has_extension(attr):
            getter, setter = _container(attr, factory)
            Doc.set_extension(attr, getter=getter, setter=setter)
    for attr, default in SPAN_ATTRS.items():
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=default)


def remove_extensions() -> None:
    """Undo :func:`register_extensions` (for tests that reset state)."""
    for attr in DOC_ATTRS:
        if Doc.has_extension(attr):
            Doc.remove_extension(attr)
    for attr in SPAN_ATTRS:
        if Span.has_extension(attr):
            Span.remove_extension(attr)


def get_list(doc: Doc, attr: str) -> list:
    """``doc._.<attr>`` as a new list (tuples from a DocBin become lists)."""
    return [tuple(v) if isinstance(v, list) else v for v in doc._.get(attr) or []]


def get_dict(doc: Doc, attr: str) -> dict:
    """``doc._.<attr>`` as a new dict."""
    return dict(doc._.get(attr) or {})


def record_to_dict(record: Any) -> dict:
    """A frozen record as a plain dict (``evidence`` fields become dicts too)."""
    return dataclasses.asdict(record)


def record_from_dict(cls: type[R], data: dict) -> R:
    """Rebuild a record of ``cls`` from :func:`record_to_dict` output."""
    values = dict(data)
    for key in ("evidence", "date_evidence"):
        ev = values.get(key)
        if isinstance(ev, dict):
            values[key] = Evidence(**ev)
    return cls(**values)


def records_from_dicts(cls: type[R], items: list[dict] | None) -> list[R]:
    """Rebuild a list of records (``None`` gives an empty list)."""
    return [record_from_dict(cls, item) for item in items or []]


def parse_published(value: str | None) -> date | None:
    """``Doc._.published`` as a date (None when unset or not ISO)."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("Doc._.published is not an ISO date: %r", value)
        return None
