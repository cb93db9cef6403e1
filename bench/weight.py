"""Page weight: what a first visit to a page downloads, gzipped, and how many requests it makes, third-party ones apart."""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Subresources(HTMLParser):
    """The URLs a browser fetches to show a page: stylesheets, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and LINK_RELS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.urls.append(("css" if "stylesheet" in a["rel"].lower() else "other", a["href"]))
        elif tag == "script" and a.get("src"):
            self.urls.append(("js", a["src"]))
        elif tag in ("img", "source", "audio", "video", "iframe", "embed") and a.get("src"):
            self.urls.append(("other", a["src"]))


def is_third_party(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.I))


def resolve(base_rel: str, url: str) -> str:
    """A relative URL in file base_rel → a path relative to the site root."""
    path = url.split("#")[0].split("?")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_rel), path))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Weight:
    """One page's first visit: gzipped bytes by kind, requests, third-party requests."""

    html: int = 0
    css: int = 0
    js: int = 0
    other: int = 0
    requests: int = 1
    third_party: int = 0
    seen: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.other


def page_weight(site: Path, rel: str) -> Weight:
    weight = Weight(html=gz((site / rel).read_bytes()))
    parser = Subresources()
    parser.feed((site / rel).read_text(encoding="utf-8", errors="replace"))
    for kind, url in parser.urls:
        add(weight, site, rel, kind, url)
    return weight


def add(weight: Weight, site: Path, base_rel: str, kind: str, url: str) -> None:
    """Count one subresource once; a stylesheet's own url()s and @imports count too."""
    if url.startswith("data:"):
        return
    key = url if is_third_party(url) else resolve(base_rel, url)
    if key in weight.seen:
        return
    weight.seen.add(key)
    weight.requests += 1
    if is_third_party(url):
        weight.third_party += 1
        return
    file = site / key
    if not file.is_file():
        return
    data = file.read_bytes()
    setattr(weight, kind, getattr(weight, kind) + gz(data))
    if kind == "css":
        for match in CSS_URL_RE.finditer(data.decode("utf-8", errors="replace")):
            add(weight, site, key, "css" if match.group(2) else "other", match.group(1) or match.group(2))


def average(weights: list[Weight]) -> Weight:
    n = max(len(weights), 1)
    out = Weight(requests=0)
    for name in ("html", "css", "js", "other", "requests", "third_party"):
        setattr(out, name, round(sum(getattr(w, name) for w in weights) / n))
    return out
