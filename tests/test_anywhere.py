"""The build does not depend on the working folder: run from `/` with absolute paths, as `govreport` or
`python -m govreport`, it builds the same site as `python build.py build` in the project folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parent.parent
FAST = ("--no-pdf", "--no-search")


def build(cwd: Path, command: list[str], *args: str) -> None:
    result = subprocess.run([*command, "build", *args, *FAST], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def from_the_project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("project") / "out"
    build(ROOT, [sys.executable, "build.py"], "--out", str(out))
    return tree_digest(out)


def test_build_py_run_from_the_root_folder(tmp_path: Path, from_the_project: dict[str, str]) -> None:
    build(
        Path("/"),
        [sys.executable, str(ROOT / "build.py")],
        "--content",
        str(ROOT / "content"),
        "--out",
        str(tmp_path / "out"),
    )
    assert tree_digest(tmp_path / "out") == from_the_project


def test_the_installed_command_run_from_the_root_folder(tmp_path: Path, from_the_project: dict[str, str]) -> None:
    command = shutil.which("govreport")
    assert command, "no `govreport` on the PATH: install the project with `python3 -m pip install -e .`"
    build(Path("/"), [command], "--content", str(ROOT / "content"), "--out", str(tmp_path / "out"))
    assert tree_digest(tmp_path / "out") == from_the_project


def test_python_dash_m(tmp_path: Path, from_the_project: dict[str, str]) -> None:
    build(ROOT, [sys.executable, "-m", "govreport"], "--out", str(tmp_path / "out"))
    assert tree_digest(tmp_path / "out") == from_the_project


def test_a_project_elsewhere_uses_its_own_templates_and_output(tmp_path: Path) -> None:
    """content/ beside templates/: those templates are used, and output/ is made beside content/, not in the working folder."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    page = tmp_path / "templates/page.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<p>本项目的模板</p>", 1),
        encoding="utf-8",
    )
    build(Path("/"), [sys.executable, str(ROOT / "build.py")], "--content", str(tmp_path / "content"))
    assert "本项目的模板" in (tmp_path / "output/2023/part-1/section-1.html").read_text(encoding="utf-8")
    assert (tmp_path / "output/assets/css/site.css").is_file()  # no assets/ in that project: the program's own
