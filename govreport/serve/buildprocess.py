"""Build process: serve's handle on the child process that rebuilds the preview (`rebuild`) — start it, send it changed paths, read back a BuildResult."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
REPLY_TIMEOUT_S = 120  # a build takes well under a second; this catches code stuck in a loop


@dataclass(frozen=True)
class BuildResult:
    """What one rebuild did: the output paths written or removed, or the problems that stopped it."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    total: int = 0
    seconds: float = 0.0


@dataclass
class BuildProcess:
    """One `python -m govreport.serve.rebuild` process at a time; a fresh one after a code change, a crash or a hang."""

    settings: dict[str, Any]
    process: subprocess.Popen[str] | None = field(default=None, repr=False)

    def build(self, changed: list[Path]) -> BuildResult:
        """One rebuild; a process that dies or hangs is reported as a problem and replaced on the next save."""
        if self.process is None or self.process.poll() is not None:  # not started yet, or it died since the last build
            self.stop()
            self.start()
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"changed": [str(p) for p in changed]}) + "\n")
            self.process.stdin.flush()
            reply = self.read_reply()
        except OSError:
            reply = ""
        if not reply:
            return self.lost()
        return BuildResult(**json.loads(reply))

    def read_reply(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], REPLY_TIMEOUT_S)
        return self.process.stdout.readline() if ready else ""

    def lost(self) -> BuildResult:
        hung = self.process is not None and self.process.poll() is None
        self.stop()
        what = (
            f"gave no answer in {REPLY_TIMEOUT_S} s and was stopped"
            if hung
            else "stopped unexpectedly (its output is in the terminal)"
        )
        return BuildResult(False, [f"govreport: the preview build process {what}; save again to retry"])

    def start(self) -> None:
        """`-P` and PYTHONPATH: the process imports this very package, not a `govreport` folder in the working directory."""
        path = os.pathsep.join(p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "govreport.serve.rebuild", json.dumps(self.settings)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONPATH": path},
            start_new_session=True,  # Ctrl-C in the terminal is for serve alone
        )

    def restart(self) -> None:
        """New code: a new process imports it; the preview it finds on disk is adopted, so only real differences are written."""
        self.stop()
        self.start()

    def stop(self) -> None:
        """Closing stdin asks the process to finish; it is killed if it does not."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
