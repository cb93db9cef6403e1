"""Load: content/ → sources, each a Markdown file's text with its path; BOM and CRLF removed, bad bytes reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
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


def load_sources(content_dir: Path) -> list[Source]:
    """Every .md file under content_dir (hidden ones aside), in path order; all unreadable files, and every link
    out of content_dir or to nothing (whatever the file: an image is published too), reported together."""
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), None, "the content folder does not exist")])
    files, problems = walk(content_dir)
    sources = []
    for path in (content_dir / rel for rel in files if rel.endswith(".md")):
        try:
            sources.append(read_source(path, content_dir))
        except UnicodeDecodeError as err:
            data = path.read_bytes()
            line = data[: err.start].count(b"\n") + 1
            problems.append(Problem(str(path), line, "invalid UTF-8: save the file as UTF-8"))
    if problems:
        raise ContentError(problems)
    return sources


def read_source(path: Path, content_dir: Path) -> Source:
    text = path.read_bytes().decode("utf-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(path, path.relative_to(content_dir).as_posix(), text)
