"""Map a function over many items in forked worker processes, results in input order; in this process when that would not pay.

Workers are forked, so they start with the model and templates already loaded and nothing but the results
crosses between processes. GOVREPORT_WORKERS=N sets how many (1: never fork).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_WORK = 100  # units (pages) below which forking costs more than it saves
_job: tuple[Callable, Sequence] | None = None  # what the forked workers run: set just before they fork


def map_in_order(func: Callable[[T], R], items: Sequence[T], work: int) -> list[R]:
    """[func(x) for x in items], spread over the machine's cores when `work` is large enough."""
    workers = min(worker_count(work), len(items))
    if workers < 2:
        return [func(item) for item in items]
    import multiprocessing  # here: a small build never forks, and loading it is a few ms of every build

    global _job
    _job = (func, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(run_one, range(len(items)), chunksize=max(1, len(items) // (workers * 4)))
    except Exception:  # noqa: BLE001 - whatever failed, fail again here, with the traceback a serial build gives
        return [func(item) for item in items]
    finally:
        _job = None


def run_one(index: int) -> object:
    func, items = _job
    return func(items[index])


def worker_count(work: int) -> int:
    """Cores this process may use, or 1 when the work is small, fork is missing, or threads run (forking them is unsafe)."""
    if not hasattr(os, "fork"):
        return 1
    chosen = os.environ.get("GOVREPORT_WORKERS", "").strip()
    if chosen.isdigit():
        return max(1, int(chosen))
    if work < MIN_WORK or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
