"""Write: {output path: text} and assets/ → the output folder, built beside it and swapped in, so a failure changes nothing."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cache import CachedFile
from .errors import ContentError, Problem, fail
from .i18n import _
from .links import walk

MARKER = ".govreport-build"
# Hidden files and editor backups in assets/ are never published (serve's preview uses the same rule).
ASSET_IGNORE = (".*", "*~", "*.swp")


def write_site(files: dict[str, str | bytes | CachedFile], assets: Path, out: Path) -> None:
    """Build into a fresh folder next to `out`, then swap it into place."""
    with staging_for(out) as staging:
        staging.finish(files, assets)


@contextmanager
def staging_for(out: Path) -> Iterator[Staging]:
    """A fresh folder next to `out` to write the build into (`Staging`); deleted afterwards unless `finish`ed, so a
    build that fails part way changes nothing."""
    check_out_dir(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    root = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=out.parent))
    try:
        mark(root)  # first, so that a build killed while filling it leaves a folder known to be ours
        yield Staging(root, out)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Staging:
    """The build being written: files can be put in as they are made (a report's pages while the next are being
    rendered), then `finish` puts the rest and the assets, and swaps it in for `out`."""

    root: Path
    out: Path
    written: set[str] = field(default_factory=set)
    made: set[Path] = field(default_factory=set)

    def put(self, files: dict[str, str | bytes | CachedFile]) -> None:
        """Write these files now (a path written already is written again); a previous build's copy with the same
        bytes is linked instead."""
        problems = [
            Problem(rel, None, _("this output path would leave the output folder"))
            for rel in files
            if not is_inside(rel)
        ]
        if problems:
            raise ContentError(problems)
        previous = self.out if self.out.is_dir() else None
        for rel, data in sorted(files.items()):
            target = self.root / rel
            self.folder(target.parent)
            put(target, data.encode("utf-8") if isinstance(data, str) else data, previous / rel if previous else None)
            self.written.add(rel)

    def folder(self, folder: Path) -> None:
        if folder not in self.made:  # one mkdir a folder, not one a file: thousands of pages share a few folders
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)

    def finish(self, files: dict[str, str | bytes | CachedFile], assets: Path) -> None:
        """The assets, then the files not put yet, then swap. A file wins over an asset of the same path, as if the
        assets had been copied first."""
        for rel in asset_files(assets):
            if f"assets/{rel}" in self.written:
                continue
            target = self.root / "assets" / rel
            self.folder(target.parent)
            shutil.copy2(assets / rel, target)
        self.put({rel: data for rel, data in files.items() if rel not in self.written})
        swap(self.root, self.out)


def check_out_dir(out: Path) -> None:
    """Refuse a folder with files in it that no earlier build made: never delete someone's files."""
    if out.exists() and not out.is_dir():
        raise fail(str(out), None, _("--out is a file, not a folder"))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise fail(
            str(out),
            None,
            _(
                "--out is a folder that holds other files and is not a previous build (no {marker});"
                " choose an empty or new folder"
            ).format(marker=MARKER),
        )


def mark(root: Path) -> None:
    (root / MARKER).write_text(
        "This folder is written by `python build.py build`; it is replaced whole on each build.\n", encoding="utf-8"
    )


def is_ignored_asset(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ASSET_IGNORE)


def asset_files(assets: Path) -> list[str]:
    """Every file assets/ publishes, relative to it; a link out of assets/ or to nothing stops the build."""
    if not assets.is_dir():
        return []
    files, problems = walk(assets, is_ignored_asset)
    if problems:
        raise ContentError(problems)
    return files


def put(target: Path, data: bytes | CachedFile, previous: Path | None) -> None:
    """Write a file, or hard-link the previous build's copy if its bytes are the same.

    Why: a new file costs the filesystem far more than a link (ext4 hunts for a free inode past the ones the
    last build just freed), and an unchanged page keeps its timestamp, so a deploy by rsync skips it.
    A file from the build cache (the search bundle) is linked to its cached copy, unread.
    """
    if isinstance(data, CachedFile):
        if link(data.origin, target):
            return
        data = data.read()
    if previous is not None and is_same_file(previous, data) and link(previous, target):
        return
    target.write_bytes(data)


def link(source: Path | str, target: Path) -> bool:
    try:
        os.link(source, target, follow_symlinks=False)
        return True
    except OSError:  # another filesystem, or one without hard links: the caller writes the file
        return False


def is_same_file(path: Path, data: bytes) -> bool:
    """A plain file (not a link someone left there) holding exactly `data`."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read(len(data) + 1) == data
    except OSError:
        return False


def is_inside(rel: str) -> bool:
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in rel and rel.strip() != ""


def remove_leftovers(out: Path) -> None:
    """The staging and old folders of builds killed before they could delete them (`.output.building-<pid>-…`,
    `.output.old-<pid>`): only those that hold our marker, and whose build is no longer running."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:building|old)-(\d+)(?:-.*)?")
    with os.scandir(out.parent) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if not match or not entry.is_dir(follow_symlinks=False) or is_running(int(match.group(1))):
                continue
            if os.path.isfile(os.path.join(entry.path, MARKER)):
                shutil.rmtree(entry.path, ignore_errors=True)


def is_running(pid: int) -> bool:
    """This process, or another that is alive (perhaps building into the same folder right now)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def swap(staging: Path, out: Path) -> None:
    """Rename the old build away, the new one in, then delete the old."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(staging, out)
    os.chmod(out, 0o755)
    if old:
        shutil.rmtree(old, ignore_errors=True)
