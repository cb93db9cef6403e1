"""Load: content/ → sources, each a Markdown file's text with its path; BOM and CRLF removed, bad bytes reported."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .i18n import _
from .incremental import Reuse
from .links import walk


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
    `reuse`, a file whose size and time are unchanged is the Source read last time, unread."""
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), None, _("the content folder does not exist"))])
    files, problems = walk(content_dir)
    sources = []
    root = str(content_dir) + os.sep
    for rel in (rel for rel in files if rel.endswith(".md")):
        # The Path is made only to read: made for each of thousands of files, it costs more than their stat.
        read = lambda rel=rel: read_source(content_dir / rel, content_dir)  # noqa: E731
        try:
            sources.append(reuse.source(root + rel, read) if reuse else read())
        except UnicodeDecodeError as err:
            path = content_dir / rel
            data = path.read_bytes()
            line = data[: err.start].count(b"\n") + 1
            problems.append(Problem(str(path), line, _("invalid UTF-8: save the file as UTF-8")))
    if problems:
        raise ContentError(problems)
    return sources


def read_source(path: Path, content_dir: Path) -> Source:
    text = path.read_bytes().decode("utf-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(path, path.relative_to(content_dir).as_posix(), text)
