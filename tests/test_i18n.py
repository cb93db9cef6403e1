"""The editor's language: the locale chooses Chinese or English, every message has its Chinese text, and commands,
bad input, help and the build's summary speak Chinese under a Chinese locale and English under LANG=C."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from govreport import i18n
from tests import catalogue
from tests import test_import as importing
from tests.catalogue import Wanted, problems, read, to_chinese, wanted_by_click, wanted_in
from tests.cli import build_py
from tests.test_errors import CASES, GOLDEN, run
from tests.test_import import ERROR_CASES, SOURCE_2023, case_id, run_import, snapshot

ROOT = Path(__file__).resolve().parent.parent
workdir, imported = importing.workdir, importing.imported  # the fixtures of tests/test_import.py, for its bad input
HAN = re.compile(r"[\u4e00-\u9fff]")
ZH = {"LC_ALL": "zh_CN.UTF-8"}
C = {"LC_ALL": "C"}


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins over LANG
        ({"LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # "" counts as unset
        ({"LANG": "zh_CN.GB18030"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"GOVREPORT_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),  # --lang, as serve's build process hears it
    ],
)
def test_the_locale_chooses_the_language(environ: dict[str, str], language: str) -> None:
    assert i18n.choose_language(environ, system=lambda: "zh_CN") == language


def test_with_no_locale_variable_the_system_decides() -> None:
    assert i18n.choose_language({}, system=lambda: "zh_CN") == "zh"
    assert i18n.choose_language({}, system=lambda: "Chinese (Simplified)_China") == "zh"  # Windows' own spelling
    assert i18n.choose_language({}, system=lambda: "") == "en"


def test_every_message_of_the_code_has_its_chinese_text() -> None:
    """Names each message the catalogue lacks (or whose Chinese is fuzzy, empty, or has other placeholders), and
    each entry no message uses any more. To fix: translate it in govreport/locale/zh_CN/LC_MESSAGES/govreport.po
    (README, "Messages in Chinese and English")."""
    found = problems(wanted_in(ROOT / "govreport"), read(catalogue.PO))
    assert found == [], "\n".join(found)


def test_every_message_of_click_the_editor_can_see_has_its_chinese_text() -> None:
    found = problems(wanted_by_click(), read(catalogue.CLICK_PO))
    assert found == [], "\n".join(found)


def test_the_check_names_a_message_without_chinese(tmp_path: Path) -> None:
    """The completeness check itself: a new message, a changed English text and a lost placeholder are each found."""
    (tmp_path / "new.py").write_text(
        'from govreport.i18n import _\n_("a brand-new message about {thing}")\n_("kept {n}")\n', encoding="utf-8"
    )
    po = Catalog(locale="zh_CN")
    po.add("kept {n}", "保留")  # the placeholder is lost
    po.add("an old message", "旧的")
    found = problems(wanted_in(tmp_path, [("**.py", "python")]), po)
    assert found == [
        "new.py:2: no Chinese text for 'a brand-new message about {thing}'",
        "new.py:3: the Chinese text of 'kept {n}' has the placeholders [], the English ['n']",
        "govreport.po: 'an old message' is in the catalogue but no longer in the code: remove it",
    ]
    fuzzy = Catalog(locale="zh_CN")
    fuzzy.add("kept {n}", "保留 {n}", flags=["fuzzy"])
    assert problems([Wanted("kept {n}", None, "x.py:1")], fuzzy, obsolete=False) == [
        "x.py:1: the Chinese text of 'kept {n}' is marked fuzzy (older than its English)"
    ]


def test_a_changed_catalogue_is_compiled_again(tmp_path: Path) -> None:
    """The .mo beside the .po is made on first use and again whenever the .po changes."""
    po = tmp_path / "govreport.po"
    shutil.copy(catalogue.PO, po)
    assert i18n.load(po).gettext("warning: {message}") == "警告：{message}"
    first = (tmp_path / "govreport.mo").stat().st_mtime_ns
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "警告：{message}"', 'msgstr "提醒：{message}"'), encoding="utf-8"
    )
    assert i18n.load(po).gettext("warning: {message}") == "提醒：{message}"
    assert (tmp_path / "govreport.mo").stat().st_mtime_ns != first


@pytest.fixture(scope="module")
def zh_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden content with the real templates and assets, and its good build: as tests/test_errors.py's."""
    root = tmp_path_factory.mktemp("zh-project")
    shutil.copytree(GOLDEN, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "assets", root / "assets")
    assert run(root, "build").returncode == 0
    return root


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_in_chinese_with_its_place_first(zh_project: Path, tmp_path: Path, name: str) -> None:
    """Every case of the bad-input catalogue, under a Chinese locale: the same lines, `path:line:` first and as it
    is, each message the catalogue's Chinese text of the English one."""
    change, english = CASES[name]
    shutil.copytree(zh_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    change(tmp_path)
    result = build_py(tmp_path, "build", "--no-pdf", env=ZH)
    lines = result.stderr.strip().splitlines()
    assert (result.returncode, lines) == (1, [to_chinese(line) for line in english])
    for line, original in zip(lines, english):
        assert HAN.search(line.split(": ", 1)[-1]) and line != original, line
        place = catalogue.PLACE_RE.match(original)
        if place:
            assert line.startswith(place.group(1) + ": ")


def test_lang_c_gives_english_and_lang_zh_overrides_the_locale(zh_project: Path, tmp_path: Path) -> None:
    shutil.copytree(zh_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    CASES["undefined footnote"][0](tmp_path)
    english = "content/2099/part-1/section-1.md:9: footnote [^9] is referenced but never defined"
    assert build_py(tmp_path, "build", "--no-pdf", env=C).stderr.strip() == english
    assert build_py(tmp_path, "--lang", "en", "build", "--no-pdf", env=ZH).stderr.strip() == english
    chinese = build_py(tmp_path, "--lang", "zh", "build", "--no-pdf", env=C).stderr.strip()
    assert chinese == to_chinese(english) and chinese.startswith("content/2099/part-1/section-1.md:9: ")
    assert "脚注" in chinese


COMMANDS = [(), ("import",), ("build",), ("check",), ("serve",), ("glossary",), ("glossary", "suggest")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "build.py")
def test_every_commands_help_is_chinese_under_a_chinese_locale(command: tuple[str, ...]) -> None:
    chinese = build_py(ROOT, *command, "--help", env=ZH)
    english = build_py(ROOT, *command, "--help", env=C)
    assert chinese.returncode == english.returncode == 0
    assert chinese.stdout.startswith("用法：") and "选项" in chinese.stdout and "显示本帮助后退出。" in chinese.stdout
    assert english.stdout.startswith("Usage:") and "Show this message and exit." in english.stdout
    assert not HAN.search(english.stdout.replace("大字版", ""))
    # every line that explains something (not an option's name alone) has Chinese in it
    described = [line for line in chinese.stdout.splitlines() if re.search(r"[a-z]{3,} [a-z]{3,}", line)]
    assert all(HAN.search(line) for line in described), described


def test_click_errors_are_chinese_too() -> None:
    result = build_py(ROOT, "build", "--no-such-option", env=ZH)
    assert result.returncode == 2
    assert "错误：没有 '--no-such-option' 这个选项。" in result.stderr and "build.py build --help" in result.stderr


def test_check_warns_in_chinese(zh_project: Path, tmp_path: Path) -> None:
    shutil.copytree(zh_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    section = tmp_path / "content/2099/part-1/section-1.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n全年收入下降 300%。\n", encoding="utf-8")
    english = build_py(tmp_path, "check", env=C).stdout.splitlines()
    chinese = build_py(tmp_path, "check", env=ZH).stdout.splitlines()
    assert [to_chinese(line) for line in english] == chinese
    warning = next(line for line in chinese if "300%" in line)
    assert re.fullmatch(
        r"content/2099/part-1/section-1\.md:\d+: 警告：“下降 300%”——下降幅度不可能超过 100%，请核对数字。", warning
    )


def test_the_build_says_what_it_made_and_where_to_open_it(zh_project: Path, tmp_path: Path) -> None:
    shutil.copytree(zh_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    chinese = build_py(tmp_path, "build", "--no-pdf", env=ZH)
    english = build_py(tmp_path, "build", "--no-pdf", "--no-search", env=C)
    assert chinese.returncode == english.returncode == 0
    lines = chinese.stdout.splitlines()
    assert re.fullmatch(r"网站已生成，存放在 output/，用时 \d+\.\d 秒：", lines[0])
    assert re.fullmatch(r"  .+（2099/）：\d+ 个网页，未生成 PDF", lines[1])
    assert lines[-3:-1] == ["  搜索索引：已生成", "  没有警告"]
    assert lines[-1] == "请用浏览器打开 output/index.html 查看网站。"
    assert "  search index: not made (--no-search)" in english.stdout.splitlines()
    assert english.stdout.splitlines()[-1] == "Open output/index.html in a web browser to see it."
    assert build_py(tmp_path, "build", "--no-pdf", "-q", env=ZH).stdout == ""
    kept = build_py(tmp_path, "build", "--no-pdf", env=ZH).stdout.splitlines()  # nothing changed since the last
    assert re.fullmatch(r"自上次构建以来没有任何改动：output/ 已是最新（\d+\.\d 秒）：", kept[0])
    assert kept[1:] == lines[1:]
    verbose = build_py(tmp_path, "build", "--no-pdf", "-v", "--out", "verbose", env=ZH)  # a new folder: a build
    assert "全部重新构建：没有向这个文件夹构建过的记录。" in verbose.stderr.splitlines()
    assert re.search(r"^  读取并检查内容：\d+\.\d\d 秒$", verbose.stderr, re.M), verbose.stderr
    assert re.search(r"^  写入网站文件：\d+\.\d\d 秒$", verbose.stderr, re.M)


@pytest.fixture
def in_chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese for a command run in this process (CliRunner), and English again afterwards for the other tests."""
    monkeypatch.setenv(i18n.ENV, "zh")
    i18n.use("zh")
    try:
        yield
    finally:
        i18n.use("en")


@pytest.mark.parametrize("line,title,raw,stderr", ERROR_CASES, ids=[case_id(c) for c in ERROR_CASES])
def test_bad_text_to_import_is_refused_in_chinese(
    imported: Path, in_chinese: None, line: int, title: str, raw: str, stderr: str
) -> None:
    (imported / "report.txt").write_text(raw, encoding="utf-8")
    before = snapshot(imported)
    result = run_import()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [to_chinese(english) for english in stderr.splitlines()]
    assert all(HAN.search(line) for line in result.stderr.splitlines())
    assert snapshot(imported) == before


def test_the_import_summary_is_chinese(workdir: Path, in_chinese: None) -> None:
    (workdir / "report.txt").write_bytes(SOURCE_2023.read_bytes())
    result = run_import()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("report.txt: ") and HAN.search(lines[0].split(": ", 1)[1]), lines[0]
    assert re.fullmatch(r"已导入 report\.txt：在 content/2023 下写入 \d+ 个文件。.*", lines[-1]), lines[-1]


def test_long_steps_show_on_a_terminal_and_nothing_extra_when_piped(zh_project: Path, tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    shutil.copytree(zh_project, tmp_path, symlinks=True, dirs_exist_ok=True)
    piped = build_py(tmp_path, "build", "--no-pdf", env=ZH)
    assert "正在" not in piped.stderr and "\r" not in piped.stderr
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", "--no-pdf", "--out", "on-a-terminal"],  # not kept: a build
        cwd=tmp_path,
        env={**os.environ, **ZH},
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        stdin=subprocess.DEVNULL,
    )
    os.close(secondary)
    shown = b""
    try:  # read as it comes, so that a full terminal buffer never blocks the build
        while chunk := os.read(primary, 65536):
            shown += chunk
    except OSError:  # the build has ended and closed its end of the terminal
        pass
    os.close(primary)
    process.wait(timeout=120)
    assert process.returncode == 0
    assert "正在生成搜索索引……\r\x1b[K" in shown.decode("utf-8")
