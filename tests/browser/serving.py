"""Run `build.py serve` in a temporary copy of the project and read what it prints: for the serve tests and bench/reload.py."""

from __future__ import annotations

import json
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("build.py", "govreport", "content", "templates", "assets")
URL_RE = re.compile(r"^serve: (http://\S+/) \(Ctrl-C to stop\)$")
URL_RE_ZH = re.compile(r"^预览：(http://\S+/)（按 Ctrl-C 停止）$")
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15


def copy_project(dest: Path) -> Path:
    """The parts of the project that serve reads, copied so that tests can edit them freely."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


@dataclass
class Served:
    """A running `serve`: its project copy, its address and every line it has printed so far."""

    root: Path
    process: subprocess.Popen[str]
    url: str = ""
    lines: list[str] = field(default_factory=list)
    incoming: queue.Queue[str | None] = field(default_factory=queue.Queue)

    def wait_for_line(self, pattern: str, timeout: float = 30) -> str:
        """The first line from now on that matches `pattern` (a regex); fails with all output if none comes."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.incoming.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(
                    f"serve exited ({self.process.poll()}) before printing /{pattern}/:\n{self.output}"
                )
            if re.search(pattern, line):
                return line
        raise AssertionError(f"serve printed no line matching /{pattern}/ in {timeout} s:\n{self.output}")

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace text in a project file as an editor saves it: one write of the whole file."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} does not contain {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build_number(self) -> int:
        """The number of the last build that changed the site. serve prints a build's line after it has told the
        browsers, so after `wait_for_line` this is that build's number."""
        with urllib.request.urlopen(self.url + "_serve/status.json", timeout=10) as response:
            return int(json.load(response)["build"])

    def interrupt(self) -> int:
        """Ctrl-C, then the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=STOP_TIMEOUT_S)


def read_lines(served: Served) -> None:
    assert served.process.stdout is not None
    for line in served.process.stdout:
        served.lines.append(line.rstrip("\n"))
        served.incoming.put(line.rstrip("\n"))
    served.incoming.put(None)


@contextmanager
def serving(root: Path, *args: str, lang: str = "en") -> Iterator[Served]:
    """Start `python build.py --lang LANG serve --port 0 ARGS` in `root`; wait for its address; stop it with Ctrl-C
    afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-u", "build.py", "--lang", lang, "serve", "--port", "0", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    served = Served(root, process)
    threading.Thread(target=read_lines, args=(served,), daemon=True).start()
    try:
        url_re = URL_RE_ZH if lang == "zh" else URL_RE
        match = url_re.match(served.wait_for_line(url_re.pattern, timeout=START_TIMEOUT_S))
        assert match
        served.url = match.group(1)
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
