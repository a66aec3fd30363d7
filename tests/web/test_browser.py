"""The real server (uvicorn in a subprocess, on a free port) driven by headless Chromium:
search -> learner form -> plan page with both charts rendered; no console errors (a CSP
violation would be one). A screenshot of the plan page is saved to test-artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from coursestack.store.db import Database

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (make browser-deps)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(sqlite_db: Database, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "COURSESTACK_DATABASE_URL": sqlite_db.url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "coursestack.api.app:app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("w"),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("server did not start: " + (tmp_path / "server.log").read_text())
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def test_search_then_plan_with_charts(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_default_timeout(15_000)

        page.goto(server + "/")
        page.fill("header input[name=q]", "deep learning")
        page.press("header input[name=q]", "Enter")
        page.wait_for_url("**/search?q=deep+learning")
        assert page.locator("table.results tbody tr").count() > 0

        page.click("text=Plan a learning path")
        page.wait_for_selector("#learner-form")
        page.fill("#skills", "python: 2, linear algebra: 1, calculus: 1")
        page.fill("#completed", "Machine Learning Specialization")
        page.select_option("#goal", "ml-engineer")
        page.fill("#hours_per_week", "9")
        page.fill("#budget", "600")
        page.check("input[name=needs][value=portfolio]")
        page.click("button.primary")
        page.wait_for_selector("svg.timeline")

        steps = page.locator("ol.steps > li").count()
        bars = page.locator("svg.timeline g.step rect.bar")
        assert steps > 0 and bars.count() == steps
        for i in range(steps):
            box = bars.nth(i).bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
        skills = page.locator("svg.coverage g.skill")
        assert skills.count() > 0
        after = page.locator("svg.coverage rect.after").first.bounding_box()
        assert after is not None and after["height"] > 0
        # the stylesheet applied (CSP allows 'self'): the plan's totals are laid out as cards
        display = page.eval_on_selector("section.totals", "e => getComputedStyle(e).display")
        assert display == "flex"
        page.screenshot(path=str(ARTIFACTS / "plan-page.png"), full_page=True)
        browser.close()
    assert errors == []
