"""Rebuild: the child process of `serve` that rebuilds the site into the preview folder on request, writing only what changed.

It runs apart from the server so that a change to the package's own code takes effect in a fresh process, and so that
code that no longer imports is reported like any other build error instead of stopping the server. Protocol: one JSON
request a line on stdin (`{"changed": [paths]}`), one JSON `BuildResult` a line on the original stdout.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import select
import signal
import sys
import time
import traceback
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TextIO

import jinja2
import jinja2.bccache

from ..errors import display
from ..files import write_atomic  # these two load nothing of the build: see Preview
from .buildprocess import BuildResult

PATH_OPTIONS = ("content", "out", "templates", "assets")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds; Jinja checks each one's source checksum, so an edit recompiles only itself."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """The preview folder and what this process last wrote into it."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from ..site import BuildOptions  # here, not at the top: a broken package must not stop this module loading

        known = {option.name for option in fields(BuildOptions)}
        self.options = BuildOptions(
            **{k: Path(v) if k in PATH_OPTIONS else v for k, v in settings.items() if k in known}
        )
        self.template_cache = MemoryBytecodeCache()
        from ..incremental import Reuse

        self.reuse = Reuse()  # what the last build made: the next one redoes only the reports a save touched
        self.pages: dict[str, str | bytes] | None = None  # the last render's files, as it returned them
        # What the preview folder holds: a digest of each file, not its bytes (a 4,000-page site's pages are some
        # 100 MB), and the very objects last written there, so that a page the build reused is known unchanged
        # without encoding or hashing it.
        self.on_disk: dict[str, bytes] | None = None
        self.written: dict[str, str | bytes] = {}
        # After a good build, the saves serve names are all that changed (its watcher sees every one), so the next
        # build need not look at the other files; after a failure, or on the first build, it looks at them all.
        self.knows_changes = False

    def build(self, changed: list[Path]) -> BuildResult:
        """Render (unless only stylesheets or scripts changed), then bring the folder in line with the result."""
        self.reuse.changed = frozenset(map(real_name, changed)) if self.knows_changes else None
        self.knows_changes = False
        try:
            result = self.rebuild(changed)
        except Exception as err:  # rendering writes nothing; after a failed write, look at the folder again next time
            self.on_disk = None
            return failure(err)
        self.knows_changes = result.ok
        return result

    def rebuild(self, changed: list[Path]) -> BuildResult:
        from ..site import render_files

        started = time.perf_counter()
        warnings: list[str] = []
        if self.pages is not None and self.renders_all(changed):
            self.let_go()
        if self.pages is None or not self.is_assets_only(changed):
            files, problems = render_files(self.options, self.template_cache, self.reuse)
            self.pages, warnings = files, [str(p) for p in problems]
        written, removed = self.write({**read_assets(self.options.assets), **self.pages})  # pages win, as in write_site
        return BuildResult(True, [], warnings, written, removed, len(self.on_disk or {}), time.perf_counter() - started)

    def renders_all(self, changed: list[Path]) -> bool:
        """A template edit renders every page again: none of the last render's pages will be reused."""
        root = self.options.templates.resolve()
        return any(path.resolve().is_relative_to(root) for path in changed)

    def let_go(self) -> None:
        """Drop the last render's pages before rendering them all again, so that the two are never held together
        (the peak memory of a large site); the writes then compare digests instead of objects. The lost-word check
        holds them too, as the inputs it was given (site.published_problems), and so does each site page."""
        self.pages, self.written = None, {}
        for stage in ("render", "published", "site page", "term page"):
            self.reuse.forget(stage, set())

    def is_assets_only(self, changed: list[Path]) -> bool:
        """Pages only link to assets, so editing one needs no render; adding or removing one changes every page's links."""
        if not changed or getattr(self.options, "pdf", False):  # a PDF is typeset with the stylesheets
            return False
        root = self.options.assets.resolve()
        inside = all(path.resolve().is_relative_to(root) for path in changed)
        return (
            inside and self.on_disk is not None and asset_names(self.on_disk) == set(read_assets(self.options.assets))
        )

    def write(self, files: dict[str, str | bytes]) -> tuple[list[str], list[str]]:
        """The first time, adopt a previous preview or build a fresh one; then write only files whose bytes differ."""
        from ..write import MARKER, write_site

        out = self.options.out
        if not (out / MARKER).exists():  # no preview yet, or someone deleted it: build it whole, safely
            pages = {rel: data for rel, data in files.items() if not rel.startswith("assets/")}
            write_site(pages, self.options.assets, out)  # it encodes one page at a time
            self.on_disk = None
        if (
            self.on_disk is None
        ):  # what is there: just built, or left by an earlier session or the process this replaces
            self.on_disk = tree_digests(out, MARKER)
            self.written = {}  # nothing is known unchanged by identity until this process has written the folder
        on_disk, before, written = self.on_disk, self.written, []
        self.on_disk = None  # until every write below has succeeded: a failure leaves the folder to be read again
        now: dict[str, bytes] = {}
        for rel in sorted(files):
            data = files[rel]
            if before.get(rel) is data and rel in on_disk:  # the object written last time: unchanged
                now[rel] = on_disk[rel]
                continue
            raw = as_bytes(data)
            now[rel] = digest(raw)
            if on_disk.get(rel) != now[rel]:
                write_atomic(out / rel, raw)  # the server never sends a half-written page
                written.append(rel)
        removed = sorted(set(on_disk) - set(files))
        for rel in removed:
            remove_file(out, rel)
        self.on_disk, self.written = now, dict(files)
        return written, removed


def real_name(path: Path) -> str:
    """The path with its folders' links resolved, as the watcher names it, but not its own: a saved link is itself."""
    return os.path.join(os.path.realpath(path.parent), path.name)


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def asset_names(files: dict[str, bytes]) -> set[str]:
    return {rel for rel in files if rel.startswith("assets/")}


def read_assets(assets: Path) -> dict[str, bytes]:
    """assets/ as the build publishes it, under the same rules (ignored names, links), keyed by output path."""
    from ..write import asset_files

    return {f"assets/{rel}": (assets / rel).read_bytes() for rel in asset_files(assets)}


def tree_digests(root: Path, marker: str) -> dict[str, bytes]:
    """The digest of every file under root but the build marker, read one at a time, never the whole site at once."""
    return {
        p.relative_to(root).as_posix(): digest(p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != marker
    }


def remove_file(root: Path, rel: str) -> None:
    """Delete a file that the site no longer has, and any folders that leaves empty."""
    path = root / rel
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
            break
        folder.rmdir()


def failure(err: BaseException) -> BuildResult:
    """A content error lists its problems; anything else is a bug or a broken edit in the code, shown where it happened."""
    problems = getattr(err, "problems", None)  # a ContentError, recognised without importing the package's code
    if isinstance(problems, list):
        return BuildResult(False, [str(p) for p in problems])
    traceback.print_exception(err, file=sys.stderr)
    return BuildResult(False, [crash_problem(err)])


def crash_problem(err: BaseException) -> str:
    """`path:line: Type: message` at the innermost frame in this project (or a SyntaxError's own place)."""
    if isinstance(err, SyntaxError) and err.filename:
        return f"{display(err.filename)}:{err.lineno}: {type(err).__name__}: {err.msg}"
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(Path.cwd())]
    frame = (ours or frames)[-1] if frames else None
    where = f"{display(frame.filename)}:{frame.lineno}" if frame else "govreport"
    return f"{where}: {type(err).__name__}: {err}"


def serve_requests(settings: dict[str, Any], requests: TextIO, replies: TextIO) -> None:
    """Answer each request with a build; an import failure of the package is answered as a problem every time."""
    preview: Preview | BaseException
    try:
        preview = Preview(settings)
    except Exception as err:  # the package's code is broken: say where, and wait to be replaced
        preview = err
    gc.disable()  # collected between builds instead (Collector): never while an editor waits for one
    collector = Collector(requests)
    for line in requests:
        changed = [Path(p) for p in json.loads(line)["changed"]]
        result = preview.build(changed) if isinstance(preview, Preview) else failure(preview)
        replies.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
        replies.flush()
        collector.after_build()


class Collector:
    """Garbage collected once a build's reply is sent. Left to itself, Python's collector now and then looks
    through the whole kept model in the middle of a build: 0.2 s at 4,000 pages, the slowest of 25 paragraph edits.
    After every build what it made is moved among the old objects unlooked-at (freeze, then unfreeze, as
    site.paused_gc does): looking at it would take most of a second after the first build. Everything is looked at,
    so that the cycles edits leave behind are freed, after every tenth build once no request has come for a second:
    that takes about 0.3 s at this size, and the next save must not wait for it."""

    FULL_EVERY = 10  # builds
    IDLE = 1.0  # seconds without a request

    def __init__(self, requests: TextIO) -> None:
        self.requests, self.builds = requests, 0

    def after_build(self) -> None:
        gc.freeze()
        gc.unfreeze()
        self.builds += 1
        if self.builds >= self.FULL_EVERY and self.idle():
            gc.collect()
            self.builds = 0

    def idle(self) -> bool:
        """No request within IDLE seconds (a stream that cannot be waited on never is)."""
        try:
            ready, _, _ = select.select([self.requests], [], [], self.IDLE)
        except (OSError, ValueError):
            return False
        return not ready


def main() -> None:
    """Keep the real stdout for replies; stray prints go to stderr, which is serve's terminal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to serve, which ends this process by closing stdin
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    serve_requests(json.loads(sys.argv[1]), sys.stdin, replies)


if __name__ == "__main__":
    main()
