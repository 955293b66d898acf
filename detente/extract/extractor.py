"""The extraction API: articles in, :class:`DocumentExtraction` records out.

>>> from detente.extract import Extractor
>>> extractor = Extractor()                       # builds the full pipeline on first use
>>> result = extractor.extract(article)           # doctest: +SKIP
>>> for article, result in extractor.extract_many(articles):   # doctest: +SKIP
...     if isinstance(result, Exception): ...     # one bad document does not stop the batch
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from detente.evidence import Evidence
from detente.extract.extensions import record_from_dict, register_extensions
from detente.extract.parts import MAX_PART_CHARS, merge_parts, split_text
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


MAX_CAUSE_CHARS = 300
"""Longest cause line kept (a worker's causes wait in an OS pipe until they are read)."""


def _failure_line(proc_name: str, exc: BaseException) -> str:
    """``component: ExceptionType: message``, the message on one line, at most 300 characters."""
    line = f"{proc_name}: {type(exc).__name__}: {' '.join(str(exc).split())}"
    return line if len(line) <= MAX_CAUSE_CHARS else line[: MAX_CAUSE_CHARS - 1] + "…"


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
        max_part_chars: A text longer than this is extracted in parts of at most this
            many characters (:mod:`detente.extract.parts`); never more than the
            pipeline's own ``max_length``.
    """

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        batch_size: int = 16,
        n_process: int = 1,
        issues=None,
        max_part_chars: int = MAX_PART_CHARS,
    ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.issues = issues
        self.max_part_chars = max_part_chars
        self._errors: dict[int, Exception] = {}
        self._issues_set = None
        self._causes = None
        """With ``n_process > 1``: where worker processes send why a document failed."""
        self._parent = os.getpid()

    def _pipeline(self) -> Language:
        if self.nlp is None:
            self.nlp = build_pipeline(issues=self.issues)
            self._issues_set = self.issues
        if self.issues is not None and self._issues_set is not self.issues:
            set_issues(self.nlp, self.issues)
            self._issues_set = self.issues
        register_extensions()
        return self.nlp

    def _part_limit(self, nlp: Language) -> int:
        return max(1, min(self.max_part_chars, nlp.max_length - 1))

    def _prepare(self, article: Article):
        published = article.published.isoformat() if article.published else None

        def prepare(doc: Doc) -> None:
            doc._.doc_id = article.doc_id
            doc._.published = published

        return prepare

    def _doc(self, nlp: Language, article: Article) -> Doc:
        doc = nlp.make_doc(article.text)
        self._prepare(article)(doc)
        return doc

    def extract(self, article: Article) -> DocumentExtraction:
        """Extract one article (a long one in parts); a component error propagates."""
        nlp = self._pipeline()
        prepare = self._prepare(article)
        parts = []
        for a, b in split_text(article.text, self._part_limit(nlp)):
            doc = nlp.make_doc(article.text[a:b])
            prepare(doc)
            parts.append((a, to_extraction(nlp(doc), article.doc_id)))
        return merge_parts(article.doc_id, parts)

    def _extract_alone(self, article: Article) -> DocumentExtraction | Exception:
        """:meth:`extract`, with any error returned as a :class:`ComponentError`."""
        try:
            return self.extract(article)
        except Exception as exc:  # noqa: BLE001 - one article's failure, reported with it
            log.warning("extraction failed on %s: %r", article.name, exc)
            err = ComponentError(f"{type(exc).__name__}: {exc}")
            err.__cause__ = exc
            return err

    def _on_error(self, proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
        """Record a component's failure against its article; outside the stream, raise it.

        In a worker process (``n_process > 1``) the record would stay in the worker's copy
        of the extractor, and the document just goes missing from what comes back; so the
        worker sends the one-line cause to this process (:attr:`_causes`, written before
        the worker sends its batch back, so it is there when the gap is seen).
        """
        indices = [getattr(doc, "_context", None) for doc in docs or ()]
        if not indices or not all(isinstance(index, int) for index in indices):
            raise exc  # a single document (a long article's part), or a worker that broke
        for doc, index in zip(docs, indices, strict=True):
            log.warning("component %s failed on document %s: %s", proc_name, doc._.doc_id, exc)
            line = _failure_line(proc_name, exc)
            if self._causes is not None and os.getpid() != self._parent:
                self._causes.put((index, line))
                continue
            err = ComponentError(line)
            err.__cause__ = exc
            self._errors[index] = err

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, DocumentExtraction | Exception]]:
        """Extract a stream of articles with ``nlp.pipe``, in input order.

        One article never costs the run: a component error on one document is caught
        by spaCy's error handler (``set_error_handler``) and that article is yielded
        with a :class:`ComponentError` whose cause is the original exception; an error
        the handler cannot catch (the tokenizer, a compiled component, a worker
        process) breaks the stream, and then the articles in flight are extracted one
        by one, each failure kept to its article, and the stream restarts on the rest.
        An article longer than the part limit is extracted in parts
        (:mod:`detente.extract.parts`) beside the stream, in its place.
        The pipeline's previous error handler is restored afterwards. With
        ``n_process > 1`` spaCy runs the components in worker processes; documents
        still come back in input order.
        """
        nlp = self._pipeline()
        previous = nlp.default_error_handler
        _set_error_handler(nlp, self._on_error)
        source = iter(articles)
        self._parent = os.getpid()
        if self.n_process > 1:
            self._causes = multiprocessing.SimpleQueue()  # put() writes at once, no thread
        try:
            while True:
                flight = _Flight()
                try:
                    yield from self._stream(nlp, source, flight)
                    return
                except Exception as exc:  # noqa: BLE001 - the stream broke; recover below
                    if not flight.unfinished():  # broke before taking any article: not one
                        raise  # article's fault, and a new stream would break the same way
                    log.warning("extraction stream failed (%r); extracting one by one", exc)
                for article, result in flight.unfinished():
                    yield article, result if result is not None else self._extract_alone(article)
        finally:
            _set_error_handler(nlp, previous)
            self._errors.clear()
            if self._causes is not None:
                self._causes.close()
                self._causes = None

    def _stream(
        self, nlp: Language, source: Iterator[Article], flight: _Flight
    ) -> Iterator[tuple[Article, DocumentExtraction | Exception]]:
        """One ``nlp.pipe`` run over ``source``; ``flight`` holds what is not yet yielded."""
        limit = self._part_limit(nlp)

        def feed() -> Iterator[tuple[Doc, int]]:
            for article in source:
                i = flight.add(article)
                if len(article.text) > limit:
                    flight.done(i, self._extract_alone(article))
                else:
                    yield self._doc(nlp, article), i

        seen = -1
        for doc, i in nlp.pipe(
            feed(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        ):
            for j in flight.pending_between(seen, i):  # documents a component dropped
                flight.done(j, self._failure(j))
            seen = i
            try:
                flight.done(i, to_extraction(doc, flight.article(i).doc_id))
            except Exception as exc:  # noqa: BLE001 - a malformed Doc fails its article only
                flight.done(i, ComponentError(f"collecting facts: {exc!r}"))
            yield from flight.finished()
        for j in flight.pending_between(seen, None):
            flight.done(j, self._failure(j))
        yield from flight.finished()

    def _failure(self, index: int) -> Exception:
        """Why document ``index`` did not come back from the pipeline."""
        while self._causes is not None and not self._causes.empty():
            at, line = self._causes.get()
            self._errors[at] = ComponentError(line)
        return self._errors.pop(index, None) or ComponentError("document dropped by the pipeline")


class _Flight:
    """Articles fed to one ``nlp.pipe`` run and not yet handed on, in feed order.

    An article leaves once its result is in and every earlier one has left; a
    document the pipeline dropped shows as a gap in the indices that come back.
    """

    def __init__(self) -> None:
        self._articles: dict[int, Article] = {}
        self._results: dict[int, DocumentExtraction | Exception] = {}
        self._next_in = 0
        self._next_out = 0

    def add(self, article: Article) -> int:
        i = self._next_in
        self._articles[i] = article
        self._next_in += 1
        return i

    def article(self, i: int) -> Article:
        return self._articles[i]

    def done(self, i: int, result: DocumentExtraction | Exception) -> None:
        self._results[i] = result

    def pending_between(self, after: int, before: int | None) -> list[int]:
        """Articles after index ``after`` and before ``before`` (None: all) with no result yet."""
        stop = self._next_in if before is None else before
        return [i for i in range(after + 1, stop) if i in self._articles and i not in self._results]

    def finished(self) -> Iterator[tuple[Article, DocumentExtraction | Exception]]:
        while self._next_out in self._results:
            i = self._next_out
            self._next_out += 1
            yield self._articles.pop(i), self._results.pop(i)

    def unfinished(self) -> list[tuple[Article, DocumentExtraction | Exception | None]]:
        """Articles not yet handed on, in feed order, with their result where it is in."""
        return [(self._articles[i], self._results.get(i)) for i in sorted(self._articles)]


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
