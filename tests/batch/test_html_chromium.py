"""The HTML batch report in a real browser: headless Chromium (Debian package ``chromium``)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dpgcheck.batch.render import render
from dpgcheck.batch.report import latest
from tests.batch.helpers import NOW, REGISTRY, batch, read_lines

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not found (Debian: apt-get install chromium); the HTML report is not checked in a browser"
)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Chromium run once on a fresh profile; a second time if the first run hangs.

    The report's script runs as the page loads, so ``--dump-dom`` (which waits for the load
    event) sees its work. ``--virtual-time-budget`` is not used: headless Chromium sometimes
    never ends with it (one CI run waited 120 s), a known problem of virtual time. A run takes
    1-2 s here; a hang in both runs fails the test.
    """
    def run() -> subprocess.CompletedProcess[bytes]:
        profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, timeout=45)

    try:
        return run()
    except subprocess.TimeoutExpired:
        return run()


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html")
    out = root / "results.ndjson"
    assert batch("--records", REGISTRY, "-o", out, "-j", "2", "--now", NOW, "--shard", "1/4").returncode == 0
    html = root / "report.html"
    html.write_text(render(latest(read_lines(out)), "html"), encoding="utf-8")
    return html


@pytest.fixture(scope="module")
def dumped(page, tmp_path_factory) -> subprocess.CompletedProcess[bytes]:
    """The page's DOM once its script ran, as Chromium dumps it (both tests read it)."""
    return chromium(tmp_path_factory.mktemp("dom"), "--dump-dom", page.as_uri())


def rows(dom: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr data-target="([^"]*)" data-verdict="([^"]*)"', dom)


def test_the_report_renders_and_its_script_runs(page, dumped, tmp_path):
    dom = dumped.stdout.decode()
    assert '<body data-ready="1">' in dom, dumped.stderr.decode()[-500:]
    assert len(rows(dom)) == len(latest(read_lines(page.parent / "results.ndjson"))) > 40
    # The charts are there, with bars.
    for chart in ("chart-verdicts", "chart-indicators", "chart-rules"):
        svg = re.search(rf'<svg id="{chart}".*?</svg>', dom, re.S)
        assert svg and svg.group(0).count('<rect class="bar"') >= 1
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_the_table_sorts_and_filters(page, dumped, tmp_path):
    expected = [(line["target"], line["decision"]["verdict"] if line["status"] == "ok" else line["status"])
                for line in latest(read_lines(page.parent / "results.ndjson"))]
    as_written = rows(dumped.stdout.decode())
    assert as_written == expected
    descending = chromium(tmp_path, "--dump-dom", page.as_uri() + "#sort=target&dir=desc").stdout.decode()
    assert 'data-sorted="target:desc"' in descending and rows(descending) == expected[::-1]
    by_verdict = rows(chromium(tmp_path, "--dump-dom", page.as_uri() + "#sort=verdict").stdout.decode())
    assert by_verdict == sorted(expected, key=lambda r: (r[1], r[0]))
    filtered = chromium(tmp_path, "--dump-dom", page.as_uri() + "#verdict=pass").stdout.decode()
    shown = re.findall(r'<tr data-target="([^"]*)" data-verdict="([^"]*)"( style="display: none;")?', filtered)
    assert [t for t, v, hidden in shown if not hidden] == [t for t, v in expected if v == "pass"]
    assert re.search(r'<span id="shown">(\d+)</span>', filtered).group(1) == str(len([1 for _, v in expected if v == "pass"]))
