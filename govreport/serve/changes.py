"""Changes: saves under the watched folders, from inotify through watchfiles, in debounced batches without editors' temporary files."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import watchfiles
from watchfiles._rust_notify import RustNotify  # watchfiles' documented Rust backend

log = logging.getLogger("govreport")

PACKAGE = Path(__file__).resolve().parents[1]
QUIET_MS = 25  # a burst of saves ("save all", an editor's write-then-rename) is over after this much quiet
MAX_BURST_MS = 400  # but a steady stream of changes is still built this often
RECHECK_MS = 500  # how often to look for a watched folder that was deleted or created
POLL_DELAY_MS = 300  # only where inotify is missing and watchfiles polls instead (its default)

# Hidden files (.#lock, .file.swp, .DS_Store), backups (file~, .bak, .orig), vim's swap files and the `4913` file it
# writes to test a folder, emacs' #autosave#, and *.tmp (the build's own staging files).
EDITOR_TEMP = re.compile(r"^\.|~$|\.sw[a-p]x?$|^#.*#$|^4913$|\.(tmp|bak|orig)$")


def is_editor_temp(path: Path) -> bool:
    return bool(EDITOR_TEMP.search(path.name))


def is_code(path: Path) -> bool:
    """The package's own Python code, which a running build process has already imported."""
    return path.suffix == ".py" and path.resolve().is_relative_to(PACKAGE)


def is_server_code(path: Path) -> bool:
    """Code that serve itself has imported (the session, the server, the watching): a new build process cannot
    pick up a change to it, only a new serve can. Asked of the modules loaded, so a new module needs no list."""
    loaded = {Path(m.__file__).resolve() for m in list(sys.modules.values()) if getattr(m, "__file__", None)}
    return is_code(path) and path.resolve() in loaded


class SaveFilter(watchfiles.DefaultFilter):
    """watchfiles' default (caches, .git, node_modules) plus the editor files above."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        return super().__call__(change, path) and not is_editor_temp(Path(path))


def watch_saves(roots: list[Path], stop: threading.Event, ready: threading.Event | None = None) -> Iterator[list[Path]]:
    """Each batch of changed paths, until `stop` is set; a watched folder that is deleted and made again is watched again.

    `ready` is set once the folders are watched: a save made after that is never missed."""
    while not stop.is_set():
        watched = existing(roots)
        try:
            for batch in watched_batches(watched, stop, ready):
                paths = sorted(batch)
                if paths:
                    yield paths
                lost = [root for root in watched if root in paths]  # an event on the folder itself: inotify dropped it
                now = existing(roots)
                if lost or now != watched:
                    back = [root for root in now if root in lost or root not in watched]
                    if back:  # a folder put (back) in place: build from it now, not at the next save
                        yield back
                    break
        except (OSError, RuntimeError) as err:  # a folder vanished under the watcher: start again with what exists
            log.debug("watching again after: %s", err)
            stop.wait(RECHECK_MS / 1000)


def watched_batches(watched: list[Path], stop: threading.Event, ready: threading.Event | None) -> Iterator[set[Path]]:
    """What watchfiles.watch() does, through its documented Rust backend, but saying when inotify is set up (watch()
    sets it up inside its generator, unseen); an empty batch every RECHECK_MS, so that the folders can be looked at."""
    keep = SaveFilter()
    with RustNotify([str(p) for p in watched], False, False, POLL_DELAY_MS, True, False) as notify:
        if ready is not None:
            ready.set()
        while (raw := notify.watch(MAX_BURST_MS, QUIET_MS, RECHECK_MS, stop)) != "stop":
            changes = raw if isinstance(raw, set) else set()  # "timeout", or "signal", which only the main thread gets
            yield {Path(path) for change, path in changes if keep(watchfiles.Change(change), path)}


def existing(roots: list[Path]) -> list[Path]:
    return [root for root in roots if root.is_dir()]
