"""Import: a raw report as an office hands it over → Markdown files in `content/` (read, then the rules, then write)."""

from __future__ import annotations

from .report import ImportedReport, import_report, import_text

__all__ = ["ImportedReport", "import_report", "import_text"]
