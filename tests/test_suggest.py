"""`glossary suggest`: candidate jargon found (quoted phrases, number-led set phrases), slogans and terms with an entry
left out, most useful first; on the repository's report, most of the jargon issue 23 names, writing nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from govreport.glossary.suggest import suggest_lines
from tests.cli import build_py

REPO = Path(__file__).resolve().parents[1]
# The jargon of the 2023 report that no entry explains (issue 23): most of it must be among the first 40 lines.
JARGON_2023 = ("一网通办", "一网统管", "十四五", "四风", "四责协同", "急难愁盼", "北转型", "大综合", "救急难", "一号湾")

INVENTED = {
    "index.md": "---\nsite_name: 测试镇政府工作报告\n---\n",
    "2030/index.md": "---\ntitle: 政府工作报告\ndate: 2030-01-05\n---\n\n各位代表：\n\n现在，我代表镇政府报告工作。\n",
    "2030/part-1/index.md": "# 一、工作回顾\n\n一年来，我们主要做了以下工作：\n",
    "2030/part-1/section-1.md": (
        "## （一）经济稳中向好，锻造产业发展“金钥匙”\n\n"
        "**服务更优**。深化“一窗通办”改革，一窗通办事项达 300 项；落实“两办一查”机制，推进五违四必整治。\n\n"
        "全镇上下奋力谱写“新篇章”，擦亮“金钥匙”品牌。完善“老来乐”服务，落实“十五五”规划。\n"
    ),
    "glossary/lao-lai-le.md": "---\nterm: 老来乐\nsource: {report: '2030', paragraph: 1}\n---\n\n老来乐。\n",
}


def invented_content(folder: Path) -> Path:
    for rel, text in INVENTED.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def phrases(lines: list[str]) -> list[str]:
    return [line.split("\t")[0] for line in lines if "\t" in line]


def test_invented_report(tmp_path: Path) -> None:
    content = invented_content(tmp_path / "content")
    lines = suggest_lines(content, "2030")
    found = phrases(lines)
    # the quoted term used again unquoted ranks first; number-led ones next; 五违四必 is found unquoted
    assert found[0] == "一窗通办"
    assert set(found) == {"一窗通办", "两办一查", "五违四必", "十五五"}
    # left out: a heading slogan (even where it recurs), a metaphor right after 谱写, the term with an entry
    assert not {"金钥匙", "新篇章", "老来乐"} & set(found)
    first = lines[0].split("\t")
    assert first[2:4] == ["2×", f"{(content / '2030/part-1/section-1.md').as_posix()}:3"]
    assert first[4].startswith("深化“一窗通办”改革")
    assert "term: 一窗通办" in lines and "source: editor" in lines


def tree_digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(
        b"".join(p.relative_to(folder).as_posix().encode() + p.read_bytes() for p in files)
    ).hexdigest()


def test_repository_report(tmp_path: Path) -> None:
    """On the 2023 report as it came (the site's own entries taken out), most of its unexplained jargon comes first."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    for entry in (content / "glossary").glob("*.md"):
        if "\nsource: editor\n" in entry.read_text(encoding="utf-8"):
            entry.unlink()
    before = tree_digest(content)
    work = tmp_path / "work"
    work.mkdir()
    done = build_py(work, "glossary", "suggest", "--content", str(content), "2023")
    assert done.returncode == 0, done.stderr
    assert tree_digest(content) == before
    assert list(work.iterdir()) == []
    first_40 = phrases(done.stdout.splitlines()[:40])
    assert sum(term in first_40 for term in JARGON_2023) >= 7
    assert not {"强引擎", "新画卷", "主阵地", "防护堤", "赶考路"} & set(first_40)


def test_terms_with_an_entry_are_not_suggested(tmp_path: Path) -> None:
    done = build_py(tmp_path, "glossary", "suggest", "--content", str(REPO / "content"), "2023")
    entered = {"一网通办", "一网统管", "十四五", "急难愁盼", "救急难", "四风"}  # content/glossary/, source: editor
    assert done.returncode == 0 and not entered & set(phrases(done.stdout.splitlines()))


def test_unknown_report(tmp_path: Path) -> None:
    done = build_py(tmp_path, "glossary", "suggest", "--content", str(REPO / "content"), "1999")
    assert done.returncode == 1
    assert "there is no report '1999'" in done.stderr
