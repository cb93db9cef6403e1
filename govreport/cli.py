"""The command line (`python build.py …` or `govreport …`): import a raw report, build the site, serve it while editing, check the text.

Each command parses its options and calls one function; paths left out are found from the content folder. Every
text here is English marked with N_() and shown in the editor's language (govreport/i18n.py), click's own too."""

from __future__ import annotations

import atexit
import gc
import gettext
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from . import i18n
from .i18n import N_, _, ngettext
from .options import BuildOptions, project_folder


def speak_in_clicks_words() -> None:
    """Click's own texts (Usage:, Options:, "Missing argument", …) through the project's catalogue: each click module
    bound gettext's functions at import, and looks them up by name when it speaks."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = ngettext  # type: ignore[attr-defined]


speak_in_clicks_words()


class Translated:
    """A command, group or option whose help is English marked with N_(), shown translated when help is asked for."""

    help: str | None

    def translated(self, method: Any, *args: Any) -> Any:
        english = self.help
        self.help = _(english) if english else english
        try:
            return method(*args)
        finally:
            self.help = english


class Option(Translated, click.Option):
    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        return self.translated(super().get_help_record, ctx)


class Command(Translated, click.Command):
    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.translated(super().format_help_text, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.translated(super().get_short_help_str, limit)


class Group(Translated, click.Group):
    command_class = Command

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.translated(super().format_help_text, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.translated(super().get_short_help_str, limit)


Group.group_class = Group


def option(*decls: str, **attrs: Any) -> Any:
    return click.option(*decls, cls=Option, **attrs)


FOLDER = click.Path(path_type=Path, file_okay=False)
CONTENT = option(
    "--content", type=FOLDER, default=Path("content"), show_default=True, help=N_("The Markdown content folder.")
)
TEMPLATES = option(
    "--templates",
    type=FOLDER,
    default=None,
    help=N_("Jinja templates  [default: templates/ beside the content folder, else this program's own]"),
)
ASSETS = option(
    "--assets",
    type=FOLDER,
    default=None,
    help=N_("Stylesheets, scripts and images  [default: assets/ beside the content folder, else this program's own]"),
)


def choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--lang: the editor's language from now on, and for serve's build process (it reads GOVREPORT_LANG)."""
    if value:
        os.environ[i18n.ENV] = value
        i18n.use(value)


@click.group(cls=Group, help=N_("Publish a government work report as a static website."))
@option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=choose_language,
    help=N_("The language of messages and help: zh (Chinese) or en (English)  [default: from the locale, LANG]"),
)
def cli() -> None:
    pass


@cli.command(
    "import",
    help=N_("Import a raw report (its text, in any paragraph shape) as Markdown under CONTENT/<year>/."),
)
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@option(
    "--content",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("content"),
    show_default=True,
    help=N_("Folder to write the Markdown into."),
)
@option(
    "--folder",
    default=None,
    help=N_(
        "The report's folder under CONTENT (default: its year, plus its kind and government when another report has the year)."
    ),
)
def import_command(source: Path, content: Path, folder: str | None) -> None:
    from govreport.importer import (
        report as importer,  # here, not at the top: `build` should not pay for loading what it never uses
    )

    from .summary import stage

    with stage(N_("reading the report"), long=True):  # a long PDF takes a while: its name shows on a terminal
        report, target, written, terms = importer.import_report(source, content, folder)
    click.echo(importer.summary(report, str(source)))
    if terms:
        message = _(
            "imported {source}: {files} file(s) written under {target}, {n} new glossary file(s) under {glossary}"
        )
    else:
        message = _("imported {source}: {files} file(s) written under {target}")
    click.echo(
        message.format(source=source, files=len(written), target=target, n=len(terms), glossary=content / "glossary")
    )


@cli.command("build", help=N_("Build the static site from CONTENT into OUT."))
@CONTENT
@TEMPLATES
@ASSETS
@option(
    "--out",
    type=FOLDER,
    default=None,
    help=N_("Folder to write the site into (replaced whole)  [default: output/ beside the content folder]"),
)
@option("--base-url", default=None, help=N_("Public address of the site, for canonical links and sitemap.xml."))
@option("--strict", is_flag=True, help=N_("Treat warnings as errors (a PDF that cannot be made, too)."))
@option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help=N_("Make each report's PDF (needs WeasyPrint and fonts-noto-cjk)."),
)
@option("--no-search", is_flag=True, help=N_("Skip the search index (Pagefind); the search page then finds nothing."))
@option("-q", "--quiet", is_flag=True, help=N_("Print errors only."))
@option("-v", "--verbose", is_flag=True, help=N_("Also name each stage of the build, with its time."))
def build_command(
    content: Path,
    templates: Path | None,
    assets: Path | None,
    out: Path | None,
    base_url: str | None,
    strict: bool,
    pdf: bool,
    no_search: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    from .summary import set_verbosity, summary_lines
    from .uptodate import build_unless_up_to_date

    started = time.perf_counter()
    set_verbosity(0 if quiet else 2 if verbose else 1)
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
    built, kept = build_unless_up_to_date(options)
    # At exit the interpreter's last collection would look through all the cycles the build left (0.4 s at 4,000
    # pages) only to free memory the process is about to give back; frozen objects it leaves alone.
    atexit.register(gc.freeze)
    if quiet:
        return
    for warning in built.warnings:
        click.echo(str(warning), err=True)
    click.echo("\n".join(summary_lines(built, out, time.perf_counter() - started, kept)))


@cli.command(
    "check",
    help=N_(
        "Check the content before publishing: every error `build` would stop at, and editorial warnings on the text. "
        "It never changes a file. Exit status 1 when there is an error (with --strict, a warning too)."
    ),
)
@CONTENT
@TEMPLATES
@ASSETS
@option("--strict", is_flag=True, help=N_("Exit with status 1 on warnings too."))
def check_command(content: Path, templates: Path | None, assets: Path | None, strict: bool) -> None:
    from .check import check_content  # here, not at the top: see import_command

    problems = check_content(content, templates, assets)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(
        _("{errors} error(s), {warnings} warning(s) in {content}").format(
            errors=errors, warnings=warnings, content=content
        )
        if errors
        else _("{warnings} warning(s) in {content}").format(warnings=warnings, content=content)
    )
    if errors or (strict and warnings):
        raise SystemExit(1)


@cli.command(
    "serve",
    help=N_("Build into .preview/, serve it, and rebuild and reload the browser on every save (Ctrl-C stops)."),
)
@CONTENT
@TEMPLATES
@ASSETS
@option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help=N_("Port to listen on; if it is taken, the next free one is used. 0 picks any free port."),
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=N_("Address to listen on; 0.0.0.0 shows the preview to other machines."),
)
@option("--open", "open_browser", is_flag=True, help=N_("Open the preview in the web browser."))
@option("--pdf", is_flag=True, help=N_("Also typeset the PDF on every save (slow: seconds, not milliseconds)."))
def serve_command(
    content: Path, templates: Path | None, assets: Path | None, port: int, host: str, open_browser: bool, pdf: bool
) -> None:
    from .serve.session import ServeOptions, serve  # here: `build` need not load the web server

    folders = BuildOptions(content=content, out=content, templates=templates, assets=assets)
    preview = project_folder(content, ".preview", own=False)
    options = ServeOptions(content=content, host=host, port=port, open_browser=open_browser, pdf=pdf, preview=preview)
    serve(replace(options, templates=folders.templates, assets=folders.assets))


@cli.group("glossary", help=N_("Help with the glossary (content/glossary/)."))
def glossary_group() -> None:
    pass


@glossary_group.command(
    "suggest",
    help=N_(
        "List the jargon of the report YEAR (its folder or slug; default every report) that has no glossary entry yet, "
        "most useful first: phrase, score, count, where it is first used and that sentence; then an entry to paste. "
        "It writes nothing."
    ),
)
@CONTENT
@click.argument("year", required=False)
def suggest_command(content: Path, year: str | None) -> None:
    from .glossary.suggest import suggest_lines  # here: see import_command

    for line in suggest_lines(content, year):
        click.echo(line)


@cli.group("figures", help=N_("Help with a report's key figures (content/<year>/figures.yml, the 数说 page)."))
def figures_group() -> None:
    pass


@figures_group.command(
    "suggest",
    help=N_(
        "List candidate figures of the report YEAR (default every report), best first, as figures.yml lines to paste. "
        "It writes nothing."
    ),
)
@CONTENT
@click.argument("year", required=False)
def figures_suggest_command(content: Path, year: str | None) -> None:
    from .figures.suggest import suggest_lines  # here: see import_command

    for line in suggest_lines(content, year):
        click.echo(line)
