"""Links: what content/, assets/ and templates/ publish is really inside that folder. A symlink may lead elsewhere in
the same folder, never out of it (publishing servers are where staff keep other files), and must lead somewhere."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .i18n import _


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def walk(root: Path, is_skipped: Callable[[str], bool] = is_hidden) -> tuple[list[str], list[Problem]]:
    """Every file under root (relative POSIX paths, in path order), following links that stay inside it; a link
    out of root, to nothing, or to a folder holding it is a problem instead."""
    walker = scan(root, is_skipped)
    return walker.files, walker.problems


def scan(root: Path, is_skipped: Callable[[str], bool] = is_hidden) -> Walker:
    """walk(), and whether any link was met. One os.scandir pass: the link test is free (the entry's type comes
    with its name), and only a link costs a realpath."""
    walker = Walker(root, os.path.realpath(root), is_skipped)
    walker.folder(root, "", walker.real_root, frozenset({walker.real_root}))
    walker.files.sort(key=lambda rel: rel.split("/"))
    return walker


@dataclass
class Walker:
    root: Path
    real_root: str
    is_skipped: Callable[[str], bool]
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    linked: bool = False  # a link was met: a file may be seen under two names

    def folder(self, path: Path | str, rel: str, real: str, ancestors: frozenset[str]) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if not self.is_skipped(entry.name):
                    self.entry(entry, rel + entry.name, real + os.sep + entry.name, ancestors)

    def entry(self, entry: os.DirEntry[str], rel: str, real: str, ancestors: frozenset[str]) -> None:
        path = entry.path  # a str: a Path for each of thousands of files costs more than the scan
        if entry.is_symlink():
            self.linked = True
            real, problem = follow(Path(path), self.real_root, self.root)
            if problem is None and real in ancestors:
                problem = Problem(
                    path,
                    None,
                    _("a link to {path}, a folder it is in: it would never end; remove it").format(path=real),
                )
            if problem is not None:
                self.problems.append(problem)
                return
        if entry.is_dir():  # follows a link, as is_file does
            self.folder(path, rel + "/", real, ancestors | {real})
        elif entry.is_file():
            self.files.append(rel)


def follow(link: Path, real_root: str, root: Path) -> tuple[str, Problem | None]:
    """Where a link leads, or why it may not be followed."""
    try:
        real = os.path.realpath(link, strict=True)
    except OSError:  # leads nowhere, or round in a circle of links
        return "", Problem(str(link), None, _("broken link (to {target})").format(target=os.readlink(link)))
    if not is_within(real, real_root):
        if os.path.isdir(real):
            message = _("a link to {path}, outside {folder}/: copy the folder in instead")
        else:
            message = _("a link to {path}, outside {folder}/: copy the file in instead")
        message = message.format(path=real, folder=folder_name(root))
        return real, Problem(str(link), None, message)
    return real, None


def link_problem(path: Path, root: Path) -> Problem | None:
    """A problem when path (under root) is a link, or in a linked folder, that leads out of root or nowhere."""
    if not os.path.lexists(path):
        return None
    real_root = os.path.realpath(root)
    if is_within(os.path.realpath(path), real_root) and os.path.exists(path):
        return None
    return follow(path, real_root, root)[1]


def is_within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def folder_name(root: Path) -> str:
    return root.name or Path(os.path.realpath(root)).name
