"""serve's preview build, without a server: it writes only what changed, and a failure leaves the preview alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import govreport.site
from govreport.serve.rebuild import Preview, crash_problem
from govreport.write import MARKER
from tests.cli import is_placeholder_setting

REPO_ROOT = Path(__file__).resolve().parents[1]
SECTION = "content/2023/part-1/section-1.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("content", "templates", "assets"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def preview(project: Path) -> Preview:
    built = Preview(
        {"content": "content", "out": ".preview", "templates": "templates", "assets": "assets", "pdf": False}
    )
    assert built.build([]).ok
    return built


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_build_writes_the_whole_site_with_the_build_marker(project: Path, preview: Preview) -> None:
    assert (project / ".preview" / MARKER).is_file()
    assert (project / ".preview/2023/part-1/section-1.html").is_file()
    assert (project / ".preview/assets/css/site.css").read_bytes() == (project / "assets/css/site.css").read_bytes()


def test_an_edit_rewrites_only_the_pages_that_show_it(project: Path, preview: Preview) -> None:
    edit(project / SECTION, "经济指标稳步回升", "经济指标稳步回升（改）")
    result = preview.build([project / SECTION])
    assert result.ok
    assert {"2023/part-1/section-1.html", "2023/full.html"} <= set(result.written)
    assert "2023/part-1/section-2.html" not in result.written and "assets/css/site.css" not in result.written
    assert "经济指标稳步回升（改）" in (project / ".preview/2023/part-1/section-1.html").read_text(encoding="utf-8")


def test_an_unchanged_save_writes_nothing(project: Path, preview: Preview) -> None:
    (project / SECTION).touch()
    assert preview.build([project / SECTION]).written == []


def test_a_stylesheet_edit_is_copied_without_rendering(
    project: Path, preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered for a stylesheet edit")

    monkeypatch.setattr(govreport.site, "render_files", no_render)
    css = project / "assets/css/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    result = preview.build([css])
    assert result.ok and result.written == ["assets/css/site.css"]
    assert (project / ".preview/assets/css/site.css").read_text(encoding="utf-8").endswith("/* edited */\n")


def test_a_new_stylesheet_renders_every_page_to_link_it(project: Path, preview: Preview) -> None:
    new = project / "assets/css/extra.css"
    new.write_text("p { color: black; }\n", encoding="utf-8")
    result = preview.build([new])
    assert "assets/css/extra.css" in result.written and "2023/part-1/section-1.html" in result.written
    assert "assets/css/extra.css" in (project / ".preview/2023/part-1/section-1.html").read_text(encoding="utf-8")


def test_a_deleted_source_removes_its_page(project: Path, preview: Preview) -> None:
    gone = project / "content/2023/part-1/section-5.md"
    gone.unlink()
    result = preview.build([gone])
    assert result.ok and "2023/part-1/section-5.html" in result.removed
    assert not (project / ".preview/2023/part-1/section-5.html").exists()


def test_a_failed_build_names_the_place_and_leaves_the_preview_alone(project: Path, preview: Preview) -> None:
    before = (project / ".preview/2023/part-1/section-1.html").read_bytes()
    edit(project / SECTION, "经济指标稳步回升", "经济指标稳步回升[^99]")
    result = preview.build([project / SECTION])
    assert not result.ok
    assert [p for p in result.problems if not is_placeholder_setting(p)] == [
        f"{SECTION}:5: footnote [^99] is referenced but never defined"
    ]
    assert (project / ".preview/2023/part-1/section-1.html").read_bytes() == before


def test_a_new_process_adopts_the_preview_on_disk(project: Path, preview: Preview) -> None:
    fresh = Preview(
        {"content": "content", "out": ".preview", "templates": "templates", "assets": "assets", "pdf": False}
    )
    assert fresh.build([]).written == []


def test_a_deleted_preview_folder_is_built_again(project: Path, preview: Preview) -> None:
    shutil.rmtree(project / ".preview")
    assert preview.build([project / SECTION]).ok
    assert (project / ".preview/2023/part-1/section-1.html").is_file()


def test_a_syntax_error_in_code_is_named_by_file_and_line(project: Path) -> None:
    broken = project / "broken.py"
    broken.write_text("x = 1\ndef (:\n", encoding="utf-8")
    try:
        compile(broken.read_text(encoding="utf-8"), str(broken), "exec")
    except SyntaxError as err:
        assert crash_problem(err) == "broken.py:2: SyntaxError: invalid syntax"


@pytest.mark.parametrize(
    ("rel", "target", "problem"),
    [
        ("assets/css/passwd.css", "/etc/passwd", "a link to /etc/passwd, outside assets/: copy the file in instead"),
        ("content/2023/notes.md", "/etc/passwd", "a link to /etc/passwd, outside content/: copy the file in instead"),
        ("assets/css/gone.css", "nowhere.css", "broken link (to nowhere.css)"),
    ],
)
def test_a_link_out_of_the_project_is_shown_like_any_content_error(
    project: Path, preview: Preview, rel: str, target: str, problem: str
) -> None:
    before = {p: p.read_bytes() for p in (project / ".preview").rglob("*") if p.is_file()}
    (project / rel).symlink_to(target)
    result = preview.build([project / rel])
    assert (result.ok, result.problems) == (False, [f"{rel}: {problem}"])
    assert {p: p.read_bytes() for p in (project / ".preview").rglob("*") if p.is_file()} == before


def test_the_preview_keeps_digests_not_pages_and_a_failed_write_is_not_trusted(
    project: Path, preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the build process remembers of the folder is a 16-byte digest a file, so a large site's pages are not
    held twice; after a write that failed half-way, the next build looks at the folder again and mends it."""
    import govreport.serve.rebuild as rebuild

    assert preview.on_disk and all(len(d) == 16 for d in preview.on_disk.values())
    edit(project / SECTION, "经济指标稳步回升", "经济指标稳步回升（甲）")
    calls = []

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(rebuild, "write_atomic", failing)
        assert not preview.build([project / SECTION]).ok and calls
    (project / ".preview/2023/part-1/section-2.html").write_text("stale", encoding="utf-8")  # changed behind its back
    result = preview.build([project / SECTION])
    assert result.ok and {"2023/part-1/section-1.html", "2023/part-1/section-2.html"} <= set(result.written)
    assert "（甲）" in (project / ".preview/2023/part-1/section-1.html").read_text(encoding="utf-8")
    assert "stale" not in (project / ".preview/2023/part-1/section-2.html").read_text(encoding="utf-8")


def held_pages(reuse: object, pages: dict[int, str]) -> list[str]:
    """The stages of `reuse` whose inputs or results still hold one of these page objects (by identity)."""

    def objects(value: object) -> list[object]:
        if isinstance(value, dict):
            return [*value.values()]
        return list(value) if isinstance(value, (tuple, list)) else [value]

    held = []
    for (stage, _unit), (inputs, _key, result) in reuse.results.items():  # type: ignore[attr-defined]
        if any(id(o) in pages and pages[id(o)] is o for o in [*objects(inputs), *objects(result)]):
            held.append(stage)
    return sorted(set(held))


def test_a_template_edit_renders_all_again_holding_none_of_the_last_pages(
    project: Path, preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template edit renders every page again: while it does, no earlier page may still be held, or a large site
    holds its pages twice (serve's peak memory at 4,000 pages, issue 19)."""
    assert preview.pages is not None
    last = {id(data): data for data in preview.pages.values() if isinstance(data, str)}
    assert held_pages(preview.reuse, last)  # the lost-word check and the render keep them between edits …
    render_files = govreport.site.render_files
    seen: list[list[str]] = []

    def render(*args: object) -> object:
        seen.append(held_pages(preview.reuse, last))
        return render_files(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(govreport.site, "render_files", render)
    edit(project / "templates/page.html", "{% block main %}", "{% block main %}<p>改</p>")
    assert preview.build([project / "templates/page.html"]).ok
    assert seen == [[]]  # … but not once a template edit starts rendering them all again


def test_garbage_is_collected_between_builds_and_whole_only_when_no_save_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """serve's build process collects garbage itself, after each reply: Python's own collector would now and then
    look through the whole kept model in the middle of a build (0.2 s at 4,000 pages). A whole collection waits
    until no request has come for a while, so that a save made meanwhile is built first."""
    import gc
    import io
    import os

    import govreport.serve.rebuild as rebuild

    collected: list[int] = []
    monkeypatch.setattr(rebuild.gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(rebuild.Collector, "IDLE", 0.01)
    read, write = os.pipe()
    with os.fdopen(read) as requests, os.fdopen(write, "w") as saves:
        collector = rebuild.Collector(requests)
        for _ in range(rebuild.Collector.FULL_EVERY - 1):
            collector.after_build()
        assert collected == []  # a build's objects are moved among the old ones, not looked at
        saves.write('{"changed": []}\n')
        saves.flush()
        collector.after_build()
        assert collected == [], "a whole collection while a save waited"
        requests.readline()
        collector.after_build()
        assert collected == [2]  # no save waiting: the whole heap, now
    assert rebuild.Collector(io.StringIO("")).idle() is False  # a stream that cannot be waited on is never idle

    built: list[bool] = []

    class Stub:
        def __init__(self, settings: object) -> None:
            pass

        def build(self, changed: list[Path]) -> object:
            built.append(gc.isenabled())
            return rebuild.BuildResult(True, [])

    monkeypatch.setattr(rebuild, "Preview", Stub)
    replies = io.StringIO()
    try:
        rebuild.serve_requests({}, io.StringIO('{"changed": []}\n'), replies)
    finally:
        gc.enable()
    assert built == [False] and '"ok": true' in replies.getvalue()


def test_templates_are_compiled_before_the_workers_fork_so_the_next_rebuild_compiles_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build renders the reports in forked workers; had only they compiled the report pages' templates,
    serve's first rebuild after it would compile them again (80 ms of a 240 ms rebuild at 4,000 pages)."""
    import jinja2

    from tests import test_incremental as edits

    root = edits.project(tmp_path)
    monkeypatch.setenv("GOVREPORT_WORKERS", "2")
    settings = {"content": str(root / "content"), "out": str(tmp_path / "preview"), "pdf": False, "search": False}
    preview = Preview(settings)
    assert preview.build([]).ok
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return compile_template(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    section = root / "content/2099/part-1/section-1.md"
    edit(section, "。", "甲。")
    monkeypatch.setenv("GOVREPORT_WORKERS", "1")
    assert preview.build([section]).ok
    assert compiled == []
