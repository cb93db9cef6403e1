"""Session fixtures: a build cache of the session's own, and the repository's content/ built once for the tests that only read it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli import ROOT, BuiltSite, build_py, is_placeholder_setting

CACHE_VARIABLE = "GOVREPORT_CACHE"


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """GOVREPORT_CACHE points at a folder of this session's for every build, in this process and the ones it starts:
    nothing is written into the user's ~/.cache/govreport. Tests that choose their own cache set the variable for their build."""
    folder = tmp_path_factory.mktemp("govreport-cache")
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(CACHE_VARIABLE, None)
        else:
            os.environ[CACHE_VARIABLE] = before


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "GOVREPORT_LANG")


@pytest.fixture(scope="session", autouse=True)
def english_messages() -> Iterator[None]:
    """The tests read English messages whatever the machine's locale (a Chinese desktop's LANG=zh_CN.UTF-8, say):
    LC_ALL=C.UTF-8 for the commands they start, English in this process. The Chinese is tested on purpose, by
    tests that ask for it (tests/test_i18n.py)."""
    from govreport import i18n

    before = {name: os.environ.get(name) for name in LOCALE_VARIABLES}
    for name in LOCALE_VARIABLES:
        os.environ.pop(name, None)
    os.environ["LC_ALL"] = "C.UTF-8"
    i18n.use("en")
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_repository_site(out: Path, *args: str) -> BuiltSite:
    result = build_py(ROOT, "build", "--out", str(out), *args)
    assert result.returncode == 0, f"build failed:\n{result.stderr}"
    return BuiltSite(out, result)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content/ built once without the PDF, for tests that only read the site. Do not change it."""
    return build_repository_site(tmp_path_factory.mktemp("built-site") / "site", "--no-pdf").root


@pytest.fixture(scope="session")
def built_site_with_pdf(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's content/ built once with its PDF, for tests that read the PDF or its links; any warning but
    the site settings' placeholders fails it (WeasyPrint's too). Not --strict: the real content keeps placeholders
    for the identifiers it does not know (content/index.md), and `--strict` fails on those, as it says. The caller
    asserts on the build's stderr. Do not change it."""
    built = build_repository_site(tmp_path_factory.mktemp("built-site-pdf") / "site")
    others = [line for line in built.result.stderr.splitlines() if not is_placeholder_setting(line)]
    assert not others, "the build warned:\n" + "\n".join(others)
    return built
