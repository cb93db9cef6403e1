"""Problems found in content, and the click exceptions that report them as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from .i18n import _, ngettext


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int | str | None  # a line number, or a reader's place such as `paragraph 41` or `page 3`
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path  # as is in every language: editors jump to it
        message = _("warning: {message}").format(message=self.message) if self.severity == "warning" else self.message
        return f"{where}: {message}"


class ContentError(click.ClickException):
    """Bad input: every problem is listed, the exit status is 1, no traceback."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True)


def format_problems(problems: list[Problem]) -> str:
    """All problems, one a line, then a count."""
    problems = sorted(problems, key=lambda p: (p.path, str(type(p.line)), p.line or 0))
    errors = [p for p in problems if p.severity == "error"]
    lines = [str(p) for p in problems]
    if len(errors) > 1:
        lines.append(ngettext("{n} error", "{n} errors", len(errors)).format(n=len(errors)))
    return "\n".join(lines)


def fail(path: str, line: int | str | None, message: str) -> ContentError:
    """A ContentError for a single problem."""
    return ContentError([Problem(path, line, message)])


def display(path: str | Path) -> str:
    """A path as the editor sees it in messages: relative to the working folder where it is inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
