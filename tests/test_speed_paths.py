"""The shortcuts that make builds fast change nothing: build cache on, off, cold or warm, one worker or several, the same bytes."""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest

from govreport.urls import relpath
from tests.cli import build_py
from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path, env: dict[str, str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`build.py build --no-pdf`: none of these tests looks at the PDF, which is typeset in the main process, cache or not."""
    return build_py(cwd, "build", "--no-pdf", "--out", str(out), *args, env=env)


def many_reports(dest: Path, copies: int) -> Path:
    """content/ plus copies of its 2023 report, each with its own slug: enough pages to use the workers."""
    content = dest / "content"
    shutil.copytree(ROOT / "content", content)
    for i in range(2, copies + 1):
        copy = content / f"2023-copy-{i}"
        shutil.copytree(ROOT / "content/2023", copy)
        text = (copy / "index.md").read_text(encoding="utf-8")
        (copy / "index.md").write_text(text.replace("---\n", f"---\nslug: copy-{i}\n", 1), encoding="utf-8")
    return content


def test_cache_off_cold_and_warm_give_the_same_site(tmp_path: Path) -> None:
    cache = {"GOVREPORT_CACHE": str(tmp_path / "cache")}
    runs = [("off", {"GOVREPORT_CACHE": "off"}), ("cold", cache), ("warm", cache)]
    for name, env in runs:
        assert build(tmp_path / name, env).returncode == 0
    assert any((tmp_path / "cache").glob("pinyin-*.json")) and any((tmp_path / "cache/jinja").iterdir())
    assert any((tmp_path / "cache/search").iterdir())
    assert tree_digest(tmp_path / "off") == tree_digest(tmp_path / "cold") == tree_digest(tmp_path / "warm")


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert build(tmp_path / "first", {"GOVREPORT_CACHE": str(cache)}).returncode == 0
    for memo in cache.glob("pinyin-*.json"):
        memo.write_text('{"经济指标稳步回升": 7, "broken', encoding="utf-8")
    assert build(tmp_path / "second", {"GOVREPORT_CACHE": str(cache)}).returncode == 0
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


def test_an_edited_page_is_indexed_afresh_not_taken_from_the_cache(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = {"GOVREPORT_CACHE": str(tmp_path / "cache")}
    assert build(tmp_path / "before", cache, "--content", str(content)).returncode == 0
    section = content / "2023/part-1/section-1.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n新增一段用来检验检索缓存。\n", encoding="utf-8")
    for name, env in (("cached", cache), ("uncached", {"GOVREPORT_CACHE": "off"})):
        assert build(tmp_path / name, env, "--content", str(content)).returncode == 0
    bundle = lambda name: tree_digest(tmp_path / name / "pagefind")  # noqa: E731
    assert bundle("cached") == bundle("uncached") != bundle("before")
    assert len(list((tmp_path / "cache/search").iterdir())) == 2


def test_a_damaged_search_bundle_in_the_cache_is_ignored(tmp_path: Path) -> None:
    cache = {"GOVREPORT_CACHE": str(tmp_path / "cache")}
    assert build(tmp_path / "first", cache).returncode == 0
    (entry,) = (tmp_path / "cache/search").iterdir()
    fragment = next((entry / "pagefind/fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-10])
    assert build(tmp_path / "second", cache).returncode == 0
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


def test_search_files_link_to_the_cache_and_an_edit_through_the_link_is_not_served_again(tmp_path: Path) -> None:
    cache = {"GOVREPORT_CACHE": str(tmp_path / "cache")}
    assert build(tmp_path / "first", cache).returncode == 0
    assert build(tmp_path / "second", cache).returncode == 0  # made from the cached bundle
    (entry,) = (tmp_path / "cache/search").iterdir()
    published = tmp_path / "second/pagefind/pagefind-entry.json"
    assert published.samefile(entry / "pagefind/pagefind-entry.json")
    with published.open("ab") as f:  # someone edits the published file in place, and so the cached one
        f.write(b"\n")
    assert build(tmp_path / "third", cache).returncode == 0
    assert tree_digest(tmp_path / "third") == tree_digest(tmp_path / "first")
    (entry,) = (tmp_path / "cache/search").iterdir()  # the damaged copy was replaced by a good one
    assert tree_digest(entry / "pagefind") == tree_digest(tmp_path / "first/pagefind")


def test_workers_give_the_same_site_as_one_process(tmp_path: Path) -> None:
    content = many_reports(tmp_path, 8)
    for workers in ("1", "2"):
        done = build(tmp_path / f"w{workers}", {"GOVREPORT_WORKERS": workers}, "--content", str(content))
        assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "w2").rglob("*.html"))) > 100
    assert tree_digest(tmp_path / "w1") == tree_digest(tmp_path / "w2")


def test_a_template_error_in_a_worker_reads_as_in_one_process(tmp_path: Path) -> None:
    content = many_reports(tmp_path, 8)
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    page = tmp_path / "templates/page.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}{{ no_such_thing.x }}", 1),
        encoding="utf-8",
    )
    errors = [
        build(tmp_path / f"w{w}", {"GOVREPORT_WORKERS": w}, "--content", str(content), cwd=tmp_path) for w in ("1", "2")
    ]
    assert [e.returncode for e in errors] == [1, 1]
    assert errors[0].stderr == errors[1].stderr
    assert errors[0].stderr.startswith("templates/page.html:") and "Traceback" not in errors[0].stderr


@pytest.mark.parametrize(
    "start", ["", ".", "2023", "2023/part-1", "2023/part-10", "assets/css", "a/b/c", "2023/part-1/"]
)
@pytest.mark.parametrize(
    "target",
    [
        "index.html",
        "2023/index.html",
        "2023/part-1/section-1.html",
        "2023/part-1",
        "2023",
        "assets/css/site.css",
        "./2023/x.html",
        "2023//part-1/x.html",
        "2023/part-10/x.html",
    ],
)
def test_relpath_matches_posixpath(target: str, start: str) -> None:
    assert relpath(target, start) == posixpath.relpath(target, start or ".")


def test_a_rebuild_keeps_unchanged_pages_and_rewrites_changed_ones(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "out"
    assert build(out, {}, "--content", str(content)).returncode == 0
    kept, changed = out / "2023/part-2/section-3.html", out / "2023/part-1/section-1.html"
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in (kept, changed)}
    section = content / "2023/part-1/section-1.md"
    section.write_text(section.read_text(encoding="utf-8").replace("。", "。改", 1), encoding="utf-8")
    assert build(out, {}, "--content", str(content)).returncode == 0
    assert (kept.stat().st_ino, kept.read_bytes()) == before[kept]
    assert changed.stat().st_ino != before[changed][0] and "。改" in changed.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_link_left_in_the_old_output_is_not_carried_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(out, {}).returncode == 0
    page = out / "2023/conclusion.html"
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(elsewhere)
    assert build(out, {}).returncode == 0
    assert not page.is_symlink() and page.read_bytes() == elsewhere.read_bytes()
