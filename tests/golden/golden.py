"""Build the small golden content folder with the project's templates and assets, and read back its text files."""

from __future__ import annotations

import os
from pathlib import Path

from govreport.site import BuildOptions, build_site

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COMPARED = (".html", ".xml")


def build_golden(out: Path) -> Path:
    build_site(
        BuildOptions(
            content=HERE / "content",
            out=out,
            templates=ROOT / "templates",
            assets=ROOT / "assets",
            base_url="https://example.org/reports/",
            pdf=False,
            search=False,
        )
    )
    return out


def golden_files(site: Path) -> dict[str, str]:
    """The pages, by relative path; assets and binary outputs are left out (they have their own tests)."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*"))
        if p.suffix in COMPARED and os.sep + "pagefind" + os.sep not in str(p)
    }
