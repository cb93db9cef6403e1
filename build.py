#!/usr/bin/env python3
"""The command line: import a raw report, build the site, serve it while editing, check the text."""
from __future__ import annotations

from pathlib import Path

import click

from govreport.site import BuildOptions, build_site

CONTENT = click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"), show_default=True, help="The Markdown content folder.")


@click.group()
def cli() -> None:
    """Publish a government work report as a static website."""


@cli.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"), show_default=True, help="Folder to write the Markdown into.")
def import_command(source: Path, content: Path) -> None:
    """Import a raw report (.txt from the PDF) as Markdown under CONTENT/<year>/."""
    from govreport.importer import report as importer  # here, not at the top: `build` should not pay for loading what it never uses

    written = importer.import_report(source, content)
    click.echo(f"imported {source}: {len(written)} file(s) written under {content}")


@cli.command("build")
@CONTENT
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True, help="Folder to write the site into (replaced whole).")
@click.option("--base-url", default=None, help="Public address of the site, for canonical links and sitemap.xml.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (a PDF that cannot be made, too).")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Make each report's PDF (needs WeasyPrint and fonts-noto-cjk).")
@click.option("--no-search", is_flag=True, help="Skip the search index (Pagefind); the search page then finds nothing.")
def build_command(content: Path, out: Path, base_url: str | None, strict: bool, pdf: bool, no_search: bool) -> None:
    """Build the static site from CONTENT into OUT."""
    warnings = build_site(BuildOptions(content=content, out=out, base_url=base_url, strict=strict, pdf=pdf, search=not no_search))
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(f"built {out}")


@cli.command("check")
@CONTENT
@click.option("--strict", is_flag=True, help="Exit with status 1 when anything is found.")
def check_command(content: Path, strict: bool) -> None:
    """An editorial check of the text before publishing; it never changes a file."""
    from govreport.check import check_content  # here, not at the top: see import_command

    warnings = check_content(content)
    for warning in warnings:
        click.echo(str(warning))
    click.echo(f"{len(warnings)} warning(s) in {content}")
    if strict and warnings:
        raise SystemExit(1)


@cli.command("serve")
@CONTENT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on; if it is taken, the next free one is used. 0 picks any free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 shows the preview to other machines.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
@click.option("--pdf", is_flag=True, help="Also typeset the PDF on every save (slow: seconds, not milliseconds).")
def serve_command(content: Path, port: int, host: str, open_browser: bool, pdf: bool) -> None:
    """Build into .preview/, serve it, and rebuild and reload the browser on every save (Ctrl-C stops)."""
    from govreport.serve.session import ServeOptions, serve  # here: `build` need not load the web server

    serve(ServeOptions(content=content, host=host, port=port, open_browser=open_browser, pdf=pdf))


if __name__ == "__main__":
    cli()
