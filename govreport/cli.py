"""The command line (`python build.py …` or `govreport …`): import a raw report, build the site, serve it while editing, check the text.

Each command parses its options and calls one function; paths left out are found from the content folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from .site import BuildOptions, build_site, project_folder

FOLDER = click.Path(path_type=Path, file_okay=False)
CONTENT = click.option(
    "--content", type=FOLDER, default=Path("content"), show_default=True, help="The Markdown content folder."
)
TEMPLATES = click.option(
    "--templates",
    type=FOLDER,
    default=None,
    help="Jinja templates  [default: templates/ beside the content folder, else this program's own]",
)
ASSETS = click.option(
    "--assets",
    type=FOLDER,
    default=None,
    help="Stylesheets, scripts and images  [default: assets/ beside the content folder, else this program's own]",
)


@click.group()
def cli() -> None:
    """Publish a government work report as a static website."""


@cli.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--content",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("content"),
    show_default=True,
    help="Folder to write the Markdown into.",
)
@click.option(
    "--folder",
    default=None,
    help="The report's folder under CONTENT (default: its year, plus its kind and government when another report has the year).",
)
def import_command(source: Path, content: Path, folder: str | None) -> None:
    """Import a raw report (its text, in any paragraph shape) as Markdown under CONTENT/<year>/."""
    from govreport.importer import (
        report as importer,  # here, not at the top: `build` should not pay for loading what it never uses
    )

    report, target, written, terms = importer.import_report(source, content, folder)
    click.echo(importer.summary(report, str(source)))
    new_terms = f", {len(terms)} new glossary file(s) under {content / 'glossary'}" if terms else ""
    click.echo(f"imported {source}: {len(written)} file(s) written under {target}{new_terms}")


@cli.command("build")
@CONTENT
@TEMPLATES
@ASSETS
@click.option(
    "--out",
    type=FOLDER,
    default=None,
    help="Folder to write the site into (replaced whole)  [default: output/ beside the content folder]",
)
@click.option("--base-url", default=None, help="Public address of the site, for canonical links and sitemap.xml.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (a PDF that cannot be made, too).")
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="Make each report's PDF (needs WeasyPrint and fonts-noto-cjk).",
)
@click.option("--no-search", is_flag=True, help="Skip the search index (Pagefind); the search page then finds nothing.")
def build_command(
    content: Path,
    templates: Path | None,
    assets: Path | None,
    out: Path | None,
    base_url: str | None,
    strict: bool,
    pdf: bool,
    no_search: bool,
) -> None:
    """Build the static site from CONTENT into OUT."""
    out = out or project_folder(content, "output", own=False)
    options = BuildOptions(
        content=content,
        out=out,
        templates=templates,
        assets=assets,
        base_url=base_url,
        strict=strict,
        pdf=pdf,
        search=not no_search,
    )
    warnings = build_site(options)
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(f"built {out}")


@cli.command("check")
@CONTENT
@TEMPLATES
@ASSETS
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too.")
def check_command(content: Path, templates: Path | None, assets: Path | None, strict: bool) -> None:
    """Check the content before publishing: every error `build` would stop at, and editorial warnings on the text.
    It never changes a file. Exit status 1 when there is an error (with --strict, a warning too)."""
    from .check import check_content  # here, not at the top: see import_command

    problems = check_content(content, templates, assets)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(
        f"{errors} error(s), {warnings} warning(s) in {content}" if errors else f"{warnings} warning(s) in {content}"
    )
    if errors or (strict and warnings):
        raise SystemExit(1)


@cli.command("serve")
@CONTENT
@TEMPLATES
@ASSETS
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; if it is taken, the next free one is used. 0 picks any free port.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 shows the preview to other machines.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
@click.option("--pdf", is_flag=True, help="Also typeset the PDF on every save (slow: seconds, not milliseconds).")
def serve_command(
    content: Path, templates: Path | None, assets: Path | None, port: int, host: str, open_browser: bool, pdf: bool
) -> None:
    """Build into .preview/, serve it, and rebuild and reload the browser on every save (Ctrl-C stops)."""
    from .serve.session import ServeOptions, serve  # here: `build` need not load the web server

    folders = BuildOptions(content=content, out=content, templates=templates, assets=assets)
    preview = project_folder(content, ".preview", own=False)
    options = ServeOptions(content=content, host=host, port=port, open_browser=open_browser, pdf=pdf, preview=preview)
    serve(replace(options, templates=folders.templates, assets=folders.assets))


@cli.group("glossary")
def glossary_group() -> None:
    """Help with the glossary (content/glossary/)."""


@glossary_group.command("suggest")
@CONTENT
@click.argument("year", required=False)
def suggest_command(content: Path, year: str | None) -> None:
    """List the jargon of the report YEAR (its folder or slug; default every report) that has no glossary entry yet,
    most useful first: phrase, score, count, where it is first used and that sentence; then an entry to paste.
    It writes nothing."""
    from .glossary.suggest import suggest_lines  # here: see import_command

    for line in suggest_lines(content, year):
        click.echo(line)


@cli.group("figures")
def figures_group() -> None:
    """Help with a report's key figures (content/<year>/figures.yml, the 数说 page)."""


@figures_group.command("suggest")
@CONTENT
@click.argument("year", required=False)
def figures_suggest_command(content: Path, year: str | None) -> None:
    """List candidate figures of the report YEAR (default every report), best first, as figures.yml lines to paste.
    It writes nothing."""
    from .figures.suggest import suggest_lines  # here: see import_command

    for line in suggest_lines(content, year):
        click.echo(line)
