#!/usr/bin/env python3
"""Benchmark the site build: full build against MkDocs-Material, scale to 100 reports, reload latency, page weight.

Run from anywhere: `python3 bench/run.py` prints the tables; `--write` also saves them to BENCHMARKS.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import machine  # noqa: E402
import report  # noqa: E402
import suites  # noqa: E402
import versus_hugo  # noqa: E402
from reloading import measure_reload  # noqa: E402
from report import Results, render  # noqa: E402


@click.command()
@click.option("--runs", default=5, show_default=True, help="Measured runs of each build (after one first run).")
@click.option(
    "--sizes",
    default="1,10,100,250",
    show_default=True,
    help="Copies of the report for the scale test (250 copies make about 4,000 pages).",
)
@click.option(
    "--mkdocs/--no-mkdocs",
    default=True,
    show_default=True,
    help="Compare with MkDocs-Material (installed into --venv on first use).",
)
@click.option(
    "--venv",
    "venv_dir",
    type=click.Path(path_type=Path),
    default=HERE / ".venv",
    help="Where MkDocs-Material is installed  [default: bench/.venv]",
)
@click.option(
    "--project-venv/--this-python",
    default=True,
    show_default=True,
    help="Run govreport in its own clean virtualenv (bench/.venv-govreport) like MkDocs, or with this interpreter.",
)
@click.option(
    "--reload/--no-reload",
    "with_reload",
    default=True,
    show_default=True,
    help="Measure save-to-reload latency with bench/reload.py.",
)
@click.option(
    "--hugo/--no-hugo",
    default=True,
    show_default=True,
    help="Compare the whole build with Hugo (Debian's package; installed when run as root).",
)
@click.option(
    "--hugo-sizes", default="100,250", show_default=True, help="Copies of the report for the Hugo comparison."
)
@click.option(
    "--only-hugo",
    is_flag=True,
    help="Measure only the Hugo comparison and put it into the --write file in place of its old section.",
)
@click.option("--quick", is_flag=True, help="One run, N=1 only: checks that the benchmark works, measures little.")
@click.option(
    "--write",
    "write_to",
    type=click.Path(path_type=Path),
    default=None,
    is_flag=False,
    flag_value=ROOT / "BENCHMARKS.md",
    help="Also write the tables to this file  [flag alone: BENCHMARKS.md]",
)
def main(
    runs: int,
    sizes: str,
    mkdocs: bool,
    venv_dir: Path,
    project_venv: bool,
    with_reload: bool,
    hugo: bool,
    hugo_sizes: str,
    only_hugo: bool,
    quick: bool,
    write_to: Path | None,
) -> None:
    """Measure the build and print the results as Markdown tables."""
    if quick:
        runs, sizes, hugo_sizes = 1, "1", "1,2"
    if only_hugo:
        return hugo_only(runs, [int(s) for s in hugo_sizes.split(",")], project_venv, write_to)
    size_list = [int(s) for s in sizes.split(",") if s.strip()]
    results = Results(
        machine.describe(), "python3 bench/run.py" + (" --quick" if quick else ""), machine.load_average()
    )
    work = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    try:
        python = (
            str(suites.ensure_venv(HERE / ".venv-govreport", suites.project_requirements(ROOT)))
            if project_venv
            else sys.executable
        )
        results.own_venvs = project_venv
        measure(results, work, python, runs, size_list, mkdocs, venv_dir, with_reload, quick)
        if hugo:
            compare_hugo(results, work, python, runs, [int(s) for s in hugo_sizes.split(",")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results.load_after = machine.load_average()
    text = render(results)
    click.echo(text)
    if write_to:
        write_to.write_text(text, encoding="utf-8")
        click.echo(f"wrote {write_to}", err=True)


def compare_hugo(results: Results, work: Path, python: str, runs: int, sizes: list[int]) -> None:
    hugo = versus_hugo.ensure_hugo()
    results.hugo_name = versus_hugo.hugo_version(hugo)
    click.echo(f"Hugo: N = {', '.join(map(str, sizes))}", err=True)
    results.hugo = versus_hugo.whole_builds(python, ROOT, work, sizes, runs, hugo)


def hugo_only(runs: int, sizes: list[int], project_venv: bool, write_to: Path | None) -> None:
    """The Hugo section alone, merged into the file it is written to (the rest of it is kept as it was)."""
    results = Results(machine.describe(), "python3 bench/run.py --only-hugo", machine.load_average())
    work = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    try:
        python = (
            str(suites.ensure_venv(HERE / ".venv-govreport", suites.project_requirements(ROOT)))
            if project_venv
            else sys.executable
        )
        compare_hugo(results, work, python, runs, sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results.load_after = machine.load_average()
    section = report.hugo_section(results)
    click.echo(section)
    if write_to:
        old = write_to.read_text(encoding="utf-8") if write_to.exists() else ""
        write_to.write_text(report.merge_section(old, section, report.HUGO_HEADING), encoding="utf-8")
        click.echo(f"wrote {write_to}", err=True)


def measure(
    results: Results,
    work: Path,
    python: str,
    runs: int,
    sizes: list[int],
    mkdocs: bool,
    venv_dir: Path,
    with_reload: bool,
    quick: bool,
) -> None:
    content = ROOT / "content"
    flags = suites.build_flags(python, ROOT)
    env = suites.child_env(GOVREPORT_CACHE=str(work / "cache"))  # empty at first: the first run is a cold build
    contenders = [
        suites.Contender(
            "govreport `build.py build`", suites.build_command(python, ROOT, content, work / "site"), ROOT, env
        )
    ]
    if "--no-pdf" in flags:
        contenders.append(
            suites.Contender(
                "govreport `build.py build --no-pdf`",
                suites.build_command(python, ROOT, content, work / "site-no-pdf", ("--no-pdf",)),
                ROOT,
                env,
            )
        )
        contenders.append(
            suites.Contender(
                "govreport `build.py build --no-pdf`, build cache off",
                suites.build_command(python, ROOT, content, work / "site-no-cache", ("--no-pdf",)),
                ROOT,
                {**env, "GOVREPORT_CACHE": "off"},
            )
        )
        results.notes.append("`--no-pdf` skips the PDF, which MkDocs does not make either; the scale test uses it.")
    starts = [
        suites.startup(
            python,
            "govreport's Python" + (" (bench/.venv-govreport)" if python != sys.executable else " (this interpreter)"),
            env,
        ),
        suites.stack_imports(python, env),
    ]
    if mkdocs:
        mkdocs_python = suites.ensure_venv(venv_dir, suites.mkdocs_requirements(ROOT))
        contenders.append(suites.mkdocs_contender(ROOT, mkdocs_python, content, work))
        starts.append(suites.startup(mkdocs_python, "MkDocs' Python (bench/.venv)", suites.child_env()))
    click.echo(f"1/4 full build: {runs} run(s) of {len(contenders)} command(s)", err=True)
    results.full = suites.full_build(contenders, runs)
    results.startup = suites.full_build(starts, runs)
    click.echo(f"2/4 scale: N = {', '.join(map(str, sizes))}", err=True)
    extra = ("--no-pdf",) if "--no-pdf" in flags else ()
    results.scale = suites.scale(python, ROOT, content, work, sizes, runs, extra, env)
    results.stages = suites.stage_times(python, ROOT, work, sizes[-1], extra, env)
    if with_reload:
        click.echo("3/4 reload", err=True)
        results.reload = measure_reload(ROOT, quick)
    click.echo("4/4 page weight", err=True)
    results.weights.append(
        suites.site_weight("govreport", work / "site", suites.first_section(work / "site", "*/part-1/section-1.html"))
    )
    if mkdocs:
        site = work / "mkdocs-site"
        results.weights.append(
            suites.site_weight("MkDocs-Material", site, suites.first_section(site, "*/part-1/section-1/index.html"))
        )


if __name__ == "__main__":
    main()
