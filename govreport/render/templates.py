"""Templates read only from inside templates/, and template errors → `templates/file.html:line: message`, found in
Jinja's rewritten traceback."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from ..errors import Problem, display
from ..i18n import _
from ..links import link_problem


class TemplateLinkError(jinja2.TemplateError):
    """A template file that is a link out of templates/, or to nothing."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class TemplateLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader for one folder, refusing a file that a link takes out of it before reading it."""

    def __init__(self, templates: Path) -> None:
        super().__init__(str(templates))
        self.templates = templates

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        problem = link_problem(self.templates.joinpath(*split_template_path(template)), self.templates)
        if problem is not None:
            raise TemplateLinkError(problem)
        return super().get_source(environment, template)


def template_problem(err: jinja2.TemplateError, templates: Path) -> Problem:
    if isinstance(err, TemplateLinkError):
        link = Path(err.problem.path)  # named as the link, not where it leads
        return Problem(f"{display(link.parent)}/{link.name}", None, err.problem.message)
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = err.filename or (templates / (err.name or "?")).as_posix()
        return Problem(display(where), err.lineno, _("template syntax error: {message}").format(message=err.message))
    if isinstance(err, jinja2.TemplateNotFound):
        return Problem(str(templates / err.name), None, _("template not found"))
    frame = last_template_frame(err, templates)
    path, line = frame if frame else (str(templates), None)
    if isinstance(err, jinja2.UndefinedError):
        message = _("undefined template variable: {message}")
    else:
        message = _("template error: {message}")
    return Problem(display(path), line, message.format(message=err.message))


def last_template_frame(err: BaseException, templates: Path) -> tuple[str, int] | None:
    """The innermost traceback frame that is a template file."""
    root = str(templates.resolve())
    frames = [(f.filename, f.lineno or 0) for f in traceback.extract_tb(err.__traceback__)]
    inside = [(name, line) for name, line in frames if str(Path(name).resolve()).startswith(root)]
    return inside[-1] if inside else None
