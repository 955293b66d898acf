"""Command line: a thin Typer shell over :mod:`detente.api`.

Each command parses its arguments, calls one API function and prints. A
:class:`~detente.errors.DetenteError` becomes one line on stderr and exit code 1
(datasette's StartupError -> ClickException pattern, in :func:`main`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.errors import DetenteError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="detente: turn negotiation news into sourced data and bargaining forecasts.",
)
scenario_app = typer.Typer(no_args_is_help=True, help="Check and inspect scenario files.")
app.add_typer(scenario_app, name="scenario")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL of the store [env DETENTE_DB; default sqlite:///detente.db]"
    ),
]


SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on a Dask cluster: tcp://HOST:PORT of a dask scheduler, or local:N workers",
    ),
]


def _db(db: str | None) -> str:
    from detente.settings import get_settings

    return db or get_settings().db


@contextmanager
def _progress(total: int | None, label: str) -> Iterator:
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


def _count_inputs(paths: list[Path]) -> int | None:
    from detente.ingest import discover

    try:
        return sum(1 for _ in discover(paths))
    except DetenteError:
        return None


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    db: DbOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store text only, skip NLP")
    ] = False,
    processes: Annotated[
        int, typer.Option("--processes", min=1, help="Worker processes for the NLP")
    ] = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Ingest articles into the store (and extract actors, events, quotes)."""
    from detente.api import ingest_paths
    from detente.store import open_store

    with open_store(_db(db)) as store, _progress(_count_inputs(paths), "ingest") as advance:
        report = ingest_paths(
            paths,
            store=store,
            extract=not no_extract,
            n_process=processes,
            on_item=advance,
            scheduler=scheduler,
        )
    out.print(
        f"stored {len(report.stored)}, unchanged {len(report.unchanged)}, "
        f"failed {len(report.failures)}"
    )
    for f in report.failures:
        err.print(f"error: {f.path}: {f.reason}", markup=False, highlight=False)
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
    for f in r.failures:
        err.print(f"error: {f.path}: {f.reason}", markup=False, highlight=False)


def _watching(update, folder: Path) -> None:
    _print_update(update)
    if update.batch == 0:
        out.print(f"watching {folder} (Ctrl-C stops)", markup=False, highlight=False)


@app.command("watch")
def watch_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder to watch (recursively)")],
    db: DbOption = None,
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="Scenario to check and forecast")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Folder where report.html is kept current")
    ] = None,
    dyad: Annotated[str, typer.Option("--dyad", help="Pair whose channels are shown")] = "USA-RUS",
) -> None:
    """Ingest a folder, then each file added or changed in it, until Ctrl-C."""
    from detente.api import watch_folder
    from detente.store import open_store

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
            on_update=lambda update: _watching(update, folder),
        )
    out.print(
        f"stopped: stored {len(total.stored)}, unchanged {len(total.unchanged)}, "
        f"failed {len(total.failures)}"
    )


@app.command("extract")
def extract_cmd(db: DbOption = None) -> None:
    """Run extraction again over every stored article (after a dictionary or rule change)."""
    from detente.api import reextract
    from detente.store import open_store

    with open_store(_db(db)) as store:
        n_docs = len(store.documents())
        with _progress(n_docs, "extract") as advance:
            report = reextract(store, on_item=advance)
    out.print(f"re-extracted {len(report.stored)} of {n_docs} documents")
    for f in report.failures:
        err.print(f"error: {f.path}: {f.reason}", markup=False, highlight=False)
    raise typer.Exit(1 if report.failures else 0)


@app.command("export")
def export_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Export documents, actors, events and quotes (the eval SCHEMA format)."""
    from detente.export import export_store
    from detente.store import open_store

    with open_store(_db(db)) as store:
        written = export_store(store, out_dir, fmt=fmt)
    for path in written:
        out.print(str(path))


def _forecast_rows(result) -> list[dict]:
    return result.to_dict()["issues"]


@app.command("forecast")
def forecast_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="Scenario: YAML, Decide table, KTAB CSV or BDM CSV")
    ],
    model: Annotated[str, typer.Option("--model", help="Model name, or 'all'")] = "compromise",
    rounds: Annotated[
        int | None, typer.Option("--rounds", help="Rounds of a dynamic model")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", help="Monte Carlo draws (0 = none)")] = 0,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of every random draw")] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", min=1, help="Processes for Monte Carlo draws [default: all cores]"),
    ] = os.cpu_count() or 1,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    scheduler: SchedulerOption = None,
) -> None:
    """Forecast where each issue of a scenario lands."""
    from detente.api import forecast_scenario

    results = forecast_scenario(
        scenario, model=model, rounds=rounds, draws=draws, seed=seed, jobs=jobs, scheduler=scheduler
    )
    if fmt == "json":
        payload = [r.to_dict() for r in results]
        out.print_json(json.dumps(payload[0] if len(payload) == 1 else payload))
        return
    if fmt != "table":
        raise DetenteError(f"unknown format {fmt!r}; use table or json")
    for r in results:
        table = Table(title=f"{r.scenario}: {r.model}")
        rows = _forecast_rows(r)
        cols = [c for c in rows[0] if c != "issue"] if rows else ["outcome"]
        table.add_column("issue")
        for c in cols:
            table.add_column(c, justify="right")
        for row in rows:
            table.add_row(
                str(row["issue"]),
                *(f"{row[c]:.2f}" if isinstance(row[c], float) else str(row[c]) for c in cols),
            )
        out.print(table)


@app.command("whatif")
def whatif_cmd(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML with a whatifs: section")],
    model: Annotated[str, typer.Option("--model", help="Model name")] = "compromise",
    variant: Annotated[
        list[str] | None, typer.Option("--variant", help="What-if id (default: all)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Run a scenario's what-if variants side by side with the baseline."""
    from detente.api import whatif_scenario

    frame = whatif_scenario(scenario, model=model, variants=variant)
    if fmt == "json":
        out.print_json(frame.to_json(orient="records"))
        return
    for variant, rows in frame.groupby("variant", sort=False):
        table = Table(title=f"{variant}: {rows['name'].iloc[0]} ({model})")
        for c in ("issue", "baseline", "outcome", "delta"):
            table.add_column(c, justify="left" if c == "issue" else "right")
        for row in rows.itertuples(index=False):
            table.add_row(
                row.issue, f"{row.baseline:.2f}", f"{row.outcome:.2f}", f"{row.delta:+.2f}"
            )
        out.print(table)


@app.command("sensitivity")
def sensitivity_cmd(
    scenario: Annotated[Path, typer.Argument(help="Scenario file")],
    model: Annotated[str, typer.Option("--model", help="Model name")] = "compromise",
    top: Annotated[int, typer.Option("--top", help="Rows of the tornado table per issue")] = 3,
    n: Annotated[int, typer.Option("--n", help="Sobol base sample size (a power of 2)")] = 256,
    delta: Annotated[
        float, typer.Option("--delta", help="Swing: share of the scale / salience / clout")
    ] = 0.1,
    seed: Annotated[int | None, typer.Option("--seed")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    scheduler: SchedulerOption = None,
) -> None:
    """Which inputs move each issue's forecast most: one-at-a-time swings and Sobol indices."""
    from detente.api import sensitivity_scenario

    result = sensitivity_scenario(
        scenario, model=model, n=n, seed=seed, delta=delta, scheduler=scheduler
    )
    if fmt == "json":
        payload = {
            "model": model,
            "one_at_a_time": json.loads(result.oat.to_json(orient="records")),
            "sobol": json.loads(result.sobol.to_json(orient="records")),
        }
        out.print_json(json.dumps(payload))
        return
    table = Table(title=f"largest one-at-a-time swings ({model}, delta {delta:g})")
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


@scenario_app.command("check")
def scenario_check_cmd(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML")],
    db: DbOption = None,
) -> None:
    """Resolve every evidence locator of a scenario against the store; list the unresolved."""
    from detente.api import check_scenario
    from detente.bargain.io import load_scenario
    from detente.store import open_store

    sc = load_scenario(scenario)
    with open_store(_db(db)) as store:
        checks = check_scenario(sc, store)
    bad = [c for c in checks if c.problem]
    for c in bad:
        err.print(f"unresolved: {c.actor} / {c.issue}: {c.problem}", markup=False, highlight=False)
    out.print(f"{len(checks) - len(bad)} of {len(checks)} locators resolve")
    raise typer.Exit(1 if bad else 0)


@app.command("report")
def report_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for report.html")],
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="Scenario YAML to forecast")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", help="Monte Carlo draws per model")] = 500,
    seed: Annotated[int | None, typer.Option("--seed")] = None,
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML report (corpus, actors, events, forecasts)."""
    from detente.api import write_report
    from detente.store import open_store

    with open_store(_db(db)) as store:
        path = write_report(store, out_dir, scenario_path=scenario, draws=draws, seed=seed)
    out.print(str(path))


@app.command("demo")
def demo_cmd(
    seeds: Annotated[
        Path | None, typer.Argument(help="Folder of articles [default: ../shared/seeds]")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where the report goes")] = Path("out"),
    db: DbOption = None,
) -> None:
    """Ingest the seed articles, forecast the seed scenario with every model, write the report."""
    from detente.api import run_demo

    db_url = db or os.environ.get("DETENTE_DB") or f"sqlite:///{out_dir / 'demo.db'}"
    summary = run_demo(seeds, out_dir=out_dir, db=db_url, on_item=None)
    table = Table(title="detente demo")
    table.add_column("what")
    table.add_column("value")
    for k, v in summary.items():
        table.add_row(k, str(v))
    out.print(table)


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    get: Annotated[str | None, typer.Option("--get", help="Print one response and exit")] = None,
) -> None:
    """Serve the web dashboard and JSON API (``--get PATH`` answers one request in-process)."""
    from detente.api import serve

    response = serve(_db(db), host=host, port=port, get=get)
    if response is not None:
        status, body = response
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        raise typer.Exit(0 if status < 400 else 1)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning detente errors into one line and exit code 1."""
    try:
        code = app(args=argv, standalone_mode=False)
    except DetenteError as exc:
        err.print(f"error: {exc.one_line()}", markup=False, highlight=False)
        raise SystemExit(1) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except (click.Abort, KeyboardInterrupt):
        err.print("aborted")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)
