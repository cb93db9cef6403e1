"""The document-kind seam: a second kind (tests/kinds/notice.py, a model module and one template) builds beside the
work report, and the glossary, home page, search index and validation reach it only through the seam."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govreport.errors import ContentError
from govreport.model import KINDS
from govreport.site import BuildOptions, build_site
from tests.kinds import notice

ROOT = Path(__file__).resolve().parent.parent
NOTICE = """---
kind: notice
title: 关于地铁站点开通的公告
date: 2098-06-01
---

本镇“三站一场”已全部建成，欢迎居民乘坐。
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(KINDS, "notice", notice.KIND)
    shutil.copytree(ROOT / "tests/golden/content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "tests/kinds/notice.html", tmp_path / "templates/notice.html")
    (tmp_path / "content/notice-1").mkdir()
    (tmp_path / "content/notice-1/index.md").write_text(NOTICE, encoding="utf-8")
    return tmp_path


def build(project: Path) -> Path:
    out = project / "out"
    build_site(
        BuildOptions(
            content=project / "content", out=out, templates=project / "templates", assets=ROOT / "assets", pdf=False
        )
    )
    return out


def test_a_second_kind_builds_through_the_seam(project: Path) -> None:
    out = build(project)
    page = (out / "notice-1/index.html").read_text(encoding="utf-8")
    assert "关于地铁站点开通的公告" in page and "欢迎居民乘坐" in page
    assert 'class="term-link" href="../glossary/san-zhan-yi-chang.html"' in page  # the glossary linked it
    term = (out / "glossary/san-zhan-yi-chang.html").read_text(encoding="utf-8")
    assert "notice-1/index.html" in term  # …and lists it among the term's uses
    assert "notice-1/index.html" in (out / "index.html").read_text(encoding="utf-8")  # the home page's list of reports
    assert (out / "2099/full.html").is_file() and not (
        out / "notice-1/full.html"
    ).exists()  # the work report is untouched
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    assert "notice-1/index.html" in indexed and entry["languages"]["zh-cn"]["page_count"] == len(
        indexed
    )  # search has it


def test_a_kinds_own_checks_run(project: Path) -> None:
    (project / "content/notice-1/index.md").write_text(NOTICE.split("\n\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert [str(p) for p in raised.value.problems] == [
        f"{project}/content/notice-1/index.md: a notice needs its text below the front matter"
    ]


def test_an_unknown_kind_is_an_error(project: Path) -> None:
    (project / "content/notice-1/index.md").write_text(NOTICE.replace("kind: notice", "kind: budget"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert [str(p) for p in raised.value.problems] == [
        f"{project}/content/notice-1/index.md:2: kind: 'budget' is not a kind of document this site knows (notice, work-report)"
    ]
