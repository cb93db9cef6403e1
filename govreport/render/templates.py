"""Template errors → `templates/file.html:line: message`, found in Jinja's rewritten traceback."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from ..errors import Problem, display


def template_problem(err: jinja2.TemplateError, templates: Path) -> Problem:
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = err.filename or (templates / (err.name or "?")).as_posix()
        return Problem(display(where), err.lineno, f"template syntax error: {err.message}")
    if isinstance(err, jinja2.TemplateNotFound):
        return Problem(str(templates / err.name), None, "template not found")
    frame = last_template_frame(err, templates)
    path, line = frame if frame else (str(templates), None)
    kind = "undefined template variable" if isinstance(err, jinja2.UndefinedError) else "template error"
    return Problem(display(path), line, f"{kind}: {err.message}")


def last_template_frame(err: BaseException, templates: Path) -> tuple[str, int] | None:
    """The innermost traceback frame that is a template file."""
    root = str(templates.resolve())
    frames = [(f.filename, f.lineno or 0) for f in traceback.extract_tb(err.__traceback__)]
    inside = [(name, line) for name, line in frames if str(Path(name).resolve()).startswith(root)]
    return inside[-1] if inside else None
