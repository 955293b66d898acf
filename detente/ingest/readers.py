"""Readers: files and folders in, :class:`Article` or :class:`IngestFailure` out, one per item.

Why a generator of records rather than exceptions: one bad file in a folder of
hundreds must cost one line in the report, not the batch (datasette's and spaCy's
"errors recorded into results"). Every failure names its file (``file:line`` for a
JSON Lines record) and says in one line what is wrong.

Formats, by file suffix:

- ``.txt``, ``.md``: UTF-8 text; a markdown front matter block (``---`` YAML ``---``)
  supplies title, date, author, outlet and url when present.
- ``.html``, ``.htm``: markup stripped with BeautifulSoup; ``<title>`` and the
  ``author``, ``og:site_name``, ``article:published_time``/``date`` metas and the
  canonical link are read.
- ``.jsonl``: one article per line with ``id``, ``text``, and optional ``title``,
  ``date``, ``url``, ``outlet``, ``author``.
- ``.urls``: a list of addresses, one per line. detente never uses the network at run
  time, so each address is reported as a failure ("cannot fetch URL offline"); save
  the pages and ingest the files instead. This keeps URL lists visible rather than
  silently ignored.

Folders are searched recursively in sorted order (hidden entries skipped); files with
other suffixes found in a folder are skipped silently, but a file named explicitly
with an unsupported suffix is a failure.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from detente.ingest.clean import clean_text
from detente.ingest.dates import DateReading, parse_metadata_date
from detente.ingest.records import Article, IngestFailure

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl", ".urls"}

_BLOCK_TAGS = (
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
    "header", "footer", "blockquote", "pre", "figcaption", "figure", "dd", "dt", "table",
    "ul", "ol",
)  # fmt: skip
_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "aside", "form", "svg", "iframe", "footer",
    "button",
)  # fmt: skip
_JSONL_TEXT_FIELDS = ("title", "url", "outlet", "author", "date")


class _BadRecord(ValueError):
    """A JSON Lines record with a missing or wrong field."""


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Every file to read, in a deterministic order.

    Folders are walked recursively in sorted order, keeping only supported suffixes and
    skipping hidden entries; named files are yielded as given (even when missing or of
    an unknown type, so that :func:`read_paths` reports them).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in rel)
                ):
                    yield child
        else:
            yield path


def read_paths(paths: Iterable[Path | str]) -> Iterator[Article | IngestFailure]:
    """Read files or folders; yield one Article per article and one IngestFailure per bad item."""
    for path in discover(paths):
        yield from read_file(path)


def read_file(path: Path | str) -> Iterator[Article | IngestFailure]:
    """Read one file (a JSON Lines file may hold many articles)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "(none)"
        yield IngestFailure(
            str(path),
            f"unsupported file type {shown}; expected one of {', '.join(sorted(SUFFIXES))}",
        )
        return
    raw = _read_text(path)
    if isinstance(raw, IngestFailure):
        yield raw
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, raw)
    elif suffix == ".urls":
        yield from _read_urls(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, raw)
    else:
        yield _read_plain(path, raw)


def _read_text(path: Path) -> str | IngestFailure:
    """Decode a file as UTF-8, or say in one line why it cannot be read as text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return IngestFailure(str(path), "no such file or folder")
    except IsADirectoryError:
        return IngestFailure(str(path), "is a folder, not a file")
    except PermissionError:
        return IngestFailure(str(path), "cannot read file: permission denied")
    except OSError as exc:
        return IngestFailure(str(path), f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return IngestFailure(str(path), "empty file")
    if b"\x00" in data:
        return IngestFailure(str(path), "binary file (contains NUL bytes), not text")
    charset = "utf-8-sig"
    if path.suffix.lower() in HTML_SUFFIXES and not data.startswith(codecs.BOM_UTF8):
        charset = _declared_charset(data) or charset
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        shown = "UTF-8" if charset == "utf-8-sig" else charset
        return IngestFailure(
            str(path),
            f"not {shown} text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "cannot be decoded",
        )


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares (``<meta charset=...>``), if Python knows it."""
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def make_article(
    name: str,
    source: str,
    raw_text: str,
    *,
    title: str | None = None,
    published: DateReading | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
) -> Article | IngestFailure:
    """Clean ``raw_text`` and build the Article; metadata given here beats the text's own."""
    cleaned = clean_text(raw_text)
    if not cleaned.text:
        return IngestFailure(source, "no article text left after removing boilerplate")
    reading = published or cleaned.date
    return Article(
        name=name,
        source=source,
        text=cleaned.text,
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        title=title or cleaned.title,
        published=reading.value if reading else None,
        date_convention=reading.convention if reading else None,
        outlet=outlet or cleaned.outlet,
        author=author or cleaned.author,
        url=url,
    )


def _front_matter(raw: str) -> tuple[dict, str]:
    """Split a ``---`` YAML front matter block off a markdown file, if there is one."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", raw, re.S)
    if not m:
        return {}, raw
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, raw
    return (meta, raw[m.end() :]) if isinstance(meta, dict) else ({}, raw)


def _read_plain(path: Path, raw: str) -> Article | IngestFailure:
    meta, body = _front_matter(raw) if path.suffix.lower() == ".md" else ({}, raw)
    date_value = meta.get("date")
    reading = parse_metadata_date(str(date_value)) if date_value is not None else None

    def field(key: str) -> str | None:
        value = meta.get(key)
        return str(value).strip() or None if value is not None else None

    return make_article(
        path.name,
        str(path),
        body,
        title=field("title"),
        published=reading,
        outlet=field("outlet") or field("site_name"),
        author=field("author"),
        url=field("url"),
    )


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        if tag and tag.get("content", "").strip():
            return " ".join(tag["content"].split())
    return None


def _read_html(path: Path, raw: str) -> Article | IngestFailure:
    soup = BeautifulSoup(raw, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text().split()) if title_tag else None
    title = title or _meta(soup, "og:title")
    author = _meta(soup, "author", "article:author")
    outlet = _meta(soup, "og:site_name")
    date_text = _meta(soup, "article:published_time", "date", "pubdate", "dc.date")
    canonical = soup.find("link", rel="canonical")
    url = (canonical.get("href") if canonical else None) or _meta(soup, "og:url")
    if title and outlet:  # "Headline | Outlet" -> "Headline"
        title = re.sub(r"\s+[|–—-]\s+" + re.escape(outlet) + r"\s*$", "", title) or title
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.find("body") or soup
    if date_text is None:  # <time datetime="..."> in the article, a common CMS marker
        time_tag = root.find("time", attrs={"datetime": True})
        date_text = time_tag["datetime"] if time_tag else None
    for tag in root.find_all("br"):
        tag.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text()
    return make_article(
        path.name,
        str(path),
        text,
        title=title,
        published=parse_metadata_date(date_text) if date_text else None,
        outlet=outlet,
        author=author,
        url=url,
    )


def _record(obj: object, seen: set[str]) -> dict:
    """Check one JSON Lines record; raise _BadRecord naming the field at fault."""
    if not isinstance(obj, dict):
        raise _BadRecord(f"expected a JSON object, got {type(obj).__name__}")
    rid = obj.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int) or not str(rid).strip():
        raise _BadRecord("field 'id' is missing or not a non-empty string/integer")
    rid = str(rid).strip()
    if rid in seen:
        raise _BadRecord(f"field 'id': duplicate id {rid!r} in this file")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _BadRecord("field 'text' is missing or not a non-empty string")
    for key in _JSONL_TEXT_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise _BadRecord(f"field '{key}' must be a string, got {type(obj[key]).__name__}")
    reading = None
    if obj.get("date"):
        reading = parse_metadata_date(obj["date"])
        if reading is None:
            raise _BadRecord(
                f"field 'date': cannot read {obj['date']!r} as a date (use YYYY-MM-DD)"
            )
    return {"id": rid, "text": text, "published": reading} | {
        key: (obj.get(key) or "").strip() or None for key in ("title", "url", "outlet", "author")
    }


def _read_jsonl(path: Path, raw: str) -> Iterator[Article | IngestFailure]:
    seen: set[str] = set()
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = _record(json.loads(line), seen)
        except json.JSONDecodeError as exc:
            yield IngestFailure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except _BadRecord as exc:
            yield IngestFailure(where, str(exc))
            continue
        seen.add(rec["id"])
        yield make_article(
            f"{path.name}#{rec['id']}",
            where,
            rec["text"],
            title=rec["title"],
            published=rec["published"],
            outlet=rec["outlet"],
            author=rec["author"],
            url=rec["url"],
        )


def _read_urls(path: Path, raw: str) -> Iterator[IngestFailure]:
    for lineno, line in enumerate(raw.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        if re.match(r"https?://\S+$", url):
            yield IngestFailure(
                where, f"cannot fetch URL offline: {url} (save the page and ingest the file)"
            )
        else:
            yield IngestFailure(where, f"not a URL: {url[:80]!r}")
