"""The build cache: a folder of results that are pure functions of their inputs (compiled templates, pinyin), kept between builds.

It only saves time: output is byte-identical with or without it. It lives in $GOVREPORT_CACHE, else
$XDG_CACHE_HOME/govreport, else ~/.cache/govreport; GOVREPORT_CACHE=off turns it off. A folder that
cannot be written is skipped silently.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_atomic

if TYPE_CHECKING:
    import jinja2


def cache_dir() -> Path | None:
    """The cache folder, made if needed; None when the cache is off or cannot be written."""
    chosen = os.environ.get("GOVREPORT_CACHE")
    if chosen is not None and chosen.strip().lower() in ("", "0", "off", "no", "false"):
        return None
    try:
        base = (
            Path(chosen) if chosen else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreport"
        )
        base.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return base if os.access(base, os.W_OK) else None


def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates; Jinja keys each by its source's checksum, so an edited template is compiled afresh."""
    folder = cache_dir()
    if folder is None:
        return None
    (folder / "jinja").mkdir(exist_ok=True)
    import jinja2  # here: `import` keeps this module (for han.py's table) but never renders

    return jinja2.FileSystemBytecodeCache(str(folder / "jinja"))


def package_stamp(package: str, *files: str) -> str:
    """Sizes and times of a package's data files, found without importing it: a new version changes the stamp."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    stats = [os.stat(Path(folders[0]) / name) for name in files if folders and (Path(folders[0]) / name).exists()]
    return "-".join(f"{s.st_size:x}.{s.st_mtime_ns:x}" for s in stats) or "none"


class Memo:
    """A JSON {key: value} table in the cache folder; new entries are saved once, when the process exits."""

    def __init__(self, name: str, stamp: str) -> None:
        folder = cache_dir()
        self.path = folder / f"{name}-{stamp}.json" if folder else None
        self.table: dict[str, object] = self.load()
        self.dirty = False

    def load(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> object | None:
        return self.table.get(key)

    def put(self, key: str, value: object) -> None:
        if self.path and not self.dirty:
            atexit.register(self.save)  # worker processes end with os._exit, so only the main process saves
        self.dirty = True
        self.table[key] = value

    def save(self) -> None:
        """Write beside the file and rename over it, so two builds at once never leave half a file."""
        if not (self.path and self.dirty):
            return
        self.dirty = False
        try:
            write_atomic(self.path, json.dumps(self.table, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:  # a cache that cannot be written is only slower
            pass


class CachedFile:
    """A file kept in the cache, not yet read: writing the site hard-links it (see write.put) rather than
    copying its bytes, and reads it only where a link cannot be made."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def read(self) -> bytes:
        with open(self.origin, "rb") as f:
            return f.read()


class Shelf:
    """Folders of files kept under a key (e.g. a search bundle under the hash of the pages it indexes).

    An entry is written beside its place and renamed into it, so a half-written entry is never read. Its
    manifest holds each file's size and modification time: the output links to these files, and a file
    changed through such a link changes both, so an entry damaged later is deleted, never used. Only the
    `keep` most recently used entries stay.
    """

    MANIFEST = ".manifest.json"

    def __init__(self, name: str, keep: int = 6) -> None:
        folder = cache_dir()
        self.folder = folder / name if folder else None
        self.keep = keep

    def get(self, key: str) -> dict[str, CachedFile] | None:
        entry = self.folder / key if self.folder else None
        if entry is None or not entry.is_dir():
            return None
        try:
            manifest = json.loads((entry / self.MANIFEST).read_text(encoding="utf-8"))
            intact = all(stamp(entry / rel) == list(expected) for rel, expected in manifest.items())
            os.utime(entry)  # most recently used: pruned last
        except (OSError, ValueError, TypeError, AttributeError):
            intact = False
        if intact:
            return {rel: CachedFile(str(entry / rel)) for rel in manifest}
        shutil.rmtree(entry, ignore_errors=True)  # damaged: make room for a good copy
        return None

    def put(self, key: str, files: dict[str, bytes]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=self.folder, prefix=".new-"))
        except OSError:
            return
        try:
            for rel, data in files.items():
                (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                (staging / rel).write_bytes(data)
            manifest = {rel: stamp(staging / rel) for rel in files}
            (staging / self.MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            os.replace(staging, self.folder / key)
        except OSError:  # written by another build meanwhile, or the disk is full: the cache only saves time
            shutil.rmtree(staging, ignore_errors=True)
        self.prune()

    def prune(self) -> None:
        try:
            entries = sorted(
                (p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime_ns,
                reverse=True,
            )
        except OSError:
            return
        for old in entries[self.keep :]:
            shutil.rmtree(old, ignore_errors=True)


def stamp(path: Path) -> list[int]:
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns]
