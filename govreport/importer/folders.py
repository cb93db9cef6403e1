"""Where an imported report goes in content/: a folder named from the document itself, never another report's.

The 政府工作报告 of a year goes to `content/<year>/`, as it always has. A second report of that year is told
apart by what it says it is: another kind of document (预算, 计划, 决算 in its title) adds the kind, another
government (代表…人民政府) adds the government, in pinyin (`2024-yu-suan`, `2024-nan-hu-qu`). A folder that holds
another report is never written into: the import refuses, naming the folder and `--folder`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import fail
from ..i18n import _
from ..slug import is_safe_slug, pinyin_slug

KINDS_BESIDES_THE_WORK_REPORT = ("决算", "预算", "计划")  # the kind's word in the title, first match wins
IDENTITY_KEYS = ("title", "meeting", "author")
GOVERNMENT_RE = re.compile(r"人民政府$")


def choose_folder(meta: dict[str, Any], content_dir: Path, folder: str | None, source: str) -> Path:
    """The report's folder under content_dir: `folder` if given, else the first free name the document calls for."""
    if folder is not None:
        if not is_safe_slug(folder):
            raise fail(
                source,
                None,
                _("--folder {folder} must be lower-case letters, digits and hyphens").format(folder=repr(folder)),
            )
        target = content_dir / folder
        if holds_another_report(target, meta):
            raise fail(
                str(target),
                None,
                _("holds another report ({report}); choose another --folder").format(report=report_name(target)),
            )
        return target
    names = folder_names(meta)
    for name in names:
        if not holds_another_report(content_dir / name, meta):
            return content_dir / name
    taken = ", ".join(f"{content_dir / name} ({report_name(content_dir / name)})" for name in names)
    raise fail(
        source,
        None,
        _("these folders hold other reports: {taken}; choose a folder with --folder NAME").format(taken=taken),
    )


def folder_names(meta: dict[str, Any]) -> list[str]:
    """The names the document calls for, shortest first: the year, then with its kind and government."""
    year = str(meta["date"].year)
    kind = next((pinyin_slug(word) for word in KINDS_BESIDES_THE_WORK_REPORT if word in str(meta["title"])), "")
    government = pinyin_slug(GOVERNMENT_RE.sub("", str(meta["author"]))) if meta.get("author") else ""
    first = "-".join(filter(None, [year, kind]))
    return list(dict.fromkeys([first, "-".join(filter(None, [year, government, kind]))]))


def holds_another_report(folder: Path, meta: dict[str, Any]) -> bool:
    """The folder has a report whose title block is not this one's (a folder with no index.md is free)."""
    index = folder / "index.md"
    if not index.exists():
        return any(folder.glob("**/*.md"))
    there = front_matter(index)
    return there is None or any(there.get(key) != meta.get(key) for key in IDENTITY_KEYS)


def front_matter(index: Path) -> dict[str, Any] | None:
    text = index.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return None
    try:
        data = yaml.safe_load(text[4 : text.index("\n---", 3)])
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def report_name(folder: Path) -> str:
    there = front_matter(folder / "index.md") or {}
    return " ".join(str(there[key]) for key in ("author", "title") if there.get(key)) or _("files of another report")
