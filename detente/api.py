"""The Python API the CLI and the web app call: one function per user-level job.

Each function composes the stages in the pipeline's one direction
(ingest -> extract -> store -> relate / forecast -> report); no stage calls
another's internals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from detente.ingest.batches import new_article_batches
from detente.ingest.records import Article, IngestFailure, IngestReport

log = logging.getLogger(__name__)

ProgressHook = Callable[[str], None]


def ingest_paths(
    paths: Iterable[Path | str],
    *,
    store,
    extract: bool = True,
    extractor=None,
    batch_size: int = 16,
    n_process: int = 1,
    on_item: ProgressHook | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read files or folders, extract facts and store each article in its own transaction.

    A bad file becomes one line in ``report.failures`` and the batch goes on; an
    article whose content hash is already stored is skipped (re-runs are no-ops).
    All new articles flow through one ``nlp.pipe`` stream, so worker processes
    (``n_process``) start once per call. With ``scheduler`` the workers of a Dask
    cluster extract and the articles are written a batch per transaction
    (:func:`detente.cluster.ingest_on_cluster`); what is stored is the same.

    Args:
        paths: files or folders (searched recursively).
        store: an open :class:`detente.store.Store`.
        extract: run the NLP extraction (``False`` stores the text only).
        extractor: a :class:`detente.extract.Extractor`; built on first need when None.
        batch_size: articles per ``nlp.pipe`` batch.
        n_process: worker processes for ``nlp.pipe`` when ``extractor`` is None.
        on_item: called with each item's name once it is done (progress bars).
        scheduler: ``tcp://HOST:PORT`` of a Dask scheduler, or ``local:N`` for N local
            worker processes (see :func:`detente.cluster.connect`); None runs here.
    """
    if scheduler is not None and extract:
        if n_process > 1 or extractor is not None:
            from detente.errors import DetenteError

            raise DetenteError("--scheduler runs the extraction on the cluster; drop --processes")
        from detente.cluster import connect, ingest_on_cluster

        with connect(scheduler) as cluster:
            return ingest_on_cluster(
                paths, store=store, cluster=cluster, batch_size=batch_size, on_item=on_item
            )
    report = IngestReport()
    done = on_item or (lambda name: None)
    stream = itertools.chain.from_iterable(
        new_article_batches(
            paths, stored_ids=store.stored_ids, report=report, batch_size=batch_size, on_item=done
        )
    )
    first = next(stream, None)
    if first is None:  # nothing new: do not load the NLP model at all
        return report
    articles = itertools.chain([first], stream)
    if extract:
        if extractor is None:
            from detente.extract import Extractor

            extractor = Extractor(batch_size=batch_size, n_process=n_process)
        results = extractor.extract_many(articles)
    else:
        results = ((a, None) for a in articles)
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

    from detente.errors import DetenteError
    from detente.store import write_error

    try:
        created = store.add_document(article, extraction)
    except (DetenteError, SQLAlchemyError) as exc:
        report.failures.append(IngestFailure(article.source, write_error(exc)))
        return
    (report.stored if created else report.unchanged).append(article.name)


def reextract(store, *, extractor=None, on_item: ProgressHook | None = None) -> IngestReport:
    """Run extraction again over every stored article (after a dictionary or rule change).

    Each document's facts are replaced in one transaction; a document whose
    extraction fails keeps its previous facts and is listed in ``failures``.
    """
    from detente.errors import DetenteError
    from detente.extract import Extractor

    extractor = extractor or Extractor()
    report = IngestReport()
    for article, extraction in extractor.extract_many(store.articles()):
        if isinstance(extraction, Exception):
            report.failures.append(IngestFailure(article.name, f"extraction failed: {extraction}"))
        else:
            try:
                store.set_extraction(article.content_hash, extraction)
                report.stored.append(article.name)
            except DetenteError as exc:
                report.failures.append(IngestFailure(article.name, exc.one_line()))
        if on_item:
            on_item(article.name)
    return report


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
                    checks.append(
                        LocatorCheck(actor.id, issue.id, loc.doc, loc.quote, r.sentence, None)
                    )
                except NotFound as exc:
                    checks.append(
                        LocatorCheck(actor.id, issue.id, loc.doc, loc.quote, None, exc.one_line())
                    )
    return checks


def _model_params(
    name: str, *, rounds: int | None, seed: int | None, strict: bool = True, jobs: int = 1
) -> dict:
    """Run options that apply to a model: ``rounds`` for dynamic ones, always a ``random_state``.

    A model that draws random numbers (tie-breaks, stochastic transitions) gets
    ``seed``, or ``Settings().seed`` when None, so every forecast repeats exactly.
    With ``strict=False`` (``--model all``) ``rounds`` is skipped for closed-form models.
    ``jobs`` > 1 goes to models that can split Monte Carlo draws over processes
    (their results do not depend on it).
    """
    from detente.bargain import MODELS, seeded_params

    names = set(MODELS[name]._get_param_names())
    params: dict = seeded_params(name, seed)
    if rounds is not None:
        for key in ("rounds", "max_turns"):
            if key in names:
                params[key] = rounds
                break
        else:
            if strict:
                from detente.errors import ModelError

                raise ModelError(f"model {name!r} is not round-based; --rounds does not apply")
    if jobs > 1 and "n_jobs" in names:
        params["n_jobs"] = jobs
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
    jobs: int = 1,
    scheduler: str | None = None,
) -> list:
    """Load a scenario file and forecast it with one model or ``all``.

    With ``draws > 0`` each forecast's outcome table gains the Monte Carlo
    median and 5–95 % band per issue. With ``scheduler`` (as for
    :func:`ingest_paths`) the draws' seeded blocks run on the cluster's workers, with
    the same numbers as here (``jobs`` then does not apply).
    """
    from detente.bargain import forecast
    from detente.bargain.io import load_scenario

    scenario = load_scenario(path)
    results = []
    with _cluster_mapper(scheduler if draws else None) as mapper:
        for name in model_names(model):
            params = _model_params(
                name, rounds=rounds, seed=seed, strict=model != "all", jobs=1 if mapper else jobs
            )
            result = forecast(scenario, name, **params)
            if draws:
                result = _with_uncertainty(
                    result, scenario, name, params, draws=draws, seed=seed, mapper=mapper
                )
            results.append(result)
    return results


@contextmanager
def _cluster_mapper(scheduler: str | None) -> Iterator[Callable | None]:
    """``Cluster.map`` of the cluster ``scheduler`` names while the block runs; None for here."""
    if scheduler is None:
        yield None
        return
    from detente.cluster import connect

    with connect(scheduler) as cluster:
        yield cluster.map


def _with_uncertainty(
    result, scenario, name: str, params: dict, *, draws: int, seed: int | None, mapper=None
):
    from dataclasses import replace

    from detente.bargain import get_model
    from detente.bargain.uncertainty import monte_carlo
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    mc = monte_carlo(scenario, get_model(name, **params), draws=draws, seed=seed, mapper=mapper)
    table = mc.summary[["issue", "p05", "median", "p95"]].rename(columns={"median": "mc_median"})
    outcomes = result.outcomes.merge(table, on="issue", how="left")
    return replace(result, outcomes=outcomes, seed=seed)


def whatif_scenario(
    path: Path | str, *, model: str = "compromise", variants: list[str] | None = None
):
    """Run the what-ifs a scenario file declares (all, or those named) against its baseline."""
    from detente.bargain import get_model
    from detente.bargain.io import load_scenario_file
    from detente.bargain.whatif import whatif
    from detente.errors import ScenarioError

    sf = load_scenario_file(path)
    chosen = list(sf.whatifs)
    if variants:
        known = {w.id: w for w in sf.whatifs}
        unknown = [v for v in variants if v not in known]
        if unknown:
            names = ", ".join(known) or "none"
            raise ScenarioError(
                f"{path}: unknown what-if {unknown[0]!r}; the file declares: {names}"
            )
        chosen = [known[v] for v in variants]
    if not chosen:
        raise ScenarioError(f"{path}: the scenario declares no what-ifs (add a whatifs: section)")
    return whatif(sf.scenario, chosen, get_model(model))


def default_scenario_path() -> Path:
    """Seed scenario ``scenarios/ukraine-2025.yaml``, in the working folder or the repository."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = base / "scenarios" / "ukraine-2025.yaml"
        if candidate.exists():
            return candidate
    from detente.errors import InputError

    raise InputError("scenarios/ukraine-2025.yaml", "seed scenario not found")


def write_report(
    store,
    out_dir: Path | str,
    *,
    scenario_path: Path | str | None = None,
    draws: int = 500,
    seed: int | None = None,
) -> Path:
    """Write the self-contained HTML report and return its path."""
    from detente.report import build_report
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    return build_report(store, Path(out_dir), scenario_path=scenario_path, draws=draws, seed=seed)


def default_seeds_dir() -> Path:
    """``../shared/seeds`` beside the working folder or the repository."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = (base / ".." / "shared" / "seeds").resolve()
        if candidate.is_dir():
            return candidate
    from detente.errors import InputError

    raise InputError("../shared/seeds", "seed folder not found; give a folder of articles")


def run_demo(
    seeds: Path | str | None,
    *,
    out_dir: Path | str,
    db: str,
    draws: int = 500,
    seed: int | None = None,
    on_item: ProgressHook | None = None,
) -> dict[str, object]:
    """Ingest the seeds, check and forecast the seed scenario with every model, write the report.

    Returns a short summary (counts, locator check, the compromise forecast, the report path).
    """
    from detente.store import open_store

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds_dir = Path(seeds) if seeds else default_seeds_dir()
    scenario_path = default_scenario_path()
    from detente.bargain.io import load_scenario

    scenario = load_scenario(scenario_path)
    with open_store(db) as store:
        report = ingest_paths([seeds_dir], store=store, on_item=on_item)
        checks = check_scenario(scenario, store)
        path = write_report(store, out_dir, scenario_path=scenario_path, draws=draws, seed=seed)
        summary: dict[str, object] = {
            "articles stored / unchanged / failed": (
                f"{len(report.stored)} / {len(report.unchanged)} / {len(report.failures)}"
            ),
            "documents in store": len(store.documents()),
            "actors": len(store.actors()),
            "events": len(store.events()),
            "quotes": len(store.quotes()),
            "evidence locators resolved": (
                f"{sum(c.problem is None for c in checks)} of {len(checks)}"
            ),
        }
    for f in report.failures:
        summary[f"failed: {Path(f.path).name}"] = f.reason
    for result in forecast_scenario(scenario_path, model="compromise"):
        for row in result.to_dict()["issues"]:
            summary[f"compromise: {row['issue']}"] = f"{row['outcome']:.1f}"
    summary["report"] = str(path)
    summary["store"] = db
    return summary


def serve(
    db: str, *, host: str = "127.0.0.1", port: int = 8000, get: str | None = None
) -> tuple[int, str] | None:
    """Serve the dashboard, or with ``get`` answer one request in-process: (status, body)."""
    from detente.store import open_store
    from detente.web import create_app

    store = open_store(db)
    app = create_app(store)
    if get is not None:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            response = client.get(get)
        return response.status_code, response.text
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")
    return None


def sensitivity_scenario(
    path: Path | str,
    *,
    model: str = "compromise",
    n: int = 256,
    seed: int | None = None,
    delta: float = 0.1,
    scheduler: str | None = None,
):
    """Tornado table and Sobol indices of a scenario file for one model.

    With ``scheduler`` the perturbed inputs are solved on the cluster's workers, with the
    same numbers as here.
    """
    from detente.bargain import get_model
    from detente.bargain.io import load_scenario
    from detente.bargain.sensitivity import sensitivity
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    with _cluster_mapper(scheduler) as mapper:
        return sensitivity(
            load_scenario(path),
            get_model(model),
            n=n,
            seed=seed,
            position_delta=delta,
            salience_delta=delta,
            capability_delta=delta,
            mapper=mapper,
        )


def watch_folder(
    folder: Path | str,
    *,
    store,
    scenario_path: Path | str | None = None,
    report_dir: Path | str | None = None,
    dyad: tuple[str, str] = ("USA", "RUS"),
    extractor=None,
    seed: int | None = None,
    stop=None,
    on_update: Callable | None = None,
    on_item: ProgressHook | None = None,
    debounce_ms: int | None = None,
) -> IngestReport:
    """Ingest ``folder`` now, then every file added or changed in it, until stopped.

    After the catch-up and after every batch that stored something, the corpus views are
    refreshed and handed to ``on_update`` as a :class:`detente.watch.WatchUpdate`: the
    dyad summary, ``dyad``'s channel states, the scenario's locator check and, with
    ``report_dir``, a rewritten ``report.html``. See :mod:`detente.watch` for what a
    restart, a changed file and Ctrl-C do.

    Args:
        folder: The folder to watch (recursively).
        store: The open store written to.
        scenario_path: Scenario checked (and forecast in the report) after each batch.
        report_dir: Where ``report.html`` is rewritten after each batch; None for none.
        dyad: The pair whose channel states are refreshed.
        extractor: The :class:`~detente.extract.Extractor` of every batch; one is built
            (the model loaded once) when None.
        seed: Seed of the report's Monte Carlo.
        stop: A ``threading.Event``; setting it ends the watch. Ctrl-C ends it too.
        on_update: Called after each refresh with its ``WatchUpdate``.
        on_item: Called with each item's name once it is settled.
        debounce_ms: Changes closer together than this form one batch.

    Returns:
        What the watch stored, skipped and failed, over all its batches.
    """
    import threading

    from detente.errors import InputError
    from detente.watch import DEBOUNCE_MS, WatchUpdate, changed_files, corpus_views

    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder to watch")
    if extractor is None:
        from detente.extract import Extractor

        extractor = Extractor()
    stop = stop or threading.Event()
    scenario = None
    if scenario_path is not None:
        from detente.bargain.io import load_scenario

        scenario = load_scenario(scenario_path)
    total = IngestReport()

    def run_batch(number: int, paths: list[Path]) -> None:
        report = ingest_paths(paths, store=store, extractor=extractor, on_item=on_item)
        total.stored.extend(report.stored)
        total.unchanged.extend(report.unchanged)
        total.failures.extend(report.failures)
        if number and not report.stored:
            return
        dyads, channels = corpus_views(store, dyad)
        locators = written = None
        if scenario is not None:
            checks = check_scenario(scenario, store)
            locators = (sum(c.problem is None for c in checks), len(checks))
        if report_dir is not None:
            written = write_report(store, report_dir, scenario_path=scenario_path, seed=seed)
        if on_update:
            on_update(
                WatchUpdate(
                    batch=number,
                    report=report,
                    n_documents=len(store.documents()),
                    dyads=dyads,
                    channels=channels,
                    locators=locators,
                    report_path=written,
                )
            )

    debounce = DEBOUNCE_MS if debounce_ms is None else debounce_ms
    batches = changed_files(folder, stop, debounce_ms=debounce)
    try:
        early = next(batches, [])  # the watcher is armed: the catch-up scan misses nothing
        run_batch(0, [folder])
        number = 0
        for paths in itertools.chain([early], batches):
            if paths:
                number += 1
                log.info("watch batch %d: %d files", number, len(paths))
                run_batch(number, paths)
    except KeyboardInterrupt:
        log.info("watch stopped by an interrupt")
    return total
