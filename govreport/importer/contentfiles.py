"""Write imported Markdown into content/, never overwriting a file an editor has changed since the last import."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..errors import ContentError, Problem
from ..files import write_atomic
from ..i18n import _
from ..links import is_within

MANIFEST = ".import.json"


def write_imported(files: dict[str, str | bytes], report_dir: Path) -> list[Path]:
    """Write every file (Markdown, or an image's bytes) or none: refuse when any target was edited by hand. A file the last import wrote that
    this one does not (a section the report no longer has) is removed, unless an editor changed it."""
    recorded = read_manifest(report_dir)
    stale = [rel for rel in recorded if rel not in files and (report_dir / rel).exists()]
    problems = [
        edited_problem(report_dir / rel)
        for rel, text in files.items()
        if is_edited(report_dir / rel, text, recorded.get(rel))
    ] + [stale_problem(report_dir / rel) for rel in stale if digest_of(report_dir / rel) != recorded[rel]]
    if problems:
        raise ContentError(problems)
    for rel in stale:
        (report_dir / rel).unlink()
    written = [report_dir / rel for rel, text in files.items() if write_if_changed(report_dir / rel, text)]
    manifest = json.dumps({rel: digest(text) for rel, text in sorted(files.items())}, indent=1) + "\n"
    write_atomic(report_dir / MANIFEST, manifest.encode("utf-8"))
    return written


def read_manifest(report_dir: Path) -> dict[str, str]:
    try:
        return json.loads((report_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def is_edited(path: Path, new_text: str | bytes, recorded_digest: str | None) -> bool:
    """A file exists, differs from what we would write and is not what we wrote last time."""
    if not path.exists():
        return False
    current = path.read_bytes()
    return current != as_bytes(new_text) and hashlib.sha256(current).hexdigest() != recorded_digest


def edited_problem(path: Path) -> Problem:
    return Problem(
        str(path), None, _("changed since the last import; not overwritten (move the file away to re-import it)")
    )


def stale_problem(path: Path) -> Problem:
    return Problem(
        str(path), None, _("written by the last import, changed since, and not in this one: move it away to re-import")
    )


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_if_changed(path: Path, text: str | bytes) -> bool:
    data = as_bytes(text)
    if path.exists() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True


def digest(text: str | bytes) -> str:
    return hashlib.sha256(as_bytes(text)).hexdigest()


def as_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def write_new_terms(files: dict[str, str], glossary_dir: Path) -> list[Path]:
    """Glossary files the site does not have yet. A term that has a file already keeps it: the glossary is the
    whole site's, and an entry may have been written by an editor, or by another report's import."""
    new = {rel: text for rel, text in files.items() if not (glossary_dir / rel).exists()}
    for rel, text in new.items():
        write_atomic(glossary_dir / rel, text.encode("utf-8"))
    return [glossary_dir / rel for rel in new]


def refuse_links_out(paths: list[Path], content_dir: Path) -> None:
    """Write nothing when a path would be written through a link out of content/ (a report folder, its images/, a
    file) or through a link to nothing; every such link is named."""
    real_root = os.path.realpath(content_dir)
    problems = {p.path: p for p in (link_out(path, content_dir, real_root) for path in paths) if p is not None}
    if problems:
        raise ContentError(list(problems.values()))


def link_out(path: Path, content_dir: Path, real_root: str) -> Problem | None:
    """The first folder or file on the way from content_dir to path that is a link out of it, or to nothing."""
    step = content_dir
    for part in path.relative_to(content_dir).parts:
        step = step / part
        if not step.is_symlink():
            continue
        if not step.exists():
            return Problem(
                str(step),
                None,
                _("broken link (to {target}): the import writes nothing through it").format(target=os.readlink(step)),
            )
        if not is_within(os.path.realpath(step), real_root):
            return Problem(
                str(step),
                None,
                _("a link to {target}, outside {folder}/: the import writes only inside it; remove the link").format(
                    target=os.path.realpath(step), folder=content_dir.name
                ),
            )
    return None
