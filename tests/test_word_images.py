"""Images from Word: the reader saves each picture as images/N.ext and shows it as `![](images/N.ext)` after its
paragraph; the import writes it beside the Markdown (never over an edited one); the build copies it beside the
report's pages; check asks for its alt text until it is written; any other image path is an error with path:line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport.errors import ContentError  # noqa: E402
from govreport.importer import arrange, report  # noqa: E402
from govreport.importer.read import read_report  # noqa: E402
from tests.cli import build_py  # noqa: E402
from tests.wordextras import IMAGE_AFTER, png_bytes, word_with_table  # noqa: E402

TEXT = (ROOT / "sources" / "miaohang-2023-report.txt").read_text(encoding="utf-8")
SECTION = "content/2023/part-1/section-1.md"
NO_ALT = "warning: this image has no alt text: describe it in the brackets, ![…](…)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    word_with_table(tmp_path / "report.docx", image=True)
    done = build_py(tmp_path, "import", "report.docx")
    assert done.returncode == 0, done.stderr
    (tmp_path / "content" / "index.md").write_bytes((ROOT / "content" / "index.md").read_bytes())
    return tmp_path


def image_line(project: Path) -> int:
    return (project / SECTION).read_text(encoding="utf-8").split("\n").index("![](images/1.png)") + 1


def test_the_reader_saves_the_image_and_shows_it_after_its_paragraph(tmp_path: Path) -> None:
    source = read_report(word_with_table(tmp_path / "report.docx", image=True))
    assert source.images == {"images/1.png": png_bytes()}
    paragraph = next(b for b in source.text.split("\n\n") if IMAGE_AFTER in b.split("。")[0])
    assert source.text.split("\n\n")[source.text.split("\n\n").index(paragraph) + 1] == "![](images/1.png)"


def test_import_writes_the_image_beside_the_markdown(project: Path) -> None:
    assert (project / "content" / "2023" / "images" / "1.png").read_bytes() == png_bytes()
    assert image_line(project) > 0


def test_an_edited_image_is_never_overwritten(project: Path) -> None:
    (project / "content" / "2023" / "images" / "1.png").write_bytes(b"edited")
    done = build_py(project, "import", "report.docx")
    assert done.returncode == 1
    assert "images/1.png: changed since the last import; not overwritten" in done.stderr


def test_build_copies_the_image_and_check_asks_for_its_alt_text(project: Path) -> None:
    line = image_line(project)
    done = build_py(project, "check")
    assert f"{SECTION}:{line}: {NO_ALT}" in done.stdout + done.stderr
    section = project / SECTION
    section.write_text(section.read_text(encoding="utf-8").replace("![](", "![产业园区示意图]("), encoding="utf-8")
    done = build_py(project, "check")
    assert "alt text" not in done.stdout + done.stderr
    done = build_py(project, "build", "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    output = project / "output" / "2023"
    assert (output / "images" / "1.png").read_bytes() == png_bytes()
    assert '<img src="../images/1.png" alt="产业园区示意图">' in (output / "part-1" / "section-1.html").read_text()
    assert '<img src="images/1.png" alt="产业园区示意图">' in (output / "full.html").read_text()


def test_a_bad_image_path_is_an_error_with_its_line(project: Path) -> None:
    line = image_line(project)
    section = project / SECTION
    bad = "![a](../x.png) ![b](https://example.com/b.png) ![c](images/9.png)"
    section.write_text(section.read_text(encoding="utf-8").replace("![](images/1.png)", bad), encoding="utf-8")
    done = build_py(project, "build", "--no-pdf", "--no-search")
    assert done.returncode == 1
    rule = "must be a file of this report's folder, written from it as images/1.png (not a URL, an absolute path or ..)"
    for message in (
        f"image ../x.png {rule}",
        f"image https://example.com/b.png {rule}",
        "image images/9.png is not in content/2023/: put the file there or correct the path",
    ):
        assert f"{SECTION}:{line}: {message}" in done.stderr


def test_plain_text_that_looks_like_an_image_stays_text() -> None:
    text = TEXT.replace("产业转型实现突破。", "![](images/1.png)\n\n产业转型实现突破。", 1)
    files = report.import_text(text, "report.txt").files
    assert "\\!\\[\\](images/1.png)" in files["part-1/section-1.md"]


def test_the_guard_catches_a_dropped_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render = arrange.render_block
    monkeypatch.setattr(arrange, "render_block", lambda b: "" if b.kind == "image" else render(b))
    with pytest.raises(ContentError) as caught:
        report.import_source(read_report(word_with_table(tmp_path / "report.docx", image=True)))
    assert [p.message for p in caught.value.problems] == ["the import would lose or move an image; nothing written"]
