"""Fixtures that build the site once, serve it on localhost and drive headless Chromium."""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from .helpers import REPO_ROOT, NewTab, OpenPage, Site, require
from .measures import store_modes_js

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_TIMEOUT_S = 900
VIEWPORT_HEIGHT = 900


def build_command(out: Path) -> list[str] | str:
    """The build command: $SITE_BUILD_CMD (shell, with {out}) or build.py's CLI."""
    override = os.environ.get("SITE_BUILD_CMD")
    if override:
        return override.replace("{out}", shlex.quote(str(out)))
    return [sys.executable, "build.py", "build", "--out", str(out)]


def build_site(out: Path) -> None:
    """Run the build into `out`, failing the test with its output if it does not succeed."""
    command = build_command(out)
    try:
        result = subprocess.run(
            command,
            shell=isinstance(command, str),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"site build did not finish: {command}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(
            f"site build failed (exit {result.returncode}): {command}\n"
            f"--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}",
            pytrace=False,
        )


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log each request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served_folder(root: Path) -> Iterator[Site]:
    """A built site folder served on a random 127.0.0.1 port for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(root))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield Site(root=root, url=f"http://127.0.0.1:{server.server_address[1]}/")
        server.shutdown()
        thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build the site once per session and serve it on a random 127.0.0.1 port."""
    root = tmp_path_factory.mktemp("site")
    build_site(root)
    with served_folder(root) as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright."""
    require(CHROMIUM.exists(), "Chromium is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Browser, site: Site) -> Iterator[OpenPage]:
    """Return `open(rel_path, width)`, which loads a site page in a tab of that width."""
    contexts: dict[int, BrowserContext] = {}
    tabs: dict[int, Page] = {}

    def _open(rel_path: str, width: int = 1280) -> Page:
        if width not in tabs:
            contexts[width] = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT})
            tabs[width] = contexts[width].new_page()
        response = tabs[width].goto(site.url_for(rel_path), wait_until="load")
        status = response.status if response else None
        assert response is not None and response.ok, f"{rel_path}: HTTP {status}"
        return tabs[width]

    yield _open
    for context in contexts.values():
        context.close()


@pytest.fixture
def new_tab(browser: Browser, site: Site) -> Iterator[NewTab]:
    """Return `new_tab(width, stored_text=None, stored_contrast=None, init=(), **context_options)`: a blank tab in a context of its own.

    `stored_text`/`stored_contrast` are reading modes ("large", "high" or "normal") stored before each page's scripts
    run; `init` are more init scripts; context options are Playwright's (java_script_enabled, color_scheme, contrast…).
    """
    contexts: list[BrowserContext] = []

    def _new(
        width: int = 1280,
        stored_text: str | None = None,
        stored_contrast: str | None = None,
        init: tuple[str, ...] = (),
        **options: Any,
    ) -> Page:
        context = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT}, **options)
        contexts.append(context)
        for script in (store_modes_js(stored_text, stored_contrast), *init):
            if script:
                context.add_init_script(script)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()
