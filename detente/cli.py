"""Command line: a thin Typer shell over :mod:`detente.api`.

Each command parses its arguments, calls one API function and prints. Conventions
every command follows (and a new one inherits by being registered on :data:`app`):

* :func:`main` runs every command: a usage mistake (unknown command, missing or bad
  argument) is one ``error:`` line plus a ``try '... --help'`` line and exit code 2,
  whichever click the installed Typer raises (its own bundled copy or the package);
  a :class:`~detente.errors.DetenteError` is one ``error:`` line and exit code 1
  (datasette's StartupError -> ClickException pattern).
* Help is click's plain layout with an explicit metavar on every parameter (``URL``,
  ``FILE``, ``N``) and choices listed, so it reads the same under any Typer version.
* A command that reads the store opens it with :func:`_existing_store`: a store that
  does not exist is an error, never a new empty ``detente.db``.
* A command that can run for more than a second shows a progress bar or a status line
  on stderr while it works (:func:`_progress`, :func:`_status`; terminals only).
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente import __version__
from detente.api import (
    backtest_scenario_file,
    check_scenario,
    compare_scenario,
    demo_corpus,
    diff_scenario_files,
    draft_scenario_file,
    forecasts_of,
    ingest_paths,
    load_issues,
    load_scenario_with,
    open_existing_store,
    reextract,
    run_demo,
    sensitivity_scenario,
    serve,
    track_scenario_file,
    watch_folder,
    whatif_scenario,
    write_report,
)
from detente.bargain import MODELS, load_scenario_file
from detente.errors import DetenteError
from detente.export import export_store
from detente.extras import require
from detente.ingest import discover
from detente.settings import get_settings
from detente.store import open_store

PROG = "detente"
"""Program name shown in usage lines and hints, however the CLI was started."""

app = typer.Typer(
    name=PROG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="detente: turn negotiation news into sourced data and bargaining forecasts.",
)
scenario_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None, help="Check, draft and compare scenario files."
)
app.add_typer(scenario_app, name="scenario")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _choices(name: str, values: list[str]) -> type[enum.Enum]:
    """A str Enum of ``values``: Typer lists its members in the help and rejects others."""
    return enum.Enum(name, {v: v for v in values}, type=str)


ModelName = _choices("ModelName", list(MODELS))
ModelOrAll = _choices("ModelOrAll", [*MODELS, "all"])
TableOrJson = _choices("TableOrJson", ["table", "json"])
ExportFormat = _choices("ExportFormat", ["jsonl", "csv", "parquet"])
Period = _choices("Period", ["D", "W", "M"])
Every = _choices("Every", ["week", "month", "quarter"])

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the store (env DETENTE_DB; default sqlite:///detente.db)",
    ),
]
FormatOption = Annotated[TableOrJson, typer.Option("--format", help="Output format")]
DrawsOption = Annotated[
    int,
    typer.Option("--draws", metavar="N", min=0, help="Monte Carlo draws per model (0: none)"),
]
SeedOption = Annotated[
    int | None, typer.Option("--seed", metavar="N", help="Seed of every random draw")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on a Dask cluster: tcp://HOST:PORT of a dask scheduler, or local:N workers",
    ),
]
IssuesOption = Annotated[
    Path | None,
    typer.Option(
        "--issues",
        metavar="FILE",
        help="Issues file (YAML; a scenario file works) [default: the packaged issues]",
    ),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"{PROG} {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """detente: turn negotiation news into sourced data and bargaining forecasts."""


def _db(db: str | None) -> str:

    return db or get_settings().db


def _existing_store(db: str | None):
    """The store at ``db`` for a command that reads it; a store that is not there is an error."""
    return open_existing_store(_db(db))


@contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on a terminal; a no-op advance function elsewhere."""
    if not err.is_terminal:
        yield lambda name: None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)
        yield lambda name: bar.update(task, advance=1, description=Path(str(name)).name[:40])


@contextmanager
def _status(label: str) -> Iterator[Callable[[str], None]]:
    """A one-line spinner on stderr while a command works (terminals only).

    Yields a function that replaces the text after ``label`` with the current step.
    """
    if not err.is_terminal:
        yield lambda step: None
        return
    with err.status(f"{label}…") as status:
        yield lambda step: status.update(f"{label}: {step}")


def _count_inputs(paths: list[Path]) -> int | None:

    try:
        return sum(1 for _ in discover(paths))
    except DetenteError:
        return None


def _print_failures(failures) -> None:
    for f in failures:
        err.print(f"error: {f.path}: {f.reason}", markup=False, highlight=False)


def _print_warnings(warnings) -> None:
    """One line per repaired or dropped fact of a stored article (and per duplicate)."""
    for w in warnings:
        err.print(f"warning: {w.path}: {w.message}", markup=False, highlight=False)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files or folders (searched recursively)"),
    ],
    db: DbOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store the text only, skip the NLP")
    ] = False,
    processes: Annotated[
        int, typer.Option("--processes", metavar="N", min=1, help="Worker processes for the NLP")
    ] = 1,
    issues: IssuesOption = None,
    scheduler: SchedulerOption = None,
    max_size: Annotated[
        float | None,
        typer.Option(
            "--max-size",
            min=0.001,
            help="Refuse files (JSONL lines) above this many MB [env DETENTE_MAX_FILE_MB; 20]",
        ),
    ] = None,
) -> None:
    """Ingest articles into the store (and extract actors, events, quotes, stances).

    Each PATH is a file (.txt, .md, .html, .jsonl) or a folder, searched recursively.
    """
    issue_set = load_issues(issues) if issues else None
    max_bytes = int(max_size * 2**20) if max_size is not None else None
    with open_store(_db(db)) as store, _progress(_count_inputs(paths), "ingest") as advance:
        report = ingest_paths(
            paths,
            store=store,
            extract=not no_extract,
            n_process=processes,
            on_item=advance,
            issues=issue_set,
            scheduler=scheduler,
            max_bytes=max_bytes,
        )
    out.print(
        f"stored {len(report.stored)}, unchanged {len(report.unchanged)}, "
        f"failed {len(report.failures)}"
    )
    _print_failures(report.failures)
    _print_warnings(report.warnings)
    raise typer.Exit(1 if report.failures else 0)


def _print_update(update) -> None:
    """One line per watch batch (and its failures), then the refreshed views in brief."""
    r = update.report
    line = (
        f"batch {update.batch}: stored {len(r.stored)}, unchanged {len(r.unchanged)}, "
        f"failed {len(r.failures)}; {update.n_documents} documents"
    )
    if not update.dyads.empty:
        top = update.dyads.iloc[0]
        line += f"; top dyad {top['a']}-{top['b']} ({top['n_events']} events)"
    if update.locators is not None:
        line += f"; locators resolved {update.locators[0]} of {update.locators[1]}"
    out.print(line, markup=False, highlight=False)
    if not update.channels.empty:
        states = ", ".join(f"{c.channel} {c.state}" for c in update.channels.itertuples())
        out.print(f"  channels: {states}", markup=False, highlight=False)
    if update.report_path is not None:
        out.print(f"  report: {update.report_path}", markup=False, highlight=False)
    _print_failures(r.failures)


def _watching(update, folder: Path) -> None:
    _print_update(update)
    if update.batch == 0:
        out.print(f"watching {folder} (Ctrl-C stops)", markup=False, highlight=False)


@app.command("watch")
def watch_cmd(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to watch (recursively)")],
    db: DbOption = None,
    scenario: Annotated[
        Path | None,
        typer.Option("--scenario", metavar="FILE", help="Scenario to check and forecast"),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="DIR", help="Folder where report.html is kept current"),
    ] = None,
    dyad: Annotated[
        str, typer.Option("--dyad", metavar="A-B", help="Pair whose channels are shown")
    ] = "USA-RUS",
    draws: DrawsOption = 500,
    seed: SeedOption = None,
) -> None:
    """Ingest a folder, then each file added or changed in it, until Ctrl-C.

    After each batch the dyads, the channels of --dyad, the scenario's evidence and the
    report are refreshed. A restart picks up what arrived meanwhile.
    """
    pair = tuple(dyad.split("-", 1))
    if len(pair) != 2:
        raise DetenteError(f"--dyad {dyad!r}: give two actors joined by '-', e.g. USA-RUS")
    with open_store(_db(db)) as store:
        total = watch_folder(
            folder,
            store=store,
            scenario_path=scenario,
            report_dir=report,
            dyad=pair,
            draws=draws,
            random_state=seed,
            on_update=lambda update: _watching(update, folder),
        )
    out.print(
        f"stopped: stored {len(total.stored)}, unchanged {len(total.unchanged)}, "
        f"failed {len(total.failures)}"
    )


@app.command("extract")
def extract_cmd(db: DbOption = None, issues: IssuesOption = None) -> None:
    """Run extraction again over every stored article (after a dictionary or rule change)."""
    issue_set = load_issues(issues) if issues else None
    with _existing_store(db) as store:
        n_docs = len(store.documents())
        with _progress(n_docs, "extract") as advance:
            report = reextract(store, on_item=advance, issues=issue_set)
    out.print(f"re-extracted {len(report.stored)} of {n_docs} documents")
    _print_failures(report.failures)
    _print_warnings(report.warnings)
    raise typer.Exit(1 if report.failures else 0)


@app.command("export")
def export_cmd(
    out_dir: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder to write into")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Export documents, actors, events and quotes (the evaluation's format)."""
    with _existing_store(db) as store, _status("export"):
        written = export_store(store, out_dir, fmt=ExportFormat(fmt).value)
    for path in written:
        out.print(str(path), markup=False, highlight=False)


ScenarioArg = Annotated[
    Path,
    typer.Argument(metavar="FILE", help="Scenario: YAML, Decide table, KTAB CSV or BDM CSV"),
]


def _cell_text(cell) -> str:
    if cell.value is None:
        return "n/a"
    text = f"{cell.value:.1f}"
    if cell.basis == "median":
        text += " (median)"
    return f"{text} {cell.flag}" if cell.flag else text


def _print_comparison(cmp) -> None:
    """The comparison as one table: a row per issue and model, then what each number is."""
    title = f"{cmp.scenario}: forecasts compared (seed {cmp.seed}, {cmp.draws} draws per model)"
    table = Table(title=title, show_lines=False)
    for name, justify in (
        ("issue", "left"),
        ("model", "left"),
        ("forecast", "right"),
        ("5-95 %", "right"),
        ("nearest scale mark", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold")
    for row in cmp.issues:
        sq = "" if row.status_quo is None else f" (status quo {row.status_quo:g})"
        for k, c in enumerate(row.cells):
            band = f"{c.band[0]:.1f}-{c.band[2]:.1f}" if c.band else ""
            mark = f"{c.mark.value:g}: {c.mark.words}" if c.mark else ""
            table.add_row(
                row.name + sq if k == 0 else "",
                c.model,
                _cell_text(c),
                band,
                mark,
                end_section=k == len(row.cells) - 1,
            )
    out.print(table)
    for m in cmp.models:
        if m.error:
            err.print(f"error: {m.model}: {m.error}", markup=False, highlight=False)
        else:
            note = f" ({m.note})" if m.note else ""
            out.print(f"{m.model}: {m.meaning}{note}.", markup=False, highlight=False)
    for row in cmp.issues:
        if row.why:
            out.print(f"\nWhy they differ on {row.name}:", markup=False, highlight=False)
            for line in row.why:
                out.print(f"  - {line}", markup=False, highlight=False)


@app.command("forecast")
def forecast_cmd(
    scenario: ScenarioArg,
    model: Annotated[
        ModelOrAll, typer.Option("--model", help="Model to run, or all of them")
    ] = "compromise",
    rounds: Annotated[
        int | None,
        typer.Option("--rounds", metavar="N", min=1, help="Rounds of a round-based model"),
    ] = None,
    draws: DrawsOption = 500,
    seed: SeedOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            metavar="N",
            min=1,
            show_default=False,
            help="Processes for Monte Carlo draws [default: the machine's cores]",
        ),
    ] = os.cpu_count() or 1,
    fmt: FormatOption = "table",
    scheduler: SchedulerOption = None,
) -> None:
    """Forecast where each issue of a scenario lands: one table comparing the models.

    FILE is a scenario: YAML, Decide table, KTAB CSV or BDM CSV.
    Uses the same runs as 'detente report' (same seed and draws, same numbers). JSON
    output holds the comparison and each model's full forecast.
    """
    with _status("forecast") as step:
        cmp = compare_scenario(
            scenario,
            model=ModelOrAll(model).value,
            rounds=rounds,
            draws=draws,
            random_state=seed,
            jobs=jobs,
            on_step=step,
            scheduler=scheduler,
        )
    if TableOrJson(fmt).value == "json":
        ok = [r for r in cmp.results if r.error is None]
        payload = {
            "comparison": cmp.to_dict(),
            "forecasts": [f.to_dict() for f in forecasts_of(ok)],
        }
        out.print_json(json.dumps(payload))
    else:
        _print_comparison(cmp)
    raise typer.Exit(1 if any(m.error for m in cmp.models) else 0)


@app.command("whatif")
def whatif_cmd(
    scenario: Annotated[
        Path, typer.Argument(metavar="FILE", help="Scenario YAML with a whatifs: section")
    ],
    model: Annotated[ModelName, typer.Option("--model", help="Model to run")] = "compromise",
    variant: Annotated[
        list[str] | None,
        typer.Option("--variant", metavar="ID", help="What-if id, repeatable (default: all)"),
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """Run a scenario's what-if variants side by side with the baseline.

    FILE is a scenario YAML with a whatifs: section.
    """
    name = ModelName(model).value
    with _status("what-ifs"):
        frame = whatif_scenario(scenario, model=name, variants=variant)
    if TableOrJson(fmt).value == "json":
        out.print_json(frame.to_json(orient="records"))
        return
    for vid, rows in frame.groupby("variant", sort=False):
        table = Table(title=f"{vid}: {rows['name'].iloc[0]} ({name})")
        for c in ("issue", "baseline", "outcome", "delta"):
            table.add_column(c, justify="left" if c == "issue" else "right")
        for row in rows.itertuples(index=False):
            table.add_row(
                row.issue, f"{row.baseline:.2f}", f"{row.outcome:.2f}", f"{row.delta:+.2f}"
            )
        out.print(table)


@app.command("sensitivity")
def sensitivity_cmd(
    scenario: Annotated[Path, typer.Argument(metavar="FILE", help="Scenario file")],
    model: Annotated[ModelName, typer.Option("--model", help="Model to run")] = "compromise",
    top: Annotated[
        int, typer.Option("--top", metavar="N", min=1, help="Rows per issue in each table")
    ] = 3,
    n: Annotated[
        int, typer.Option("--n", metavar="N", min=2, help="Sobol base sample size (a power of 2)")
    ] = 256,
    delta: Annotated[
        float,
        typer.Option(
            "--delta", metavar="X", min=0.0, help="Swing: share of the scale / salience / clout"
        ),
    ] = 0.1,
    seed: SeedOption = None,
    fmt: FormatOption = "table",
    scheduler: SchedulerOption = None,
) -> None:
    """Which inputs move each issue's forecast most: one-at-a-time swings and Sobol indices."""
    name = ModelName(model).value
    with _status("sensitivity"):
        result = sensitivity_scenario(
            scenario, model=name, n=n, random_state=seed, delta=delta, scheduler=scheduler
        )
    if TableOrJson(fmt).value == "json":
        payload = {
            "model": name,
            "one_at_a_time": json.loads(result.oat.to_json(orient="records")),
            "sobol": json.loads(result.sobol.to_json(orient="records")),
        }
        out.print_json(json.dumps(payload))
        return
    table = Table(title=f"largest one-at-a-time swings ({name}, delta {delta:g})")
    for c in ("issue", "actor", "variable", "outcome low", "outcome high", "swing"):
        table.add_column(c, justify="left" if c in ("issue", "actor", "variable") else "right")
    for _, rows in result.oat.groupby("issue", sort=False):
        for row in rows.head(top).itertuples(index=False):
            table.add_row(
                row.issue,
                row.actor,
                row.variable,
                f"{row.outcome_low:.2f}",
                f"{row.outcome_high:.2f}",
                f"{row.swing:.2f}",
            )
    out.print(table)
    sobol = Table(title="largest Sobol total-order indices (share of outcome variance)")
    for c in result.sobol.columns:
        sobol.add_column(str(c))
    ranked = result.sobol.sort_values(["issue", "ST"], ascending=[True, False], kind="stable")
    for _, rows in ranked.groupby("issue", sort=False):
        for row in rows.head(top).itertuples(index=False):
            sobol.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
    out.print(sobol)


EvidenceOption = Annotated[
    Path | None,
    typer.Option(
        "--evidence",
        metavar="FILE",
        help="Evidence file whose locators replace the scenario's (cite another corpus)",
    ),
]


@scenario_app.command("check")
def scenario_check_cmd(
    scenario: Annotated[Path, typer.Argument(metavar="FILE", help="Scenario YAML")],
    evidence: EvidenceOption = None,
    db: DbOption = None,
) -> None:
    """Resolve every evidence locator of a scenario against the store; list the unresolved.

    FILE is a scenario; --evidence replaces its locators with an evidence file's.
    """
    sc = load_scenario_with(scenario, evidence=evidence)
    outcomes = load_scenario_file(scenario).outcomes
    with _existing_store(db) as store, _status("checking locators"):
        checks = check_scenario(sc, store, outcomes)
    bad = [c for c in checks if c.problem]
    for c in bad:
        who = c.actor if c.what == "position" else c.what
        err.print(f"unresolved: {who} / {c.issue}: {c.problem}", markup=False, highlight=False)
    out.print(f"{len(checks) - len(bad)} of {len(checks)} locators resolve")
    raise typer.Exit(1 if bad else 0)


@app.command("report")
def report_cmd(
    out_dir: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for report.html")],
    scenario: Annotated[
        Path | None, typer.Option("--scenario", metavar="FILE", help="Scenario to forecast")
    ] = None,
    evidence: EvidenceOption = None,
    draws: DrawsOption = 500,
    seed: SeedOption = None,
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML report (corpus, actors, events, forecasts)."""
    with _existing_store(db) as store, _status("report") as step:
        path = write_report(
            store,
            out_dir,
            scenario_path=scenario,
            draws=draws,
            random_state=seed,
            evidence=evidence,
            on_step=step,
        )
    out.print(str(path), markup=False, highlight=False)


@app.command("demo")
def demo_cmd(
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            help="Folder of articles, or 'sample' [default: ../shared/seeds when present, "
            "else the sample reports shipped with detente]",
        ),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="Where the report goes")
    ] = Path("out"),
    draws: DrawsOption = 500,
    seed: SeedOption = None,
    db: DbOption = None,
) -> None:
    """Ingest a corpus, forecast the seed scenario with every model, write the report."""
    chosen = demo_corpus(corpus)
    out.print(f"corpus: {chosen.describe()}", markup=False, highlight=False)
    db_url = db or os.environ.get("DETENTE_DB") or f"sqlite:///{out_dir / 'demo.db'}"
    with _status("demo") as step:
        summary = run_demo(
            chosen,
            out_dir=out_dir,
            db=db_url,
            draws=draws,
            random_state=seed,
            on_item=lambda name: step(f"ingested {Path(str(name)).name}"),
            on_step=step,
        )
    table = Table(title="detente demo")
    table.add_column("what")
    table.add_column("value")
    for k, v in summary.items():
        table.add_row(k, str(v))
    out.print(table)


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario", metavar="FILE", help="Scenario for the forecast pages [default: seed]"
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on")] = (
        "127.0.0.1"
    ),
    port: Annotated[
        int, typer.Option("--port", metavar="N", min=0, max=65535, help="Port (0: any free one)")
    ] = 8000,
    draws: DrawsOption = 500,
    seed: SeedOption = None,
    get: Annotated[
        str | None,
        typer.Option("--get", metavar="PATH", help="Print the response to one GET and exit"),
    ] = None,
) -> None:
    """Serve the web dashboard and JSON API (or, with --get, answer one request in-process)."""
    for module in ("fastapi", "uvicorn", "httpx"):
        require("web", module, "detente serve")

    def ready(url: str) -> None:
        out.print(
            f"detente dashboard at {url} (API docs {url}api/v1/docs); press Ctrl-C to stop",
            markup=False,
            highlight=False,
        )

    response = serve(
        _db(db),
        host=host,
        port=port,
        get=get,
        scenario=scenario,
        draws=draws,
        random_state=seed,
        on_ready=ready,
    )
    if response is not None:
        status, body = response
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        raise typer.Exit(0 if status < 400 else 1)


def _date_option(value: str | None, name: str):
    if value is None:
        return None

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DetenteError(f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _table(title: str, frame, *, digits: int = 1) -> Table:
    table = Table(title=title)
    for c in frame.columns:
        table.add_column(str(c), justify="left" if frame[c].dtype == object else "right")
    for row in frame.itertuples(index=False):
        table.add_row(
            *(
                "" if v is None or v != v else f"{v:.{digits}f}" if isinstance(v, float) else str(v)
                for v in row
            )
        )
    return table


@scenario_app.command("draft")
def scenario_draft_cmd(
    out_file: Annotated[Path, typer.Option("--out", metavar="FILE", help="Scenario YAML to write")],
    issues: IssuesOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Use stances published up to this day"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Draft a scenario (positions, saliences, sds, clout) from the stored stances.

    Every entry cites the sentences behind it; actors and issues without evidence are
    left out and listed.
    """
    day = _date_option(as_of, "--as-of")
    with _existing_store(db) as store, _status("draft"):
        draft, path, checks = draft_scenario_file(
            store, issues_path=issues, out=out_file, as_of=day
        )
    s = draft.scenario
    out.print(
        f"{path}: {len(s.actors)} actors x {len(s.issues)} issues, {int(s.present.sum())} "
        f"positions from {len(draft.stances)} stances in {draft.n_documents} documents "
        f"up to {draft.as_of}; {sum(c.problem is None for c in checks)} of {len(checks)} "
        "locators resolve",
        markup=False,
        highlight=False,
    )
    for what, items in (("actor", draft.left_out_actors), ("issue", draft.left_out_issues)):
        for ident, why in items:
            out.print(f"left out {what} {ident}: {why}", markup=False, highlight=False)


@scenario_app.command("diff")
def scenario_diff_cmd(
    a: Annotated[Path, typer.Argument(metavar="A", help="Scenario A")],
    b: Annotated[Path, typer.Argument(metavar="B", help="Scenario B")],
    fmt: FormatOption = "table",
) -> None:
    """Show two scenarios side by side: positions, saliences, clout, differing evidence."""
    d = diff_scenario_files(a, b)
    if TableOrJson(fmt).value == "json":
        payload = {
            "a": d.a,
            "b": d.b,
            "mean_abs_delta": d.mean_abs_delta,
            "positions": json.loads(d.positions.to_json(orient="records")),
            "clout": json.loads(d.clout.to_json(orient="records")),
            "by_issue": json.loads(d.by_issue.to_json(orient="records")),
        }
        out.print_json(json.dumps(payload))
        return
    cols = ["actor", "issue", "position_a", "position_b", "delta", "salience_a", "salience_b"]
    out.print(_table(f"A = {d.a}, B = {d.b}", d.positions[cols]))
    out.print(_table("clout", d.clout))
    out.print(_table("per issue: mean |B - A| (points of a 0-100 scale)", d.by_issue))
    for r in d.positions.itertuples(index=False):
        for side, quotes in (("A", r.evidence_only_a), ("B", r.evidence_only_b)):
            for q in quotes:
                out.print(
                    f"evidence only in {side}: {r.actor} / {r.issue}: {q}",
                    markup=False,
                    highlight=False,
                )
    out.print(
        f"mean |B - A| over {int(d.by_issue['n_both'].sum())} shared entries: "
        f"{d.mean_abs_delta:.1f}",
        markup=False,
        highlight=False,
    )


@app.command("track")
def track_cmd(
    scenario: Annotated[
        Path, typer.Option("--scenario", metavar="FILE", help="Scenario YAML to keep alive")
    ],
    every: Annotated[Every, typer.Option("--every", help="Period between runs")] = "month",
    model: Annotated[
        ModelOrAll, typer.Option("--model", help="Model to run, or all of them")
    ] = "all",
    seed: SeedOption = None,
    prior: Annotated[
        bool,
        typer.Option("--prior/--no-prior", help="Keep the file's entries no stance speaks to"),
    ] = True,
    db: DbOption = None,
) -> None:
    """Draft and forecast the scenario as of each period end of the corpus; store the runs."""
    with _existing_store(db) as store, _status("track"):
        track_id, track = track_scenario_file(
            store,
            scenario,
            every=Every(every).value,
            model=ModelOrAll(model).value,
            random_state=seed,
            prior=prior,
        )
    for run in track.runs:
        n_models = len({f.model for f in run.forecasts})
        out.print(
            f"{run.as_of}: {run.n_documents} documents, {run.n_stances} stances, "
            f"{len(run.sources)} new; {n_models} models",
            markup=False,
            highlight=False,
        )
    out.print(
        f"stored track {track_id}: {len(track.runs)} runs of {track.scenario}",
        markup=False,
        highlight=False,
    )


@app.command("backtest")
def backtest_cmd(
    scenario: Annotated[
        Path, typer.Option("--scenario", metavar="FILE", help="Scenario YAML with outcomes:")
    ],
    track: Annotated[
        int | None, typer.Option("--track", metavar="N", help="Track id [default: the newest]")
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Mean absolute error of each model's earlier forecasts against the observed outcomes."""
    with _existing_store(db) as store:
        result = backtest_scenario_file(store, scenario, track_id=track)
    if TableOrJson(fmt).value == "json":
        payload = {
            "mae": json.loads(result.table.to_json(orient="index")),
            "n": json.loads(result.counts.to_json(orient="index")),
            "by_issue": json.loads(result.by_issue.to_json(orient="index")),
        }
        out.print_json(json.dumps(payload))
        return
    table = result.table.reset_index(names="model")
    out.print(_table("mean absolute error by horizon (points on the issue scale)", table))
    out.print(
        _table("forecasts scored per cell", result.counts.reset_index(names="model"), digits=0)
    )
    out.print(_table("mean absolute error by issue", result.by_issue.reset_index(names="model")))


def _click_classes(name: str) -> tuple[type, ...]:
    """Class ``name`` from every click a Typer may raise: its bundled copy and the package."""
    found = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type):
            found.append(cls)
    return tuple(found)


def _usage_error(exc: Exception) -> int:
    """One line for a usage mistake, one hint line, and its exit code (2)."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        out.print(ctx.get_help(), markup=False, highlight=False)
        return 0
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = " ".join(message.replace("Value error, ", "").split())
    err.print(f"error: {message}", markup=False, highlight=False)
    path = ctx.command_path if ctx is not None else PROG
    err.print(f"try '{path} --help'", markup=False, highlight=False)
    return int(getattr(exc, "exit_code", 2) or 2)


def main(argv: list[str] | None = None) -> None:
    """Entry point of every command: usage mistakes exit 2, detente errors 1, in one line."""
    click_errors = _click_classes("ClickException")
    aborts = _click_classes("Abort") + (KeyboardInterrupt,)
    try:
        code = app(args=argv, prog_name=PROG, standalone_mode=False)
    except DetenteError as exc:
        err.print(f"error: {exc.one_line()}", markup=False, highlight=False)
        raise SystemExit(1) from None
    except click_errors as exc:
        if _click_classes("UsageError") and isinstance(exc, _click_classes("UsageError")):
            raise SystemExit(_usage_error(exc)) from None
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        err.print(f"error: {' '.join(message.split())}", markup=False, highlight=False)
        raise SystemExit(getattr(exc, "exit_code", 1)) from None
    except aborts:
        err.print("aborted")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)
