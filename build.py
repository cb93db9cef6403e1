#!/usr/bin/env python3
"""The command line: import a raw report, build the site, serve it while editing, check the text."""
from __future__ import annotations

from pathlib import Path

import click

from govreport import importer
from govreport.serve import ServeOptions, serve
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
    written = importer.import_report(source, content)
    click.echo(f"imported {source}: {len(written)} file(s) written under {content}")


@cli.command("build")
@CONTENT
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True, help="Folder to write the site into (replaced whole).")
@click.option("--base-url", default=None, help="Public address of the site, for canonical links and sitemap.xml.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build_command(content: Path, out: Path, base_url: str | None, strict: bool) -> None:
    """Build the static site from CONTENT into OUT."""
    warnings = build_site(BuildOptions(content=content, out=out, base_url=base_url, strict=strict))
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(f"built {out}")


@cli.command("serve")
@CONTENT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on; if it is taken, the next free one is used. 0 picks any free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 shows the preview to other machines.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
def serve_command(content: Path, port: int, host: str, open_browser: bool) -> None:
    """Build into .preview/, serve it, and rebuild and reload the browser on every save (Ctrl-C stops)."""
    serve(ServeOptions(content=content, host=host, port=port, open_browser=open_browser))


if __name__ == "__main__":
    cli()
