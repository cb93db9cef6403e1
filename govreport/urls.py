"""Relative URLs between output files, so the site works under any sub-path and from file://."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def relative_from_folder(folder: str, to_path: str) -> str:
    """The link from a page in `folder` to an output file (or to `file#anchor`); never starts with `/`.
    Takes the page's folder, not its path: a page makes dozens of links, so the folder is worked out once."""
    target, _, fragment = to_path.partition("#")
    if not target:
        return "#" + fragment
    rel = relpath(target, folder)
    return rel + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65536)
def relpath(target: str, start: str) -> str:
    """posixpath.relpath for paths inside the output folder, without its getcwd() per call (a page makes dozens)."""
    to_parts = [p for p in posixpath.normpath(target).split("/") if p not in ("", ".")]
    from_parts = [p for p in posixpath.normpath(start or ".").split("/") if p not in ("", ".")]
    if ".." in to_parts or ".." in from_parts:
        return posixpath.relpath(target, start or ".")
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
