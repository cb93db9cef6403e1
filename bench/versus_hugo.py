"""The comparison with Hugo (issue 19): the same Markdown built whole by both at two sizes, taking turns.

Hugo comes from Debian (`apt-get install -y hugo`); it is installed here when the bench runs as root, as MkDocs is
installed into its venv on first use, and otherwise the bench says how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import click
import corpus
import timing
from suites import build_command, child_env
from timing import Sample, Summary


def ensure_hugo() -> str:
    """The hugo command, installed from Debian first when missing and this is root."""
    found = shutil.which("hugo")
    if found is None and os.geteuid() == 0:
        click.echo("installing hugo (apt-get install -y hugo) …", err=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True)
        found = shutil.which("hugo")
    if found is None:
        raise click.ClickException("Hugo is not installed: run `sudo apt-get install -y hugo`, or pass --no-hugo")
    return found


def hugo_version(hugo: str) -> str:
    words = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout.split()
    return "Hugo " + words[1].lstrip("v").split("+")[0]


@dataclass(frozen=True)
class HugoPoint:
    """One size: pages each made and the median whole build of each."""

    copies: int
    ours_pages: int
    hugo_pages: int
    ours: Summary
    hugo: Summary
    edited: Summary | None = None  # our rebuild after a one-paragraph edit, build cache warm


def whole_builds(python: str, root: Path, work: Path, sizes: list[int], runs: int, hugo: str) -> list[HugoPoint]:
    """For each size, our build with the cache off and Hugo's, into their previous output, A B A B … in every round;
    and our rebuild after a one-paragraph edit with the build cache warm (the edit untimed), as an editor's next build."""
    env = child_env(GOVREPORT_CACHE="off")
    warm = child_env(GOVREPORT_CACHE=str(work / "hugo-cache"))
    commands: dict[int, tuple[list[str], list[str], list[str]]] = {}
    contents = {}
    for n in sizes:
        content = contents[n] = corpus.make_copies(root / "content", work / f"hugo-{n}", n)
        project = corpus.make_hugo_project(content, work / f"hugo-{n}" / "hugo").parent
        flags = ("--no-pdf", "--no-search")
        ours = build_command(python, root, content, work / f"hugo-{n}" / "ours", flags)
        edited = build_command(python, root, content, work / f"hugo-{n}" / "ours-edited", flags)
        commands[n] = (ours, [hugo, "--quiet", "-s", str(project), "-d", str(work / f"hugo-{n}" / "site")], edited)
        for i, cmd in enumerate(commands[n]):
            timing.run(cmd, root, warm if i == 2 else env)  # unmeasured: makes the output the measured runs replace
    samples: dict[tuple[int, int], list[Sample]] = {(n, i): [] for n in sizes for i in (0, 1, 2)}
    for r in range(runs):
        for n in sizes:
            for i, cmd in enumerate(commands[n]):
                if i == 2:
                    corpus.edit_paragraph(contents[n], r)
                samples[(n, i)].append(timing.run(cmd, root, warm if i == 2 else env))
    return [
        HugoPoint(
            n,
            len(corpus.html_pages(work / f"hugo-{n}" / "ours")),
            len(corpus.html_pages(work / f"hugo-{n}" / "site")),
            Summary.of(samples[(n, 0)]),
            Summary.of(samples[(n, 1)]),
            Summary.of(samples[(n, 2)]),
        )
        for n in sizes
    ]


def margin(a: HugoPoint, b: HugoPoint, hugo: bool, cpu: bool = False) -> float:
    """Milliseconds per extra page between two sizes: of wall time, or (`cpu`) of CPU time, all processes'."""
    sa, sb = (a.hugo, b.hugo) if hugo else (a.ours, b.ours)
    wa, wb = (sa.cpu, sb.cpu) if cpu else (sa.wall, sb.wall)
    pa, pb = (a.hugo_pages, b.hugo_pages) if hugo else (a.ours_pages, b.ours_pages)
    return (wb - wa) / max(pb - pa, 1) * 1000
