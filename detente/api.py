"""The Python API the CLI and the web app call: one function per user-level job.

Each function composes the stages in the pipeline's one direction
(ingest -> extract -> store -> relate / forecast -> report); no stage calls
another's internals.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import logging
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from detente import forecasting
from detente.bargain import get_model, load_scenario, load_scenario_file, sensitivity, whatif
from detente.bargain.analysis.backtest import backtest
from detente.bargain.diff import diff_scenarios
from detente.bargain.draft import document_days, draft_scenario, party_of
from detente.bargain.io.evidence import read_evidence, with_evidence
from detente.bargain.io.yamlout import write_scenario_yaml
from detente.bargain.track import track_scenario
from detente.errors import DetenteError, InputError, ModelError, NotFound, ScenarioError
from detente.forecasting import forecasts_of, model_names
from detente.ingest.batches import new_article_batches
from detente.ingest.records import Article, IngestFailure, IngestReport, IngestWarning
from detente.issues import default_issues, read_issues
from detente.randomness import RandomStateLike, seed_of
from detente.report import build_report
from detente.samples import sample_corpus, sample_evidence, seed_scenario
from detente.settings import get_settings
from detente.store import open_store, write_error
from detente.watch import DEBOUNCE_MS, WatchUpdate, changed_files, corpus_views

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
    issues=None,
    scheduler: str | None = None,
    max_bytes: int | None = None,
) -> IngestReport:
    """Read files or folders, extract facts and store each article in its own transaction.

    A bad file becomes one line in ``report.failures`` and the batch goes on; an
    article whose content hash is already stored is skipped (re-runs are no-ops).
    One article never stops the run: its failure to extract or to store is one more
    line in ``report.failures``, and a fact that does not fit its article is
    repaired or dropped alone, one line in ``report.warnings``. The event clusters
    (reports of one happening across articles) are brought up to date once, after
    the last article. All new articles flow through one ``nlp.pipe`` stream, so
    worker processes (``n_process``) start once per call. With ``scheduler`` the
    workers of a Dask cluster extract and the articles are written a batch per
    transaction (:func:`detente.cluster.ingest_on_cluster`); what is stored is the same.

    Args:
        paths: files or folders (searched recursively).
        store: an open :class:`detente.store.Store`.
        extract: run the NLP extraction (``False`` stores the text only).
        extractor: a :class:`detente.extract.Extractor`; built on first need when None.
        batch_size: articles per ``nlp.pipe`` batch.
        n_process: worker processes for ``nlp.pipe`` when ``extractor`` is None.
        on_item: called with each item's name once it is done (progress bars).
        issues: an :class:`~detente.issues.IssueSet` the stances are read on (default:
            the packaged issues), when ``extractor`` is None.
        scheduler: ``tcp://HOST:PORT`` of a Dask scheduler, or ``local:N`` for N local
            worker processes (see :func:`detente.cluster.connect`); None runs here.
        max_bytes: size limit of one file (one line of a JSON Lines feed); by default
            ``Settings.max_file_mb``.
    """
    if max_bytes is None:
        max_bytes = int(get_settings().max_file_mb * 2**20)
    if scheduler is not None and extract:
        if n_process > 1 or extractor is not None:
            raise DetenteError("--scheduler runs the extraction on the cluster; drop --processes")
        from detente.cluster import connect, ingest_on_cluster

        with connect(scheduler) as cluster:
            return ingest_on_cluster(
                paths,
                store=store,
                cluster=cluster,
                batch_size=batch_size,
                on_item=on_item,
                issues=issues,
                max_bytes=max_bytes,
            )
    report = IngestReport()
    done = on_item or (lambda name: None)
    stream = itertools.chain.from_iterable(
        new_article_batches(
            paths,
            stored_ids=store.stored_ids,
            report=report,
            batch_size=batch_size,
            on_item=done,
            max_bytes=max_bytes,
        )
    )
    first = next(stream, None)
    if first is None:  # nothing new: do not load the NLP model at all
        return report
    articles = itertools.chain([first], stream)
    if extract:
        if extractor is None:
            from detente.extract import Extractor

            extractor = Extractor(batch_size=batch_size, n_process=n_process, issues=issues)
        results = extractor.extract_many(articles)
    else:
        results = ((a, None) for a in articles)
    try:
        for article, extraction in results:
            if isinstance(extraction, Exception):
                report.failures.append(
                    IngestFailure(article.source, f"extraction failed: {extraction}")
                )
            else:
                _store_one(store, article, extraction, report)
            done(article.name)
    finally:  # one pass over the touched event clusters, not one per article
        store.cluster_pending()
    return report


def _store_one(store, article: Article, extraction, report: IngestReport) -> None:
    """Store one article; whatever goes wrong is one line of the report, never the run's end."""

    def warn(message: str) -> None:
        report.warnings.append(IngestWarning(article.source, message))

    try:
        created = store.add_document(article, extraction, on_warning=warn, cluster=False)
    except (DetenteError, SQLAlchemyError) as exc:
        reason = write_error(exc)
    except Exception as exc:  # noqa: BLE001 - one article's fault must not end the run
        log.exception("storing %s failed", article.name)
        shown = " ".join(str(exc).split())[:160]
        reason = f"could not be stored: internal error ({type(exc).__name__}: {shown})"
    else:
        (report.stored if created else report.unchanged).append(article.name)
        return
    report.failures.append(IngestFailure(article.source, reason))


def reextract(
    store, *, extractor=None, on_item: ProgressHook | None = None, issues=None
) -> IngestReport:
    """Run extraction again over every stored article (after a dictionary or rule change).

    Each document's facts are replaced in one transaction; a document whose
    extraction fails keeps its previous facts and is listed in ``failures``.
    ``issues`` (an :class:`~detente.issues.IssueSet`) replaces the packaged issues
    the stances are read on.
    """
    from detente.extract import Extractor

    extractor = extractor or Extractor(issues=issues)
    report = IngestReport()
    try:
        for article, extraction in extractor.extract_many(store.articles()):
            if isinstance(extraction, Exception):
                report.failures.append(
                    IngestFailure(article.name, f"extraction failed: {extraction}")
                )
            else:

                def warn(message: str, name: str = article.name) -> None:
                    report.warnings.append(IngestWarning(name, message))

                try:
                    store.set_extraction(
                        article.content_hash, extraction, on_warning=warn, cluster=False
                    )
                    report.stored.append(article.name)
                except DetenteError as exc:
                    report.failures.append(IngestFailure(article.name, exc.one_line()))
            if on_item:
                on_item(article.name)
    finally:  # one pass over the touched event clusters, not one per article
        store.cluster_pending()
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
    what: str = "position"
    """``position`` for an actor's entry, ``outcome YYYY-MM-DD`` for an observed outcome."""


def check_scenario(scenario, store, outcomes=()) -> list[LocatorCheck]:
    """Resolve every evidence locator of a scenario (and of its observed ``outcomes``).

    Entries without evidence are reported too.
    """
    checks: list[LocatorCheck] = []
    for o in outcomes:
        for loc in o.evidence:
            try:
                sentence, problem = store.resolve(loc).sentence, None
            except NotFound as exc:
                sentence, problem = None, exc.one_line()
            what = f"outcome {o.date}"
            checks.append(LocatorCheck("", o.issue, loc.doc, loc.quote, sentence, problem, what))
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


@contextmanager
def _run_options(
    model: str, *, rounds: int | None, jobs: int, draws: int, scheduler: str | None
) -> Iterator[dict]:
    """:func:`detente.forecasting.run` options of a forecast or comparison, while it runs.

    The cost limit applies; ``rounds`` is refused for a closed-form model unless
    ``model`` is ``all``. With ``scheduler`` the Monte Carlo blocks run on that Dask
    cluster (models get ``n_jobs=1`` there: a worker does not fork).
    """
    with _cluster_mapper(scheduler if draws else None) as mapper:
        yield {
            "rounds": rounds,
            "strict": model != "all",
            "jobs": 1 if mapper else jobs,
            "limit_cost": True,
            "mapper": mapper,
        }


def forecast_scenario(
    path: Path | str,
    *,
    model: str = "compromise",
    rounds: int | None = None,
    draws: int = 0,
    random_state: RandomStateLike = None,
    jobs: int = 1,
    loop_draws: int | None = None,
    scheduler: str | None = None,
) -> list:
    """Load a scenario file and forecast it with one model or ``all``.

    With ``draws > 0`` each forecast's outcome table gains the Monte Carlo
    median and 5–95 % band per issue. A model that cannot forecast the scenario
    raises :class:`~detente.errors.ModelError`; so does a forecast whose estimated
    cost is over ``Settings.max_forecast_seconds``, before anything runs
    (:mod:`detente.bargain.cost`).

    Args:
        path: Scenario file (any format :func:`detente.bargain.io.load_scenario` reads).
        model: A registered model name, or ``all``.
        rounds: Rounds of the round-based models.
        draws: Monte Carlo draws per model.
        random_state: Every random draw's (:mod:`detente.randomness`); None: the global seed.
        jobs: Processes for the Monte Carlo draws of models that can use them.
        loop_draws: Cap on draws of models without a draws axis; no cap when None.
        scheduler: Run the draws' seeded blocks on a Dask cluster (``tcp://HOST:PORT``
            or ``local:N``, as for :func:`ingest_paths`): the same numbers as here;
            ``jobs`` then does not apply.
    """
    scenario = load_scenario(path)
    with _run_options(model, rounds=rounds, jobs=jobs, draws=draws, scheduler=scheduler) as options:
        results = forecasting.run(
            scenario,
            model_names(model),
            draws=draws,
            random_state=random_state,
            loop_draws=draws if loop_draws is None else loop_draws,
            **options,
        )
    for r in results:
        if r.error:
            raise ModelError(r.error)
    return forecasts_of(results)


def compare_scenario(
    path: Path | str,
    *,
    model: str = "all",
    rounds: int | None = None,
    draws: int = 500,
    random_state: RandomStateLike = None,
    jobs: int = 1,
    explain: bool = True,
    on_step: ProgressHook | None = None,
    scheduler: str | None = None,
):
    """The comparison table (issues x models) of a scenario file, as the report shows it.

    Runs exactly what :func:`write_report` runs for the same ``draws`` and ``random_state``
    (the same :data:`~detente.bargain.analysis.compare.LOOP_DRAWS` cap on models without a
    draws axis), so the two show the same numbers.

    Args:
        path: Scenario file.
        model: A registered model name, or ``all``.
        rounds: Rounds of the round-based models.
        draws: Monte Carlo draws per model (0 for none).
        random_state: Every random draw's (:mod:`detente.randomness`); None: the global seed.
        jobs: Processes for the Monte Carlo draws of models that can use them.
        explain: Add each issue's "why they differ" notes.
        on_step: Told about each step before it runs (status lines).
        scheduler: Run the Monte Carlo blocks on a Dask cluster (as for
            :func:`forecast_scenario`); the same numbers.

    Returns:
        A :class:`~detente.bargain.analysis.compare.Comparison`; its ``results`` hold the runs.
    """
    scenario = load_scenario(path)
    with _run_options(model, rounds=rounds, jobs=jobs, draws=draws, scheduler=scheduler) as options:
        return forecasting.run_and_compare(
            scenario,
            model_names(model),
            draws=draws,
            random_state=random_state,
            explain=explain,
            on_step=on_step,
            loop_draws=forecasting.LOOP_DRAWS,
            **options,
        )


@contextmanager
def _cluster_mapper(scheduler: str | None) -> Iterator[Callable | None]:
    """``Cluster.map`` of the cluster ``scheduler`` names while the block runs; None for here."""
    if scheduler is None:
        yield None
        return
    from detente.cluster import connect

    with connect(scheduler) as cluster:
        yield cluster.map


def whatif_scenario(
    path: Path | str, *, model: str = "compromise", variants: list[str] | None = None
):
    """Run the what-ifs a scenario file declares (all, or those named) against its baseline."""
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
    """The seed scenario shipped with the package (``scenarios/ukraine-2025.yaml``)."""
    return seed_scenario()


def load_scenario_with(path: Path | str, *, evidence: Path | str | None = None):
    """A scenario file's scenario, its locators replaced by an evidence file's when given."""
    sf = load_scenario_file(path)
    if evidence is not None:
        sf = with_evidence(sf, read_evidence(evidence, sf.scenario))
    return sf.scenario


def write_report(
    store,
    out_dir: Path | str,
    *,
    scenario_path: Path | str | None = None,
    draws: int = 500,
    random_state: RandomStateLike = None,
    evidence: Path | str | None = None,
    on_step: ProgressHook | None = None,
) -> Path:
    """Write the self-contained HTML report and return its path.

    ``evidence`` names an evidence file that replaces the scenario's locators (see
    :func:`detente.bargain.io.read_evidence`); ``on_step`` is told about each step.
    """
    return build_report(
        store,
        Path(out_dir),
        scenario_path=scenario_path,
        draws=draws,
        random_state=random_state,
        evidence_path=evidence,
        on_step=on_step,
    )


def default_seeds_dir() -> Path | None:
    """``../shared/seeds`` beside the working folder or the repository, if it is there."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = (base / ".." / "shared" / "seeds").resolve()
        if candidate.is_dir():
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class DemoCorpus:
    """The articles a demo runs on, and the evidence that makes the seed scenario cite them."""

    path: Path
    """Folder of articles."""
    kind: str
    """``seeds`` (the shared seed articles), ``sample`` (shipped reports) or ``folder``."""
    evidence: Path | None
    """Evidence file replacing the seed scenario's locators; None to keep them (they cite
    the seed articles)."""
    why: str = ""
    """Why this corpus was chosen, when it was not asked for."""

    def describe(self) -> str:
        """One line saying which corpus this is."""
        if self.kind == "seeds":
            return f"the seed articles in {self.path}"
        if self.kind == "sample":
            text = f"the sample reports shipped with detente ({self.path})"
        else:
            text = f"the articles in {self.path}"
        return f"{text}; {self.why}" if self.why else text


def demo_corpus(choice: str | Path | None = None) -> DemoCorpus:
    """Which corpus the demo runs on.

    Args:
        choice: None for ``../shared/seeds`` when it is there and the shipped sample
            reports otherwise; ``"sample"`` for the sample reports; else a folder, which
            must exist.

    Raises:
        InputError: ``choice`` names a folder that is not there.
    """
    sample = DemoCorpus(sample_corpus(), "sample", sample_evidence())
    if choice is None:
        seeds = default_seeds_dir()
        if seeds:
            return DemoCorpus(seeds, "seeds", None)
        return dataclasses.replace(sample, why="no ../shared/seeds folder was found")
    if str(choice) == "sample":
        return sample
    path = Path(choice)
    if not path.is_dir():
        raise InputError(path, "no such folder of articles (give a folder, or 'sample')")
    if path.resolve() == sample.path.resolve():
        return sample
    seeds = default_seeds_dir()
    kind = "seeds" if seeds and path.resolve() == seeds else "folder"
    return DemoCorpus(path, kind, None)


def run_demo(
    corpus: DemoCorpus | Path | str | None,
    *,
    out_dir: Path | str,
    db: str,
    draws: int = 500,
    random_state: RandomStateLike = None,
    on_item: ProgressHook | None = None,
    on_step: ProgressHook | None = None,
) -> dict[str, object]:
    """Ingest a corpus, check and forecast the seed scenario with every model, write the report.

    Args:
        corpus: A :class:`DemoCorpus`, or what :func:`demo_corpus` takes.
        out_dir: Folder of the report.
        db: Store URL (created when missing).
        draws: Monte Carlo draws per model.
        random_state: Every random draw's (:mod:`detente.randomness`).
        on_item: Called with each article's name once ingested.
        on_step: Told about each later step (status lines).

    Returns:
        A short summary: the corpus, counts, the locator check, the report path.
    """
    if not isinstance(corpus, DemoCorpus):
        corpus = demo_corpus(corpus)
    step = on_step or (lambda text: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    scenario_path = default_scenario_path()
    scenario = load_scenario_with(scenario_path, evidence=corpus.evidence)
    with open_store(db) as store:
        step("ingesting articles")
        report = ingest_paths([corpus.path], store=store, on_item=on_item)
        checks = check_scenario(scenario, store)
        path = write_report(
            store,
            out_dir,
            scenario_path=scenario_path,
            draws=draws,
            random_state=random_state,
            evidence=corpus.evidence,
            on_step=step,
        )
        summary: dict[str, object] = {
            "corpus": corpus.kind,
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
    summary["report"] = str(path)
    summary["store"] = db
    return summary


def open_existing_store(url: str | None = None):
    """Open a store that must already exist: reading never creates an empty one.

    A SQLite file that is not there, or a server database without detente's tables,
    is an :class:`~detente.errors.InputError` naming it, instead of an empty store
    that makes every read command succeed with nothing to show.
    """
    url = url or get_settings().db
    hint = "no detente store there; create one with 'detente ingest PATH --db URL' first"
    try:
        parsed = make_url(url)
    except ArgumentError:
        return open_store(url)  # names the malformed URL
    name = parsed.database or ""
    if parsed.get_backend_name() == "sqlite":
        if name and name != ":memory:" and not name.startswith("file:"):
            if not Path(name).is_file():
                raise InputError(name, hint)
    else:
        engine = create_engine(parsed)
        try:
            known = inspect(engine).has_table("alembic_version")
        except SQLAlchemyError:
            known = True  # let open_store report the connection problem
        finally:
            engine.dispose()
        if not known:
            raise InputError(parsed.render_as_string(hide_password=True), hint)
    return open_store(url)


def serve(
    db: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    get: str | None = None,
    scenario: Path | str | None = None,
    draws: int = 500,
    random_state: RandomStateLike = None,
    on_ready: Callable[[str], None] | None = None,
) -> tuple[int, str] | None:
    """Serve the dashboard, or with ``get`` answer one request in-process: (status, body).

    The store must exist (see :func:`open_existing_store`). The port is bound before
    ``on_ready`` is told the address, so a port in use is a one-line
    :class:`~detente.errors.InputError` and the address printed is one that answers
    (``port=0`` picks a free one).
    """
    from detente.web import create_app

    store = open_existing_store(db)
    app = create_app(store, scenario_path=scenario, draws=draws, random_state=random_state)
    if get is not None:
        return _get_once(app, get)

    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"{host}:{port}", f"cannot listen: {exc.strerror or exc}") from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    if on_ready:
        on_ready(f"http://{shown}:{bound}/")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
    return None


def _get_once(app, path: str) -> tuple[int, str]:
    """One GET through the app in-process (httpx's ASGI transport; no server, no socket)."""
    import httpx

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://detente") as client:
            return await client.get(path)

    response = asyncio.run(fetch())
    return response.status_code, response.text


def sensitivity_scenario(
    path: Path | str,
    *,
    model: str = "compromise",
    n: int = 256,
    random_state: RandomStateLike = None,
    delta: float = 0.1,
    scheduler: str | None = None,
):
    """Tornado table and Sobol indices of a scenario file for one model.

    With ``scheduler`` the perturbed inputs are solved on the cluster's workers, with the
    same numbers as here.
    """
    with _cluster_mapper(scheduler) as mapper:
        return sensitivity(
            load_scenario(path),
            get_model(model),
            n=n,
            random_state=random_state,
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
    draws: int = 500,
    random_state: RandomStateLike = None,
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
        draws: Monte Carlo draws per model in the report.
        random_state: The report's Monte Carlo (:mod:`detente.randomness`); one seed for
            every rewrite.
        stop: A ``threading.Event``; setting it ends the watch. Ctrl-C ends it too.
        on_update: Called after each refresh with its ``WatchUpdate``.
        on_item: Called with each item's name once it is settled.
        debounce_ms: Changes closer together than this form one batch.

    Returns:
        What the watch stored, skipped and failed, over all its batches.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder to watch")
    seed = seed_of(random_state)
    if extractor is None:
        from detente.extract import Extractor

        extractor = Extractor()
    stop = stop or threading.Event()
    scenario = None
    if scenario_path is not None:
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
            written = write_report(
                store, report_dir, scenario_path=scenario_path, draws=draws, random_state=seed
            )
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


# -- scenarios from the evidence, kept over time, scored against outcomes ----------------------


def stances_with_parties(store):
    """``Store.stances()`` with ``party`` and ``relative_party``: whom each holder speaks for.

    A holder the article gives an international post (the store's ``actor_org``, read at
    the article's date, inferred for an undated one) speaks for that body; otherwise the
    roll-up uses the actor dictionary's role on the article's date, else the state the
    store gives the holder in that article.
    """
    from detente.extract.affiliation import speaks_for

    stances = store.stances()
    days = document_days(store.documents())
    in_article = {
        (r.doc_id, r.actor_id): (r.type, r.country, r.org)
        for r in store.doc_actors().itertuples(index=False)
    }

    def party(actor_id, doc_id):
        if not isinstance(actor_id, str):
            return None
        kind, country, org = in_article.get((doc_id, actor_id), (None, None, None))
        if isinstance(org, str) and org.startswith("org."):
            return org.split(".")[1]
        country = country if isinstance(country, str) else None
        return speaks_for(actor_id, days.get(doc_id)) or party_of(actor_id, kind, country)

    stances["party"] = [
        party(a, d) for a, d in zip(stances["actor_id"], stances["doc_id"], strict=True)
    ]
    stances["relative_party"] = [
        party(a, d) for a, d in zip(stances["relative_id"], stances["doc_id"], strict=True)
    ]
    return stances


def load_issues(path: Path | str | None):
    """The issues of an issues (or scenario) file; the packaged issues when ``path`` is None."""
    return default_issues() if path is None else read_issues(path)


def _texts(store, stances) -> dict[str, str]:
    return {d: store.document(d).text for d in dict.fromkeys(stances["doc_id"])}


def draft_from_store(store, issues, *, as_of=None, prior=None):
    """Draft a scenario from the store's stances (:func:`detente.bargain.draft.draft_scenario`)."""
    stances = stances_with_parties(store)
    return draft_scenario(
        stances,
        store.documents(),
        issues,
        as_of=as_of,
        texts=_texts(store, stances),
        prior=prior,
    )


def write_draft(draft, out: Path | str, *, issues_source: str, store_url: str) -> Path:
    """Write a drafted scenario as YAML, with what was left out and the drafting parameters."""
    extra = {
        "left_out": {
            "actors": [{"id": a, "why": why} for a, why in draft.left_out_actors],
            "issues": [{"id": i, "why": why} for i, why in draft.left_out_issues],
        },
        "draft": {
            "as_of": draft.as_of.isoformat(),
            "issues_file": issues_source,
            "store": store_url,
            "documents": draft.n_documents,
            "stances": len(draft.stances),
            "params": draft.params.as_dict(),
        },
    }
    header = (
        "Drafted by `detente scenario draft` from the stances stored in the corpus.\n"
        "Each entry's note says how its numbers were computed; its evidence locators\n"
        "resolve to the sentences behind it (`detente scenario check`)."
    )
    return write_scenario_yaml(
        out,
        draft.scenario,
        as_of=draft.as_of.isoformat(),
        notes=draft.notes,
        extra=extra,
        header=header,
    )


def draft_scenario_file(store, *, issues_path, out, as_of=None):
    """Draft a scenario from the store, write it to ``out`` and resolve its locators.

    Returns:
        (the :class:`~detente.bargain.draft.Draft`, the written path, the locator checks).
    """
    issues = load_issues(issues_path)
    draft = draft_from_store(store, issues, as_of=as_of)
    path = write_draft(draft, out, issues_source=issues.source, store_url=store.url)
    return draft, path, check_scenario(draft.scenario, store)


def diff_scenario_files(a: Path | str, b: Path | str):
    """Compare two scenario files entry by entry (:func:`detente.bargain.diff.diff_scenarios`)."""
    return diff_scenarios(load_scenario(a), load_scenario(b))


def track_scenario_file(
    store,
    scenario_path: Path | str,
    *,
    every: str = "month",
    model: str = "all",
    random_state: RandomStateLike = None,
    prior: bool = True,
):
    """Draft and forecast the scenario as of each period end; store the runs.

    The scenario file gives the issues (and their keywords and cues), the actors
    and their clout, and (with ``prior``) the entries kept where no stance speaks yet.

    Returns:
        (the stored track's id, the :class:`~detente.bargain.track.Track`).
    """
    sf = load_scenario_file(scenario_path)
    issues = load_issues(scenario_path)
    stances = stances_with_parties(store)
    result = track_scenario(
        stances,
        store.documents(),
        issues,
        models=model_names(model),
        random_state=random_state,
        every=every,
        prior=sf.scenario if prior else None,
        texts=_texts(store, stances),
        name=sf.scenario.name,
        path=str(scenario_path),
    )
    return store.add_track(result), result


def latest_track_id(store, scenario_name: str) -> int:
    """The newest stored track of a scenario.

    Raises:
        NotFound: the scenario was never tracked.
    """
    tracks = store.tracks(scenario_name)
    if tracks.empty:
        raise NotFound(f"no stored track of scenario {scenario_name!r}; run `detente track` first")
    return int(tracks.iloc[0]["track_id"])


def backtest_scenario_file(store, scenario_path: Path | str, *, track_id: int | None = None):
    """Score a track's forecasts against the scenario's observed outcomes.

    Raises:
        ScenarioError: the scenario records no ``outcomes:``.
        NotFound: no track of it is stored.
    """
    sf = load_scenario_file(scenario_path)
    if not sf.outcomes:
        raise ScenarioError(f"{scenario_path}: the scenario records no outcomes: to score against")
    track_id = latest_track_id(store, sf.scenario.name) if track_id is None else track_id
    return backtest(
        store.track_forecasts(track_id),
        sf.outcomes,
        {i.id: i.status_quo for i in sf.scenario.issues},
    )
