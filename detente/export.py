"""Export the store as files: JSON Lines (the evaluation schema), CSV or Parquet.

Why these shapes: ``actors.jsonl``, ``events.jsonl`` and ``quotes.jsonl`` follow
the evaluation's schema, so its scorer reads an export directly: every row names its
article in ``doc``, and event and quote actors are nested ``{"name", "type",
"country"}`` objects (or null). Every row gives an actor's state (``country``) and
international body (``org``; ``source_org``, ``target_org``, ``speaker_org``) as of its
own article: a person who changed posts has different ones in different articles.
``events`` keeps one row per event per article (what the evaluation scores), each
naming its date's precision and the words it was read from (``date_evidence``), its
background flag and the ``cluster`` (happening) it reports; ``clusters`` has one row
per happening with every report of it. CSV and Parquet are flat tables, so the nested objects become
``source_name``, ``source_type``, ``source_country`` (and ``target_*``, ``speaker_*``)
columns, and a cluster's lists are JSON text.

Writers are looked up by name in :data:`EXPORTERS`; the built-ins register through
:func:`register_exporter`, the same call an extension would use (datasette's
``DEFAULT_PLUGINS`` idea).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from detente.errors import InputError
from detente.extras import require

#: Tables written, in order.
TABLES = (
    "documents",
    "actors",
    "events",
    "clusters",
    "quotes",
    "mentions",
    "stances",
    "reference_clues",
)
#: Fields of a nested actor object (``country`` as of the row's article).
ACTOR_FIELDS = ("name", "type", "country")
#: Nested actor objects of each table.
NESTED = {"events": ("source", "target"), "quotes": ("speaker",)}

Writer = Callable[[Path, str, list[dict], list[str]], Path]
#: Exporters by format name.
EXPORTERS: dict[str, Writer] = {}


def register_exporter(name: str) -> Callable[[Writer], Writer]:
    """Register ``writer(out_dir, table, rows, fields) -> path`` as the exporter for ``name``."""

    def decorate(writer: Writer) -> Writer:
        EXPORTERS[name] = writer
        return writer

    return decorate


def _value(v):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, date):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


def _actor(row: dict, prefix: str) -> dict | None:
    if row.get(f"{prefix}_id") is None:
        return None
    return {f: row[f"{prefix}_{f}"] for f in ACTOR_FIELDS}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _value(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def _document_row(r: dict) -> dict:
    return {"doc": r["name"], **{k: v for k, v in r.items() if k != "name"}}


def _actor_row(r: dict) -> dict:
    return {
        "doc": r["doc"],
        "name": r["name"],
        "type": r["type"],
        "country": r["country"],
        "role": r["role"],
        "org": r["org"],
        "actor_id": r["actor_id"],
        "doc_id": r["doc_id"],
    }


def _event_row(r: dict) -> dict:
    return {
        "doc": r["doc"],
        "date": r["date"],
        "type": r["type"],
        "source": _actor(r, "source"),
        "target": _actor(r, "target"),
        "location": r["location"],
        "evidence": r["evidence"],
        "mode": r["mode"],
        "trigger": r["trigger"],
        "source_id": r["source_id"],
        "target_id": r["target_id"],
        "source_org": r["source_org"],
        "target_org": r["target_org"],
        "published": r["published"],
        "doc_id": r["doc_id"],
        "start": r["start"],
        "end": r["end"],
        "date_precision": r["date_precision"],
        "date_evidence": r["date_evidence"],
        "date_start": r["date_start"],
        "date_end": r["date_end"],
        "background": r["background"],
        "cluster": r["cluster"],
        "cluster_documents": r["cluster_documents"],
    }


def _clusters(store) -> pd.DataFrame:
    """``Store.event_clusters()`` with the articles and sentences reporting each happening."""
    clusters = store.event_clusters()
    events = store.events()
    reports: dict[str, list[dict]] = {}
    for r in events.to_dict("records"):
        if r["cluster"] is None:
            continue
        seen = reports.setdefault(r["cluster"], [])
        item = {
            "doc": r["doc"],
            "doc_id": r["doc_id"],
            "start": int(r["start"]),
            "end": int(r["end"]),
            "date": _value(r["date"]),
            "evidence": r["evidence"],
        }
        if item not in seen:
            seen.append(item)
    items = [reports.get(key, []) for key in clusters["cluster"]]
    return clusters.assign(
        documents=[list(dict.fromkeys(x["doc"] for x in it)) for it in items], reports=items
    )


def _quote_row(r: dict) -> dict:
    return {
        "doc": r["doc"],
        "speaker": _actor(r, "speaker"),
        "text": r["text"],
        "cue": r["cue"],
        "speaker_id": r["speaker_id"],
        "speaker_org": r["speaker_org"],
        "sentence": r["sentence"],
        "doc_id": r["doc_id"],
        "start": r["start"],
        "end": r["end"],
    }


def _doc_first(r: dict) -> dict:
    return {"doc": r["doc"], **{k: v for k, v in r.items() if k != "doc"}}


#: For each table: the Store method read (or a reader of the store), and how one of its rows
#: becomes an export row.
_TABLE_SOURCES: dict[str, tuple[str | Callable, Callable[[dict], dict]]] = {
    "documents": ("documents", _document_row),
    "actors": ("doc_actors", _actor_row),
    "events": ("events", _event_row),
    "clusters": (_clusters, dict),
    "quotes": ("quotes", _quote_row),
    "mentions": ("mentions", _doc_first),
    "stances": ("stances", _doc_first),
    "reference_clues": ("reference_clues", _doc_first),
}


def table_rows(store, table: str) -> tuple[list[dict], list[str]]:
    """Rows of one exported table in the evaluation schema, and its (nested) field names.

    The field names are returned too so that an empty table still gets its header.
    """
    if table not in _TABLE_SOURCES:
        raise InputError(table, f"unknown export table; expected one of {', '.join(TABLES)}")
    method, build = _TABLE_SOURCES[table]
    frame = getattr(store, method)() if isinstance(method, str) else method(store)
    fields = list(build({c: None for c in frame.columns}))
    return [build(r) for r in _records(frame)], fields


def flatten(table: str, rows: list[dict], fields: list[str]) -> pd.DataFrame:
    """A flat DataFrame of ``rows``.

    Nested actor objects become ``<key>_<field>`` columns, other lists and objects JSON text.
    """
    nested = NESTED.get(table, ())
    columns: list[str] = []
    for key in fields:
        columns.extend([f"{key}_{f}" for f in ACTOR_FIELDS] if key in nested else [key])
    flat = []
    for row in rows:
        out = {}
        for key, value in row.items():
            if key in nested:
                for f in ACTOR_FIELDS:
                    out[f"{key}_{f}"] = value[f] if value else None
            elif isinstance(value, (list, dict)):
                out[key] = json.dumps(value, ensure_ascii=False)
            else:
                out[key] = value
        flat.append(out)
    return pd.DataFrame(flat, columns=columns)


@register_exporter("jsonl")
def write_jsonl(out_dir: Path, table: str, rows: list[dict], fields: list[str]) -> Path:
    """One JSON object per line, nested actor objects kept (the evaluation's schema)."""
    path = out_dir / f"{table}.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


@register_exporter("csv")
def write_csv(out_dir: Path, table: str, rows: list[dict], fields: list[str]) -> Path:
    """A flat UTF-8 CSV with a header row (also when empty)."""
    path = out_dir / f"{table}.csv"
    flatten(table, rows, fields).to_csv(path, index=False, encoding="utf-8")
    return path


@register_exporter("parquet")
def write_parquet(out_dir: Path, table: str, rows: list[dict], fields: list[str]) -> Path:
    """A flat Parquet file (pyarrow, the 'parquet' extra)."""
    require("parquet", "pyarrow", "Parquet export")
    path = out_dir / f"{table}.parquet"
    flatten(table, rows, fields).to_parquet(path, index=False)
    return path


def export_store(store, out_dir: Path | str, fmt: str = "jsonl") -> list[Path]:
    """Write every exported table of ``store`` into ``out_dir`` in format ``fmt``.

    Args:
        store: an open :class:`detente.store.Store`.
        out_dir: folder to write into (created if missing).
        fmt: a name in :data:`EXPORTERS` (``jsonl``, ``csv``, ``parquet``).

    Returns:
        The files written, in :data:`TABLES` order.

    Raises:
        InputError: unknown format, or the folder cannot be created.
    """
    writer = EXPORTERS.get(fmt)
    if writer is None:
        raise InputError(
            fmt, f"unknown export format; expected one of {', '.join(sorted(EXPORTERS))}"
        )
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out, f"cannot create output folder: {exc.strerror or exc}") from exc
    return [writer(out, table, *table_rows(store, table)) for table in TABLES]
