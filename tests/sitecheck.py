"""Read a built site the way the fidelity and link tests need: block texts, ids, links and footnote wiring."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption"}
SKIP = {"script", "style", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOTE_ROLES = {"doc-noteref", "doc-backlink"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """Reader-visible words, without footnote numbers, back-links or hidden parts."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not child.is_skipped():
                out.append(child.text())
        return "".join(out)

    def is_skipped(self) -> bool:
        role = self.attrs.get("role", "")
        return self.tag in SKIP or self.tag == "sup" or role in NOTE_ROLES or self.attrs.get("aria-hidden") == "true"

    def walk(self) -> list[Element]:
        out = [self]
        for child in self.children:
            if isinstance(child, Element):
                out += child.walk()
        return out


class Page(HTMLParser):
    """An HTML file as a small element tree."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def blocks(self) -> list[str]:
        return [squash(e.text()) for e in self.root.walk() if e.tag in BLOCKS]

    def ids(self) -> dict[str, Element]:
        return {e.attrs["id"]: e for e in self.root.walk() if "id" in e.attrs}

    def links(self) -> list[str]:
        return [e.attrs[a] for e in self.root.walk() for a in ("href", "src") if a in e.attrs and e.tag != "base"]


def html_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p) for p in sorted(site.rglob("*.html"))}


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder, by relative path, with a SHA-256 of its bytes: compare two to see any change."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
