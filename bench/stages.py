#!/usr/bin/env python3
"""Where one build's time goes: every stage function the driver (govreport/site.py) calls, timed where it is called.

Usage: python3 bench/stages.py CONTENT OUT [--no-pdf] [--no-search] — prints one JSON object {stage: [wall s, CPU s of this process]}.
Stages are found, not listed: any function govreport/site.py imports from another govreport module is timed,
so a stage added later shows up by itself.
"""

from __future__ import annotations

import time

STARTED = (time.perf_counter(), time.process_time())

import functools  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govreport.site as site  # noqa: E402

SPENT: dict[str, list[float]] = {"imports": [time.perf_counter() - STARTED[0], time.process_time() - STARTED[1]]}


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent = SPENT.setdefault(name, [0.0, 0.0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu

    return wrapper


def instrument() -> None:
    for name, obj in list(vars(site).items()):
        module = getattr(obj, "__module__", "") or ""
        if inspect.isfunction(obj) and module.startswith("govreport.") and module != "govreport.site":
            setattr(site, name, timed(name, obj))


def main(content: str, out: str, *flags: str) -> None:
    instrument()
    wall, cpu = time.perf_counter(), time.process_time()
    site.build_site(
        site.BuildOptions(
            content=Path(content), out=Path(out), pdf="--no-pdf" not in flags, search="--no-search" not in flags
        )
    )
    total = [time.perf_counter() - wall, time.process_time() - cpu]
    SPENT["other driver work"] = [
        total[0] - sum(v[0] for k, v in SPENT.items() if k != "imports"),
        total[1] - sum(v[1] for k, v in SPENT.items() if k != "imports"),
    ]
    print(json.dumps(SPENT))


if __name__ == "__main__":
    main(*sys.argv[1:])
