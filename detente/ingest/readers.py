"""Readers: files and folders in, :class:`Article` or :class:`IngestFailure` out, one per item.

Why a generator of records rather than exceptions: one bad file in a folder of
hundreds must cost one line in the report, not the batch (datasette's and spaCy's
"errors recorded into results"). Every failure names its file (``file:line`` for a
JSON Lines record) and says in one line what is wrong.

Formats, by file suffix:

- ``.txt``, ``.md``: UTF-8 text; a markdown front matter block (``---`` YAML ``---``)
  supplies title, date, author, outlet and url when present.
- ``.html``, ``.htm``: ``<title>`` and the ``author``, ``og:site_name``,
  ``article:published_time``/``date`` metas and the canonical link are read with
  BeautifulSoup. With the 'html' extra the article's text is trafilatura's and a date
  the metas lack is htmldate's (:mod:`detente.ingest.pages`); without it, or when they
  find nothing, the text is the ``<article>`` (else ``<body>``) with menus, scripts and
  footers dropped, and the date a ``<time datetime>`` in it.
- ``.jsonl``: one article per line with ``id``, ``text``, and optional ``title``,
  ``date``, ``url``, ``outlet``, ``author``.
- ``.urls``: a list of addresses, one per line. detente never uses the network at run
  time, so each address is reported as a failure ("cannot fetch URL offline"); save
  the pages and ingest the files instead. This keeps URL lists visible rather than
  silently ignored.

Folders are searched recursively in sorted order (hidden entries skipped); files with
other suffixes found in a folder are skipped silently, but a file named explicitly
with an unsupported suffix is a failure. Symbolic links to folders are not followed
(no loop can trap the walk); a link with a supported suffix that leads nowhere (or in
a circle) is reported.

Text is UTF-8 (a byte-order mark is dropped); a UTF-16 or UTF-32 file is read when it
starts with its byte-order mark. Anything else that does not decode is refused with
the line and column of the first bad byte, never guessed at. A file larger than the
size limit (``max_bytes``, by default ``Settings.max_file_mb``) is refused before it is
read; in a JSON Lines feed the limit applies to each line, and the feed is read line
by line, so a feed of any length streams.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import yaml
from bs4 import BeautifulSoup, CData, NavigableString, Tag

from detente.ingest.clean import clean_text
from detente.ingest.dates import DateReading, parse_metadata_date
from detente.ingest.pages import main_text, publication_date
from detente.ingest.records import Article, IngestFailure
from detente.settings import DEFAULT_MAX_FILE_MB

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl", ".urls"}

_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figcaption",
    "figure",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "svg",
    "iframe",
    "footer",
    "button",
)
_JSONL_TEXT_FIELDS = ("title", "url", "outlet", "author", "date")
_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

MAX_BYTES = int(DEFAULT_MAX_FILE_MB * 2**20)
"""Default size limit of one article file or JSON Lines record, in bytes."""


class _BadRecord(ValueError):
    """A JSON Lines record with a missing or wrong field."""


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Every file to read, in a deterministic order.

    Folders are walked recursively in sorted order, keeping only supported suffixes and
    skipping hidden entries; links to folders are not followed, and a link with a
    supported suffix that reaches no file is yielded so that reading reports it. Named
    files are yielded as given (even when missing or of an unknown type, so that
    :func:`read_paths` reports them).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    (child.is_file() or (child.is_symlink() and not child.is_dir()))
                    and child.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in rel)
                ):
                    yield child
        else:
            yield path


def read_paths(
    paths: Iterable[Path | str], *, max_bytes: int = MAX_BYTES
) -> Iterator[Article | IngestFailure]:
    """Read files or folders; yield one Article per article and one IngestFailure per bad item.

    Args:
        paths: Files or folders.
        max_bytes: Size limit of one file (of one line in a JSON Lines feed).
    """
    for path in discover(paths):
        yield from read_file(path, max_bytes=max_bytes)


def read_file(path: Path | str, *, max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestFailure]:
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
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes)
        return
    raw = _read_text(path, max_bytes)
    if isinstance(raw, IngestFailure):
        yield raw
    elif suffix == ".urls":
        yield from _read_urls(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, raw)
    else:
        yield _read_plain(path, raw)


def _open_problem(path: Path, exc: OSError) -> IngestFailure:
    """One line for a file that cannot be opened."""
    if isinstance(exc, FileNotFoundError):
        reason = "no such file or folder"
        if path.is_symlink():
            reason = "broken symbolic link (its target does not exist)"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a folder, not a file"
    elif isinstance(exc, PermissionError):
        reason = "cannot read file: permission denied"
    elif exc.errno == errno.ELOOP:
        reason = "symbolic link loop (the link leads back to itself)"
    else:
        reason = f"cannot read file: {exc.strerror or exc}"
    return IngestFailure(str(path), reason)


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 2**20:.1f} MB, above the size limit of {max_bytes / 2**20:g} MB "
        "(raise it with --max-size or DETENTE_MAX_FILE_MB)"
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes | IngestFailure:
    """The file's bytes, or why not: missing, unreadable, a folder, a bad link, too large."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return IngestFailure(str(path), _too_large(size, max_bytes))
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        return _open_problem(path, exc)
    if len(data) > max_bytes:  # grew since stat, or a device without a size
        return IngestFailure(str(path), _too_large(len(data), max_bytes))
    return data


def _read_text(path: Path, max_bytes: int = MAX_BYTES) -> str | IngestFailure:
    """Decode a file as text, or say in one line why it cannot be read as text."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, IngestFailure):
        return data
    if not data.strip():
        return IngestFailure(str(path), "empty file")
    charset = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if charset is None and b"\x00" in data:
        return IngestFailure(str(path), _nul_reason(data))
    if charset is None and path.suffix.lower() in HTML_SUFFIXES:
        charset = _declared_charset(data)
    charset = charset or "utf-8-sig"
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        return IngestFailure(str(path), _decode_reason(data, exc, charset))
    if "\x00" in text:
        return IngestFailure(str(path), "contains NUL characters; not a text file")
    if not text.strip():
        return IngestFailure(str(path), "empty file")
    return text


def _nul_reason(data: bytes) -> str:
    """Why a file with NUL bytes is refused; UTF-16 without its mark is named as such."""
    sample = data[:4096]
    if len(sample) >= 8 and (
        sample[1::2].count(0) > 0.4 * len(sample) / 2
        or sample[0::2].count(0) > 0.4 * len(sample) / 2
    ):
        return "looks like UTF-16 text without a byte-order mark; save it as UTF-8"
    return "binary file (contains NUL bytes), not text"


def _decode_reason(data: bytes, exc: UnicodeDecodeError, charset: str) -> str:
    """``not UTF-8 text: byte 0xe9 at line 3, column 14 ...`` with a hint for legacy text."""
    shown = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(charset, charset)
    start = exc.start + (3 if charset == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0)
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    reason = f"not {shown} text: byte 0x{data[start]:02x} at line {line}, column {column}"
    if shown == "UTF-8" and data[start] >= 0xA0 and _legacy_text(data):
        reason += " (Latin-1 or Windows-1252 text? save it as UTF-8)"
    else:
        reason += " cannot be decoded"
    return reason


def _legacy_text(data: bytes) -> bool:
    """True when ``data`` reads as Windows-1252 text with no control characters."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


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
    """Clean ``raw_text`` and build the Article; metadata given here beats the text's own.

    Text with a NUL character or an unpaired surrogate (which no database stores and no
    encoder writes; possible through JSON escapes or HTML character references) is
    refused, naming the field.
    """
    fields = {"text": raw_text, "title": title, "outlet": outlet, "author": author, "url": url}
    for key, value in fields.items():
        problem = _bad_characters(value)
        if problem:
            return IngestFailure(source, f"field '{key}' {problem}")
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


def _bad_characters(value: str | None) -> str | None:
    """Why ``value`` cannot be stored as text, or None."""
    if not value:
        return None
    if "\x00" in value:
        return f"contains a NUL character at offset {value.index(chr(0))}"
    m = re.search("[\ud800-\udfff]", value)
    if m:
        return f"contains an unpaired surrogate \\u{ord(m.group()):04x} at offset {m.start()}"
    return None


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


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents by name or property (the first of each), found in one pass."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = " ".join(str(tag.get("content", "")).split())
        for attr in ("name", "property"):
            key = tag.get(attr)
            if isinstance(key, str) and content and key not in found:
                found[key] = content
    return found


def _meta(metas: dict[str, str], *keys: str) -> str | None:
    return next((metas[k] for k in keys if k in metas), None)


_END = object()
"""Marks the end of an element in :func:`_visible_text`'s walk."""


def _visible_text(root: Tag) -> str:
    """The text of ``root`` with a line break around every block element and at ``<br>``.

    An explicit stack instead of recursion (or BeautifulSoup's ``insert_before``, whose
    cost grows with the nesting depth), so a page nested a hundred thousand elements
    deep costs the same per element as a flat one.
    """
    parts: list[str] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is _END:
            parts.append("\n")
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
                continue
            block = node.name in _BLOCK_TAGS
            if block:
                parts.append("\n")
                stack.append(_END)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            parts.append(str(node))
    return "".join(parts)


def _read_html(path: Path, raw: str) -> Article | IngestFailure:
    soup = BeautifulSoup(raw, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text().split()) if title_tag else None
    metas = _metas(soup)
    title = title or _meta(metas, "og:title")
    author = _meta(metas, "author", "article:author")
    outlet = _meta(metas, "og:site_name")
    date_text = _meta(metas, "article:published_time", "date", "pubdate", "dc.date")
    canonical = soup.find("link", rel="canonical")
    url = (canonical.get("href") if canonical else None) or _meta(metas, "og:url")
    if title and outlet:  # "Headline | Outlet" -> "Headline"
        title = re.sub(r"\s+[|–—-]\s+" + re.escape(outlet) + r"\s*$", "", title) or title
    if date_text is None:
        date_text = publication_date(raw, url)
    text = main_text(raw)
    if text is None or date_text is None:
        for tag in soup(_DROP_TAGS):
            tag.decompose()
        root = soup.find("article") or soup.find("body") or soup
        if date_text is None:  # <time datetime="..."> in the article, a common CMS marker
            time_tag = root.find("time", attrs={"datetime": True})
            date_text = time_tag["datetime"] if time_tag else None
        if text is None:
            text = _visible_text(root)
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


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | IngestFailure]:
    """One article per line, read line by line (a feed of any length streams)."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
            if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # rare: read it whole
                raw = _read_text(path, max_bytes)
                if isinstance(raw, IngestFailure):
                    yield raw
                    return
                lines: Iterable[tuple[int, str | IngestFailure]] = enumerate(raw.splitlines(), 1)
                yield from _jsonl_records(path, lines)
                return
            f.seek(3 if head.startswith(codecs.BOM_UTF8) else 0)
            yield from _jsonl_records(path, _jsonl_lines(path, f, max_bytes))
    except OSError as exc:
        yield _open_problem(path, exc)


def _jsonl_lines(
    path: Path, f: BinaryIO, max_bytes: int
) -> Iterator[tuple[int, str | IngestFailure]]:
    """(line number, decoded line or the failure of that line), each at most ``max_bytes``."""
    lineno = 0
    while True:
        data = f.readline(max_bytes + 1)
        if not data:
            return
        lineno += 1
        where = f"{path}:{lineno}"
        if len(data) > max_bytes and not data.endswith(b"\n"):
            size = len(data)
            while (chunk := f.readline(2**20)) and not chunk.endswith(b"\n"):
                size += len(chunk)
            yield lineno, IngestFailure(where, "line " + _too_large(size + len(chunk), max_bytes))
            continue
        try:
            yield lineno, data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield (
                lineno,
                IngestFailure(
                    where, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {exc.start + 1}"
                ),
            )


def _jsonl_records(
    path: Path, lines: Iterable[tuple[int, str | IngestFailure]]
) -> Iterator[Article | IngestFailure]:
    seen: set[str] = set()
    for lineno, line in lines:
        if isinstance(line, IngestFailure):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = _record(json.loads(line), seen)
        except json.JSONDecodeError as exc:
            yield IngestFailure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield IngestFailure(where, "invalid JSON: nested too deeply")
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
