"""Reuse: what the previous build in this process made, kept so that the next build redoes only what a change touched.

A build is made of units: each report folder of content/, and the files outside them (the site settings, the
glossary, content/pages/). A stage asks `Reuse.get` for its result on one unit, naming the inputs it reads. When every
input is the very object it was last time (objects are compared by identity, keys by equality), the last result is
returned; otherwise the stage runs and its result replaces the old one. A source whose file has the same size and
modification time is the same object as last time, so an unchanged unit keeps its parsed tokens, its model, its
glossary links and its rendered pages, and a one-paragraph edit costs about one report.

`build` starts with an empty Reuse, so it does everything; `serve` keeps one for the life of its child process.
Either way the stages are the same code, and the output is byte-identical (tests/test_incremental.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
RACY_NS = 1_000_000_000  # a file time this close to when it was read may not be its last


@dataclass
class Reuse:
    """{(stage, unit): (input objects, key, result)}; the inputs are kept alive, so no identity is ever reused."""

    results: dict[tuple[str, str], tuple[tuple[object, ...], Hashable, Any]] = field(default_factory=dict)
    sources: dict[str, tuple[tuple[int, int, int], int, Any]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    # The files saved since the last build, as real paths, when the caller knows them (serve's watcher); None when
    # it does not. Then a file not among them is the Source read last time, not even looked at (see `kept`).
    changed: frozenset[str] | None = None
    # What the last `build` into the same folder left (uptodate.Earlier), when this is one: each report whose
    # inputs are all as they were then takes its pages from there. None in serve, which keeps its own results.
    earlier: Any = None

    def get(self, stage: str, unit: str, inputs: tuple[object, ...], make: Callable[[], T], key: Hashable = None) -> T:
        """make(), or what it returned last time for this stage and unit when the inputs and key are unchanged."""
        found, result = self.lookup(stage, unit, inputs, key)
        if not found:
            result = make()
            self.store(stage, unit, inputs, result, key)
        return result

    def lookup(self, stage: str, unit: str, inputs: tuple[object, ...], key: Hashable = None) -> tuple[bool, Any]:
        """(True, the last result) when the inputs and key are unchanged, else (False, None); for stages that
        make the missing results together (in worker processes) and `store` each."""
        old = self.results.get((stage, unit))
        if old is not None and old[1] == key and is_same(old[0], inputs):
            self.hits += 1
            return True, old[2]
        self.misses += 1
        return False, None

    def store(self, stage: str, unit: str, inputs: tuple[object, ...], result: object, key: Hashable = None) -> None:
        self.results[(stage, unit)] = (inputs, key, result)

    def source(self, path: str, read: Callable[[], T]) -> T:
        """The file's Source as read last time, when its size, time and inode are unchanged and that time was
        already in the past when it was read. Why the last: file times tick coarsely (a few ms), so a file saved
        twice in one tick keeps its time; one read while still "racy" is read again, as git does with its index."""
        try:
            info = os.stat(path)
        except OSError:
            return read()  # let the reader report it
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        old = self.sources.get(path)
        if old is not None and old[0] == stamp and stamp[1] < old[1] - RACY_NS:
            return old[2]
        read_at = time.time_ns()
        value = read()
        self.sources[path] = (stamp, read_at, value)
        return value

    def kept(self, path: str) -> Any:
        """The file's Source as read last time, unlooked-at, when the caller vouches that it was not saved since
        (`changed`) and it was not racy when read; else None. Watching saves is what lets a one-file edit skip
        the stat of thousands of files."""
        old = self.sources.get(path)
        if old is None or old[0][1] >= old[1] - RACY_NS:
            return None
        return old[2]

    def changed_under(self, folder: str) -> set[str] | None:
        """The files saved under folder since the last build (relative POSIX paths), or None when not known."""
        if self.changed is None:
            return None
        root = os.path.realpath(folder)
        if root in self.changed:  # the folder itself came or went (watch_saves): anything in it may have changed
            return None
        prefix = root.rstrip(os.sep) + os.sep
        return {p[len(prefix) :].replace(os.sep, "/") for p in self.changed if p.startswith(prefix)}

    def version(self, name: str, inputs: tuple[object, ...], key: Hashable = None) -> object:
        """A token that stays the same object while these inputs and key do: many results that depend on the same
        large inputs name the token, and so are checked with one identity test each instead of a full comparison."""
        return self.get("version", name, inputs, object, key)

    def forget(self, stage: str, keep: set[str]) -> None:
        """Drop a stage's results for units that are gone (a deleted report), so memory follows the site."""
        for name in [k for k in self.results if k[0] == stage and k[1] not in keep]:
            del self.results[name]


def is_same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new))


def unit_of(rel: str) -> str:
    """The unit a content file belongs to: its top folder (a report, glossary, pages), or "" for a file at the top."""
    folder, _, rest = rel.partition("/")
    return folder if rest else ""
