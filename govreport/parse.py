"""Parse: a source → front matter and markdown-it tokens (each block with `map` lines); footnote texts lifted out with their lines."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .cjk import cjk_emphasis_plugin
from .errors import Problem
from .load import Source

UNRESOLVED_REF_RE = re.compile(r"\[\^([^\]\s]+)\]")
DEFINITION_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)

# libyaml's safe loader when PyYAML was built with it (the wheels are): the same YAML, read faster. Its
# error messages say less ("did not find expected ','"), so a file it refuses is read again by the
# pure-Python loader for the message ("expected ',' or ']', but got ':'").
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class NoteText:
    """A footnote definition: its label, the line it starts on and its block tokens."""

    label: str
    line: int
    tokens: list[Token]


@dataclass(frozen=True)
class Parsed:
    """A source after parsing: front matter, body tokens, footnote texts and problems."""

    source: Source
    meta: dict[str, Any]
    tokens: list[Token]
    notes: list[NoteText]
    problems: list[Problem] = field(default_factory=list)


def make_markdown() -> MarkdownIt:
    """CommonMark with raw HTML off (it is escaped, never published), plus our plugins."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.use(front_matter_plugin).use(footnote_plugin, inline=False, move_to_end=False).use(cjk_emphasis_plugin)
    md.core.ruler.push("lift_notes", lift_notes)
    md.disable(["image"])  # the report has no images; an editor's stray ![x](y) stays text
    return md


def lift_notes(state: StateCore) -> None:
    """Move each footnote definition out of the body into env["notes"], keeping its line."""
    body: list[Token] = []
    notes: list[NoteText] = []
    current: list[Token] | None = None
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            current, label = [], token.meta["label"]
        elif token.type == "footnote_reference_close" and current is not None:
            line = next((t.map[0] + 1 for t in current if t.map), 0)
            notes.append(NoteText(label, line, current))
            current = None
        elif current is not None:
            current.append(token)
        else:
            body.append(token)
    state.tokens = body
    state.env["notes"] = notes


def parse_source(md: MarkdownIt, source: Source) -> Parsed:
    env: dict[str, Any] = {}
    tokens = md.parse(source.text, env)
    meta, problems = read_front_matter(tokens, source)
    tokens = [t for t in tokens if t.type != "front_matter"]
    problems += unresolved_references(tokens, source) + duplicate_definitions(source)
    return Parsed(source, meta, tokens, env.get("notes", []), problems)


def read_front_matter(tokens: list[Token], source: Source) -> tuple[dict[str, Any], list[Problem]]:
    block = next((t for t in tokens if t.type == "front_matter"), None)
    if block is None:
        return {}, []
    try:
        data = yaml.load(block.content, Loader=FAST_LOADER) or {}
    except yaml.YAMLError:
        return {}, [yaml_problem(block.content, source)]
    if not isinstance(data, dict):
        return {}, [Problem(source.display, 2, "front matter must be `key: value` lines")]
    return data, []


def yaml_problem(text: str, source: Source) -> Problem:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(err, "problem", None) or "not valid YAML"
        return Problem(source.display, line, f"front matter: {reason}")
    return Problem(source.display, 1, "front matter: not valid YAML")  # only the fast loader refused it


def unresolved_references(tokens: list[Token], source: Source) -> list[Problem]:
    """A [^label] left as plain text names a footnote that is never defined."""
    problems = []
    for token in tokens:
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type == "text":
                for match in UNRESOLVED_REF_RE.finditer(child.content):
                    line = token.map[0] + 1 if token.map else None
                    problems.append(Problem(source.display, line, f"footnote [^{match.group(1)}] is referenced but never defined"))
    return problems


def duplicate_definitions(source: Source) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for match in DEFINITION_RE.finditer(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        label = match.group(1)
        if label in seen:
            problems.append(Problem(source.display, line, f"footnote [^{label}] is defined twice (first at line {seen[label]})"))
        seen.setdefault(label, line)
    return problems
