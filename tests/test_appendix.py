"""Appendices: a 名词解释 in each printed shape becomes a page and glossary terms; marks must call an entry."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.importer.appendix import read_entries  # noqa: E402
from govreport.importer.rules import split_blocks  # noqa: E402
from tests.cli import build_py  # noqa: E402

GENRE = REPO_ROOT / "tests/fixtures/genre"


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        (
            "1.“两重”：是指重大战略。\n\n2.“四上”企业：是指规模以上企业。",
            [("两重", "是指重大战略。", "1."), ("四上企业", "是指规模以上企业。", "2.")],
        ),
        ("1.“四上”企业：\n\n是指规模以上企业。", [("四上企业", "是指规模以上企业。", "1.")]),
        ("［1］一降三减：\n\n一降是指降低污染。", [("一降三减", "一降是指降低污染。", "［1］")]),
        ("六稳六保\n\n六稳是指稳就业。", [("六稳六保", "六稳是指稳就业。", "")]),
        (
            "①“五个一批”：即签约一批。\n\n(注2)三线一单：指生态红线。",
            [("五个一批", "即签约一批。", "①"), ("三线一单", "指生态红线。", "(注2)")],
        ),
    ],
    ids=["one line", "explanation below", "bracketed mark", "term alone on a line", "circled and (注n) marks"],
)
def test_entries_in_every_printed_shape(text: str, entries: list[tuple[str, str, str]]) -> None:
    assert [(e.term, e.definition, e.mark) for e in read_entries(split_blocks(text))] == entries


def test_a_mark_that_calls_no_entry_is_refused_with_its_line(tmp_path: Path) -> None:
    text = (GENRE / "05-bailu-2022.txt").read_text(encoding="utf-8")
    broken = text.replace("持续推进“一降三减”［1］", "持续推进“一降三减”［3］", 1)
    line = broken[: broken.index("［3］")].count("\n") + 1
    (tmp_path / "report.txt").write_text(broken, encoding="utf-8")
    result = build_py(tmp_path, "import", "report.txt")
    assert (result.returncode, result.stderr) == (
        1,
        f"report.txt:{line}: note mark ［3］ has no footnote and no entry in the 名词解释\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_glossary_files_are_written_once_and_an_existing_one_is_kept(tmp_path: Path) -> None:
    glossary = tmp_path / "content/glossary"
    glossary.mkdir(parents=True)
    (glossary / "si-shang-qi-ye.md").write_text("---\nterm: 四上企业\n---\n\n编辑写的定义。\n", encoding="utf-8")
    result = build_py(tmp_path, "import", str(GENRE / "04-songgang-2023.txt"))
    assert result.stdout.splitlines()[-1].endswith("2 new glossary file(s) under content/glossary")
    assert (glossary / "si-shang-qi-ye.md").read_text(encoding="utf-8").endswith("编辑写的定义。\n")
    term = (glossary / "teng-long-huan-niao.md").read_text(encoding="utf-8")
    assert term == (
        "---\nterm: 腾笼换鸟\nvariants:\n- “腾笼换鸟”\nsource:\n  report: '2023'\n---\n\n"
        "是指通过淘汰落后产能、盘活低效用地，为优质项目腾出发展空间。\n"
    )
    again = build_py(tmp_path, "import", str(GENRE / "04-songgang-2023.txt"))
    assert again.stdout.splitlines()[-1].endswith("0 file(s) written under content/2023")


def test_a_mark_is_linked_with_the_term_it_follows_to_the_entry(tmp_path: Path) -> None:
    assert build_py(tmp_path, "import", str(GENRE / "05-bailu-2022.txt")).returncode == 0
    term = (tmp_path / "content/glossary/yi-jiang-san-jian.md").read_text(encoding="utf-8")
    assert "variants:\n- “一降三减”［1］\n" in term
    built = build_py(tmp_path, "build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "output/2022/part-1/section-2.html").read_text(encoding="utf-8")
    assert (
        '<a class="term-link" href="../../glossary/yi-jiang-san-jian.html" data-term="yi-jiang-san-jian">“一降三减”［1］</a>'
        in page
    )
