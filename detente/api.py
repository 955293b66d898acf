"""The Python API the CLI and the web app call: one function per user-level job.

Each function composes the stages in the pipeline's one direction
(ingest -> extract -> store -> relate / forecast -> report); no stage calls
another's internals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.ingest import read_paths
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
    issues=None,
) -> IngestReport:
    """Read files or folders, extract facts and store each article in its own transaction.

    A bad file becomes one line in ``report.failures`` and the batch goes on; an
    article whose content hash is already stored is skipped (re-runs are no-ops).
    All new articles flow through one ``nlp.pipe`` stream, so worker processes
    (``n_process``) start once per call.

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
    """
    report = IngestReport()
    done = on_item or (lambda name: None)
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for item in read_paths(paths):
            if isinstance(item, IngestFailure):
                report.failures.append(item)
                done(item.path)
            elif item.content_hash in seen or store.has_document(item.content_hash):
                report.unchanged.append(item.name)
                done(item.name)
            else:
                seen.add(item.content_hash)
                yield item

    stream = fresh()
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

    try:
        created = store.add_document(article, extraction)
    except DetenteError as exc:
        report.failures.append(
            IngestFailure(article.source, f"could not be stored: {exc.one_line()}")
        )
        return
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
        report.failures.append(IngestFailure(article.source, f"could not be stored: {reason}"))
        return
    (report.stored if created else report.unchanged).append(article.name)


def reextract(
    store, *, extractor=None, on_item: ProgressHook | None = None, issues=None
) -> IngestReport:
    """Run extraction again over every stored article (after a dictionary or rule change).

    Each document's facts are replaced in one transaction; a document whose
    extraction fails keeps its previous facts and is listed in ``failures``.
    ``issues`` (an :class:`~detente.issues.IssueSet`) replaces the packaged issues
    the stances are read on.
    """
    from detente.errors import DetenteError
    from detente.extract import Extractor

    extractor = extractor or Extractor(issues=issues)
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
    what: str = "position"
    """``position`` for an actor's entry, ``outcome YYYY-MM-DD`` for an observed outcome."""


def check_scenario(scenario, store, outcomes=()) -> list[LocatorCheck]:
    """Resolve every evidence locator of a scenario (and of its observed ``outcomes``).

    Entries without evidence are reported too.
    """
    from detente.errors import NotFound

    checks: list[LocatorCheck] = []
    for o in outcomes:
        for loc in o.evidence:
            try:
                sentence, problem = store.resolve(loc).sentence, None
            except NotFound as exc:
                sentence, problem = None, exc.one_line()
            checks.append(
                LocatorCheck("", o.issue, loc.doc, loc.quote, sentence, problem, f"outcome {o.date}")
            )
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
        params = _model_params(name, rounds=rounds, seed=seed, strict=model != "all", jobs=jobs)
        result = forecast(scenario, name, **params)
        if draws:
            result = _with_uncertainty(result, scenario, name, params, draws=draws, seed=seed)
        results.append(result)
    return results


def _with_uncertainty(result, scenario, name: str, params: dict, *, draws: int, seed: int | None):
    from dataclasses import replace

    from detente.bargain import get_model
    from detente.bargain.uncertainty import monte_carlo
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    mc = monte_carlo(scenario, get_model(name, **params), draws=draws, seed=seed)
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
):
    """Tornado table and Sobol indices of a scenario file for one model."""
    from detente.bargain import get_model
    from detente.bargain.io import load_scenario
    from detente.bargain.sensitivity import sensitivity
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    return sensitivity(
        load_scenario(path),
        get_model(model),
        n=n,
        seed=seed,
        position_delta=delta,
        salience_delta=delta,
        capability_delta=delta,
    )


# -- scenarios from the evidence, kept over time, scored against outcomes ----------------------


def stances_with_parties(store):
    """``Store.stances()`` with ``party`` and ``relative_party``: whom each holder speaks for.

    The roll-up uses the actor dictionary's role on the article's date (a person in an
    international post speaks for that body), else the store's country column.
    """
    from detente.bargain.draft import document_days, party_of
    from detente.extract.affiliation import speaks_for

    stances = store.stances()
    days = document_days(store.documents())
    types = dict(zip(stances["actor_id"], stances["actor_type"], strict=True))
    countries = dict(zip(stances["actor_id"], stances["actor_country"], strict=True))

    def party(actor_id, doc_id):
        if not isinstance(actor_id, str):
            return None
        day = days.get(doc_id)
        return speaks_for(actor_id, day) or party_of(
            actor_id, types.get(actor_id), countries.get(actor_id)
        )

    stances["party"] = [party(a, d) for a, d in zip(stances["actor_id"], stances["doc_id"],
                                                     strict=True)]  # fmt: skip
    stances["relative_party"] = [
        party(a, d) for a, d in zip(stances["relative_id"], stances["doc_id"], strict=True)
    ]
    return stances


def load_issues(path: Path | str | None):
    """The issues of an issues (or scenario) file; the packaged issues when ``path`` is None."""
    from detente.issues import default_issues, read_issues

    return default_issues() if path is None else read_issues(path)


def _texts(store, stances) -> dict[str, str]:
    return {d: store.document(d).text for d in dict.fromkeys(stances["doc_id"])}


def draft_from_store(store, issues, *, as_of=None, prior=None):
    """Draft a scenario from the store's stances (:func:`detente.bargain.draft.draft_scenario`)."""
    from detente.bargain.draft import draft_scenario

    stances = stances_with_parties(store)
    return draft_scenario(
        stances, store.documents(), issues, as_of=as_of, texts=_texts(store, stances),
        prior=prior,
    )  # fmt: skip


def write_draft(draft, out: Path | str, *, issues_source: str, store_url: str) -> Path:
    """Write a drafted scenario as YAML, with what was left out and the drafting parameters."""
    from detente.bargain.io.yamlout import write_scenario_yaml

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
        out, draft.scenario, as_of=draft.as_of.isoformat(), notes=draft.notes, extra=extra,
        header=header,
    )  # fmt: skip


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
    from detente.bargain.diff import diff_scenarios
    from detente.bargain.io import load_scenario

    return diff_scenarios(load_scenario(a), load_scenario(b))


def track_scenario_file(
    store,
    scenario_path: Path | str,
    *,
    every: str = "month",
    model: str = "all",
    seed: int | None = None,
    prior: bool = True,
):
    """Draft and forecast the scenario as of each period end; store the runs.

    The scenario file gives the issues (and their keywords and cues), the actors
    and their clout, and (with ``prior``) the entries kept where no stance speaks yet.

    Returns:
        (the stored track's id, the :class:`~detente.bargain.track.Track`).
    """
    from detente.bargain.io import load_scenario_file
    from detente.bargain.track import track_scenario
    from detente.settings import get_settings

    seed = get_settings().seed if seed is None else seed
    sf = load_scenario_file(scenario_path)
    issues = load_issues(scenario_path)
    stances = stances_with_parties(store)
    result = track_scenario(
        stances, store.documents(), issues, models=model_names(model), seed=seed, every=every,
        prior=sf.scenario if prior else None, texts=_texts(store, stances),
        name=sf.scenario.name, path=str(scenario_path),
    )  # fmt: skip
    return store.add_track(result), result


def latest_track_id(store, scenario_name: str) -> int:
    """The newest stored track of a scenario.

    Raises:
        NotFound: the scenario was never tracked.
    """
    from detente.errors import NotFound

    tracks = store.tracks(scenario_name)
    if tracks.empty:
        raise NotFound(
            f"no stored track of scenario {scenario_name!r}; run `detente track` first"
        )
    return int(tracks.iloc[0]["track_id"])


def backtest_scenario_file(store, scenario_path: Path | str, *, track_id: int | None = None):
    """Score a track's forecasts against the scenario's observed outcomes.

    Raises:
        ScenarioError: the scenario records no ``outcomes:``.
        NotFound: no track of it is stored.
    """
    from detente.bargain.backtest import backtest
    from detente.bargain.io import load_scenario_file
    from detente.errors import ScenarioError

    sf = load_scenario_file(scenario_path)
    if not sf.outcomes:
        raise ScenarioError(f"{scenario_path}: the scenario records no outcomes: to score against")
    track_id = latest_track_id(store, sf.scenario.name) if track_id is None else track_id
    return backtest(
        store.track_forecasts(track_id),
        sf.outcomes,
        {i.id: i.status_quo for i in sf.scenario.issues},
    )
