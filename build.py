#!/usr/bin/env python3
"""The command line: import a raw report, build the site, serve it while editing, check the text."""
from __future__ import annotations

from pathlib import Path

import click

from govreport import importer


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


if __name__ == "__main__":
    cli()
