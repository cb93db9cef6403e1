"""The four measurements: full build against MkDocs-Material, scale, reload and page weight."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from dataclasses import dataclass, field
from pathlib import Path

import corpus
import timing
import weight
from timing import Sample, Summary

QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}


def child_env(**extra: str) -> dict[str, str]:
    """This environment for a measured command, but with bytecode caching on, as on a normal install: where
    PYTHONDONTWRITEBYTECODE is set, govreport would recompile its own modules on every run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def build_command(python: str, root: Path, content: Path, out: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """`python3 build.py build`, run by the interpreter itself (no shell shim in front of it)."""
    return [python, str(root / "build.py"), "build", "--content", str(content), "--out", str(out), *extra]


def build_flags(python: str, root: Path) -> set[str]:
    """The options `build.py build --help` lists, so a flag added later (e.g. --no-pdf) is noticed."""
    help_text = subprocess.run(
        [python, str(root / "build.py"), "build", "--help"], cwd=root, capture_output=True, text=True
    ).stdout
    return set(re.findall(r"--[a-z][a-z-]+", help_text))


def ensure_venv(env_dir: Path, requirements: list[str]) -> Path:
    """A private virtualenv holding exactly these requirements (reinstalled when the list changes); returns its python."""
    python, stamp = env_dir / "bin" / "python", env_dir / "bench-requirements.txt"
    wanted = "\n".join(requirements) + "\n"
    if not python.exists() or not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        print(f"setting up {env_dir} …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True, symlinks=True).create(env_dir)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *requirements], check=True)
        stamp.write_text(wanted, encoding="utf-8")
    return python


def mkdocs_requirements(root: Path) -> list[str]:
    lines = (root / "bench" / "requirements-mkdocs.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def project_requirements(root: Path) -> list[str]:
    """The project's own dependencies, from pyproject.toml, so a dependency added later is installed too."""
    return list(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"])


def mkdocs_versions(python: Path) -> str:
    code = "from importlib.metadata import version as v; print(v('mkdocs'), v('mkdocs-material'))"
    mk, material = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return f"MkDocs {mk} + Material {material}"


@dataclass
class Contender:
    """One command in the side-by-side: its name, command line, and what its runs gave."""

    name: str
    cmd: list[str]
    cwd: Path
    env: dict[str, str] | None = None
    first: Sample | None = None
    samples: list[Sample] = field(default_factory=list)

    def run(self) -> Sample:
        return timing.run(self.cmd, self.cwd, self.env)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.samples)


def startup(python: Path | str, label: str, env: dict[str, str]) -> Contender:
    """The interpreter alone, `python -c pass`: the part of every build that no site generator can cut."""
    return Contender(label, [str(python), "-c", "pass"], Path.cwd(), env)


# The libraries every govreport build loads, whatever it builds: the stack the project is bound to.
STACK = ("click", "jinja2", "markdown_it", "mdit_py_plugins.footnote", "mdit_py_plugins.front_matter", "yaml")


def stack_imports(python: Path | str, env: dict[str, str]) -> Contender:
    """The interpreter importing the fixed stack and nothing else: the floor under any build made with it."""
    return Contender(
        f"govreport's Python importing its stack ({', '.join(STACK)})",
        [str(python), "-c", "import " + ", ".join(STACK)],
        Path.cwd(),
        env,
    )


def full_build(contenders: list[Contender], runs: int) -> list[Contender]:
    """One unmeasured first run each, then `runs` rounds taking each in turn, so a busy moment hits all alike."""
    for c in contenders:
        c.first = c.run()
    for _ in range(runs):
        for c in contenders:
            c.samples.append(c.run())
    return contenders


def mkdocs_contender(root: Path, python: Path, content: Path, work: Path) -> Contender:
    config = corpus.make_mkdocs_project(content, work / "mkdocs")
    cmd = [str(python), "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "mkdocs-site")]
    return Contender(mkdocs_versions(python), cmd, work / "mkdocs", child_env(**QUIET_MKDOCS))


def stage_times(
    python: str, root: Path, work: Path, copies: int, extra: tuple[str, ...], env: dict[str, str]
) -> dict[str, list[float]]:
    """One instrumented build of the largest scale content, with the scale runs' flags: {stage: [wall, CPU of the main process]}."""
    source, out = work / f"scale-{copies}" / "content", work / f"scale-{copies}" / "out"
    done = subprocess.run(
        [python, str(root / "bench" / "stages.py"), str(source), str(out), *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class ScalePoint:
    copies: int
    reports: int
    pages: int
    summary: Summary  # rebuilds into the previous output
    fresh: Summary  # builds into a folder that does not exist yet


def scale(
    python: str,
    root: Path,
    content: Path,
    work: Path,
    sizes: list[int],
    runs: int,
    extra: tuple[str, ...],
    env: dict[str, str],
) -> list[ScalePoint]:
    """Build N copies of the report for each N. Each round builds every size in turn, a rebuild after a
    one-paragraph edit and a new-folder build, so a busy moment on the machine falls on all sizes alike and the margins between them stay fair."""
    sources = {n: corpus.make_copies(content, work / f"scale-{n}", n) for n in sizes}
    commands = {n: build_command(python, root, sources[n], work / f"scale-{n}" / "out", extra) for n in sizes}
    for n in sizes:
        timing.run(commands[n], root, env)  # unmeasured: makes the previous output that rebuilds replace
    rebuilds: dict[int, list[Sample]] = {n: [] for n in sizes}
    fresh: dict[int, list[Sample]] = {n: [] for n in sizes}
    for i in range(runs):
        for n in sizes:
            corpus.edit_paragraph(sources[n], i)  # untimed: a rebuild follows an edit, as in editing
            rebuilds[n].append(timing.run(commands[n], root, env))
            fresh[n].append(fresh_build(python, root, sources[n], work / f"scale-{n}" / f"fresh-{i}", extra, env))
    return [
        ScalePoint(
            n,
            len(corpus.report_folders(sources[n])),
            len(corpus.html_pages(work / f"scale-{n}" / "out")),
            Summary.of(rebuilds[n]),
            Summary.of(fresh[n]),
        )
        for n in sizes
    ]


def fresh_build(
    python: str, root: Path, source: Path, out: Path, extra: tuple[str, ...], env: dict[str, str]
) -> Sample:
    """A build with no previous output: every page is a new file. The folder is deleted afterwards, untimed."""
    try:
        return timing.run(build_command(python, root, source, out, extra), root, env)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def margin_ms(a: ScalePoint, b: ScalePoint, cpu: bool = False, fresh: bool = False) -> float:
    """Milliseconds per extra page between two sizes."""
    sa, sb = (a.fresh, b.fresh) if fresh else (a.summary, b.summary)
    ta, tb = (sa.cpu, sb.cpu) if cpu else (sa.wall, sb.wall)
    return (tb - ta) / max(b.pages - a.pages, 1) * 1000


@dataclass(frozen=True)
class SiteWeight:
    name: str
    section_rel: str
    section: weight.Weight
    average: weight.Weight
    pages: int
    bytes: int
    files: int


def site_weight(name: str, site: Path, section_rel: str) -> SiteWeight:
    pages = [p.relative_to(site).as_posix() for p in corpus.html_pages(site)]
    size, files = corpus.tree_size(site)
    return SiteWeight(
        name,
        section_rel,
        weight.page_weight(site, section_rel),
        weight.average([weight.page_weight(site, rel) for rel in pages]),
        len(pages),
        size,
        files,
    )


def first_section(site: Path, pattern: str) -> str:
    """The first section page of the newest report, e.g. 2023/part-1/section-1.html."""
    found = sorted(p.relative_to(site).as_posix() for p in site.glob(pattern))
    return found[0] if found else "index.html"
