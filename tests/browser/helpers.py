"""Shared types and tool wrappers (axe-core, Nu Html Checker, screenshots) for browser tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest
from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = REPO_ROOT / "tests"
NODE_MODULES = TESTS_DIR / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = TESTS_DIR / "artifacts"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SKIP_ENV = "SKIP_BROWSER_TESTS"
NPM_HINT = "tests/node_modules is incomplete: cd tests && npm ci"
JAVA_HINT = "Java is missing: apt-get install default-jre-headless"

Violation = dict[str, Any]
OpenPage = Callable[[str, int], Page]
NewTab = Callable[..., Page]


@dataclass(frozen=True)
class Site:
    """A built copy of the site and the local URL it is served at."""

    root: Path
    url: str

    def pages(self) -> list[str]:
        """Relative POSIX paths of every .html file, index.html first, then sorted."""
        paths = [p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html")]
        return sorted(paths, key=lambda rel: (rel != "index.html", rel))

    def url_for(self, rel_path: str) -> str:
        """The served URL of a relative path from pages()."""
        return self.url + quote(rel_path)


def require(available: bool, message: str) -> None:
    """Fail (or skip, if SKIP_BROWSER_TESTS=1) when a required tool is missing."""
    if available:
        return
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(message)
    pytest.fail(f"{message} (or set {SKIP_ENV}=1 to skip)", pytrace=False)


def run_axe(page: Page, rules: list[str] | None = None) -> list[Violation]:
    """Run axe-core (the WCAG A/AA tags, or only `rules`) on the page's current document; return its violations."""
    require(AXE_JS.is_file(), NPM_HINT)
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not block.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return list(results["violations"])


def format_violations(violations: list[Violation], max_targets: int = 3) -> str:
    """Describe axe violations as one line each: rule id, help text and first targets."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:max_targets]]
        more = len(violation["nodes"]) - len(targets)
        suffix = f" (+{more} more)" if more > 0 else ""
        lines.append(f"[{violation['id']}] {violation['help']}: {', '.join(targets)}{suffix}")
    return "\n".join(lines)


def run_vnu(paths: list[Path], base: Path | None = None) -> list[str]:
    """Validate HTML files or directories in one java run; return `file:line: message` errors."""
    require(shutil.which("java") is not None, JAVA_HINT)
    require(VNU_JAR.is_file(), NPM_HINT)
    command = [
        "java",
        "-jar",
        str(VNU_JAR),
        "--skip-non-html",
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        *map(str, paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        pytest.fail(f"vnu.jar failed (exit {result.returncode}):\n{result.stderr}", pytrace=False)
    messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    return [_format_vnu_message(message, base) for message in messages]


def _format_vnu_message(message: dict[str, Any], base: Path | None) -> str:
    """Turn one vnu JSON message into `file:line: message`."""
    location = unquote(urlparse(message.get("url", "")).path) or "?"
    if base is not None and location.startswith(f"{base.resolve()}/"):
        location = location[len(str(base.resolve())) + 1 :]
    line = message.get("lastLine", message.get("firstLine", "?"))
    return f"{location}:{line}: {message.get('message', message.get('type', 'unknown error'))}"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG of the page as tests/artifacts/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^\w.-]+", "_", name).strip("_") or "page"
    path = ARTIFACTS / f"{safe_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def visit(page: Page, site: Site, rel_path: str) -> Page:
    """Load a site page in a tab from the `new_tab` fixture, asserting it is served."""
    response = page.goto(site.url_for(rel_path), wait_until="load")
    assert response is not None and response.ok, f"{rel_path}: HTTP {response.status if response else None}"
    return page
