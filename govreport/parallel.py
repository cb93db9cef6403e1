"""Map a function over many items in forked worker processes, results in input order; in this process when that would not pay.

Workers are forked, so they start with the model and templates already loaded and nothing but the results
crosses between processes. GOVREPORT_WORKERS=N sets how many (1: never fork).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_WORK = 100  # units (pages) below which forking costs more than it saves
_job: tuple[Callable, Sequence] | None = None  # what the forked workers run: set just before they fork


def map_in_order(func: Callable[[T], R], items: Sequence[T], work: int) -> list[R]:
    """[func(x) for x in items], spread over the machine's cores when `work` is large enough."""
    with InOrder(func, items, work) as results:
        return list(results)


class InOrder(Iterator[R]):
    """func(x) for each x in items, in order, each as soon as it and those before it are done. The workers start
    at once, so the caller can do work of its own before it takes the first result, and use each result while
    the workers make the next; in this process, each is made when it is taken. Close it (or use `with`) to end
    the workers of one not taken to the end."""

    def __init__(
        self, func: Callable[[T], R], items: Sequence[T], work: int, before_fork: Callable[[], object] | None = None
    ) -> None:
        """`before_fork`: what to do in this process, only if workers are forked, so that they inherit it."""
        self.func, self.items, self.done = func, items, 0
        self.pool: Any = None
        self.results: Iterator[R] | None = None
        workers = min(worker_count(work), len(items))
        if workers < 2:
            return
        if before_fork is not None:
            before_fork()
        import multiprocessing  # here: a small build never forks, and loading it is a few ms of every build

        global _job
        _job = (func, items)  # the workers are forked with it
        try:
            self.pool = multiprocessing.get_context("fork").Pool(workers)
            self.results = self.pool.imap(run_one, range(len(items)), chunksize=max(1, len(items) // (workers * 4)))
        except Exception:  # noqa: BLE001 - no workers to be had: make them all here
            self.close()
        finally:
            _job = None

    def __next__(self) -> R:
        if self.done >= len(self.items):
            self.close()
            raise StopIteration
        if self.results is not None:
            try:
                result = next(self.results)
            except Exception:  # noqa: BLE001 - whatever failed, fail again here, with the traceback a serial build gives
                self.close()
            else:
                self.done += 1
                return result
        result = self.func(self.items[self.done])
        self.done += 1
        return result

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
        self.pool, self.results = None, None

    def __enter__(self) -> InOrder[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
