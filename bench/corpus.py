"""The content a benchmark builds: the real report, N copies of it, and the same Markdown as a MkDocs project."""

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


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def tree_size(out: Path) -> tuple[int, int]:
    """(bytes, files) of a built site."""
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
