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


def link(rel: str, target: str) -> Callable[[Path], None]:
    """rel becomes a symlink to target (in place of a file that was there)."""

    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    return change


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
    "number as a slug that is no slug": (
        replace("content/2099/index.md", "author:", "slug: 20.99\nauthor:"),
        ["content/2099/index.md:6: slug '20.99' must be lower-case letters, digits and hyphens (no / or ..)"],
    ),
    "content page linked to a file outside": (
        link("content/pages/x.md", "/etc/passwd"),
        ["content/pages/x.md: a link to /etc/passwd, outside content/: copy the file in instead"],
    ),
    "content folder linked outside": (
        link("content/2099/part-2", "/etc"),
        ["content/2099/part-2: a link to /etc, outside content/: copy the folder in instead"],
    ),
    "content image linked outside": (
        link("content/2099/images/1.png", "/etc/passwd"),
        ["content/2099/images/1.png: a link to /etc/passwd, outside content/: copy the file in instead"],
    ),
    "broken link in content": (
        link("content/2099/part-1/section-2.md", "section-9.md"),
        ["content/2099/part-1/section-2.md: broken link (to section-9.md)"],
    ),
    "asset linked to a file outside": (
        link("assets/passwd.txt", "/etc/passwd"),
        ["assets/passwd.txt: a link to /etc/passwd, outside assets/: copy the file in instead"],
    ),
    "broken link in assets": (
        link("assets/css/gone.css", "nowhere.css"),
        ["assets/css/gone.css: broken link (to nowhere.css)"],
    ),
    "template linked to a file outside": (
        link("templates/page.html", "/etc/passwd"),
        ["templates/page.html: a link to /etc/passwd, outside templates/: copy the file in instead"],
    ),
    "broken link in templates": (
        link("templates/page.html", "page-old.html"),
        ["templates/page.html: broken link (to page-old.html)"],
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


def test_a_link_to_a_folder_holding_it_is_refused(project: Path) -> None:
    link("content/2099/part-1/again", "..")(project)
    result = run(project, "build")
    real = (project / "content/2099").resolve()
    assert (result.returncode, result.stderr.strip()) == (
        1,
        f"content/2099/part-1/again: a link to {real}, a folder it is in: it would never end; remove it",
    )


def test_links_that_stay_inside_are_followed(project: Path) -> None:
    """A file or folder linked from elsewhere in its own folder is published as if it were there."""
    before = tree_digest(project / "output")
    (project / "content/2099/conclusion.md").rename(project / "content/2099/conclusion.txt")
    link("content/2099/conclusion.md", "conclusion.txt")(project)
    (project / "content/.shared").mkdir()  # hidden: not read itself, only through the link
    (project / "content/2099/part-1").rename(project / "content/.shared/part-1")
    link("content/2099/part-1", "../.shared/part-1")(project)
    link("assets/css/site-copy.txt", "site.css")(project)
    (project / "assets/js").rename(project / "assets/scripts")
    link("assets/js", "scripts")(project)
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    scripts = {rel.replace("assets/js/", "assets/scripts/", 1): v for rel, v in before.items() if "assets/js/" in rel}
    copy = {"assets/css/site-copy.txt": before["assets/css/site.css"]}
    assert tree_digest(project / "output") == before | scripts | copy
    assert not (project / "output/assets/css/site-copy.txt").is_symlink()


def test_check_reports_link_errors_as_build_does(project: Path) -> None:
    for name in ("content page linked to a file outside", "broken link in assets", "asset linked to a file outside"):
        CASES[name][0](project)
    result = run(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "assets/css/gone.css: broken link (to nowhere.css)",
        "assets/passwd.txt: a link to /etc/passwd, outside assets/: copy the file in instead",
        "content/pages/x.md: a link to /etc/passwd, outside content/: copy the file in instead",
        "3 error(s), 0 warning(s) in content",
    ]


def test_a_number_slug_is_the_name_as_typed(project: Path) -> None:
    """YAML reads `slug: 2023` as a number; the editor meant the folder name 2023 (and 0123 is not octal 83)."""
    replace("content/2099/index.md", "author:", "slug: 0123\nauthor:")(project)
    replace("content/glossary/san-zhan-yi-chang.md", "term:", "slug: 2024\nterm:")(project)
    replace("content/glossary/san-zhan-yi-chang.md", "report: 2099", "report: 0123")(project)
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "output/0123/index.html").is_file() and not (project / "output/2099").exists()
    assert (project / "output/glossary/2024.html").is_file()


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
