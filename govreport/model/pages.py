"""Standalone pages: content/pages/<name>.md → a page outside any report (such as the accessibility statement), titled by its `# ` heading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markdown_it.token import Token

from ..errors import Problem
from ..i18n import _
from ..parse import Parsed, plain_text
from ..slug import is_safe_slug

FOLDER = "pages"
DEFAULT_TEMPLATE = "standalone.html"


@dataclass(frozen=True)
class StandalonePage:
    """One page of content/pages/: written to <name>.html at the site root and linked from every footer."""

    name: str
    path: str
    title: str
    template: str
    tokens: list[Token]
    meta: dict[str, Any]
    source: str


def is_standalone(item: Parsed) -> bool:
    folder, _, name = item.source.rel.partition("/")
    return folder == FOLDER and bool(name) and "/" not in name


def model_standalone(parsed: list[Parsed]) -> tuple[list[StandalonePage], list[Problem]]:
    """Every content/pages/*.md that has a safe name and starts with its title, ordered by `order:` then name."""
    pages, problems = [], []
    for item in filter(is_standalone, parsed):
        page = model_page(item, problems)
        if page:
            pages.append(page)
    pages.sort(key=lambda p: (p.meta.get("order", 0) if isinstance(p.meta.get("order"), int) else 0, p.name))
    return pages, problems


def model_page(item: Parsed, problems: list[Problem]) -> StandalonePage | None:
    name, where = PurePosixPath(item.source.rel).stem, item.source.display
    if not is_safe_slug(name):  # a name the site already uses is refused by govreport/claims.py
        problems.append(
            Problem(
                where,
                None,
                _("page name {name!r} must be lower-case letters, digits and hyphens").format(name=name),
            )
        )
        return None
    tokens = item.tokens
    if len(tokens) < 3 or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        problems.append(Problem(where, 1, _("a page must start with its title: `# …`")))
        return None
    title = plain_text(tokens[1])
    template = str(item.meta.get("template", DEFAULT_TEMPLATE))
    return StandalonePage(name, f"{name}.html", title, template, tokens[3:], item.meta, where)
