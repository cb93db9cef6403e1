"""The Word and PDF readers: the 2023 report, from each office fixture (tests/fixtures/office/make.py), imports to
the Markdown of the plain-text import (the one allowed difference is named below) and builds a faithful site; each
bad office file is refused with an exact message, exit status 1 and nothing written under content/."""

from __future__ import annotations

import difflib
import functools
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, never an installed copy elsewhere

from govreport.cli import cli  # noqa: E402
from govreport.importer.read import Source, read_report  # noqa: E402
from govreport.importer.report import import_text  # noqa: E402
from tests.cli import build_py  # noqa: E402
from tests.sitecheck import Page  # noqa: E402
from tests.sourcetext import chunks  # noqa: E402

OFFICE = ROOT / "tests" / "fixtures" / "office"
SOURCE_2023 = ROOT / "sources" / "miaohang-2023-report.txt"
FIXTURES = {
    "miaohang-2023-styled.docx": "python-docx: Word's heading styles, headings numbered by a Word list",
    "miaohang-2023-plain.docx": "python-docx: headings typed in 黑体 bold, the last note an endnote",
    "miaohang-2023-libreoffice.docx": "LibreOffice's save of the plain .docx",
    "miaohang-2023-weasyprint.pdf": "WeasyPrint: GB/T 9704 page, footnotes, running header, page numbers",
    "miaohang-2023-libreoffice.pdf": "LibreOffice's PDF of the styled .docx",
}
# WeasyPrint draws no space where it breaks a line, so its text layer has none there: these six spaces of the .txt
# fell at its line ends and are missing from that import, and nothing else is. (LibreOffice keeps such a space.)
LOST_AT_LINE_ENDS = {
    "miaohang-2023-weasyprint.pdf": {
        "part-1/section-1.md": ["4.24 亿元", "达到 90%"],
        "part-1/section-3.md": ["总人次 1.69", "覆盖率达 60%", "完工 16 台"],
        "part-1/section-4.md": ["网格案件 8800"],
    }
}


@functools.cache
def source(name: str) -> Source:
    """A fixture read once for the tests that look at the Source itself (a PDF takes half a second)."""
    return read_report(OFFICE / name)


def reference() -> dict[str, str]:
    """The plain-text import of the 2023 report."""
    return import_text(SOURCE_2023.read_text(encoding="utf-8"), str(SOURCE_2023)).files


def expected_for(name: str) -> dict[str, str]:
    files = reference()
    for rel, places in LOST_AT_LINE_ENDS.get(name, {}).items():
        for place in places:
            assert files[rel].count(place) == 1, place
            files[rel] = files[rel].replace(place, place.replace(" ", "", 1))
    return files


def markdown_files(report_dir: Path) -> dict[str, str]:
    return {p.relative_to(report_dir).as_posix(): p.read_text(encoding="utf-8") for p in report_dir.rglob("*.md")}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture imported by `build.py import F --content DIR`, two at a time (one a core)."""
    root = tmp_path_factory.mktemp("office")

    def run(name: str) -> Path:
        project = root / name.replace(".", "-")
        project.mkdir()
        done = build_py(project, "import", str(OFFICE / name), "--content", "content")
        assert done.returncode == 0, done.stderr
        return project

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(FIXTURES, pool.map(run, FIXTURES)))


@pytest.mark.parametrize("name", FIXTURES, ids=[f"{n} ({why})" for n, why in FIXTURES.items()])
def test_the_import_is_the_plain_text_import(imported: dict[str, Path], name: str) -> None:
    got, expected = markdown_files(imported[name] / "content" / "2023"), expected_for(name)
    assert list(sorted(got)) == list(sorted(expected))
    diff = [
        line
        for rel in expected
        for line in difflib.unified_diff(expected[rel].splitlines(), got[rel].splitlines(), rel, rel, lineterm="")
    ]
    assert got == expected, "\n".join(diff)


@pytest.fixture(scope="module")
def built(imported: dict[str, Path]) -> dict[str, Path]:
    """A site built from each distinct import: the .docx and LibreOffice PDF imports are byte for byte the
    plain-text import (the test above), and a build of the same Markdown is the same site, so one stands for them."""
    names = ["miaohang-2023-styled.docx", "miaohang-2023-weasyprint.pdf"]

    def run(name: str) -> Path:
        project = imported[name]
        for folder in ("glossary", "pages"):
            copy_tree(ROOT / "content" / folder, project / "content" / folder)
        (project / "content" / "index.md").write_bytes((ROOT / "content" / "index.md").read_bytes())
        done = build_py(project, "build", "--content", "content", "--no-pdf")
        assert done.returncode == 0, done.stderr
        return project / "output"

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(names, pool.map(run, names)))


def copy_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())


@pytest.mark.parametrize("name", ["miaohang-2023-styled.docx", "miaohang-2023-weasyprint.pdf"])
def test_the_site_holds_every_chunk_of_the_source_in_order(built: dict[str, Path], name: str) -> None:
    full = Page(built[name] / "2023" / "full.html")
    text = "".join(full.blocks()).replace(" ", "")
    body, notes = chunks()
    position = 0
    for chunk in body:
        found = text.find(chunk, position)
        assert found >= 0, f"missing or out of order: {chunk[:40]}…"
        position = found + len(chunk)
    assert all(note in text[position:] for note in notes.values())


def test_each_line_is_placed_where_the_editor_finds_it() -> None:
    styled = source("miaohang-2023-styled.docx")
    lines = styled.text.split("\n")
    # title, meeting (one paragraph with a line break), speaker, an empty paragraph, then the salutation
    assert styled.place(lines.index("各位代表：") + 1) == "paragraph 5"
    assert styled.place(next(i for i, line in enumerate(lines, 1) if line.startswith("¹ "))) == "footnote 1"
    plain = source("miaohang-2023-plain.docx")
    assert plain.place(next(i for i, line in enumerate(plain.text.split("\n"), 1) if line.startswith("⁵ "))) == (
        "endnote 1"
    )
    pdf = source("miaohang-2023-weasyprint.pdf")
    assert (pdf.place(1), pdf.place(len(pdf.text.split("\n")) - 1), pdf.shape) == (
        "page 1",
        "page 20",
        "PDF text layer",
    )


def test_the_pdf_reader_leaves_out_page_numbers_and_running_headers() -> None:
    left = source("miaohang-2023-weasyprint.pdf").left_out
    numbers = [x.text for x in left if x.reason == "page number"]
    assert numbers == [f"— {n} —" for n in range(1, 21)]
    headers = {(x.place, x.text) for x in left if x.reason == "running header"}
    assert headers == {(f"page {n}", "庙行镇 2023 年政府工作报告") for n in range(2, 21)}
    assert len(left) == 39
    assert [x.text for x in source("miaohang-2023-libreoffice.pdf").left_out] == [f"— {n} —" for n in range(1, 21)]


def test_build_never_loads_the_readers_libraries() -> None:
    script = "import sys, govreport.cli, govreport.site; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(eval(done.stdout))
    assert loaded & {"docx", "pdfplumber", "pdfminer", "pypdfium2"} == set()


# --- Bad office files: exact messages, exit 1, nothing written --------------------------------------------------


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def fixture(name: str) -> Callable[[], bytes]:
    return lambda: (OFFICE / name).read_bytes()


def cut(name: str) -> Callable[[], bytes]:
    return lambda: (OFFICE / name).read_bytes()[:20000]


def word_document(*paragraphs: str, superscript: str = "") -> Callable[[], bytes]:
    """A .docx of these paragraphs; `superscript` is typed after the last one in superscript (no real footnote)."""

    def make() -> bytes:
        import docx

        document = docx.Document()
        for text in paragraphs:
            last = document.add_paragraph(text)
        if superscript:
            last.add_run(superscript).font.superscript = True
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    return make


OLD_WORD = "this is an old binary Word (.doc) or WPS (.wps) file: open it in Word or WPS and save it as .docx"
DAMAGED_WORD = "this Word document is damaged ({}): open it in Word or WPS and save it again as .docx"
TITLE_BLOCK = ["政府工作报告", "——2023年1月5日在镇人代会上", "镇长 张三", "各位代表：", "一、工作"]
BAD_OFFICE_FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "an old binary Word file": ("report.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), OLD_WORD),
    "a WPS file (the same OLE container)": (
        "report.wps",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        OLD_WORD,
    ),
    "a .docx cut short": (
        "report.docx",
        cut("miaohang-2023-styled.docx"),
        DAMAGED_WORD.format("it is not a whole zip file"),
    ),
    "a .docx whose XML is broken": (
        "report.docx",
        lambda: zip_bytes({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document>"}),
        DAMAGED_WORD.format("its XML is broken"),
    ),
    "a zip that is no Word document": (
        "report.docx",
        lambda: zip_bytes({"xl/workbook.xml": "<workbook/>"}),
        "this is a zip file but not a Word document (it has no word/document.xml)",
    ),
    "an empty Word document": (
        "report.docx",
        fixture("empty.docx"),
        "the Word document is empty: there is no report text in it",
    ),
    "a Word document with no report structure": (
        "report.docx",
        word_document("这是一段没有结构的文字。"),
        "no recognisable structure: expected a title block, then a salutation such as 各位代表：",
    ),
    "a stray superscript digit in Word is a call with no footnote, placed by paragraph": (
        "report.docx",
        word_document(*TITLE_BLOCK, "正文，内容", superscript="6"),
        "paragraph 6: footnote marker 6 has no footnote text",
    ),
    "a scanned PDF": (
        "report.pdf",
        fixture("scanned.pdf"),
        "page 1 has no text; run it through OCR first (it looks scanned)",
    ),
    "an encrypted PDF": (
        "report.pdf",
        fixture("encrypted.pdf"),
        "the PDF is encrypted: save a copy without a password, then import that",
    ),
    "an empty PDF": ("report.pdf", fixture("empty.pdf"), "the PDF is empty: there is no text in it"),
    "a PDF cut short": (
        "report.pdf",
        cut("miaohang-2023-weasyprint.pdf"),
        "the PDF is damaged and cannot be read: save it again from the program that made it",
    ),
}


@pytest.mark.parametrize("name", BAD_OFFICE_FILES)
def test_a_bad_office_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    filename, make, message = BAD_OFFICE_FILES[name]
    monkeypatch.chdir(tmp_path)
    (tmp_path / filename).write_bytes(make())
    result = CliRunner().invoke(cli, ["import", filename, "--content", "content"])
    assert isinstance(result.exception, SystemExit), result.exception
    where = f"{filename}:" if message.startswith("paragraph ") else f"{filename}: "  # a place, or the whole file
    assert (result.exit_code, result.stderr, result.stdout) == (1, f"{where}{message}\n", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [filename]
