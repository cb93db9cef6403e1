"""The content a benchmark builds: the real report, N copies of it, and the same Markdown as a MkDocs or Hugo project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER_RE.match(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(match.group(1)) if match else None
    return data if isinstance(data, dict) else {}


def report_folders(content: Path) -> list[Path]:
    """Top-level folders that are reports: their index.md has a date."""
    return sorted(
        p
        for p in content.iterdir()
        if p.is_dir() and (p / "index.md").is_file() and "date" in front_matter(p / "index.md")
    )


def make_copies(content: Path, dest: Path, copies: int) -> Path:
    """dest/content: content/ as it is, plus copies-1 more of each report as <folder>-copy-2 … with their own slugs."""
    target = dest / "content"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(content, target)
    for folder in report_folders(content):
        slug = front_matter(folder / "index.md").get("slug") or folder.name
        for i in range(2, copies + 1):
            copy = target / f"{folder.name}-copy-{i}"
            shutil.copytree(folder, copy)
            set_slug(copy / "index.md", f"{slug}-copy-{i}")
    return target


EDITED = "2023/part-1/section-1.md"  # the file a one-paragraph edit changes (as bench/reload.py's does)


def edit_paragraph(content: Path, i: int) -> None:
    """Change a few words of one paragraph of the first report, differently each time (i): a rebuild after it cannot
    be a build that finds nothing changed."""
    path = content / EDITED
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"双重压力(?:基准编辑\d+号)?", f"双重压力基准编辑{i}号", text, count=1)
    if edited == text:
        raise RuntimeError(f"{path}: no 双重压力 to edit")
    path.write_text(edited, encoding="utf-8")


def set_slug(index: Path, slug: str) -> None:
    """Give a copied report its own output folder, replacing any `slug:` it carried."""
    text = index.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith("slug:")]
    index.write_text("\n".join(lines + [f"slug: {slug}"]) + "\n---\n" + body, encoding="utf-8")


def make_mkdocs_project(content: Path, dest: Path) -> Path:
    """dest/mkdocs.yml and dest/docs/: the same Markdown, Material theme, footnotes extension; returns mkdocs.yml."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(content, dest / "docs")
    for page in (dest / "docs").rglob(
        "*.md"
    ):  # `template:` names one of our templates; MkDocs would look for it in its theme
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^template:.*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    name = front_matter(content / "index.md").get("site_name", "政府工作报告")
    config = {"site_name": name, "theme": {"name": "material", "language": "zh"}, "markdown_extensions": ["footnotes"]}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


HUGO_LAYOUTS = Path(__file__).resolve().parent / "hugo" / "layouts"
ROLE_TITLES = {"closing": "小结", "conclusion": "结束语"}  # as templates/_labels.html names pages with no heading
HEADING_RE = re.compile(r"\A#+ +(.+)\n+")


def make_hugo_project(content: Path, dest: Path) -> Path:
    """dest/hugo.toml, dest/content/ and dest/layouts/ (bench/hugo/layouts): the same Markdown as Hugo pages.

    Hugo takes a page's title and place from its front matter, so each file gets a `title` (its first heading, which
    then leaves the body, as our pages show it as their h1) and a `weight` (our order). A folder's index.md becomes
    its _index.md, a section; a report's is of type `report`, with the report's layouts and a full-text page.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(HUGO_LAYOUTS, dest / "layouts")
    reports = {folder.name for folder in report_folders(content)}
    for source in sorted(content.rglob("*.md")):
        rel = source.relative_to(content)
        name = "_index.md" if rel.name == "index.md" else rel.name
        extra = {"type": "report", "cascade": {"type": "report"}, "outputs": ["html", "fulltext"]}
        target = dest / "content" / rel.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(hugo_page(source, extra if rel.parent.name in reports and name == "_index.md" else {}))
    name = front_matter(content / "index.md").get("site_name", "政府工作报告")
    (dest / "hugo.toml").write_text(HUGO_CONFIG.format(title=name), encoding="utf-8")
    return dest / "hugo.toml"


def hugo_page(source: Path, extra: dict) -> str:
    """The file with the front matter Hugo needs: title and weight added, our own keys (`template`, `slug`) left out."""
    text = source.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    meta = front_matter(source) if match else {}
    body = text[match.end() :] if match else text
    heading = HEADING_RE.match(body.lstrip("\n"))
    if heading:
        body = body.lstrip("\n")[heading.end() :]
    title = meta.get("title") or meta.get("term") or (heading.group(1) if heading else None)
    meta = {k: v for k, v in meta.items() if k not in ("template", "slug", "site_name")}
    meta["title"] = title or ROLE_TITLES.get(meta.get("role", ""), "正文")
    meta["weight"] = weight_of(source)
    meta.update(extra)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None) + "---\n" + body


def weight_of(source: Path) -> int:
    """Our reading order: parts and sections by their number, a part's closing after its sections, the conclusion last."""
    stem = source.parent.name if source.name == "index.md" else source.stem
    number = re.search(r"\d+$", stem)
    return int(number.group()) if number else 900 if stem in ("closing", "conclusion") else 0


HUGO_CONFIG = """\
baseURL = "/"
title = "{title}"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS"]

[outputFormats.fulltext]
mediaType = "text/html"
baseName = "full"
isHTML = true

[markup.goldmark.extensions]
footnote = true

[markup.tableOfContents]
startLevel = 2
endLevel = 4
"""


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def tree_size(out: Path) -> tuple[int, int]:
    """(bytes, files) of a built site."""
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
