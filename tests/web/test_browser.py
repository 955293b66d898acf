"""Drive the real server with headless Debian Chromium through Playwright (no browser download).

Starts ``python -m detente serve --port <free>`` against a temporary store of
invented articles, waits until it answers, visits every main page, submits the
what-if form and checks that a ``<script>`` title stays text. Screenshots go to
``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import EVIL_TITLE, fill

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("DETENTE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright pip package is not installed")
    from detente.store import open_store

    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'detente.db'}"
    with open_store(db) as store:
        fill(store)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "detente",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--draws",
            "40",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/healthz", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # an executed <script> would open an alert
        yield pg
        browser.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_corpus_page_keeps_script_title_as_text(page, server):
    page.goto(f"{server}/")
    cell = page.locator("#documents tbody tr", has_text="Envoys meet").locator("td").nth(1)
    assert cell.inner_text() == EVIL_TITLE
    assert page.dialogs == []
    _shot(page, "corpus")


def test_article_page_highlights(page, server):
    page.goto(f"{server}/")
    page.locator("#documents a", has_text="envoys.txt").click()
    assert page.locator("#article-title").inner_text() == EVIL_TITLE
    assert page.locator("#article-text a.hl-actor").count() == 5
    assert page.locator("#article-text .hl-quote").first.inner_text().startswith("The talks were")
    assert page.dialogs == []
    _shot(page, "article")
    page.locator("#article-text a.hl-actor", has_text="Jane Doe").first.click()
    assert page.locator("#actor-name").inner_text() == "Jane Doe"
    _shot(page, "actor")


def test_dyad_and_triangle_pages(page, server):
    page.goto(f"{server}/dyads")
    page.locator("#dyads a", has_text="RUS–USA").click()
    assert page.locator("svg.chart rect").count() >= 1
    assert page.locator("#channels").inner_text().count("deteriorating") >= 1
    _shot(page, "dyad")
    page.goto(f"{server}/dyads")
    form = page.locator("#dyad-form")
    form.locator("input[name=a]").fill("usa")
    form.locator("input[name=b]").fill("chn")
    form.locator("select[name=freq]").select_option("M")
    form.locator("button").click()
    page.wait_for_url("**/dyads/USA-CHN?freq=M&level=state")
    assert "2025-03-01\t1\t-3.0" in page.locator("#dyad-index").inner_text()
    page.goto(f"{server}/triangle")
    assert page.locator("#triangle-type").inner_text() == "romantic triangle"
    _shot(page, "triangle")


def test_scenario_whatif_form(page, server):
    page.goto(f"{server}/scenario", timeout=180_000)
    assert page.locator("#forecasts tbody tr").count() >= 1
    _shot(page, "scenario")
    form = page.locator("#whatif-form")
    form.locator("select[name=model]").select_option("compromise")
    form.locator("input[name=drop]").first.check()
    form.locator("select[name=actor_0]").select_option(index=2)
    form.locator("select[name=issue_0]").select_option(index=1)
    form.locator("input[name=position_0]").fill("50")
    form.locator("#run-whatif").click()
    page.wait_for_selector("#whatif-result")
    rows = page.locator("#whatif-result tbody tr")
    assert rows.count() >= 1
    assert "Dropped:" in page.content()
    _shot(page, "whatif")
    form = page.locator("#whatif-form")
    form.locator("select[name=actor_0]").select_option(index=2)
    form.locator("select[name=issue_0]").select_option(index=1)
    form.locator("input[name=salience_0]").fill("7")
    form.locator("#run-whatif").click()
    assert "form row 1 salience" in page.locator("#error-message").inner_text()


def test_api_docs_load_offline(page, server):
    """Swagger UI renders every operation with requests off the machine blocked."""
    outside: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(server):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_local)
    try:
        page.goto(f"{server}/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        assert page.locator(".opblock").count() >= 8
        assert "/api/v1/scenario/comparison" in page.locator("#swagger-ui").inner_text()
        _shot(page, "api-docs")
    finally:
        page.unroute("**/*")
    assert outside == []


def test_scenario_page_compares_the_models_in_the_scales_words(page, server):
    page.goto(f"{server}/scenario", timeout=180_000)
    table = page.locator("#forecasts")
    assert table.locator("thead th").count() == 7  # issue + six models
    assert "≈ 50: ceasefire on the current front line" in table.inner_text()
    assert page.locator("#why li").count() >= 8
    _shot(page, "scenario-comparison")
