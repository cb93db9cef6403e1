"""A build that finds nothing changed since the last build into the same folder keeps that output (uptodate.py); any
change to what a build reads makes it build everything, and the output is then the same bytes as a clean build's."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govreport import uptodate
from govreport.errors import Problem
from govreport.options import BuildOptions
from govreport.summary import Built, to_record
from tests.cli import ROOT, build_py
from tests.sitecheck import tree_digest

KEPT = "Nothing changed since the last build"
SETTLED = 10  # seconds: files this old were not saved "just before" a build (uptodate.RACY_NS)


def project(tmp_path: Path) -> Path:
    """A project of its own (content/, templates/, assets/), every file's time well in the past."""
    for name in ("content", "templates", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    settle(tmp_path)
    return tmp_path


def settle(path: Path) -> None:
    """The file, or every file in the folder, saved a while ago."""
    past = time.time() - SETTLED
    for each in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(each, (past, past))


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return build_py(root, "build", "--no-pdf", "--no-search", "-v", *args, env=env)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    settle(path)


def test_a_build_with_nothing_changed_keeps_the_output_and_says_what_it_holds(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = build(root)
    assert first.returncode == 0, first.stderr
    assert "Building everything: no record of an earlier build into this folder." in first.stderr
    out = root / "output"
    folder, files = os.stat(out).st_ino, tree_digest(out)
    again = build(root)
    assert again.returncode == 0, again.stderr
    assert KEPT in again.stdout and "Built the site" not in again.stdout
    assert os.stat(out).st_ino == folder, "the output folder was swapped: the build was not kept"
    assert tree_digest(out) == files
    summary = lambda result: result.stdout.splitlines()[1:]  # noqa: E731  (the first line names the time)
    assert summary(again) == summary(first)
    warnings = lambda result: [line for line in result.stderr.splitlines() if ": warning: " in line]  # noqa: E731
    assert warnings(again) == warnings(first) != []


def in_content(path: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / "content" / path, old, new)


def remove_output_page(root: Path) -> None:
    (root / "output/2023/part-1/section-1.html").unlink()


def add_output_file(root: Path) -> None:
    (root / "output/notes.txt").write_text("写在输出文件夹里的笔记\n", encoding="utf-8")


def add_section(root: Path) -> None:
    shutil.copy2(root / "content/2023/part-1/section-1.md", root / "content/2023/part-1/section-9.md")
    settle(root / "content/2023/part-1/section-9.md")


CHANGES = {
    "a paragraph": (in_content("2023/part-1/section-1.md", "双重压力", "双重困难"), "section-1.md changed"),
    "a new file": (add_section, "section-9.md changed"),
    "a template": (
        lambda root: edit(root / "templates/base.html", '<main id="main"', '<main data-x="1" id="main"'),
        "base.html changed",
    ),
    "a stylesheet": (lambda root: edit(root / "assets/css/site.css", "}", "}\n/* 改 */"), "site.css changed"),
    "a page taken out of the output": (remove_output_page, "output folder was changed"),
    "a file put into the output": (add_output_file, "output folder was changed"),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_any_change_builds_everything_and_gives_a_clean_builds_bytes(tmp_path: Path, change: str) -> None:
    root = project(tmp_path / "project")
    assert build(root).returncode == 0
    make, reason = CHANGES[change]
    make(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Built the site" in result.stdout and KEPT not in result.stdout
    (said,) = [line for line in result.stderr.splitlines() if line.startswith("Building everything:")]
    assert reason in said
    clean = build(root, "--out", str(tmp_path / "clean"), env={"GOVREPORT_CACHE": "off"})
    assert clean.returncode == 0, clean.stderr
    assert tree_digest(root / "output") == tree_digest(tmp_path / "clean")
    assert KEPT in build(root).stdout  # and the build after that has nothing to do


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--base-url", "https://www.example.gov.cn/"), {}),
        ((), {"GOVREPORT_LANG": "zh"}),
        ((), {"GOVREPORT_WORKERS": "1"}),
    ],
    ids=["an option", "the language", "a setting of the environment"],
)
def test_other_options_or_environment_build_everything(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    root = project(tmp_path)
    assert build(root).returncode == 0
    folder = os.stat(root / "output").st_ino
    result = build(root, *args, env=env)
    assert result.returncode == 0, result.stderr
    assert os.stat(root / "output").st_ino != folder, "the output was kept"  # in any language: it was swapped


def test_a_file_saved_just_before_a_build_is_not_trusted_the_next_time(tmp_path: Path) -> None:
    """A file saved twice within one tick of the clock keeps its time: the second save may have come after the build
    read it, so a record taken so close to a save proves nothing."""
    root = project(tmp_path)
    os.utime(root / "content/2023/part-1/section-1.md")  # now: just before the build looks
    assert build(root).returncode == 0
    result = build(root)
    assert KEPT not in result.stdout
    assert "section-1.md was saved just before the last build" in result.stderr


def test_with_the_cache_off_every_build_builds_everything(tmp_path: Path) -> None:
    root = project(tmp_path)
    for _ in range(2):
        result = build(root, env={"GOVREPORT_CACHE": "off"})
        assert result.returncode == 0 and KEPT not in result.stdout
        assert "Building everything: the build cache is off." in result.stderr


def test_a_failed_build_keeps_no_record_and_changes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert build(root).returncode == 0
    files = tree_digest(root / "output")
    index = root / "content/2023/index.md"
    good = index.read_bytes()
    index.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    settle(index)
    failed = build(root)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert tree_digest(root / "output") == files
    index.write_bytes(good)
    settle(index)
    result = build(root)
    assert result.returncode == 0 and KEPT not in result.stdout
    assert "no record of an earlier build" in result.stderr


def options_for(root: Path) -> BuildOptions:
    return BuildOptions(content=root / "content", out=root / "output", pdf=False)


def remembered(root: Path) -> BuildOptions:
    """A record of a build into root/output, made in this process (the output is an empty folder)."""
    (root / "content").mkdir(parents=True)
    (root / "content/index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "output").mkdir()
    settle(root)
    options = options_for(root)
    printed = to_record(Built([Problem("index.md", 1, "一条警告", "warning")]))
    uptodate.remember(options, uptodate.look(options), printed)
    assert uptodate.verdict(options, uptodate.look(options)).printed == printed
    return options


def test_a_change_to_the_program_builds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "program"
    program.mkdir()
    (program / "site.py").write_text("x = 1\n", encoding="utf-8")
    settle(program)
    monkeypatch.setattr(uptodate, "PACKAGE", program)
    options = remembered(tmp_path / "project")
    (program / "site.py").write_text("x = 22\n", encoding="utf-8")
    found = uptodate.verdict(options, uptodate.look(options))
    assert found.printed is None and found.reason.startswith("the program changed")


def test_installing_a_library_builds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    libraries = tmp_path / "site-packages"
    (libraries / "jinja2-3.1.5.dist-info").mkdir(parents=True)
    settle(libraries)
    monkeypatch.setattr(sys, "path", [*sys.path, str(libraries)])
    options = remembered(tmp_path / "project")
    (libraries / "jinja2-3.1.5.dist-info").rename(libraries / "jinja2-3.1.6.dist-info")
    found = uptodate.verdict(options, uptodate.look(options))
    assert found.printed is None and "library" in found.reason and "jinja2-3.1" in found.path


def test_a_damaged_record_builds_everything(tmp_path: Path) -> None:
    options = remembered(tmp_path / "project")
    record = uptodate.record_path(options)
    assert record is not None
    record.write_text('{"at": 1, "settings"', encoding="utf-8")
    found = uptodate.verdict(options, uptodate.look(options))
    assert found.printed is None and found.reason.startswith("no record")


def spy_on_earlier(monkeypatch: pytest.MonkeyPatch) -> list[uptodate.Earlier]:
    """Every Earlier the builds make, to see what they took."""
    made: list[uptodate.Earlier] = []
    of = uptodate.Earlier.of.__func__  # type: ignore[attr-defined]

    def spy(cls: type[uptodate.Earlier], *args: object) -> uptodate.Earlier:
        earlier = of(cls, *args)
        made.append(earlier)
        return earlier

    monkeypatch.setattr(uptodate.Earlier, "of", classmethod(spy))
    return made


@pytest.mark.parametrize("seed", range(3))
def test_a_build_after_random_edits_is_a_clean_build(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edits of tests/test_incremental.py, each followed by `build` into the last build's output: a report whose
    inputs are all as they were takes its pages from there, and the site is always a clean build's, byte for byte."""
    from tests import test_incremental as edits

    monkeypatch.setenv("GOVREPORT_CACHE", str(tmp_path / "cache"))
    made = spy_on_earlier(monkeypatch)
    rng = random.Random(seed)
    root = edits.project(tmp_path)
    options = BuildOptions(content=root / "content", out=tmp_path / "out", pdf=False, search=False)
    uptodate.build_unless_up_to_date(options)
    done = []
    for n in range(10):
        edit = rng.choice(edits.EDITS)
        changed = edit(root / "content", rng, n)
        edits.settle(changed, n)
        done.append(edit.__name__)
        built, kept = uptodate.build_unless_up_to_date(options)
        assert kept == (not changed), done  # an edit that found nothing to change changed nothing
        assert edits.differences(edits.tree(options.out), edits.full_build(root, tmp_path / "full")) == [], done
    assert any(earlier.taken for earlier in made), done  # it did take pages: otherwise this proves nothing


def test_a_paragraph_edit_renders_its_report_alone_and_the_search_index_reads_the_rest(tmp_path: Path) -> None:
    from tests import test_incremental as edits

    root = edits.project(tmp_path)
    env = {"GOVREPORT_CACHE": str(tmp_path / "cache")}
    run = lambda *args, **more: build_py(root, "build", "--no-pdf", "-v", *args, env={**env, **more})  # noqa: E731
    assert run().returncode == 0
    section = root / "content/2099/part-1/section-1.md"
    edit(section, "。", "，又添了几个字。")
    result = run()
    assert result.returncode == 0, result.stderr
    assert "1 report(s) rendered, 1 taken from the last build." in result.stderr.splitlines()
    clean = run("--out", str(tmp_path / "clean"), GOVREPORT_CACHE="off")
    assert clean.returncode == 0, clean.stderr
    assert tree_digest(root / "output") == tree_digest(tmp_path / "clean")  # the search bundle too


def test_pages_are_never_taken_from_an_output_folder_changed_since(tmp_path: Path) -> None:
    from tests import test_incremental as edits

    root = edits.project(tmp_path)
    assert build(root).returncode == 0
    page = root / "output/2098/part-1/section-1.html"
    page.write_text(page.read_text(encoding="utf-8").replace("。", "．", 1), encoding="utf-8")
    edit(root / "content/2099/part-1/section-1.md", "。", "，又添了几个字。")
    result = build(root)
    assert "2 report(s) rendered, 0 taken from the last build." in result.stderr.splitlines()
    assert build(root, "--out", str(tmp_path / "clean"), env={"GOVREPORT_CACHE": "off"}).returncode == 0
    assert tree_digest(root / "output") == tree_digest(tmp_path / "clean")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: {**data, "output": ["not", "stamps"]},
        lambda data: {**data, "printed": {"warnings": 3}},
        lambda data: {**data, "files": {"content": {"index.md": "big"}}},
        lambda data: {**data, "at": "yesterday"},
    ],
    ids=["output", "printed", "files", "time"],
)
def test_a_record_of_the_wrong_shape_builds_everything(tmp_path: Path, damage: Callable[[dict], dict]) -> None:
    import json

    options = remembered(tmp_path / "project")
    record = uptodate.record_path(options)
    assert record is not None
    record.write_text(json.dumps(damage(json.loads(record.read_text(encoding="utf-8")))), encoding="utf-8")
    found = uptodate.verdict(options, uptodate.look(options))
    assert found.printed is None and found.reason.startswith("no record") and found.record is None


def test_pages_named_outside_the_output_folder_are_never_taken(tmp_path: Path) -> None:
    options = options_for(tmp_path)
    earlier = uptodate.Earlier(options.out, options.content, {"a/index.md": ["k", ["../secret.html"]]}, "", {})
    assert earlier.take("a/index.md", "k") is None
    earlier.last["a/index.md"] = ["k", ["a/index.html"]]
    assert list(earlier.take("a/index.md", "k") or {}) == ["a/index.html"]
