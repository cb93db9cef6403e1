"""What a build is asked to do (BuildOptions), and where the project's folders are; nothing heavy is imported here, so
that the command line can tell that a build has nothing to do before it loads the pipeline (see uptodate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]  # this checkout: build.py, templates/, assets/ beside the package


@dataclass(frozen=True)
class BuildOptions:
    """What to build from where; templates and assets left out are the project's own (see `project_folder`)."""

    content: Path
    out: Path
    templates: Path = None  # type: ignore[assignment]  # filled in by __post_init__
    assets: Path = None  # type: ignore[assignment]
    base_url: str | None = None
    strict: bool = False
    pdf: bool = True  # False skips the PDF on purpose (build --no-pdf; serve, unless asked), with no warning
    search: bool = True

    def __post_init__(self) -> None:
        for name in ("templates", "assets"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, project_folder(self.content, name))


def project_folder(content: Path, name: str, own: bool = True) -> Path:
    """A folder of the project the content folder belongs to (beside content/); for templates/ and assets/ (`own`),
    this checkout's own when the project has none. Never the working folder: run from anywhere, a build is the same."""
    beside = content.parent / name
    return PROJECT / name if own and not beside.is_dir() and (PROJECT / name).is_dir() else beside
