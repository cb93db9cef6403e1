"""Images in a report: `![alt](images/1.png)`, a path relative to the report's folder (content/2023/), the same from
every file of it. Validate refuses any other (a URL, an absolute path, `..`, a missing file, an image outside a
report), check warns of an empty alt text, and the build copies each image a page shows to the same place under
the report's output folder, so that the page links it relatively (any sub-path, file://)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markdown_it.token import Token

from .errors import Problem
from .i18n import N_, _
from .links import link_problem
from .parse import Parsed

NOT_REPORTS = ("glossary", "pages")  # content/ folders that are not reports: no images there
NO_ALT = N_("this image has no alt text: describe it in the brackets, ![…](…)")


@dataclass(frozen=True)
class Image:
    """An image as written: its path, its alt text, the file and line that show it, and the report folder's name."""

    src: str
    alt: str
    path: str
    line: int | None
    folder: str | None  # None: the file is not in a report's folder


def images_of(item: Parsed) -> Iterator[Image]:
    """Every image of a file's body, in order."""
    if not item.has_images:  # no "![" (inline or by reference): the tokens need no walk
        return
    parts = item.source.rel.split("/")
    folder = parts[0] if len(parts) > 1 and parts[0] not in NOT_REPORTS else None
    for token in item.tokens:
        for child in token.children or [] if token.type == "inline" else []:
            if child.type == "image":
                line = token.map[0] + 1 if token.map else None
                yield Image(str(child.attrGet("src") or ""), child.content, item.source.display, line, folder)


def is_report_path(src: str) -> bool:
    """A plain relative path that stays inside the report's folder: no scheme, no leading /, no `..`."""
    path = PurePosixPath(src)
    return bool(src) and ":" not in src and "\\" not in src and not path.is_absolute() and ".." not in path.parts


def image_problems(parsed: list[Parsed], content: Path) -> list[Problem]:
    """An image the build cannot publish: outside a report, not a path in its folder, or not there."""
    problems = []
    for item in parsed:
        for image in images_of(item):
            message = image_problem(image, content)
            if message:
                problems.append(Problem(image.path, image.line, message))
        problems += [
            Problem(item.source.display, note.line, _("an image in a footnote is not shown: move it into the text"))
            for note in item.notes
            if any(c.type == "image" for t in note.tokens if t.type == "inline" for c in t.children or [])
        ]
    return problems


def image_problem(image: Image, content: Path) -> str | None:
    """Why the build cannot publish this image, or None."""
    if image.folder is None:
        return _("image {src}: images belong in a report's folder (content/<report>/images/)").format(src=image.src)
    if not is_report_path(image.src):
        return _(
            "image {src} must be a file of this report's folder, written from it as images/1.png "
            "(not a URL, an absolute path or ..)"
        ).format(src=image.src)
    if link := link_problem(content / image.folder / image.src, content):  # in a hidden folder, unwalked
        return _("image {src}: {path}: {problem}").format(src=image.src, path=link.path, problem=link.message)
    if not (content / image.folder / image.src).is_file():
        message = _("image {src} is not in content/{folder}/: put the file there or correct the path")
        return message.format(src=image.src, folder=image.folder)
    return None


def missing_alt(item: Parsed) -> list[Problem]:
    """check's warning for each image whose alt text the editor has not written yet (the import leaves it empty)."""
    return [Problem(i.path, i.line, _(NO_ALT), "warning") for i in images_of(item) if not i.alt.strip()]


def image_files(parsed: list[Parsed], content: Path, slugs: dict[str, str]) -> dict[str, bytes]:
    """{output path: bytes} for each image the pages show, under its report's output folder (`slugs`: folder → slug)."""
    files = {}
    for item in parsed:
        for image in images_of(item):
            if image.folder in slugs and is_report_path(image.src):
                source = content / image.folder / image.src
                if source.is_file():
                    files[f"{slugs[image.folder]}/{PurePosixPath(image.src)}"] = source.read_bytes()
    return files


def render_image(self: object, tokens: list[Token], idx: int, options: object, env: dict[str, object]) -> str:
    """<img> whose src is the report's output folder's copy, linked relatively from the page shown."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    folder, url = env.get("folder"), env.get("url")
    if folder and callable(url) and is_report_path(src):
        token = token.copy(attrs={**token.attrs, "src": url(f"{folder}/{PurePosixPath(src)}")})
    token.attrSet("alt", self.renderInlineAsText(token.children or [], options, env))  # type: ignore[attr-defined]
    return f"<img{self.renderAttrs(token)}>"  # type: ignore[attr-defined]
