"""The extraction API: articles in, :class:`DocumentExtraction` records out.

>>> from detente.extract import Extractor
>>> extractor = Extractor()                       # builds the full pipeline on first use
>>> result = extractor.extract(article)           # doctest: +SKIP
>>> for article, result in extractor.extract_many(articles):   # doctest: +SKIP
...     if isinstance(result, Exception): ...     # one bad document does not stop the batch
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from detente.evidence import Evidence
from detente.extract.extensions import record_from_dict, register_extensions
from detente.extract.pipeline import build_pipeline, set_issues
from detente.extract.records import (
    ActorRecord,
    DocumentExtraction,
    EventRecord,
    MentionRecord,
    QuoteRecord,
    ReferenceClue,
    ReferenceRecord,
    SentenceRecord,
    StanceRecord,
)
from detente.ingest.records import Article

log = logging.getLogger(__name__)


class ComponentError(RuntimeError):
    """A pipeline component failed on one document (the cause is chained)."""


def _records(cls: type, items: Iterable[Any]) -> list:
    """Records from ``Doc._`` values, which hold dicts (or records, if a component stored them)."""
    return [
        item if isinstance(item, cls) else record_from_dict(cls, dict(item)) for item in items or ()
    ]


def to_extraction(doc: Doc, doc_id: str | None = None) -> DocumentExtraction:
    """Collect a processed Doc's extensions into a :class:`DocumentExtraction`.

    Args:
        doc: A Doc that went through the pipeline.
        doc_id: Document key; ``Doc._.doc_id`` when None.
    """
    key = doc_id or doc._.doc_id or ""
    if doc.has_annotation("SENT_START"):
        sentences = [SentenceRecord(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
    else:
        sentences = [SentenceRecord(0, 0, len(doc.text))] if doc.text else []
    info = doc._.actor_info or {}
    actors = [
        ActorRecord(
            actor_id,
            v.get("name") or actor_id,
            v.get("type") or "organization",
            v.get("country"),
            v.get("role"),
            v.get("org"),
        )
        for actor_id, v in sorted(info.items())
    ]
    mentions = [
        MentionRecord(actor, Evidence(key, a, b), doc.text[a:b]) for a, b, actor in doc._.mentions
    ]
    return DocumentExtraction(
        doc_id=key,
        sentences=sentences,
        actors=actors,
        mentions=mentions,
        events=_records(EventRecord, doc._.events),
        quotes=_records(QuoteRecord, doc._.quotes),
        stances=_records(StanceRecord, doc._.stances),
        reference=_reference(doc._.reference, key),
    )


def _reference(value: dict | None, doc_id: str) -> ReferenceRecord | None:
    """``Doc._.reference`` (plain values) as a record."""
    if not value:
        return None
    clues = tuple(
        ReferenceClue(c["event"], c["title"], c["date"], Evidence(doc_id, c["start"], c["end"]))
        for c in value.get("clues") or ()
    )
    return ReferenceRecord(value["earliest"], value["latest"], value["days"], clues)


class Extractor:
    """Run the extraction pipeline over articles.

    Args:
        nlp: A pipeline from :func:`build_pipeline`; built (with every available
            component) on first use when None.
        batch_size: Documents per ``nlp.pipe`` batch.
        n_process: Worker processes for ``nlp.pipe``.
        issues: Issue definitions for the stance component when the pipeline has one
            (see :func:`~detente.extract.pipeline.build_pipeline`); None keeps its
            packaged issues.
    """

    def __init__(
        self, *, nlp: Language | None = None, batch_size: int = 16, n_process: int = 1, issues=None
    ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.issues = issues
        self._errors: dict[int, Exception] = {}
        self._issues_set = None

    def _pipeline(self) -> Language:
        if self.nlp is None:
            self.nlp = build_pipeline(issues=self.issues)
            self._issues_set = self.issues
        if self.issues is not None and self._issues_set is not self.issues:
            set_issues(self.nlp, self.issues)
            self._issues_set = self.issues
        register_extensions()
        return self.nlp

    def _doc(self, nlp: Language, article: Article) -> Doc:
        doc = nlp.make_doc(article.text)
        doc._.doc_id = article.doc_id
        doc._.published = article.published.isoformat() if article.published else None
        return doc

    def extract(self, article: Article) -> DocumentExtraction:
        """Extract one article; a component error propagates."""
        nlp = self._pipeline()
        return to_extraction(nlp(self._doc(nlp, article)), article.doc_id)

    def _on_error(self, proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            index = getattr(doc, "_context", None)
            log.warning("component %s failed on document %s: %s", proc_name, doc._.doc_id, exc)
            if isinstance(index, int):
                err = ComponentError(f"{proc_name}: {exc}")
                err.__cause__ = exc
                self._errors[index] = err

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, DocumentExtraction | Exception]]:
        """Extract a stream of articles with ``nlp.pipe``, in input order.

        A component error on one document does not stop the batch (spaCy's
        ``set_error_handler``): that article is yielded with a :class:`ComponentError`
        whose cause is the original exception. The pipeline's previous error handler
        is restored afterwards. With ``n_process > 1`` spaCy runs the components in
        worker processes; documents still come back in input order.
        """
        nlp = self._pipeline()
        previous = nlp.default_error_handler
        _set_error_handler(nlp, self._on_error)
        pending: dict[int, Article] = {}

        def feed() -> Iterator[tuple[Doc, int]]:
            for i, article in enumerate(articles):
                pending[i] = article
                yield self._doc(nlp, article), i

        try:
            done = 0
            for doc, i in nlp.pipe(
                feed(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
            ):
                for j in range(done, i):  # documents a component dropped
                    yield pending.pop(j), self._failure(j)
                done = i + 1
                article = pending.pop(i)
                yield article, to_extraction(doc, article.doc_id)
            for j in sorted(pending):
                yield pending.pop(j), self._failure(j)
        finally:
            _set_error_handler(nlp, previous)
            self._errors.clear()

    def _failure(self, index: int) -> Exception:
        return self._errors.pop(index, None) or ComponentError("document dropped by the pipeline")


def _set_error_handler(nlp: Language, handler) -> None:
    """``nlp.set_error_handler`` that tolerates components which cannot store one.

    spaCy 3.8's Cython ``DependencyParser`` has no ``error_handler`` slot, so
    ``Language.set_error_handler`` raises AttributeError on the stock pipeline.
    Plain-function components (all of detente's) use ``default_error_handler``.
    """
    nlp.default_error_handler = handler
    for _name, pipe in nlp.pipeline:
        setter = getattr(pipe, "set_error_handler", None)
        if setter is None:
            continue
        try:
            setter(handler)
        except AttributeError:
            log.debug("component %s cannot take an error handler", _name)
