"""Bad input, named and contained: a corpus of broken files ingested together with good ones.

The corpus is built by the tests (nothing checked in): every bad item must come out
as one line naming the file (and JSON Lines line) and why, every good article must
be stored, nothing may print a traceback, and a re-run must change nothing.
"""

from __future__ import annotations

import codecs
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from detente.ingest import Article, IngestFailure, read_paths

GOOD = {
    "geneva.txt": "Envoys meet in Geneva\n\nNegotiators from the United States and Russia met in "
    "Geneva on Monday to discuss a ceasefire. Both sides called the talks useful.",
    "kyiv.md": "---\ntitle: Kyiv rejects plan\ndate: 2025-04-02\n---\nUkraine rejected the plan "
    "on Wednesday, officials in Kyiv said.",
    "beijing.html": "<html><head><title>Trade pact</title></head><body><article><p>China and "
    "Russia signed a trade agreement in Beijing on Thursday.</p></article></body></html>",
}
UTF16_TEXT = "Envoys of Ukraine and Poland met in Warsaw on Friday to discuss grain exports."
MALFORMED_HTML = (
    "<html><body><p>Brussels announced new sanctions on Russia on Tuesday.<p>The package "
    "targets banks<div><span>and energy firms</b></i></body>"
)
DEEP = 20_000


def build_corpus(root: Path) -> dict[str, str]:
    """Write good and bad files under ``root``; return {bad item: expected reason part}."""
    folder = root / "articles"
    folder.mkdir(parents=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "reposted-geneva.txt").write_text(GOOD["geneva.txt"], encoding="utf-8")
    (folder / "warsaw-utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))  # with BOM
    (folder / "brussels-malformed.html").write_text(MALFORMED_HTML, encoding="utf-8")
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * DEEP + "<p>Deeply nested pages still have text: Oslo hosted "
        "talks on Sunday.</p>" + "</div>" * DEEP + "</body></html>",
        encoding="utf-8",
    )
    bad = {}

    def put(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        bad[str(folder / name)] = reason

    put("empty.txt", b"", "empty file")
    put("blank.md", b"  \n\n \t\n", "empty file")
    put("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file")
    put("nul.txt", b"Talks resumed\x00 on Monday.", "binary file")
    put("broken-utf8.txt", b"Talks \xc3\x28 stalled in \xff\xfe Vienna.", "not UTF-8 text: byte")
    put("latin1.txt", "Talks in Orléans and Genève.".encode("latin-1"), "Latin-1")
    put("utf16-no-bom.txt", UTF16_TEXT.encode("utf-16-le"), "UTF-16 text without a byte-order")
    with open(folder / "huge.txt", "wb") as f:  # 30 MB, sparse where the file system allows
        f.write(b"Talks. ")
        f.truncate(30 * 2**20)
    bad[str(folder / "huge.txt")] = "above the size limit of 20 MB"
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    bad[str(folder / "loop-a.txt")] = "symbolic link loop"
    bad[str(folder / "loop-b.txt")] = "symbolic link loop"
    os.symlink("gone.txt", folder / "dangling.txt")
    bad[str(folder / "dangling.txt")] = "broken symbolic link"
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Ankara hosted talks between Russia and Ukraine.",
                "date": "2025-05-16",
            }
        ),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "title": "No text here"}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps({"id": "e", "text": "A NUL \u0000 in the middle."}),
        '{"id": "f", "text": "An unpaired \\ud800 surrogate."}',
        json.dumps({"id": "g", "text": "Riyadh hosted the second round on Tuesday."}),
        "[" * 100_000 + "]" * 100_000,
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    feed = folder / "feed.jsonl"
    bad[f"{feed}:2"] = "invalid JSON"
    bad[f"{feed}:3"] = "field 'text' is missing"
    bad[f"{feed}:4"] = "field 'text' is missing or not a non-empty string"
    bad[f"{feed}:5"] = "field 'text' contains a NUL character"
    bad[f"{feed}:6"] = "field 'text' contains an unpaired surrogate"
    bad[f"{feed}:8"] = "invalid JSON"
    bad[str(root / "missing.txt")] = "no such file or folder"
    return bad


GOOD_NAMES = {
    "beijing.html",
    "brussels-malformed.html",
    "deep.html",
    "feed.jsonl#a",
    "feed.jsonl#g",
    "geneva.txt",
    "kyiv.md",
    "warsaw-utf16.txt",
}


def test_every_bad_item_is_one_failure_naming_it_and_every_good_one_is_read(tmp_path):
    bad = build_corpus(tmp_path)
    items = list(read_paths([tmp_path / "articles", tmp_path / "missing.txt"]))
    failures = {f.path: f.reason for f in items if isinstance(f, IngestFailure)}
    articles = [a for a in items if isinstance(a, Article)]
    assert set(failures) == set(bad)
    for path, part in bad.items():
        assert part in failures[path], (path, failures[path])
        assert "\n" not in failures[path]
    assert {a.name for a in articles} == GOOD_NAMES | {"reposted-geneva.txt"}
    by_name = {a.name: a for a in articles}
    assert by_name["warsaw-utf16.txt"].text == UTF16_TEXT
    assert "energy firms" in by_name["brussels-malformed.html"].text
    assert by_name["deep.html"].text.startswith("Deeply nested pages")
    assert by_name["reposted-geneva.txt"].doc_id == by_name["geneva.txt"].doc_id


def test_size_limit_is_configurable_and_applies_per_jsonl_line(tmp_path):
    big = "Talks went on. " * 200  # 3,000 bytes
    (tmp_path / "a.txt").write_text(big, encoding="utf-8")
    feed = [json.dumps({"id": "small", "text": "Short."}), json.dumps({"id": "big", "text": big})]
    (tmp_path / "f.jsonl").write_text("\n".join(feed), encoding="utf-8")
    items = list(read_paths([tmp_path], max_bytes=2_000))
    got = {(i.path if isinstance(i, IngestFailure) else i.name) for i in items}
    assert got == {str(tmp_path / "a.txt"), "f.jsonl#small", f"{tmp_path / 'f.jsonl'}:2"}
    assert all("above the size limit" in i.reason for i in items if isinstance(i, IngestFailure))
    assert len(list(read_paths([tmp_path], max_bytes=10_000))) == 3


def _detente(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "detente", *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sentences", "actors", "actor_mentions", "events", "quotes")
        }


@pytest.mark.model
def test_ingest_of_the_bad_corpus_names_each_bad_file_stores_every_good_one(tmp_path):
    bad = build_corpus(tmp_path)
    db = tmp_path / "store.db"
    args = (
        "ingest",
        str(tmp_path / "articles"),
        str(tmp_path / "missing.txt"),
        "--db",
        f"sqlite:///{db}",
    )
    run = _detente(*args)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == len(bad)
    for path, part in bad.items():
        assert sum(ln.startswith(f"error: {path}: ") for ln in errors) == 1, path
        assert any(ln.startswith(f"error: {path}: ") and part in ln for ln in errors), path
    assert any(
        ln.startswith("warning: ") and "reposted-geneva.txt: same text as" in ln
        for ln in run.stderr.splitlines()
    )
    assert f"stored {len(GOOD_NAMES)}," in run.stdout
    with sqlite3.connect(db) as con:
        names = {r[0] for r in con.execute("SELECT name FROM documents")}
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert names == GOOD_NAMES
    before = _counts(db)
    assert before["events"] > 0 and before["actors"] > 0

    again = _detente(*args)
    assert again.returncode == 1 and "stored 0," in again.stdout
    assert "Traceback" not in again.stderr
    assert len([ln for ln in again.stderr.splitlines() if ln.startswith("error: ")]) == len(bad)
    assert _counts(db) == before


@pytest.mark.model
def test_max_size_option_refuses_by_name(tmp_path):
    (tmp_path / "a.txt").write_text("Envoys met in Vienna on Monday. " * 100, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    run = _detente("ingest", str(tmp_path / "a.txt"), "--db", db, "--max-size", "0.002")
    assert run.returncode == 1
    assert f"error: {tmp_path / 'a.txt'}: file is 0.0 MB, above the size limit" in run.stderr
    run = _detente("ingest", str(tmp_path / "a.txt"), "--db", db, env={"DETENTE_MAX_FILE_MB": "1"})
    assert run.returncode == 0 and "stored 1," in run.stdout


def test_utf16_and_utf32_with_byte_order_marks_are_read(tmp_path):
    for codec, name in (
        ("utf-16-le", "le16.txt"),
        ("utf-16-be", "be16.txt"),
        ("utf-32", "x32.txt"),
    ):
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
        (tmp_path / name).write_bytes(bom + UTF16_TEXT.encode(codec))
    arts = list(read_paths([tmp_path]))
    assert [a.text for a in arts] == [UTF16_TEXT] * 3
