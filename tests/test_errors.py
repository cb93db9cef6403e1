"""Bad input: each case prints exact `path:line: message` lines, exits 1 without a traceback, and changes neither output/ nor content/."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli import build_py
from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "content"
SECTION = "content/2099/part-1/section-1.md"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden content, the real templates and assets, and a good build of them in output/: built once, never changed."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(GOLDEN, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "assets", root / "assets")
    assert run(root, "build").returncode == 0
    return root


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A throwaway project: a copy of built_project, its previous build (output/) included, for the test to break."""
    shutil.copytree(built_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """build.py in cwd; a build skips the PDF, which has its own tests, to keep these quick."""
    extra = ["--no-pdf"] if args[:1] == ("build",) else []
    return build_py(cwd, *args, *extra)


def append(rel: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with open(root / rel, "a", encoding="utf-8") as f:
            f.write(text)

    return change


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return change


def write_bytes(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / rel).write_bytes(data)


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "undefined footnote": (
        append(SECTION, "\n又见[^9]。\n"),
        [f"{SECTION}:9: footnote [^9] is referenced but never defined"],
    ),
    "duplicate footnote in one file": (
        append(SECTION, "\n[^1]: 重复。\n"),
        [
            f"{SECTION}:9: footnote [^1] is defined twice (first at line 7)",
            # the later definition wins in markdown-it, so the glossary's quotation no longer matches
            "content/glossary/san-zhan-yi-chang.md:9: the definition is not quoted from footnote [^1] of report 2099: copy the report's words exactly (do not paraphrase), or correct `source:`",
            "2 errors",
        ],
    ),
    "same footnote number in two files": (
        append("content/2099/conclusion.md", "\n再见[^1]。\n\n[^1]: 另一条。\n"),
        [
            "content/2099/conclusion.md:5: footnote [^1] is also defined in content/2099/part-1/section-1.md:7: each footnote number is used once in a report"
        ],
    ),
    "broken front matter": (
        replace("content/2099/index.md", "title: 政府工作报告", "title: [政府工作报告"),
        ["content/2099/index.md:3: front matter: expected ',' or ']', but got ':'"],
    ),
    "invalid UTF-8": (
        write_bytes(SECTION, "## （一）标题\n\n正文".encode() + b"\xff\xfe\n"),
        [f"{SECTION}:3: invalid UTF-8: save the file as UTF-8"],
    ),
    "emptied content file": (
        write_bytes(SECTION, b""),
        [
            f"{SECTION}:1: the file is empty: restore its text or delete the file",
            "content/glossary/san-zhan-yi-chang.md:2: warning: “三站一场” appears nowhere in the report: check the spelling, add the report's spelling under `variants:`, or delete the file",
            "content/glossary/san-zhan-yi-chang.md:4: source: report 2099 has no footnote [^1]",
            "2 errors",
        ],
    ),
    "slug escaping the output": (
        replace("content/2099/index.md", "author:", "slug: ../../etc\nauthor:"),
        ["content/2099/index.md:6: slug '../../etc' must be lower-case letters, digits and hyphens (no / or ..)"],
    ),
    "template syntax error": (
        replace("templates/page.html", "{% block main %}", "{% block main %}{% if %}"),
        ["templates/page.html:9: template syntax error: Expected an expression, got 'end of statement block'"],
    ),
    "undefined template variable": (
        replace("templates/page.html", "{% block main %}", "{% block main %}{{ no_such_thing }}"),
        ["templates/page.html:9: undefined template variable: 'no_such_thing' is undefined"],
    ),
    "several errors at once": (
        lambda root: (append(SECTION, "\n又见[^9]。\n")(root), write_bytes("content/2099/conclusion.md", b"")(root)),
        [
            "content/2099/conclusion.md:1: the file is empty: restore its text or delete the file",
            f"{SECTION}:9: footnote [^9] is referenced but never defined",
            "2 errors",
        ],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_and_nothing_is_lost(project: Path, name: str) -> None:
    change, expected = CASES[name]
    output_before = tree_digest(project / "output")
    change(project)
    content_before = tree_digest(project / "content")
    result = run(project, "build")
    assert (result.returncode, result.stderr.strip().splitlines()) == (1, expected)
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_digest(project / "output") == output_before
    assert tree_digest(project / "content") == content_before


def test_missing_content_folder(project: Path) -> None:
    result = run(project, "build", "--content", "nowhere")
    assert (result.returncode, result.stderr.strip()) == (1, "nowhere: the content folder does not exist")


def test_out_at_a_foreign_folder_is_refused(project: Path) -> None:
    foreign = project / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"precious")
    result = run(project, "build", "--out", "mine")
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "mine: --out is a folder that holds other files and is not a previous build (no .govreport-build); choose an empty or new folder"
    )
    assert (foreign / "thesis.docx").read_bytes() == b"precious" and sorted(p.name for p in foreign.iterdir()) == [
        "thesis.docx"
    ]


def test_raw_html_is_published_as_text_not_markup(project: Path) -> None:
    append(SECTION, '\n<script>alert(1)</script> 和 <b onclick="x()">粗</b>\n')(project)
    assert run(project, "build").returncode == 0
    page = (project / "output/2099/part-1/section-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page and "<b onclick" not in page


def test_crlf_and_bom_build_the_same_site(project: Path) -> None:
    plain = tree_digest(project / "output")
    for path in (project / "content").rglob("*.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert run(project, "build").returncode == 0
    assert tree_digest(project / "output") == plain


def test_no_traceback_even_from_the_real_cli(project: Path) -> None:
    """The same through a fresh interpreter with warnings on, as staff run it."""
    append(SECTION, "\n又见[^9]。\n")(project)
    result = build_py(project, "build", "--no-pdf", python_options=("-W", "error"))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_huge_content_file_builds(project: Path) -> None:
    """A 10 MB section file builds (the benchmark, not this test, says how fast)."""
    paragraph = "全年预计完成区级地方财政收入 4.24 亿元，与去年持平；全社会固定资产总额完成 18 亿元。" * 10
    with open(project / SECTION, "a", encoding="utf-8") as f:
        while f.tell() < 10_000_000:
            f.write("\n" + paragraph + "\n")
        f.write("\n最后一段。\n")
    assert run(project, "build").returncode == 0
    assert "最后一段。" in (project / "output/2099/part-1/section-1.html").read_text(encoding="utf-8")
