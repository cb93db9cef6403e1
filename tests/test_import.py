"""The importer: raw report text → Markdown files by rule; bad input → `path:line: message`, exit 1, nothing written."""

from __future__ import annotations

import codecs
import datetime as dt
import importlib.util
import io
import re
import shutil
import sys
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import read_fixture_file
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's package, never an installed copy elsewhere

import govreport  # noqa: E402
from govreport.cjk import cjk_emphasis_plugin  # noqa: E402
from govreport.importer.report import import_text  # noqa: E402
from tests.cli import build_py  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_2023 = REPO_ROOT / "sources" / "miaohang-2023-report.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARKER_RE = re.compile(rf"(?<![A-Za-z])[{SUPERSCRIPTS}]+")  # written independently of the importer's own
SOURCE_BOLD = "**"
PAGE_BREAK_CUTS_2023 = 8
FOOTNOTES_2023 = 5
BODY_BLOCKS = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline"}
NOTE_BLOCKS = {"footnote_block_open", "footnote_block_close", "footnote_open", "footnote_close", "footnote_anchor"}
INLINE_KINDS = {"text", "strong_open", "strong_close", "footnote_ref"}


def load_cli() -> Any:
    """build.py by path: a module named `build` may also be installed (PyPA's)."""
    spec = importlib.util.spec_from_file_location("govreport_build_cli", REPO_ROOT / "build.py")
    assert spec and spec.loader
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cli


CLI = load_cli()


def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").use(footnote_plugin).use(front_matter_plugin)


def case_id(case: list[Any]) -> str:
    return f"{case[0]}: {case[1]}"


def show_files(files: dict[str, str]) -> str:
    """Several Markdown files as one text, each after a `=== path` line."""
    return "\n".join(f"=== {path}\n{text}" for path, text in files.items())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path, with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_import(source: str = "report.txt", content: str = "content", *more: str) -> Result:
    return CliRunner().invoke(CLI, ["import", source, "--content", content, *more])


def assert_clean_failure(result: Result, stderr: str) -> None:
    """Exit status 1 through click's own exit, the exact message, and no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stderr, result.stdout) == (1, stderr, "")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to run the CLI in, so that it prints paths as report.txt and content/…."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def imported(workdir: Path) -> Path:
    """A working folder where the 2023 report has been imported once into content/."""
    (workdir / "report.txt").write_bytes(SOURCE_2023.read_bytes())
    assert run_import().exit_code == 0
    return workdir


def test_the_package_under_test_is_this_checkout() -> None:
    assert Path(govreport.__file__).resolve().parent == REPO_ROOT / "govreport"


# --- Fixtures: raw text → Markdown files -----------------------------------------------------------

IMPORT_CASES = read_fixture_file(FIXTURES / "import.md")


@pytest.mark.parametrize("line,title,raw,expected", IMPORT_CASES, ids=[case_id(c) for c in IMPORT_CASES])
def test_import_fixture(line: int, title: str, raw: str, expected: str) -> None:
    assert show_files(import_text(raw, "report.txt").files) == expected


@pytest.mark.parametrize("line,title,raw,expected", IMPORT_CASES, ids=[case_id(c) for c in IMPORT_CASES])
def test_import_fixture_renders_back_to_the_same_characters(line: int, title: str, raw: str, expected: str) -> None:
    """Rendered by any CommonMark tool, the files hold the source's characters: none lost, none added."""
    rendered = [render_text(text) for text in import_text(raw, "report.txt").files.values()]
    shown = "".join(page.front_matter_text + "".join(page.body + page.notes) for page in rendered)
    assert Counter(comparable(shown)) == Counter(comparable(MARKER_RE.sub("", raw)))


# --- Bad input: exact messages, exit 1, nothing written ---------------------------------------------

ERROR_CASES = read_fixture_file(FIXTURES / "import_errors.md")


@pytest.mark.parametrize("line,title,raw,stderr", ERROR_CASES, ids=[case_id(c) for c in ERROR_CASES])
def test_bad_text_is_refused(imported: Path, line: int, title: str, raw: str, stderr: str) -> None:
    (imported / "report.txt").write_text(raw, encoding="utf-8")
    before = snapshot(imported)
    assert_clean_failure(run_import(), stderr)
    assert snapshot(imported) == before


def docx_bytes() -> bytes:
    """A minimal Word document: a zip holding the report's words."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("word/document.xml", "<w:document><w:t>政府工作报告</w:t></w:document>")
    return buffer.getvalue()


# A zip is read as Word (issue 16): this one is no real .docx, so it is refused as damaged.
WORD = "report.txt: this Word document is damaged (its parts are not as Word writes them): open it in Word or WPS and save it again as .docx\n"
OLD_WORD = (
    "report.txt: this is an old binary Word (.doc) or WPS (.wps) file: open it in Word or WPS and save it as .docx\n"
)
BINARY = "report.txt: this looks like a binary file, not a plain-text report\n"
BAD_BYTES = {
    "a damaged .docx file": (docx_bytes(), WORD),
    "a legacy .doc file": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), OLD_WORD),
    "a damaged PDF": (  # a PDF is read as PDF (issue 16): this one is cut off after its first line
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "report.txt: the PDF is damaged and cannot be read: save it again from the program that made it\n",
    ),
    "a PNG image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BINARY),
    "binary bytes with NUL": (bytes(range(256)) * 4, BINARY),
    "binary bytes without NUL": ("政府工作报告\n".encode() + bytes(range(1, 9)) + b"\x0e\x1b", BINARY),
    "neither UTF-8 nor GB18030": (
        b"report\nline two\n\x80\xff\n",
        "report.txt:3: the text is neither UTF-8, UTF-16 nor GB18030: save it as UTF-8\n",
    ),
    "UTF-16 with only a BOM and blank lines": (
        codecs.BOM_UTF16_LE + " \r\n\r\n".encode("utf-16-le"),
        "report.txt: the file is empty: there is no report text in it\n",
    ),
    "an empty file": (b"", "report.txt: the file is empty: there is no report text in it\n"),
}


@pytest.mark.parametrize("data,stderr", BAD_BYTES.values(), ids=BAD_BYTES.keys())
def test_bad_file_is_refused(imported: Path, data: bytes, stderr: str) -> None:
    (imported / "report.txt").write_bytes(data)
    before = snapshot(imported)
    assert_clean_failure(run_import(), stderr)
    assert snapshot(imported) == before


def test_a_missing_source_is_refused(workdir: Path) -> None:
    assert_clean_failure(run_import("missing.txt"), "missing.txt: cannot read the source: No such file or directory\n")
    assert snapshot(workdir) == {}


def test_the_real_command_exits_1_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(docx_bytes())
    done = build_py(tmp_path, "import", "report.docx", "--content", "content", timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", WORD.replace("report.txt", "report.docx"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


@pytest.mark.parametrize("link", ["content/2023", "content/2023/part-1"])
def test_the_import_never_writes_through_a_folder_linked_out_of_content(
    imported: Path, tmp_path_factory: pytest.TempPathFactory, link: str
) -> None:
    """A report folder, or one inside it, that is a symlink to elsewhere is refused before anything is written."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for path in (imported / link).rglob("*") if (imported / link).is_dir() else []:
        if path.is_file():
            (elsewhere / path.relative_to(imported / link)).parent.mkdir(parents=True, exist_ok=True)
            path.rename(elsewhere / path.relative_to(imported / link))
    shutil.rmtree(imported / link, ignore_errors=True)
    (imported / link).symlink_to(elsewhere)
    before, content = snapshot(elsewhere), snapshot(imported / "content")
    message = f"{link}: a link to {elsewhere}, outside content/: the import writes only inside it; remove the link\n"
    assert_clean_failure(
        run_import("report.txt", "content", *(["--folder", "2023"] if link == "content/2023" else [])), message
    )
    assert snapshot(elsewhere) == before and snapshot(imported / "content") == content


def test_the_import_never_writes_through_a_file_linked_out_of_content(
    imported: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    notes = tmp_path_factory.mktemp("elsewhere") / "notes.md"
    notes.write_bytes((imported / "content/2023/part-1/section-1.md").read_bytes())
    (imported / "content/2023/part-1/section-1.md").unlink()
    (imported / "content/2023/part-1/section-1.md").symlink_to(notes)
    message = f"content/2023/part-1/section-1.md: a link to {notes}, outside content/: the import writes only inside it; remove the link\n"
    assert_clean_failure(run_import(), message)


def test_the_import_refuses_a_broken_link_in_its_way(workdir: Path) -> None:
    (workdir / "report.txt").write_bytes(SOURCE_2023.read_bytes())
    (workdir / "content").mkdir()
    (workdir / "content/2023").symlink_to("gone")
    assert_clean_failure(
        run_import("report.txt", "content", "--folder", "2023"),
        "content/2023: broken link (to gone): the import writes nothing through it\n",
    )
    assert not (workdir / "content/gone").exists()


# --- Encodings and line ends -----------------------------------------------------------------------

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gb18030-bom": lambda text: ("\ufeff" + text).encode("gb18030"),
}
SUMMARY_2023 = "report.txt: read as blank lines; found 2 parts, 10 sections, 0 deeper headings, 0 run-in headings, 33 lead phrases, 5 footnotes, 8 page cuts joined, 0 appendices, 0 glossary entries\n"
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


@pytest.fixture(scope="module")
def reference_2023(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The 2023 report imported from its UTF-8, LF source file."""
    content = tmp_path_factory.mktemp("reference") / "content"
    govreport.importer.import_report(SOURCE_2023, content)
    return snapshot(content)


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_every_encoding_gives_the_same_markdown(
    tmp_path: Path, reference_2023: dict[str, bytes], encode: Callable[[str], bytes], newline: str
) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(encode(SOURCE_2023.read_text(encoding="utf-8").replace("\n", newline)))
    govreport.importer.import_report(source, tmp_path / "content")
    assert snapshot(tmp_path / "content") == reference_2023


# --- Re-importing and hand edits -------------------------------------------------------------------


def test_reimporting_gives_byte_identical_files(imported: Path) -> None:
    before = snapshot(imported)
    result = run_import()
    assert (result.exit_code, result.stdout) == (
        0,
        SUMMARY_2023 + "imported report.txt: 0 file(s) written under content/2023\n",
    )
    assert snapshot(imported) == before


def revise_source(workdir: Path) -> None:
    """Next year's draft changes a paragraph in part 2, section 5."""
    source = workdir / "report.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("严格依法履行职责。", "严格依法行政。"), encoding="utf-8"
    )


def test_a_hand_edited_file_is_never_overwritten(imported: Path) -> None:
    edited = ["content/2023/conclusion.md", "content/2023/part-1/section-1.md"]  # reported in path order
    for path in edited:
        with open(imported / path, "a", encoding="utf-8") as file:
            file.write("\n编辑补充的一段。\n")
    revise_source(imported)
    before = snapshot(imported)
    refusal = "".join(
        f"{path}: changed since the last import; not overwritten (move the file away to re-import it)\n"
        for path in edited
    )
    assert_clean_failure(run_import(), refusal + "2 errors\n")
    assert snapshot(imported) == before


def test_a_changed_source_updates_the_files_nobody_edited(imported: Path) -> None:
    revise_source(imported)
    result = run_import()
    assert (result.exit_code, result.stdout) == (
        0,
        SUMMARY_2023 + "imported report.txt: 1 file(s) written under content/2023\n",
    )
    assert "**严格依法行政**。" in (imported / "content/2023/part-2/section-5.md").read_text(encoding="utf-8")


def drop_section_5_of_part_2(workdir: Path) -> None:
    """A revised draft that no longer has part 2's last section: its heading and text go."""
    source = workdir / "report.txt"
    text = source.read_text(encoding="utf-8")
    start = text.rindex("（五）")
    end = text.index("各位代表", start)
    source.write_text(text[:start] + text[end:], encoding="utf-8")


def test_a_section_the_source_no_longer_has_is_removed_unless_edited(imported: Path) -> None:
    gone = imported / "content/2023/part-2/section-5.md"
    drop_section_5_of_part_2(imported)
    assert run_import().exit_code == 0
    assert not gone.exists()
    assert (imported / "content/2023/part-2/section-4.md").exists()


def test_an_edited_file_the_source_no_longer_has_is_kept_and_the_import_refused(imported: Path) -> None:
    gone = imported / "content/2023/part-2/section-5.md"
    gone.write_text(gone.read_text(encoding="utf-8") + "\n编辑补充的一段。\n", encoding="utf-8")
    drop_section_5_of_part_2(imported)
    before = snapshot(imported)
    assert_clean_failure(
        run_import(),
        "content/2023/part-2/section-5.md: written by the last import, changed since, and not in this one: "
        "move it away to re-import\n",
    )
    assert snapshot(imported) == before


# --- Round trip of the real 2023 report ------------------------------------------------------------


@dataclass(frozen=True)
class RenderedPage:
    """What a reader sees of one Markdown file: front matter, body blocks' text, footnote texts, footnote labels."""

    meta: dict[str, Any]
    body: list[str]
    notes: list[str]
    refs: list[str]
    defined: list[str]

    @property
    def front_matter_text(self) -> str:
        return "".join(str(self.meta.get(key, "")) for key in ("title", "meeting", "speaker"))


def render_text(text: str) -> RenderedPage:
    """Parse one file as CommonMark with footnotes; fail on any block or inline that is not plain report text."""
    page = RenderedPage({}, [], [], [], [])
    in_notes = False
    for token in markdown().parse(text):
        in_notes = (in_notes or token.type == "footnote_block_open") and token.type != "footnote_block_close"
        read_token(token, page, in_notes)
    return page


def read_token(token: Token, page: RenderedPage, in_notes: bool) -> None:
    if token.type == "front_matter":
        page.meta.update(yaml.safe_load(token.content))
    elif token.type == "footnote_open":
        page.defined.append(token.meta["label"])
    elif token.type == "inline":
        (page.notes if in_notes else page.body).append(inline_text(token, page))
    else:
        assert token.type in BODY_BLOCKS | NOTE_BLOCKS, f"unexpected {token.type} in the Markdown"


def inline_text(token: Token, page: RenderedPage) -> str:
    children = token.children or []
    assert {c.type for c in children} <= INLINE_KINDS, [c.type for c in children]
    page.refs.extend(c.meta["label"] for c in children if c.type == "footnote_ref")
    return "".join(c.content for c in children if c.type == "text")


def comparable(text: str) -> str:
    """Drop whitespace and asterisks: plain CommonMark leaves `**…：**以` unclosed (the site's cjk plugin closes it)."""
    return "".join(text.split()).replace("*", "")


def reading_order(path: str) -> tuple[int, ...]:
    """index.md, then each part: its index, sections in number order, closing; conclusion.md last."""
    if path in ("index.md", "conclusion.md"):
        return (0,) if path == "index.md" else (2,)
    part, name = path.split("/")
    kind = {"index.md": 0, "closing.md": 2}.get(name, 1)
    section = int(re.sub(r"\D", "", name) or 0)
    return (1, int(part.removeprefix("part-")), kind, section)


@dataclass(frozen=True)
class RawReport:
    """The source read naively: title block, body blocks and footnote texts, split at blank lines."""

    title_block: str
    body: list[str]
    notes: list[str]


def read_raw(text: str) -> RawReport:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip())]
    salutation = blocks.index("各位代表：")
    rest = blocks[salutation:]
    notes = [MARKER_RE.sub("", b, count=1) for b in rest if b[0] in SUPERSCRIPTS]
    return RawReport("".join(blocks[:salutation]), [b for b in rest if b[0] not in SUPERSCRIPTS], notes)


@pytest.fixture(scope="module")
def pages_2023(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderedPage]:
    """The 2023 report imported into a fresh folder, every file rendered, in reading order."""
    content = tmp_path_factory.mktemp("roundtrip") / "content"
    govreport.importer.import_report(SOURCE_2023, content)
    paths = sorted((str(p.relative_to(content / "2023")) for p in (content / "2023").rglob("*.md")), key=reading_order)
    return {path: render_text((content / "2023" / path).read_text(encoding="utf-8")) for path in paths}


def test_2023_layout(pages_2023: dict[str, RenderedPage]) -> None:
    sections = [f"part-{p}/section-{s}.md" for p in (1, 2) for s in range(1, 6)]
    expected = [
        "index.md",
        "part-1/index.md",
        *sections[:5],
        "part-1/closing.md",
        "part-2/index.md",
        *sections[5:],
        "conclusion.md",
    ]
    assert list(pages_2023) == expected


def test_2023_body_keeps_every_character_in_order(pages_2023: dict[str, RenderedPage]) -> None:
    raw = read_raw(SOURCE_2023.read_text(encoding="utf-8"))
    source = "".join(MARKER_RE.sub("", block).replace(SOURCE_BOLD, "") for block in raw.body).replace("\n", "")
    shown = "".join("".join(page.body) for page in pages_2023.values())
    assert shown.replace("*", "") == source  # spaces too: 2022 年, 4.24 亿元


def test_2023_title_block_is_the_front_matter(pages_2023: dict[str, RenderedPage]) -> None:
    raw = read_raw(SOURCE_2023.read_text(encoding="utf-8"))
    meta = pages_2023["index.md"].meta
    assert pages_2023["index.md"].front_matter_text == raw.title_block.replace("\n", "")
    assert (meta["date"], meta["author"]) == (dt.date(2023, 1, 5), "庙行镇人民政府")


def test_2023_page_break_cuts_are_rejoined(pages_2023: dict[str, RenderedPage]) -> None:
    raw = read_raw(SOURCE_2023.read_text(encoding="utf-8"))
    rendered_blocks = sum(len(page.body) for page in pages_2023.values())
    assert len(raw.body) - rendered_blocks == PAGE_BREAK_CUTS_2023
    assert any(
        block.endswith(
            "紧紧围绕科创中心主阵地承载区建设目标，保持战略定力，找准发展路径，在做好传统产业“老树新枝”文章的同时，积极引入和培养新兴产业“蓄能成势”，全力打造“数智庙行”。"
        )
        for block in pages_2023["part-1/section-1.md"].body
    )


def test_2023_footnotes_are_defined_where_cited(pages_2023: dict[str, RenderedPage]) -> None:
    raw = read_raw(SOURCE_2023.read_text(encoding="utf-8"))
    for path, page in pages_2023.items():
        assert sorted(set(page.refs)) == sorted(page.defined), path
    labels = [label for page in pages_2023.values() for label in page.defined]
    assert labels == [str(n) for n in range(1, FOOTNOTES_2023 + 1)]
    notes = "".join(note for page in pages_2023.values() for note in page.notes)
    assert comparable(notes) == comparable("".join(raw.notes))


def test_2023_source_bold_and_lead_phrases_stay_marked() -> None:
    files = import_text(SOURCE_2023.read_text(encoding="utf-8"), str(SOURCE_2023)).files
    assert "**经济指标稳步回升**。全年预计完成" in files["part-1/section-1.md"]
    assert "**在速度上**，转型发展动能还不够足；**在体量上**" in files["part-1/closing.md"]
    assert "**2023 年镇政府工作的总体要求是：**以习近平" in files["part-2/index.md"]


def test_2023_every_bold_closes_with_the_site_cjk_rule() -> None:
    """Plain CommonMark leaves `**…：**以` open; the site's emphasis rule must close every one."""
    md = markdown().use(cjk_emphasis_plugin)
    for path, text in import_text(SOURCE_2023.read_text(encoding="utf-8"), str(SOURCE_2023)).files.items():
        leftover = [
            c.content for t in md.parse(text) for c in t.children or [] if c.type == "text" and "*" in c.content
        ]
        assert leftover == [], path
