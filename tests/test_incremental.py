"""Incremental rebuilds: after any sequence of edits, the preview that `serve` rebuilds (reusing what its last build
made, govreport/incremental.py) is byte for byte the site a full build of the same content makes."""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govreport.serve.rebuild import Preview
from govreport.site import PROJECT, BuildOptions, build_site
from govreport.write import MARKER

GOLDEN = Path(__file__).parent / "golden" / "content"
HAN = "甲乙丙丁戊己庚辛壬癸"

Edit = Callable[[Path, random.Random, int], list[Path]]


def project(tmp_path: Path) -> Path:
    """A project of two reports (the golden one and a copy of it for an earlier year), a glossary and templates."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN, root / "content")
    shutil.copytree(PROJECT / "templates", root / "templates")
    copy_report(root / "content", "2099", "2098", "2098-01-03")
    for path in root.rglob("*"):  # saved a while ago, as an editor's files are: not re-read as "racy" (Reuse.source)
        os.utime(path, (time.time() - 60, time.time() - 60))
    return root


def copy_report(content: Path, folder: str, new: str, date: str) -> Path:
    shutil.copytree(content / folder, content / new)
    index = content / new / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("date: 2099-01-02", f"date: {date}").replace("2099年", f"{new}年"), encoding="utf-8")
    return index


def reports(content: Path) -> list[Path]:
    return sorted(p for p in content.iterdir() if p.is_dir() and (p / "index.md").exists())


def sections(content: Path, rng: random.Random) -> Path:
    return rng.choice(sorted(p for r in reports(content) for p in r.glob("part-*/section-*.md")))


def edit_paragraph(content: Path, rng: random.Random, n: int) -> list[Path]:
    """A word added to a sentence of a paragraph."""
    path = sections(content, rng)
    text = path.read_text(encoding="utf-8")
    stop = text.index("。")
    path.write_text(text[:stop] + rng.choice(HAN) + text[stop:], encoding="utf-8")
    return [path]


def add_heading(content: Path, rng: random.Random, n: int) -> list[Path]:
    path = sections(content, rng)
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n### 1.新的小标题{HAN[n % 10]}\n\n**新的要点{HAN[n % 10]}**。新的段落{n}。\n")
    return [path]


def rename_heading(content: Path, rng: random.Random, n: int) -> list[Path]:
    path = sections(content, rng)
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines[first] += rng.choice(HAN)
    path.write_text("\n".join(lines), encoding="utf-8")
    return [path]


def add_footnote(content: Path, rng: random.Random, n: int) -> list[Path]:
    path = sections(content, rng)
    label = 100 + n
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n新增的说明[^{label}]。\n\n[^{label}]: 新增注释{n}。\n")
    return [path]


def remove_footnote(content: Path, rng: random.Random, n: int) -> list[Path]:
    """The last footnote an edit added (its call and its text), if any."""
    for path in sorted(p for r in reports(content) for p in r.glob("part-*/section-*.md")):
        text = path.read_text(encoding="utf-8")
        start = text.rfind("\n新增的说明[^")
        if start >= 0:
            end = text.index("\n", text.index("]: 新增注释", start)) + 1
            path.write_text(text[:start] + text[end:], encoding="utf-8")
            return [path]
    return []


def add_term(content: Path, rng: random.Random, n: int) -> list[Path]:
    path = content / "glossary" / f"jing-ji-{n}.md"
    if any((content / "glossary").glob("jing-ji-*.md")):
        return []  # one term of the same spelling is enough
    path.write_text(f"---\nterm: 经济指标\nsource: editor\n---\n\n说明经济运行的数字{n}。\n", encoding="utf-8")
    return [path]


def add_section(content: Path, rng: random.Random, n: int) -> list[Path]:
    part = rng.choice(reports(content)) / "part-1"
    path = part / f"section-{len(list(part.glob('section-*.md'))) + 1}.md"
    number = "一二三四五六七八九十"[len(list(part.glob("section-*.md"))) % 10]
    path.write_text(f"## （{number}）新的一节{n}\n\n**新的工作**。内容{n}。\n", encoding="utf-8")
    return [path]


def delete_section(content: Path, rng: random.Random, n: int) -> list[Path]:
    """The last section of a part that has more than one."""
    for part in (r / "part-1" for r in reports(content)):
        found = sorted(part.glob("section-*.md"), key=lambda p: int(p.stem.split("-")[1]))
        if len(found) > 1:
            found[-1].unlink()
            return [found[-1]]
    return []


def add_report(content: Path, rng: random.Random, n: int) -> list[Path]:
    year = str(2090 + n % 8)
    if (content / year).exists():
        return []
    return [copy_report(content, "2099", year, f"{year}-01-04")]


def retitle_report(content: Path, rng: random.Random, n: int) -> list[Path]:
    index = rng.choice(reports(content)) / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("title: 政府工作报告", f"title: 政府工作报告{HAN[n % 10]}", 1), encoding="utf-8")
    return [index]


def add_correction(content: Path, rng: random.Random, n: int) -> list[Path]:
    """A 更正 in a report's front matter: a notice on one page, a line on the site's log, a link in every footer."""
    index = rng.choice(reports(content)) / "index.md"
    text = index.read_text(encoding="utf-8")
    if "corrections:" in text:
        return []
    entry = f"corrections:\n  - date: 2099-02-0{1 + n % 9}\n    page: part-1/section-1.md\n    note: 第一段更正{n}。\n"
    index.write_text(text.replace("\n---\n", "\n" + entry + "---\n", 1), encoding="utf-8")
    return [index]


def edit_template(content: Path, rng: random.Random, n: int) -> list[Path]:
    path = content.parent / "templates" / "_footer.html"
    with path.open("a", encoding="utf-8") as f:
        f.write(f"<!-- {n} -->\n")
    return [path]


def add_figure(content: Path, rng: random.Random, n: int) -> list[Path]:
    """A sentence with a number in a report's conclusion and a figure quoting it (issue 18): a card, an anchor in
    the conclusion and the full text, and a trend once two reports share a key (k0, k1, k2)."""
    report = rng.choice(reports(content))
    figures = report / "figures.yml"
    old = figures.read_text(encoding="utf-8") if figures.exists() else ""
    key = f"k{n % 3}" if f"key: k{n % 3}\n" not in old else f"k{n}"
    sentence = f"全年新增示例设施 {n + 3} 处"
    with (report / "conclusion.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{sentence}。\n")
    entry = f'- label: 示例设施\n  value: "{n + 3}"\n  unit: 处\n  quote: {sentence}\n  key: {key}\n'
    figures.write_text(old + entry, encoding="utf-8")
    return [report / "conclusion.md", figures]


def relabel_figure(content: Path, rng: random.Random, n: int) -> list[Path]:
    """A figure's label changed: its card and the link back to it; with no figure yet, one is added."""
    found = sorted(r / "figures.yml" for r in reports(content) if (r / "figures.yml").exists())
    if not found:
        return add_figure(content, rng, n)
    path = rng.choice(found)
    path.write_text(
        path.read_text(encoding="utf-8").replace("label: 示例设施", f"label: 示例设施{n}", 1), encoding="utf-8"
    )
    return [path]


EDITS: list[Edit] = [
    edit_paragraph,
    add_heading,
    rename_heading,
    add_footnote,
    remove_footnote,
    add_term,
    add_section,
    delete_section,
    add_report,
    retitle_report,
    add_correction,
    edit_template,
    add_figure,
    relabel_figure,
]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != MARKER}


def full_build(root: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build_site(BuildOptions(content=root / "content", out=out, pdf=False, search=False))
    return tree(out)


def differences(preview: dict[str, bytes], full: dict[str, bytes]) -> list[str]:
    return sorted(rel for rel in set(preview) | set(full) if preview.get(rel) != full.get(rel))


@pytest.mark.parametrize("seed", range(4))
def test_preview_after_random_edits_is_a_full_build(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = project(tmp_path)
    settings = {"content": str(root / "content"), "out": str(tmp_path / "preview"), "pdf": False, "search": False}
    preview = Preview(settings)
    assert preview.build([]).ok
    done = []
    for n in range(12):
        edit = rng.choice(EDITS)
        changed = edit(root / "content", rng, n)
        done.append(edit.__name__)
        settle(changed, n)
        result = preview.build(changed)
        assert result.ok, (done, result.problems)
        full = full_build(root, tmp_path / "full")
        assert differences(tree(tmp_path / "preview"), full) == [], done
    assert preview.reuse.hits > 0  # it did reuse: otherwise this test would prove nothing


def settle(paths: list[Path], n: int) -> None:
    """Date the saved files well in the past, each edit at its own time: not "racy" (Reuse.source), so that only
    being named (Reuse.changed) gets them read again, as in serve, where a save is built a few ms after it."""
    for path in paths:
        if path.exists():
            stamp = time.time() - 30 + n / 1000
            os.utime(path, (stamp, stamp))


def test_every_kind_of_edit_is_tried(tmp_path: Path) -> None:
    """Each edit changes the content and keeps it buildable, so that the random sequences above test it."""
    root = project(tmp_path)
    for n, edit in enumerate(EDITS):
        before = tree(root)
        changed = edit(root / "content", random.Random(n), n)
        assert changed and tree(root) != before, edit.__name__
        full_build(root, tmp_path / "full")


def test_an_unchanged_report_is_not_rendered_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    settings = {"content": str(root / "content"), "out": str(tmp_path / "preview"), "pdf": False, "search": False}
    preview = Preview(settings)
    preview.build([])
    first = dict(preview.reuse.results)
    path = root / "content" / "2099" / "part-1" / "section-1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("。", "甲。", 1), encoding="utf-8")
    result = preview.build([path])
    assert result.ok and "2099/part-1/section-1.html" in result.written
    assert not any(rel.startswith("2098/") for rel in result.written)
    again = preview.reuse.results
    source_2098 = str(root / "content" / "2098" / "index.md")
    assert again[("render", source_2098)] is first[("render", source_2098)]
    assert (
        again[("render", str(path.parents[1] / "index.md"))] is not first[("render", str(path.parents[1] / "index.md"))]
    )


def test_a_file_saved_twice_in_one_tick_is_read_again(tmp_path: Path) -> None:
    """File times tick coarsely: a second save of the same size may keep the first one's time. Such a file was
    "racy" when read, so it is read again (Reuse.source), and the preview shows the second save."""
    root = project(tmp_path)
    settings = {"content": str(root / "content"), "out": str(tmp_path / "preview"), "pdf": False, "search": False}
    preview = Preview(settings)
    path = root / "content" / "2099" / "part-1" / "section-1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("。", "甲。", 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    preview.build([path])
    path.write_text(text.replace("。", "乙。", 1), encoding="utf-8")  # the same size
    os.utime(path, ns=(stamp, stamp))
    assert preview.build([path]).ok
    page = (tmp_path / "preview" / "2099" / "part-1" / "section-1.html").read_text(encoding="utf-8")
    assert "乙。" in page and "甲。" not in page


def page_text(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_serve_names_its_saves_and_the_other_files_are_not_looked_at(tmp_path: Path) -> None:
    """serve's watcher sees every save, so a build is told which files changed and leaves the others unlooked-at:
    a change it is not told of (no watcher misses one; made here on purpose) shows only once it is named. After a
    failed build, everything is looked at again."""
    root = project(tmp_path)
    out = tmp_path / "preview"
    preview = Preview({"content": str(root / "content"), "out": str(out), "pdf": False, "search": False})
    assert preview.build([]).ok
    named, unnamed = (root / "content" / year / "part-1" / "section-1.md" for year in ("2098", "2099"))
    for n, (path, word) in enumerate(((unnamed, "甲"), (named, "乙"))):
        path.write_text(path.read_text(encoding="utf-8").replace("。", word + "。", 1), encoding="utf-8")
        settle([path], n)
    assert preview.build([named]).ok
    assert "乙。" in page_text(out, "2098/part-1/section-1.html")
    assert "甲。" not in page_text(out, "2099/part-1/section-1.html")
    assert preview.build([unnamed]).ok
    assert "甲。" in page_text(out, "2099/part-1/section-1.html")

    broken = root / "content" / "2098" / "conclusion.md"
    good = broken.read_bytes()
    broken.write_bytes(good + b"\xff\n")
    assert not preview.build([broken]).ok
    broken.write_bytes(good)
    unnamed.write_text(unnamed.read_text(encoding="utf-8").replace("甲。", "丙。", 1), encoding="utf-8")
    settle([broken, unnamed], 5)
    assert preview.build([broken]).ok
    assert "丙。" in page_text(out, "2099/part-1/section-1.html")


@pytest.mark.parametrize("named", ["folder", "content"])
def test_a_folder_replaced_under_serve_is_looked_at_whole(tmp_path: Path, named: str) -> None:
    """A report folder swapped for another (a copy dropped in, a checkout) is named by the watcher as the folder
    itself, or as the content folder when that was replaced: then every file is looked at, whatever its time."""
    root = project(tmp_path)
    content = root / "content"
    out = tmp_path / "preview"
    preview = Preview({"content": str(content), "out": str(out), "pdf": False, "search": False})
    assert preview.build([]).ok
    shutil.rmtree(content / "2098")
    shutil.copytree(content / "2099", content / "2098")
    section = content / "2098" / "part-1" / "section-1.md"
    section.write_text(section.read_text(encoding="utf-8").replace("。", "丁。", 1), encoding="utf-8")
    index = content / "2098" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("date: 2099-01-02", "date: 2098-01-03"), encoding="utf-8"
    )
    settle([*(content / "2098").rglob("*.md")], 1)
    assert preview.build([content / "2098" if named == "folder" else content]).ok
    assert differences(tree(out), full_build(root, tmp_path / "full")) == []
    assert "丁。" in page_text(out, "2098/part-1/section-1.html")
