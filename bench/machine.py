"""The machine a benchmark ran on: CPU model, cores, memory, Python, and how busy it was."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    for line in read_lines("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    for line in read_lines("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return None


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def describe() -> list[tuple[str, str]]:
    """(label, value) rows for the report's machine table."""
    ram = memory_gib()
    return [
        ("CPU", cpu_model()),
        ("cores", str(os.cpu_count())),
        ("RAM", f"{ram:.1f} GiB" if ram else "unknown"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("OS", platform.platform()),
        (
            "niceness of the benchmark (0 unless run under `nice`)",
            str(os.nice(0)) if hasattr(os, "nice") else "unknown",
        ),
    ]
