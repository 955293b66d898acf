"""The Python API the CLI and the web app call: one function per user-level job.

Each function composes the stages in the pipeline's one direction
(ingest -> extract -> store -> relate / forecast -> report); no stage calls
another's internals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.ingest import read_paths
from detente.ingest.records import Article, IngestFailure, IngestReport

log = logging.getLogger(__name__)

ProgressHook = Callable[[str], None]


def _batches(items: Iterable[Article | IngestFailure], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    store,
    extract: bool = True,
    extractor=None,
    batch_size: int = 16,
    on_item: ProgressHook | None = None,
) -> IngestReport:
    """Read files or folders, extract facts and store each article in its own transaction.

    A bad file becomes one line in ``report.failures`` and the batch goes on; an
    article whose content hash is already stored is skipped (re-runs are no-ops).

    Args:
        paths: files or folders (searched recursively).
        store: an open :class:`detente.store.Store`.
        extract: run the NLP extraction (``False`` stores the text only).
        extractor: a :class:`detente.extract.Extractor`; built on first need when None.
        batch_size: articles per ``nlp.pipe`` batch.
        on_item: called with each item's name once it is done (progress bars).
    """
    report = IngestReport()
    done = on_item or (lambda name: None)
    for batch in _batches(read_paths(paths), batch_size):
        fresh: list[Article] = []
        for item in batch:
            if isinstance(item, IngestFailure):
                report.failures.append(item)
                done(item.path)
            elif store.has_document(item.content_hash) or any(
                a.content_hash == item.content_hash for a in fresh
            ):
                report.unchanged.append(item.name)
                done(item.name)
            else:
                fresh.append(item)
        if not fresh:
            continue
        if extract:
            if extractor is None:
                from detente.extract import Extractor

                extractor = Extractor(batch_size=batch_size)
            results = extractor.extract_many(fresh)
        else:
            results = ((a, None) for a in fresh)
        for article, extraction in results:
            if isinstance(extraction, Exception):
                report.failures.append(
                    IngestFailure(article.source, f"extraction failed: {extraction}")
                )
            else:
                _store_one(store, article, extraction, report)
            done(article.name)
    return report


def _store_one(store, article: Article, extraction, report: IngestReport) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        created = store.add_document(article, extraction)
    except SQLAlchemyError as exc:
        reason = " ".join(str(exc.orig if hasattr(exc, "orig") else exc).split())[:200]
        report.failures.append(IngestFailure(article.source, f"could not be stored: {reason}"))
        return
    (report.stored if created else report.unchanged).append(article.name)


def reextract(store, *, extractor=None, on_item: ProgressHook | None = None) -> int:
    """Run extraction again over every stored article (after a dictionary or rule change)."""
    from detente.extract import Extractor

    extractor = extractor or Extractor()
    n = 0
    for article, extraction in extractor.extract_many(store.articles()):
        if not isinstance(extraction, Exception):
            store.set_extraction(article.content_hash, extraction)
            n += 1
        if on_item:
            on_item(article.name)
    return n


@dataclass(frozen=True, slots=True)
class LocatorCheck:
    """Outcome of resolving one scenario locator against the store."""

    actor: str
    """Actor id of the scenario entry."""
    issue: str
    """Issue id of the scenario entry."""
    doc: str
    """Document the locator names."""
    quote: str
    """The locator's words."""
    sentence: str | None
    """The full sentence it resolved to, or None."""
    problem: str | None
    """Why it did not resolve, or None."""


def check_scenario(scenario, store) -> list[LocatorCheck]:
    """Resolve every evidence locator of a scenario; entries without evidence are reported too."""
    from detente.errors import NotFound

    checks: list[LocatorCheck] = []
    for i, actor in enumerate(scenario.actors):
        for j, issue in enumerate(scenario.issues):
            if not scenario.present[i, j]:
                continue
            locs = scenario.evidence.get((actor.id, issue.id), ())
            if not locs:
                checks.append(LocatorCheck(actor.id, issue.id, "", "", None, "no evidence locator"))
            for loc in locs:
                try:
                    r = store.resolve(loc)
                    checks.append(LocatorCheck(actor.id, issue.id, loc.doc, loc.quote, r.sentence, None))
                except NotFound as exc:
                    checks.append(
                        LocatorCheck(actor.id, issue.id, loc.doc, loc.quote, None, exc.one_line())
                    )
    return checks


def _model_params(name: str, *, rounds: int | None, seed: int | None) -> dict:
    """Run options that apply to a model: ``rounds`` for dynamic ones, ``random_state`` when drawn."""
    from detente.bargain import MODELS

    names = set(MODELS[name]._get_param_names())
    params: dict = {}
    if rounds is not None:
        for key in ("rounds", "max_turns"):
            if key in names:
                params[key] = rounds
                break
        else:
            from detente.errors import ModelError

            raise ModelError(f"model {name!r} is not round-based; --rounds does not apply")
    if seed is not None and "random_state" in names:
        params["random_state"] = seed
    return params


def model_names(model: str) -> list[str]:
    """``all`` -> every registered model in registry order; otherwise the one name."""
    from detente.bargain import MODELS, get_model

    if model == "all":
        return list(MODELS)
    get_model(model)  # raises ModelError naming the known models
    return [model]


def forecast_scenario(
    path: Path | str,
    *,
    model: str = "compromise",
    rounds: int | None = None,
    draws: int = 0,
    seed: int | None = None,
) -> list:
    """Load a scenario file and forecast it with one model or ``all``.

    With ``draws > 0`` each forecast's outcome table gains the Monte Carlo
    median and 5–95 % band per issue.
    """
    from detente.bargain import forecast
    from detente.bargain.io import load_scenario

    scenario = load_scenario(path)
    results = []
    for name in model_names(model):
        params = _model_params(name, rounds=rounds, seed=seed)
        result = forecast(scenario, name, **params)
        if draws:
            result = _with_uncertainty(result, scenario, name, params, draws=draws, seed=seed)
        results.append(result)
    return results


def _with_uncertainty(result, scenario, name: str, params: dict, *, draws: int, seed: int | None):
    from dataclasses import replace

    from detente.bargain.uncertainty import monte_carlo
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    mc = monte_carlo(scenario, name, draws=draws, seed=seed, **params)
    table = mc.summary()[["issue", "p05", "median", "p95"]].rename(columns={"median": "mc_median"})
    outcomes = result.outcomes.merge(table, on="issue", how="left")
    return replace(result, outcomes=outcomes, seed=seed)
