import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest

from detente.ingest import Article, IngestFailure, discover, read_paths

BODY = "Envoys from two states met in Vienna on Tuesday.\n\nThey agreed to meet again."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_one(path: Path) -> Article | IngestFailure:
    items = list(read_paths([path]))
    assert len(items) == 1
    return items[0]


def test_txt_article(tmp_path):
    art = read_one(write(tmp_path / "a.txt", "Talks in Vienna\n" + BODY))
    assert isinstance(art, Article)
    assert art.name == "a.txt"
    assert art.source == str(tmp_path / "a.txt")
    assert art.title == "Talks in Vienna"
    assert art.content_hash == hashlib.sha256(art.text.encode()).hexdigest()
    assert art.doc_id == art.content_hash


def test_markdown_front_matter(tmp_path):
    md = (
        "---\ntitle: Talks in Vienna\ndate: 2025-03-04\nauthor: Jane Doe\n"
        "url: https://example.org/a\n---\n# Talks\n\n" + BODY
    )
    art = read_one(write(tmp_path / "a.md", md))
    assert (art.title, art.author, art.url) == (
        "Talks in Vienna",
        "Jane Doe",
        "https://example.org/a",
    )
    assert (art.published, art.date_convention) == (date(2025, 3, 4), "metadata")
    assert art.text.startswith("Talks\n\nEnvoys")


def test_html_article_with_meta(tmp_path):
    html = """<!doctype html><html><head><title>Talks in Vienna</title>
    <meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2025-03-04T08:00:00Z">
    <link rel="canonical" href="https://example.org/talks">
    <script>var x = "not text";</script><style>p {color: red}</style></head>
    <body><nav>Home | World</nav><article><h1>Talks in Vienna</h1>
    <p>Envoys from two states <em>met</em> in Vienna on Tuesday.</p>
    <p>They agreed<br>to meet again.</p><footer>Tags: talks, Vienna</footer>
    </article><footer>About us | Contact</footer></body></html>"""
    art = read_one(write(tmp_path / "a.html", html))
    assert art.title == "Talks in Vienna"
    assert (art.author, art.outlet, art.url) == (
        "Jane Doe",
        "Example Times",
        "https://example.org/talks",
    )
    assert (art.published, art.date_convention) == (date(2025, 3, 4), "metadata")
    assert (
        art.text == "Talks in Vienna\n\nEnvoys from two states met in Vienna on Tuesday.\n\n"
        "They agreed to meet again."
    )
    assert "not text" not in art.text and "Home" not in art.text and "About" not in art.text


def test_htm_without_article_uses_body(tmp_path):
    art = read_one(
        write(
            tmp_path / "b.htm", "<html><body><p>Envoys met.</p><div>Then left.</div></body></html>"
        )
    )
    assert art.text == "Envoys met.\n\nThen left."
    assert art.title is None


def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {"id": "a1", "title": "Talks", "text": BODY, "date": "2025-03-04", "outlet": "Wire"}
        ),
        "",
        "{not json",
        json.dumps({"id": "a2", "title": "No text"}),
        json.dumps({"id": "a3", "text": BODY, "date": "someday"}),
        json.dumps({"id": "a1", "text": "Another body."}),
        json.dumps({"id": 7, "text": "Numeric ids are fine.", "author": 5}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 8, "text": "Numeric ids are fine."}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines))
    items = list(read_paths([path]))
    good = [i for i in items if isinstance(i, Article)]
    bad = {i.path.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, IngestFailure)}
    assert [a.name for a in good] == ["batch.jsonl#a1", "batch.jsonl#8"]
    assert good[0].source == f"{path}:1"
    assert (good[0].published, good[0].date_convention, good[0].outlet) == (
        date(2025, 3, 4),
        "metadata",
        "Wire",
    )
    assert set(bad) == {"3", "4", "5", "6", "7", "8"}
    assert "invalid JSON" in bad["3"]
    assert "'text'" in bad["4"]
    assert "'date'" in bad["5"]
    assert "duplicate" in bad["6"] and "'id'" in bad["6"]
    assert "'author'" in bad["7"]
    assert "JSON object" in bad["8"]


def test_url_list_is_reported_offline(tmp_path):
    path = write(tmp_path / "list.urls", "# saved later\nhttps://example.org/a\n\nnot a url\n")
    items = list(read_paths([path]))
    assert [i.path for i in items] == [f"{path}:2", f"{path}:4"]
    assert "cannot fetch URL offline" in items[0].reason
    assert "not a URL" in items[1].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"Envoys\x00met\x00", "binary"),
        (b"Envoys met in \xff\xfe Vienna", "not UTF-8"),
        (b"Comments\n_____\n", "no article text"),
    ],
)
def test_bad_files_fail_with_one_line(tmp_path, content, reason):
    item = read_one(write(tmp_path / "bad.txt", content))
    assert isinstance(item, IngestFailure)
    assert reason in item.reason
    assert item.path == str(tmp_path / "bad.txt")
    assert "\n" not in item.reason


def test_unreadable_file(tmp_path):
    path = write(tmp_path / "locked.txt", BODY)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        item = read_one(path)
        assert isinstance(item, IngestFailure)
        assert "permission denied" in item.reason
    finally:
        path.chmod(0o644)


def test_missing_path_and_unknown_extension_named_explicitly(tmp_path):
    missing = read_one(tmp_path / "nope.txt")
    assert isinstance(missing, IngestFailure) and missing.reason == "no such file or folder"
    unknown = read_one(write(tmp_path / "data.csv", "a,b\n"))
    assert isinstance(unknown, IngestFailure) and "unsupported file type .csv" in unknown.reason


def test_folder_is_walked_recursively_sorted_and_skips_unknown_and_hidden(tmp_path):
    write(tmp_path / "b.txt", "Second article body.")
    write(tmp_path / "a.txt", "First article body.")
    write(tmp_path / "sub" / "c.md", "Third article body.")
    write(tmp_path / "sub" / "notes.csv", "x,y")
    write(tmp_path / ".hidden" / "d.txt", "Hidden body.")
    write(tmp_path / "sub" / "empty.txt", "")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "b.txt", "c.md", "empty.txt"]
    items = list(read_paths([tmp_path]))
    assert [getattr(i, "name", None) for i in items] == ["a.txt", "b.txt", "c.md", None]
    assert isinstance(items[-1], IngestFailure)


def test_reading_is_deterministic(tmp_path):
    write(tmp_path / "a.txt", "Talks in Vienna\n" + BODY)
    first = list(read_paths([tmp_path]))
    assert first == list(read_paths([tmp_path]))


def test_seed_articles_dates_match_gold_where_the_text_states_them(seeds_dir, shared_dir):
    gold_dir = shared_dir / "eval" / "gold"
    articles = {a.name: a for a in read_paths([seeds_dir]) if isinstance(a, Article)}
    assert len(articles) == 5
    for name, art in articles.items():
        gold = json.loads((gold_dir / name.replace(".txt", ".json")).read_text(encoding="utf-8"))[
            "date"
        ]
        if art.published is not None:
            assert art.published.isoformat() == gold, name
    stated = {
        n: (a.published.isoformat(), a.date_convention) for n, a in articles.items() if a.published
    }
    assert stated == {
        "000_cea97194915d7d46.txt": ("2025-03-05", "day-first"),
        "004_754b0dd6de0764fd.txt": ("2025-02-18", "iso"),
    }


def test_seed_articles_metadata_and_boilerplate(seeds_dir):
    arts = {a.name[:3]: a for a in read_paths([seeds_dir])}
    assert arts["000"].author == "Daisy Cook"
    assert arts["001"].outlet == "Bloomberg"
    assert arts["002"].outlet == "Prospect Foundation"
    assert arts["002"].author == "Paiku Wei"
    title = arts["002"].title
    assert title.startswith("Observations on") and title.endswith("Riyadh"), title
    for art in arts.values():
        for marker in (
            "Meta Description",
            "Focus Keywords",
            "Article Image",
            "Distributed by",
            "_____",
            "Tel:",
            "***",
        ):
            assert marker not in art.text, (art.name, marker)
        assert not art.text.endswith("Comments")
        paras = art.text.split("\n\n")
        long_paras = [p for p in paras if len(p) >= 60]
        assert len(long_paras) == len(set(long_paras)), art.name
    assert "\n\nU.S.-Russia Relations Thaw" in arts["002"].text
    assert arts["004"].text.startswith("In less than a week")
    assert "/Reuters" not in arts["004"].text


def test_permission_error_is_one_line_even_as_root(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", BODY)

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    item = read_one(path)
    assert isinstance(item, IngestFailure)
    assert item.reason == "cannot read file: permission denied"


def test_html_title_suffix_and_time_tag(tmp_path):
    html = """<html><head><title>Envoys meet | Example Times</title>
    <meta property="og:site_name" content="Example Times"></head>
    <body><article><time datetime="2025-03-04T10:00">4 March</time><p>Envoys met.</p>
    </article></body></html>"""
    art = read_one(write(tmp_path / "t.html", html))
    assert art.title == "Envoys meet"
    assert (art.published, art.date_convention) == (date(2025, 3, 4), "metadata")


def test_html_in_a_declared_legacy_charset(tmp_path):
    html = '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head>'
    html += "<body><p>Envoys met at the caf\xe9 \u2013 briefly.</p></body></html>"
    art = read_one(write(tmp_path / "legacy.html", html.encode("cp1252")))
    assert art.title == "Café talks"
    assert art.text == "Envoys met at the café – briefly."
    bad = read_one(write(tmp_path / "bad.html", b'<meta charset="utf-8"><p>caf\xe9</p>'))
    assert isinstance(bad, IngestFailure) and "not utf-8 text: byte 0xe9" in bad.reason
