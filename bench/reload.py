#!/usr/bin/env python3
"""Save-to-reload latency of `build.py serve`: from a file's save to the browser showing the change, timed in the page.

Runs `serve` in a temporary copy of the project with headless Chromium on one page, and for each kind of edit saves
EDITS changes spaced 1–2 s apart. The page records when it shows each change (first contentful paint of the reloaded
page; for a stylesheet, or words serve puts in place, the first frame with the change), and that time minus the save
time is the latency.
Prints the median and the worst of each kind, and serve's own rebuild time for comparison. Target: median ≤ 300 ms.

    python3 bench/reload.py [--edits 12] [--sizes 1,100,250]

--sizes measures the Markdown edits (a paragraph's words; a lead phrase) on sites of that many copies of the report (bench/corpus.py; 1 copy is 25 pages,
100 about 1,600 and 250 about 4,000), one serve each; the template and stylesheet edits are measured on the first.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))
from corpus import make_copies  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.serving import Served, copy_project, serving  # noqa: E402

TARGET_MS = 300
GAP_S = (1.0, 2.0)
SHOW_TIMEOUT_S = 20
REBUILD_RE = re.compile(r": (?:\d+ of \d+ files updated|no change to the site).* in (\d+) ms$")

# Runs in every new document before its own scripts (DevTools injects it, so the page's CSP does not apply).
RECORD_PAINT = """
window.shownAt = null;
window.loadStartedAt = performance.timeOrigin;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === "first-contentful-paint") window.shownAt = performance.timeOrigin + entry.startTime;
  }
}).observe({type: "paint", buffered: true});
// serve puts an edit of words in place without a reload: then the change shows in the first frame after it. Armed
// (watchWords) in the page open when the file is saved: a reloaded page's own scripts changing words are not it.
new MutationObserver(() => {
  if (!window.watchWords) return;
  window.watchWords = false;
  window.loadStartedAt = null;
  requestAnimationFrame(() => { window.shownAt = performance.timeOrigin + performance.now(); });
}).observe(document, {characterData: true, subtree: true});
"""
# For a stylesheet the page is not reloaded: watch each frame for the new style.
WATCH_STYLE = """
(expected) => {
  window.shownAt = null;
  window.loadStartedAt = null;
  const main = document.querySelector("main");
  const tick = () => {
    if (getComputedStyle(main).outlineColor === expected) window.shownAt = performance.timeOrigin + performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""


@dataclass(frozen=True)
class Kind:
    """One kind of edit: the file saved, the page watched, and how to make the i-th change and know it is shown."""

    label: str
    rel: str
    page: str
    change: Callable[[str, int], str]
    shown: Callable[[Page, int], bool]
    arm: Callable[[Page, int], None] = lambda page, i: None


def marker(letter: str, i: int) -> str:
    """Text that no earlier edit of any kind has put on the page."""
    return f"基准标记{letter}{i}号"


def text_shown(letter: str) -> Callable[[Page, int], bool]:
    return lambda page, i: bool(
        page.evaluate(
            "(m) => window.shownAt !== null && document.querySelector('main').textContent.includes(m)",
            marker(letter, i),
        )
    )


def colour(i: int) -> str:
    return f"rgb({i + 1}, 2, 3)"


KINDS = [
    Kind(
        "paragraph edit",
        "content/2023/part-1/section-1.md",
        "2023/part-1/section-1.html",
        lambda text, i: re.sub(r"双重压力(?:基准标记P\d+号)?", "双重压力" + marker("P", i), text, count=1),
        text_shown("P"),
    ),
    Kind(
        "lead-phrase edit",  # a lead phrase is in the report's TOC: every page of the report changes
        "content/2023/part-1/section-1.md",
        "2023/part-1/section-1.html",
        lambda text, i: re.sub(r"经济指标(?:稳步回升|基准标记M\d+号)", "经济指标" + marker("M", i), text, count=1),
        text_shown("M"),
    ),
    Kind(
        "template edit",
        "templates/page.html",
        "2023/part-1/section-1.html",
        lambda text, i: re.sub(
            r"\{% block main %\}(<p>基准标记T\d+号</p>)?",
            "{% block main %}<p>" + marker("T", i) + "</p>",
            text,
            count=1,
        ),
        text_shown("T"),
    ),
    Kind(
        "stylesheet edit",
        "assets/css/site.css",
        "2023/part-1/section-1.html",
        lambda text, i: (
            re.sub(r"\n/\* bench \*/.*\Z", "", text, flags=re.S)
            + f"\n/* bench */ main {{ outline: 1px solid {colour(i)}; }}\n"
        ),
        lambda page, i: bool(page.evaluate("() => window.shownAt !== null")),
        lambda page, i: page.evaluate(WATCH_STYLE, colour(i)),
    ),
]


def measure(
    served: Served, page: Page, kind: Kind, edits: int, rng: random.Random
) -> tuple[list[float], list[float], list[float]]:
    """Latencies (ms, save → shown), serve's rebuild times and the reloads' times in the browser, for `edits` saves of one kind."""
    page.goto(served.url + kind.page)
    page.wait_for_selector("html[data-serve=live]")  # the page is listening for reloads
    path = served.root / kind.rel
    latencies, rebuilds, in_browser = [], [], []
    for i in range(edits):
        time.sleep(rng.uniform(*GAP_S))
        kind.arm(page, i)
        page.evaluate("() => { window.watchWords = true; }")
        text = kind.change(path.read_text(encoding="utf-8"), i)
        saved_at = time.time() * 1000
        path.write_text(text, encoding="utf-8")
        shown_at = wait_until_shown(page, kind, i, saved_at)
        latencies.append(shown_at - saved_at)
        started = page.evaluate("() => window.loadStartedAt")
        in_browser.append(shown_at - started if started else float("nan"))
        rebuilt = REBUILD_RE.search(served.wait_for_line(REBUILD_RE.pattern, timeout=SHOW_TIMEOUT_S))
        rebuilds.append(float(rebuilt.group(1)) if rebuilt else float("nan"))
    return latencies, rebuilds, in_browser


def wait_until_shown(page: Page, kind: Kind, i: int, saved_at: float) -> float:
    """When the page showed the i-th change (epoch ms), which must be after it was saved."""
    deadline = time.monotonic() + SHOW_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if kind.shown(page, i) and (shown_at := float(page.evaluate("() => window.shownAt"))) > saved_at:
                return shown_at
        except PlaywrightError:  # the page is being replaced by its reload
            pass
        time.sleep(0.05)  # the page records the time itself; polling faster would only take CPU from what is measured
    raise SystemExit(f"{kind.label} #{i}: the change did not show within {SHOW_TIMEOUT_S} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=12, help="saves of each kind (at least 10)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--sizes", default="1", help="copies of the report, comma-separated (1 copy: 25 pages)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    medians: list[float] = []
    worst: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for n, copies in enumerate(int(c) for c in args.sizes.split(",")):
            kinds = KINDS if n == 0 else KINDS[:2]
            measure_size(browser, copies, kinds, args.edits, rng, medians, worst)
        browser.close()
    verdict = "met" if max(medians) <= TARGET_MS and max(worst) <= 2 * TARGET_MS else "NOT met"
    print(f"target median ≤ {TARGET_MS} ms and worst ≤ {2 * TARGET_MS} ms: {verdict}")


def descendants(pid: int) -> list[int]:
    """Every process started under `pid`, from /proc (Linux)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def build_child_peak_mib(serve_pid: int) -> float | None:
    """The peak resident memory (VmHWM) of serve's build process (`govreport.serve.rebuild`), in MiB."""
    for pid in descendants(serve_pid):
        try:
            if b"govreport.serve.rebuild" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), None)
        return int(peak) / 1024 if peak else None
    return None


def settle(project: Path) -> None:
    """Date the project's files a minute back, as an editor's are when serve starts. Files written a moment before
    serve first reads them are "racy" (govreport/incremental.py): the first save would read and parse all of them
    again (2.5 s at 250 copies), which is the bench's set-up showing, not editing."""
    past = time.time() - 60
    for path in project.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)


def measure_size(
    browser: Browser, copies: int, kinds: list[Kind], edits: int, rng: random.Random, medians: list, worst: list
) -> None:
    """Serve a project of `copies` copies of the report and measure each kind of edit on it."""
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        project = copy_project(Path(tmp) / "project")
        if copies > 1:
            shutil.rmtree(project / "content")
            make_copies(REPO_ROOT / "content", project, copies)
        settle(project)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.add_init_script(RECORD_PAINT)
        with serving(project) as served:
            pages = sum(1 for _ in (project / "content").rglob("*.md"))
            print(
                f"{copies} cop{'y' if copies == 1 else 'ies'} of the report ({pages} Markdown files): save → browser shows"
                f" the change, {edits} saves of each kind spaced {GAP_S[0]:g}–{GAP_S[1]:g} s apart "
                f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}):"
            )
            for kind in kinds:
                latencies, rebuilds, in_browser = measure(served, page, kind, edits, rng)
                medians.append(statistics.median(latencies))
                worst.append(max(latencies))
                reloads = [ms for ms in in_browser if not math.isnan(ms)]
                reload = f", page reload to paint {statistics.median(reloads):3.0f} ms" if reloads else ""
                if len(reloads) < len(in_browser):
                    reload += f", {len(in_browser) - len(reloads)} of {len(in_browser)} shown without a reload"
                print(
                    f"  {kind.label:16} {kind.rel:36} median {statistics.median(latencies):4.0f} ms, worst {max(latencies):4.0f} ms"
                    f"   (medians: serve's rebuild {statistics.median(rebuilds):3.0f} ms{reload})"
                )
            peak = build_child_peak_mib(served.process.pid)
            print(
                f"  serve's build process: peak memory {peak:.0f} MiB" if peak else "  serve's build process: not found"
            )
        page.context.close()


if __name__ == "__main__":
    main()
