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
from .i18n import _
from .load import Source
from .tables import table_plugin

NESTING_LIMIT = 16  # token levels: 8 lists one inside another, or 16 quotes; a report needs 3 at most
PARSER_NESTING = 200  # markdown-it's own limit, past which it drops text silently (its default is 20)
TEXT_TYPES = {"text", "code_inline", "softbreak"}  # inline children that carry the words a reader sees
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
    """A source after parsing: front matter (with the line of each key), body tokens, footnote texts and problems."""

    source: Source
    meta: dict[str, Any]
    tokens: list[Token]
    notes: list[NoteText]
    problems: list[Problem] = field(default_factory=list)
    meta_lines: dict[str, int] = field(default_factory=dict)  # FrontMatter.lines
    body_line: int = 1  # the first line after the front matter
    has_images: bool = False  # "![" is in the text: without it there is no image to look for (images_of)
    front_matter_broken: bool = False  # its front matter could not be read (a problem says why)


@dataclass(frozen=True)
class FrontMatter:
    """A file's front matter: its values, the file line of each key, and the first line after it."""

    meta: dict[str, Any] = field(default_factory=dict)
    # Nested keys are dotted and list items numbered: `source.footnote`, `variants.0`.
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1


def plain_text(inline: Token | None) -> str:
    """The words of an inline token as a reader sees them: no markup, no footnote numbers (for glossary matching,
    titles, search keys and the editorial check alike)."""
    if inline is None:
        return ""
    return "".join(c.content for c in inline.children or [] if c.type in TEXT_TYPES)


def make_markdown() -> MarkdownIt:
    """CommonMark with raw HTML off (it is escaped, never published), plus our plugins; a nesting limit no real
    document reaches, so that too_deep() sees deep nesting before markdown-it would silently cut it."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "maxNesting": PARSER_NESTING})
    md.use(front_matter_plugin).use(footnote_plugin, inline=False, move_to_end=False).use(cjk_emphasis_plugin)
    md.use(table_plugin)
    md.core.ruler.push("lift_notes", lift_notes)
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
    front, problems = read_front_matter(tokens, source)
    tokens = [t for t in tokens if t.type != "front_matter"]
    broken = bool(problems)  # read_front_matter's own problems, before the body's are added
    problems += unresolved_references(tokens, source) + duplicate_definitions(source) + too_deep(tokens, source)
    notes = env.get("notes", [])
    has_images = "![" in source.text
    return Parsed(source, front.meta, tokens, notes, problems, front.lines, front.body_line, has_images, broken)


def too_deep(tokens: list[Token], source: Source) -> list[Problem]:
    """Lists or quotes nested deeper than a report ever needs. markdown-it stops parsing at its nesting limit and
    drops the rest of the file without a word; the limit is set far beyond this one, so text is never lost unseen."""
    deep = next((t for t in tokens if t.level > NESTING_LIMIT and t.map), None)
    if deep is None:
        return []
    message = _("lists or quotes are nested deeper than a report needs here: flatten them, so that no text is lost")
    return [Problem(source.display, deep.map[0] + 1 if deep.map else None, message)]


def read_front_matter(tokens: list[Token], source: Source) -> tuple[FrontMatter, list[Problem]]:
    """The values and key lines of the front matter block, read in one pass of the YAML parser."""
    block = next((t for t in tokens if t.type == "front_matter"), None)
    if block is None or not block.map:
        return FrontMatter(), []
    first, body_line = block.map[0] + 2, block.map[1] + 1  # the YAML starts below the opening ---
    try:
        node, data = compose_and_construct(block.content)
    except yaml.YAMLError:
        return FrontMatter(body_line=body_line), [yaml_problem(block.content, first, source)]
    if not isinstance(data or {}, dict):
        return FrontMatter(body_line=body_line), [
            Problem(source.display, first, _("front matter must be `key: value` lines"))
        ]
    return FrontMatter(as_typed(node, data or {}), key_lines(node, first), body_line), []


AS_TYPED = ("slug", "source.report")  # values that are names (a report's folder or slug), read as the editor typed them


def as_typed(node: yaml.Node | None, data: dict[str, Any], keys: tuple[str, ...] = AS_TYPED) -> dict[str, Any]:
    """`slug: 2023` is the name "2023", not the number YAML reads (nor 0123 the octal 83, nor yes the true)."""
    if not isinstance(node, yaml.MappingNode):
        return data
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name in keys and isinstance(value, yaml.ScalarNode) and not value.style:  # plain ("" in libyaml, else None)
            if not isinstance(data.get(name), str | None):
                data = {**data, name: value.value}
        inner = tuple(k.removeprefix(f"{name}.") for k in keys if k.startswith(f"{name}."))
        if inner and isinstance(data.get(name), dict):
            data = {**data, name: as_typed(value, data[name], inner)}
    return data


def compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (which knows every key's line) and the values built from it: what yaml.load does, keeping the nodes."""
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def key_lines(node: yaml.Node | None, first: int, prefix: str = "", seen: set[int] | None = None) -> dict[str, int]:
    """{dotted key or list item: file line} for every key in the tree; `first` is the file line of the YAML's first line."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:  # an alias repeats a node, and may even contain itself
        return {}
    seen.add(id(node))
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                # A repeated key keeps its last line, as the values keep its last value.
                lines[prefix + key.value] = first + key.start_mark.line
                lines.update(key_lines(value, first, f"{prefix}{key.value}.", seen))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[f"{prefix}{i}"] = first + item.start_mark.line
            lines.update(key_lines(item, first, f"{prefix}{i}.", seen))
    return lines


def yaml_problem(text: str, first: int, source: Source) -> Problem:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + first if mark else 1
        reason = getattr(err, "problem", None)
        if reason:  # the YAML parser's own words (English): quoted as data
            return Problem(source.display, line, _("front matter: {reason}").format(reason=reason))
        return Problem(source.display, line, _("front matter: not valid YAML"))
    return Problem(source.display, 1, _("front matter: not valid YAML"))  # only the fast loader refused it


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
                    problems.append(
                        Problem(
                            source.display,
                            line,
                            _("footnote [^{label}] is referenced but never defined").format(label=match.group(1)),
                        )
                    )
    return problems


def duplicate_definitions(source: Source) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for match in DEFINITION_RE.finditer(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        label = match.group(1)
        if label in seen:
            problems.append(
                Problem(
                    source.display,
                    line,
                    _("footnote [^{label}] is defined twice (first at line {line})").format(
                        label=label, line=seen[label]
                    ),
                )
            )
        seen.setdefault(label, line)
    return problems
