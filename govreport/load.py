"""Load: content/ → sources, each a Markdown file's text with its path; BOM and CRLF removed, bad bytes reported."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .i18n import _
from .incremental import Reuse
from .links import scan


@dataclass(frozen=True)
class Source:
    """One Markdown file: where it is (relative to content/) and what it says."""

    path: Path
    rel: str
    text: str

    @property
    def display(self) -> str:
        return str(self.path)


def load_sources(content_dir: Path, reuse: Reuse | None = None) -> list[Source]:
    """Every .md file under content_dir (hidden ones aside), in path order; all unreadable files, and every link
    out of content_dir or to nothing (whatever the file: an image is published too), reported together. With
    `reuse`, a file whose size and time are unchanged is the Source read last time, unread; told which files were
    saved (Reuse.changed), the others are not looked at either."""
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), None, _("the content folder does not exist"))])
    saved = reuse.changed_under(str(content_dir)) if reuse else None
    files, problems, same_files = content_files(content_dir, reuse, saved)
    if not same_files:  # a file or folder came or went: whatever is there now may be new, so look at every one
        saved = None
    sources = []
    root = str(content_dir) + os.sep
    for rel in (rel for rel in files if rel.endswith(".md")):
        # The Path is made only to read: made for each of thousands of files, it costs more than their stat.
        read = lambda rel=rel: read_source(content_dir / rel, content_dir)  # noqa: E731
        try:
            if reuse is None:
                sources.append(read())
            elif saved is not None and rel not in saved and (kept := reuse.kept(root + rel)) is not None:
                sources.append(kept)
            else:
                sources.append(reuse.source(root + rel, read))
        except UnicodeDecodeError as err:
            path = content_dir / rel
            data = path.read_bytes()
            line = data[: err.start].count(b"\n") + 1
            problems.append(Problem(str(path), line, _("invalid UTF-8: save the file as UTF-8")))
    if problems:
        raise ContentError(problems)
    return sources


def content_files(
    content_dir: Path, reuse: Reuse | None, saved: set[str] | None
) -> tuple[list[str], list[Problem], bool]:
    """walk(content_dir), and False; or, when the only files saved since the last walk are plain files it listed,
    that list and True: saving a file's new text cannot add, remove or rename a file. A tree with links is walked
    every time (a file saved under one name is also seen under another, and only one is reported)."""
    last = reuse.results.get(("walk", str(content_dir))) if reuse else None
    if last is not None and saved is not None:
        walker, names = last[2]
        if all(rel in names and is_plain_file(content_dir / rel) for rel in saved):
            return list(walker.files), list(walker.problems), True
    walker = scan(content_dir)
    if reuse is not None:
        if walker.linked or walker.problems:
            reuse.results.pop(("walk", str(content_dir)), None)
        else:
            reuse.store("walk", str(content_dir), (), (walker, frozenset(walker.files)))
    return list(walker.files), list(walker.problems), False


def is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def read_source(path: Path, content_dir: Path) -> Source:
    text = path.read_bytes().decode("utf-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(path, path.relative_to(content_dir).as_posix(), text)
