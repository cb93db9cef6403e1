"""Run a command as a child process and measure it: wall time, CPU time and peak resident memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run: wall and CPU seconds (user + system, the child and its workers), peak RSS of its largest process."""

    wall: float
    cpu: float
    rss_mib: float


class CommandFailed(RuntimeError):
    pass


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Time one run from fork to exit, so interpreter start-up counts; raise with its output if it fails."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        # wait4, not wait: its rusage is this child's (with the workers it reaped), not every child's so far.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            raise CommandFailed(
                f"{' '.join(cmd)} exited {proc.returncode}:\n{log.read().decode(errors='replace')[-3000:]}"
            )
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Summary:
    """Medians of several runs, the best wall time, and the worst peak memory."""

    wall: float
    cpu: float
    rss_mib: float
    runs: int
    best: float

    @classmethod
    def of(cls, samples: list[Sample]) -> Summary:
        return cls(
            statistics.median(s.wall for s in samples),
            statistics.median(s.cpu for s in samples),
            max(s.rss_mib for s in samples),
            len(samples),
            min(s.wall for s in samples),
        )
