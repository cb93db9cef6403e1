"""One owner per published path: everything that makes a file of the site claims its path here, before anything is
rendered, and a second claim on a path is a content error naming both claimants.

The site's own files claim first (the home page, search, 404, the sitemap, the glossary's index, and the folders
`assets/` and `pagefind/` whole), then the reports, the glossary entries and the pages of `content/pages/`, each
with the file and line an editor would change. So a page named `search`, a term with `slug: index`, two reports
with one `slug:` or a report called `glossary` are refused, and the names the site reserves are simply the ones
it claims: no list to keep by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corrections import PATH as CORRECTIONS_PATH
from .errors import Problem
from .glossary import INDEX_PATH
from .i18n import N_, _
from .incremental import Reuse
from .model import Site
from .model.document import Document
from .parse import Parsed

SITE_FILES = (  # each owner is a noun phrase that the conflict's sentence names (translated when claimed)
    ("index.html", N_("the site's home page")),
    ("search.html", N_("the search page")),
    ("404.html", N_("the page-not-found page")),
    ("sitemap.xml", N_("the sitemap")),
    (INDEX_PATH, N_("the glossary's index")),
    (CORRECTIONS_PATH, N_("the corrections page (更正记录)")),
    ("trends.html", N_("the trends page (历年数据)")),
    ("assets/", N_("the site's assets (assets/)")),
    ("pagefind/", N_("the search index (pagefind/)")),
)


@dataclass(frozen=True)
class Claim:
    """A published path (a folder when it ends with /), who makes it, and where an editor would change that."""

    path: str
    owner: str  # as the first claimant is named: "the search page", "the report 2023 (content/2023/index.md)"
    source: str | None = None
    line: int | None = None
    what: str = ""  # as a second claimant names itself in its own file's message: "this page"


def site_claims(site: Site, reuse: Reuse | None = None) -> list[Claim]:
    """Every claim, the site's own first; a report's own, when the last build made them for it, are not made again."""
    reuse = reuse or Reuse()
    claims = [Claim(path, _(owner)) for path, owner in SITE_FILES]
    parsed = {p.source.display: p for p in site.parsed}
    for report in site.reports:
        line = report_slug_line(parsed, report.source)
        claims += reuse.get("claims", report.source, (report,), lambda r=report, n=line: report_claims(r, n), line)
    reuse.forget("claims", {r.source for r in site.reports})
    for term in site.glossary.terms:
        owner = _("the glossary entry {term} ({path})").format(term=term.term, path=term.path)
        claims.append(Claim(term.out_path, owner, term.path, 1, _("this glossary entry")))
    for page in site.pages:
        owner = _("the page {path}").format(path=page.source)
        claims.append(Claim(page.path, owner, page.source, 1, _("this page")))
    return claims


def report_claims(report: Document, line: int) -> list[Claim]:
    owner = _("the report {slug} ({path})").format(slug=report.slug, path=report.source)
    paths = [out.path for out in report.outputs()]
    if report.pdf_template:
        paths.append(f"{report.slug}/report.pdf")
    return [Claim(path, owner, report.source, line, _("this report")) for path in paths]


def report_slug_line(parsed: dict[str, Parsed], source: str) -> int:
    """The line of the report's `slug:` if it has one (that is what to change), else its first line."""
    item = parsed.get(source)
    return item.meta_lines.get("slug", 1) if item else 1


def check_claims(claims: list[Claim]) -> list[Problem]:
    """A problem for each claim on a path (or under a folder) that an earlier claim already holds."""
    exact: dict[str, Claim] = {}
    folders: list[Claim] = []
    problems: list[Problem] = []
    reported: set[tuple[str | None, str]] = set()
    for claim in claims:
        first = holder(claim, exact, folders)
        if first is None:
            (folders.append(claim) if claim.path.endswith("/") else exact.setdefault(claim.path, claim))
            continue
        if claim.source is not None and (claim.source, first.owner) not in reported:
            reported.add((claim.source, first.owner))
            problems.append(conflict(claim, first))
    return problems


def holder(claim: Claim, exact: dict[str, Claim], folders: list[Claim]) -> Claim | None:
    if claim.path in exact:
        return exact[claim.path]
    folder = next((f for f in folders if claim.path.startswith(f.path)), None)
    if folder is not None:
        return folder
    if claim.path.endswith("/"):
        return next((c for path, c in exact.items() if path.startswith(claim.path)), None)
    return None


def conflict(claim: Claim, first: Claim) -> Problem:
    return Problem(
        claim.source or "",
        claim.line,
        _("{what} would be published as {path}, which {owner} already uses: give it another name").format(
            what=claim.what, path=claim.path, owner=first.owner
        ),
    )
