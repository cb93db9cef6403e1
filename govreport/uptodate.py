"""Up to date: a `build` whose inputs are all as they were at the last build into the same folder, and whose output
is still as that build left it, has nothing to do; it says so and keeps the output, without loading the pipeline.

The inputs are every file of content/, templates/ and assets/ (hidden ones too), the program's own files, the
installed libraries, the fonts (when a PDF is made), the options, the working folder and the environment variables
that choose the language or the build's behaviour. Each file is known by its size, modification time and inode, as
git and make know them; the record of a build holds them, taken before it read a file, and what it printed. A
file whose time was within a second of that look may have been saved again in the same tick of the clock after it
was read: the record is then not trusted (as with git's "racily clean" index). Anything that does not match — and
a record that cannot be read — means a full build, whose output is byte-identical to that of any other.

A build that has something to do still takes from the last one what it can: each report whose inputs are all as
they were (see Earlier) takes its pages from the last build's output, linked, not rendered again; the rest of the
build (reading every report, the site's own pages) is done whole.

It uses the build cache folder (cache.py): with the cache off, every build does everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import click

from .cache import CachedFile, cache_dir
from .errors import display
from .files import write_atomic
from .i18n import N_, _
from .incremental import RACY_NS
from .options import BuildOptions
from .summary import Built, from_record, to_record, verbosity

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")  # as pdf/ looks
ENVIRONMENT = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")  # the editor's language, besides GOVREPORT_*

Stamps = dict[str, list[int]]  # {relative POSIX path: [size, modification time in ns, inode]}


@dataclass(frozen=True)
class Look:
    """The inputs of one build as they were when it started (`at`, in ns since the epoch)."""

    at: int
    settings: dict[str, object]  # the options, the environment, the interpreter: compared whole
    files: dict[str, Stamps]  # {which folder: its files' stamps}


@dataclass(frozen=True)
class Verdict:
    """What the record says of this build: `printed` (what the last build printed) when there is nothing to do,
    else None and `reason`, an English text marked with N_() and a path it names (or "")."""

    printed: dict[str, object] | None
    reason: str
    path: str = ""
    record: dict[str, Any] | None = None  # the last build's record, when it could be read


def build_unless_up_to_date(options: BuildOptions) -> tuple[Built, bool]:
    """What the build made, and whether it was kept (nothing had changed) rather than made; under -v, why."""
    now = look(options)
    found = verdict(options, now)
    if found.printed is not None:
        return from_record(found.printed), True
    if verbosity() >= 2:
        reason = _(found.reason).format(path=found.path)
        click.echo(_("Building everything: {reason}.").format(reason=reason), err=True)
    forget(options)
    from .site import build_site  # here: a build with nothing to do never loads the pipeline

    earlier = Earlier.of(options, now, found.record)
    built = build_site(options, earlier)
    if verbosity() >= 2:
        made, taken = len(earlier.made) - len(earlier.taken), len(earlier.taken)
        click.echo(
            _("{made} report(s) rendered, {taken} taken from the last build.").format(made=made, taken=taken), err=True
        )
    remember(options, now, to_record(built), earlier.made)
    return built, False


def look(options: BuildOptions) -> Look:
    """Stamp every input of a build with these options; taken before it reads any file."""
    at = time.time_ns()
    folders = {"content": options.content, "templates": options.templates, "assets": options.assets}
    files = {name: tree_stamps(folder) for name, folder in folders.items()}
    files["program"] = tree_stamps(PACKAGE, skip="__pycache__")
    files["libraries"] = library_stamps()
    if options.pdf:
        files["fonts"] = folder_times(FONT_DIRS)
    return Look(at, settings(options), files)


def settings(options: BuildOptions) -> dict[str, object]:
    chosen = {k: v for k, v in os.environ.items() if k.startswith("GOVREPORT_") or k in ENVIRONMENT}
    paths = {k: os.path.abspath(v) for k, v in asdict(options).items() if isinstance(v, Path)}
    return {
        "format": FORMAT,
        "options": {**{k: v for k, v in asdict(options).items() if not isinstance(v, Path)}, **paths},
        "environment": dict(sorted(chosen.items())),
        "working folder": os.getcwd(),
        "python": [sys.version, sys.executable, sys.path],
    }


def verdict(options: BuildOptions, now: Look) -> Verdict:
    """Whether the last build into options.out left output that this one would make again, byte for byte."""
    record = record_path(options)
    if record is None:
        return Verdict(None, N_("the build cache is off"))
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
        then = Look(last["at"], last["settings"], last["files"])
        output, printed = last["output"], last["printed"]
        from_record(printed)
        if not (isinstance(then.at, int) and is_stamps(output) and all(map(is_stamps, then.files.values()))):
            raise ValueError("not a record")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # damaged: as if there were none
        return Verdict(None, N_("no record of an earlier build into this folder"))
    if then.settings != json.loads(json.dumps(now.settings)):
        return Verdict(None, N_("the options, the environment or Python are not those of the last build"), "", last)
    roots = {"content": options.content, "templates": options.templates, "assets": options.assets, "program": PACKAGE}
    for name, stamps in now.files.items():
        changed = first_difference(then.files.get(name, {}), stamps)
        if changed is not None:
            reason = CHANGED.get(name, N_("{path} changed since the last build"))
            return Verdict(None, reason, where(roots, name, changed), last)
        racy = next((rel for rel, s in stamps.items() if is_racy(s, then.at)), None)
        if racy is not None:
            reason = N_("{path} was saved just before the last build: it may have changed since")
            return Verdict(None, reason, where(roots, name, racy), last)
    changed = first_difference(output, tree_stamps(options.out))
    if changed is not None:
        reason = N_("the output folder was changed since the last build ({path})")
        return Verdict(None, reason, where({"out": options.out}, "out", changed), last)
    return Verdict(printed, "", "", last)


def where(roots: dict[str, Path], name: str, rel: str) -> str:
    """A path named in a reason, as the editor would find it (display): a tree's files are stamped relative to it."""
    return display(roots[name] / rel) if name in roots else rel


CHANGED = {
    "program": N_("the program changed since the last build ({path})"),
    "libraries": N_("an installed library changed since the last build ({path})"),
    "fonts": N_("the installed fonts changed since the last build ({path})"),
}


def remember(
    options: BuildOptions, then: Look, printed: dict[str, object], renders: dict[str, list[Any]] | None = None
) -> None:
    """Record a build that succeeded: its inputs as they were when it started, its output as it is now, and the key
    and pages of each report (Earlier)."""
    record = record_path(options)
    if record is None:
        return
    data = {**asdict(then), "output": tree_stamps(options.out), "printed": printed, "renders": renders or {}}
    try:
        write_atomic(record, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:  # a cache that cannot be written is only slower
        pass


def forget(options: BuildOptions) -> None:
    """Drop the record, before a build changes the output folder: a build that fails part way is never trusted."""
    record = record_path(options)
    if record is not None:
        record.unlink(missing_ok=True)


def record_path(options: BuildOptions) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.blake2b(os.path.abspath(options.out).encode("utf-8"), digest_size=12).hexdigest()
    return folder / "builds" / f"{key}.json"


def is_stamps(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(s, list) and len(s) == 3 for s in value.values())


def first_difference(old: Stamps, new: Stamps) -> str | None:
    """A path whose stamp differs, or that is in one and not the other; None when they are the same."""
    if old == new:
        return None
    return next((rel for rel in sorted(old.keys() | new.keys()) if old.get(rel) != new.get(rel)), "")


def tree_stamps(root: Path | str, skip: str = "") -> Stamps:
    """Every file under root, followed through links (a link's target is what is read), each folder once."""
    return dict(walk(str(root), "", set(), skip))


def walk(folder: str, rel: str, seen: set[tuple[int, int]], skip: str) -> Iterator[tuple[str, list[int]]]:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == skip:
            continue
        try:
            info = entry.stat()
        except OSError:  # a link to nothing: the build reports it, and the record is never made
            yield rel + entry.name, [-1, 0, 0]
            continue
        if entry.is_dir():
            yield from walk(entry.path, f"{rel}{entry.name}/", seen, skip)
        else:
            yield rel + entry.name, [info.st_size, info.st_mtime_ns, info.st_ino]


def library_stamps() -> Stamps:
    """Each installed distribution's metadata folder: installing, upgrading or removing a library changes it."""
    stamps: Stamps = {}
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # a zip file, or a folder that is not there
            continue
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info", ".pth")):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                stamps[f"{folder}/{entry.name}"] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return stamps


def folder_times(folders: tuple[str, ...]) -> Stamps:
    """A font folder and each folder below it: adding or removing a font changes the time of the folder it is in."""
    stamps: Stamps = {}
    for top in folders:
        top = os.path.expanduser(top)
        for here, subfolders, _files in os.walk(top):
            try:
                info = os.stat(here)
            except OSError:  # removed while being looked at: a build then finds it changed
                continue
            stamps[here + "/"] = [0, info.st_mtime_ns, info.st_ino]
            subfolders.sort()
    return stamps


@dataclass
class Earlier:
    """The pages each report had in the last build into the same folder, for this build to take instead of
    rendering a report whose every input is as it was then.

    A report's pages are a function of its own files, the files outside every report (settings, glossary, pages/),
    the templates, assets, program, libraries and options, and what the site says of all reports (the summary that
    menus and links are made of, the trends, the glossary's entries: Renderer.persisted_key). Its `key` is a hash of
    all of these, by their stamps, as the record keeps them; a stamp taken within a second of its file's save is
    made unique, so that a report holding it is always rendered. Pages are taken only while the output folder is as
    the last build left it, and are linked from it (write.put), never read."""

    out: Path
    content_root: Path
    last: dict[str, list[Any]]  # {report source: [key, [output paths]]}, the last build's
    base: str  # a hash of the stamps of all but content/, and of the settings
    content: Stamps  # content/'s stamps now
    made: dict[str, list[Any]] = field(default_factory=dict)  # this build's, for the record
    taken: set[str] = field(default_factory=set)
    shared: dict[frozenset[str], str] = field(default_factory=dict)

    @cached_property
    def by_folder(self) -> dict[str, Stamps]:
        """content/'s stamps by top folder, made once: 250 reports each looking through 4,000 stamps cost 0.3 s."""
        folders: dict[str, Stamps] = {}
        for rel, stamp in self.content.items():
            folders.setdefault(top(rel), {})[rel] = stamp
        return folders

    @classmethod
    def of(cls, options: BuildOptions, now: Look, record: dict[str, Any] | None) -> Earlier:
        stamps = {name: unique_if_racy(files, now.at) for name, files in now.files.items()}
        content = stamps.pop("content")
        base = digest_of([now.settings, stamps])
        last = record.get("renders") if record else None  # a record verdict() has checked, or None
        intact = isinstance(last, dict) and first_difference(record["output"], tree_stamps(options.out)) is None
        return cls(options.out, options.content, last if intact else {}, base, content)

    def folder_of(self, source: str) -> str:
        """The top folder in content/ of a report's file: its unit (incremental.unit_of), whose files are its own."""
        rel = Path(os.path.relpath(source, self.content_root)).as_posix()
        return top(rel) or rel

    def key(self, folder: str, folders: frozenset[str], site: str) -> str:
        """The key of the report in content/<folder>/, among the reports in `folders`; one no build will have
        again when none of its files is known (never taken, so never wrong)."""
        if folders not in self.shared:
            self.shared[folders] = digest_of(sorted(kv for kv in self.content.items() if top(kv[0]) not in folders))
        own = sorted(self.by_folder.get(folder, {}).items())
        if not own:
            return secrets.token_hex(16)
        return digest_of([self.base, self.shared[folders], site, folder, own])

    def take(self, source: str, key: str) -> dict[str, CachedFile] | None:
        """The report's pages in the last build's output, when its key was this one."""
        found = self.last.get(source)
        if not (isinstance(found, list) and len(found) == 2 and found[0] == key and is_paths(found[1])):
            return None
        self.taken.add(source)
        return {path: CachedFile(str(self.out / path)) for path in found[1]}

    def keep(self, source: str, key: str, paths: list[str]) -> None:
        self.made[source] = [key, sorted(paths)]


def is_paths(value: object) -> bool:
    """Output paths as a record holds them: relative, inside the output folder."""
    return isinstance(value, list) and all(
        isinstance(p, str) and p and not p.startswith("/") and ".." not in p.split("/") for p in value
    )


def top(rel: str) -> str:
    """The top folder of a path in content/, or "" for a file at the top."""
    folder, _, rest = rel.partition("/")
    return folder if rest else ""


def unique_if_racy(stamps: Stamps, at: int) -> Stamps:
    """The stamps, each one taken within a second of its file's save replaced by one no other build will have."""
    return {rel: [-1, secrets.randbits(64), 0] if is_racy(s, at) else s for rel, s in stamps.items()}


def is_racy(stamp: list[int], at: int) -> bool:
    """The file's time is within a second of `at`, when it was looked at: it may have been saved again since in the
    same tick of the clock, keeping its time (see the module's text and incremental.RACY_NS)."""
    return stamp[1] >= at - RACY_NS


def digest_of(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, ensure_ascii=False).encode("utf-8"), digest_size=16).hexdigest()
